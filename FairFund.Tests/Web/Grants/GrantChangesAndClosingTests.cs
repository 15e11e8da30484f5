using System.Net;
using FairFund.Domain.Grants;
using FairFund.Tests.Web.Apply;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Grants;

/// <summary>
/// Changes during the grant and its closing, each step through its page's own form: the group asks to change the
/// project's dates and its budget lines, each with a reason; the fund manager refuses one and agrees the other, with
/// reasons; both agreement pages list every change with who, when, what and the decision. Closing is refused in the
/// domain's words while reports and payments are outstanding, then records the money returned, after which the
/// grant offers no change. Another group's grant is not found at any of the new handlers.
/// </summary>
public sealed class GrantChangesAndClosingTests : IDisposable
{
    private readonly FairFundFactory factory = new() { RunRoundClock = false };

    public void Dispose() => factory.Dispose();

    private static string ChangePage(string reference) => $"/apply/applications/{reference}/grant/change";

    private static string FundChangePage(int number) => $"{GrantOffers.FundGrantPage(GrantOffers.Own)}/changes/{number}";

    private static string ClosePage => $"{GrantOffers.FundGrantPage(GrantOffers.Own)}/close";

    private static async Task<string> PageAsync(HttpClient client, string path) =>
        WebUtility.HtmlDecode(await client.GetStringAsync(new Uri(path, UriKind.Relative)));

    /// <summary>Chooses what to change on the first step's GET form, then submits the second step's form with <paramref name="typed"/>.</summary>
    private static async Task<HttpResponseMessage> AskAsync(HttpClient group, string kind, Dictionary<string, string> typed)
    {
        var first = ChangePage(GrantOffers.Own);
        var choose = PageForms.FindGet(await group.GetStringAsync(new Uri(first, UriKind.Relative)), first, "kind-form");
        var second = choose.QueryAddress(new Dictionary<string, string> { ["Kind"] = kind }).OriginalString;
        var html = await group.GetStringAsync(new Uri(second, UriKind.Relative));
        return await PageForms.For(html, second, second, typed).SubmitAsync(group, typed);
    }

    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string page, Dictionary<string, string> fields, string? handler = null)
    {
        var html = await client.GetStringAsync(new Uri(page, UriKind.Relative));
        return await PageForms.For(html, page, handler is null ? page : $"{page}?handler={handler}", fields).SubmitAsync(client, fields);
    }

    private Task<Grant> StoredAsync() =>
        factory.WithScopeAsync(async services => await services.GetRequiredService<FairFundDbContext>().Grants.AsNoTracking().SingleAsync(g => g.Reference == GrantOffers.Own));

    [Fact]
    public async Task Changes_DatesRefusedBudgetAgreed_ChangeTheGrantOnlyAsAgreedAndBothAgreementsListEachWithWhoAndWhen()
    {
        var (manager, group) = await GrantJourney.ActiveAsync(factory);
        using var _ = manager;
        using var __ = group;

        using (var noReason = await AskAsync(group, "dates", new() { ["Input.End.Day"] = "1", ["Input.End.Month"] = "1", ["Input.End.Year"] = "2026" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
            var page = WebUtility.HtmlDecode(await noReason.Content.ReadAsStringAsync());
            Assert.Contains("<a href=\"#end-day\">The end date must be the same as or after the start date</a>", page, StringComparison.Ordinal);
            Assert.Contains("<a href=\"#reason\">Say why you are asking for the change</a>", page, StringComparison.Ordinal);
        }
        Assert.Empty((await StoredAsync()).Changes);

        using (var dates = await AskAsync(group, "dates", new()
        {
            ["Input.Start.Day"] = "1", ["Input.Start.Month"] = "7", ["Input.Start.Year"] = "2027",
            ["Input.End.Day"] = "30", ["Input.End.Month"] = "9", ["Input.End.Year"] = "2028",
            ["Input.Reason"] = "The hall is booked until July.",
        }))
            Assert.Equal(HttpStatusCode.Redirect, dates.StatusCode);
        using (var budget = await AskAsync(group, "budget", new()
        {
            ["Input.Lines[0].Cost"] = "1000", ["Input.Lines[1].Cost"] = "300",
            ["Input.Lines[2].Item"] = "Room hire", ["Input.Lines[2].Cost"] = "200",
            ["Input.Reason"] = "The church now charges for the room.",
        }))
            Assert.Equal(HttpStatusCode.Redirect, budget.StatusCode);
        var asked = await StoredAsync();
        Assert.Equal([(1, ChangeStatus.Asked, SignedInClient.Applicant), (2, ChangeStatus.Asked, SignedInClient.Applicant)],
            asked.Changes.Select(change => (change.Number, change.Status, change.AskedBy)));

        factory.Clock.Advance(TimeSpan.FromHours(2));
        using (var noReason = await SubmitAsync(manager, FundChangePage(1), new() { ["Input.Decision"] = "refuse" }))
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        using (var refused = await SubmitAsync(manager, FundChangePage(1), new() { ["Input.Decision"] = "refuse", ["Input.Reason"] = "The project must end when the round does." }))
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        using (var agreed = await SubmitAsync(manager, FundChangePage(2), new() { ["Input.Decision"] = "agree" }))
            Assert.Equal(HttpStatusCode.Redirect, agreed.StatusCode);

        var decided = await StoredAsync();
        Assert.Equal(asked.StartDate, decided.StartDate);
        Assert.Equal([("Peer supporter expenses", 1000m), ("Insurance", 300m), ("Room hire", 200m)], decided.Budget.Select(line => (line.Item, line.Cost)));
        Assert.Equal([(ChangeStatus.Refused, SignedInClient.Manager, factory.Clock.GetUtcNow()), (ChangeStatus.Agreed, SignedInClient.Manager, factory.Clock.GetUtcNow())],
            decided.Changes.Select(change => (change.Status, change.DecidedBy!, change.DecidedAt!.Value)));
        foreach (var (client, path) in new[] { (group, GrantOffers.GrantPage(GrantOffers.Own)), (manager, GrantOffers.FundGrantPage(GrantOffers.Own)) })
        {
            var page = await PageAsync(client, path);
            Assert.Contains("Change 1: Project dates to 1 July 2027 to 30 September 2028", page, StringComparison.Ordinal);
            Assert.Contains("Why: The hall is booked until July.", page, StringComparison.Ordinal);
            Assert.Contains($"by {SignedInClient.Manager}: The project must end when the round does.", page, StringComparison.Ordinal);
            Assert.Contains("Change 2: Budget to: Peer supporter expenses £1,000; Insurance £300; Room hire £200", page, StringComparison.Ordinal);
            Assert.Contains($"Asked at {FairFund.Web.UkTime.Format(asked.Changes[0].AskedAt)} (UK time) by {SignedInClient.Applicant}", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Close_WhileReportsAndPaymentsAreOutstanding_SaysWhatInTheDomainsWordsThenRecordsMoneyReturnedAndTheGrantIsReadOnly()
    {
        var (manager, group) = await GrantJourney.ActiveAsync(factory);
        using var _ = manager;
        using var __ = group;

        var refusedPage = await PageAsync(manager, ClosePage);
        Assert.Contains("The grant cannot be closed: it needs the ", refusedPage, StringComparison.Ordinal);
        Assert.Contains("it needs payment 1 (£750) paid: it was released when the group accepts the offer", refusedPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Close the grant</button>", refusedPage, StringComparison.Ordinal);

        // Every report sent and accepted, every payment paid, through their own pages.
        using (var paid = await GrantJourney.MarkPaidAsync(manager, 1, new() { ["Input.Reference"] = "BACS-0001" }))
            Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        foreach (var number in new[] { 2, 1 })
        {
            var reportPage = GrantJourney.ReportPage(GrantOffers.Own, number);
            var form = PageForms.All(await group.GetStringAsync(new Uri(reportPage, UriKind.Relative)), reportPage).Single();
            var candidates = new Dictionary<string, string>
            {
                ["Input.Achieved[0].Indicators[0]"] = "30", ["Input.WhatChanged"] = "Walkers meet every week now.",
                ["Input.LivedExperience"] = "Walkers chose the routes and judged each season.", ["Input.Spent[0]"] = "1200", ["Input.Spent[1]"] = "300",
            };
            var answers = candidates.Where(field => form.Controls.Any(control => control.Name == field.Key)).ToDictionary(field => field.Key, field => field.Value);
            answers["action"] = "send";
            using (var sent = await form.SubmitAsync(group, answers))
                Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
            using (var accepted = await SubmitAsync(manager, GrantJourney.FundReportPage(GrantOffers.Own, number), [], "Accept"))
                Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        }
        using (var paid = await GrantJourney.MarkPaidAsync(manager, 2, new() { ["Input.Reference"] = "BACS-0002" }))
            Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);

        using (var tooMuch = await SubmitAsync(manager, ClosePage, new() { ["Input.Returned"] = "1500.01" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tooMuch.StatusCode);
            Assert.Contains("<a href=\"#returned\">The money returned must be from £0 to £1,500, the money paid</a>", WebUtility.HtmlDecode(await tooMuch.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }
        Assert.Equal(GrantState.Active, (await StoredAsync()).State);
        using (var closed = await SubmitAsync(manager, ClosePage, new() { ["Input.Returned"] = "45.50", ["Input.Note"] = "The insurance cost less than planned." }))
            Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);

        var stored = await StoredAsync();
        Assert.Equal((GrantState.Closed, 1500m, 45.50m, SignedInClient.Manager), (stored.State, stored.Closure!.Paid, stored.Closure.Returned, stored.Closure.By));
        var groupPage = await PageAsync(group, GrantOffers.GrantPage(GrantOffers.Own));
        Assert.Contains("£1,500 paid, £45.50 returned", groupPage, StringComparison.Ordinal);
        Assert.DoesNotContain("ask-change-link", groupPage, StringComparison.Ordinal);
        Assert.DoesNotContain("change-bank-link", groupPage, StringComparison.Ordinal);
        Assert.DoesNotContain("<form method=\"post\"", await group.GetStringAsync(new Uri(ChangePage(GrantOffers.Own), UriKind.Relative)), StringComparison.Ordinal);
        Assert.DoesNotContain("<form method=\"post\"", await group.GetStringAsync(new Uri(GrantBankChange.BankPage(GrantOffers.Own), UriKind.Relative)), StringComparison.Ordinal);
        Assert.DoesNotContain("close-link", await PageAsync(manager, GrantOffers.FundGrantPage(GrantOffers.Own)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task AnotherGroupsGrant_AtTheChangeHandlers_IsNotFoundAndUnchanged(string method)
    {
        var (manager, group) = await GrantJourney.ActiveAsync(factory);
        using var _ = manager;
        using var __ = group;
        var path = ChangePage(GrantOffers.Other) + "?kind=dates";

        using var response = method == "GET"
            ? await group.GetAsync(new Uri(path, UriKind.Relative))
            : await group.PostComposedAsync(path, new() { ["Kind"] = "dates", ["Input.Start.Day"] = "1", ["Input.Start.Month"] = "7", ["Input.Start.Year"] = "2027",
                ["Input.End.Day"] = "1", ["Input.End.Month"] = "8", ["Input.End.Year"] = "2028", ["Input.Reason"] = "Taken over" }, formPage: ChangePage(GrantOffers.Own) + "?kind=dates");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var other = await factory.WithScopeAsync(async services =>
            await services.GetRequiredService<FairFundDbContext>().Grants.AsNoTracking().SingleAsync(g => g.Reference == GrantOffers.Other));
        Assert.Empty(other.Changes);
    }
}
