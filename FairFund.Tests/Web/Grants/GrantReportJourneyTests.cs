using System.Net;
using FairFund.Domain.Grants;
using FairFund.Tests.Web.Apply;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Grants;

/// <summary>
/// The whole of a grant's middle, each step through its page's own form: the group accepts its offer, which releases
/// the first payment, marked paid; it writes its mid-year report, saves it and comes back, is told at each field what
/// is missing, sends it; the fund manager asks for more with a reason; the group sends it again; the fund manager
/// accepts it, which releases the next payment. Another group reaches none of it.
/// </summary>
public sealed class GrantReportJourneyTests : IDisposable
{
    private readonly FairFundFactory factory = new() { RunRoundClock = false };

    public void Dispose() => factory.Dispose();

    private static readonly string MidYear = GrantJourney.ReportPage(GrantOffers.Own, 2);
    private static readonly string FundMidYear = GrantJourney.FundReportPage(GrantOffers.Own, 2);

    private Task<(ReportState State, ReportContent Content, int Versions, string? Reason, string LastActor)> StoredReportAsync(int number) =>
        factory.WithScopeAsync(async services =>
        {
            var grant = await services.GetRequiredService<FairFundDbContext>().Grants.AsNoTracking().SingleAsync(g => g.Reference == GrantOffers.Own);
            var report = grant.Reports.Single(r => r.Number == number);
            return (report.State, report.Content, report.Versions.Count, report.MoreAskedReason, report.History.Count > 0 ? report.History[^1].Actor : "");
        });

    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string page, Dictionary<string, string> fields, string? handler = null)
    {
        var html = await client.GetStringAsync(new Uri(page, UriKind.Relative));
        return await PageForms.For(html, page, handler is null ? page : $"{page}?handler={handler}", fields).SubmitAsync(client, fields);
    }

    [Fact]
    public async Task Journey_AcceptPayReportAskForMoreSendAgainAccept_ReleasesTheNextPayment()
    {
        var (manager, group) = await GrantJourney.ActiveAsync(factory);
        using var _ = manager;
        using var __ = group;

        // Accepting released the first payment: the fund pays it and marks it paid.
        factory.Clock.Advance(TimeSpan.FromDays(1));
        using (var paid = await GrantJourney.MarkPaidAsync(manager, 1, new() { ["Input.Reference"] = "BACS-0001" }))
            Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        Assert.Contains("0 payments, £0", WebUtility.HtmlDecode(await manager.GetStringAsync(new Uri(GrantJourney.PaymentsPage, UriKind.Relative))), StringComparison.Ordinal);

        // The group's grant page lists its reports.
        var grantPage = WebUtility.HtmlDecode(await group.GetStringAsync(new Uri(GrantOffers.GrantPage(GrantOffers.Own), UriKind.Relative)));
        Assert.Contains($"href=\"{MidYear}\">Mid-year report</a>: due by 1 September 2027", grantPage, StringComparison.Ordinal);

        // Saved part-written, and there when the group comes back.
        using (var saved = await SubmitAsync(group, MidYear, new() { ["Input.Achieved[0].Indicators[0]"] = "12", ["Input.WhatChanged"] = "Walkers meet every week now.", ["action"] = "save" }))
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var draft = await StoredReportAsync(2);
        Assert.Equal((ReportState.Draft, "Walkers meet every week now.", SignedInClient.Applicant), (draft.State, draft.Content.WhatChanged, draft.LastActor));
        var back = await group.GetStringAsync(new Uri(MidYear, UriKind.Relative));
        Assert.Matches("name=\"Input\\.Achieved\\[0\\]\\.Indicators\\[0\\]\"[^>]*value=\"12\"", back);
        Assert.Contains("Walkers meet every week now.</textarea>", back, StringComparison.Ordinal);

        // Sent with questions unanswered: each is said at its field, and the draft is kept.
        using (var incomplete = await SubmitAsync(group, MidYear, new() { ["action"] = "send" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
            var page = WebUtility.HtmlDecode(await incomplete.Content.ReadAsStringAsync());
            var lived = page.IndexOf("<a href=\"#lived-experience\">Say how people with lived experience shaped and judged the work</a>", StringComparison.Ordinal);
            var spent = page.IndexOf("<a href=\"#spent-0\">Enter what was spent on Peer supporter expenses: 0 if nothing</a>", StringComparison.Ordinal);
            Assert.True(lived >= 0 && spent > lived, page[..Math.Min(page.Length, 4000)]);
        }
        Assert.Equal(ReportState.Draft, (await StoredReportAsync(2)).State);

        var answers = new Dictionary<string, string>
        {
            ["Input.LivedExperience"] = "Walkers chose the routes and judged each season.",
            ["Input.Spent[0]"] = "400",
            ["Input.Spent[1]"] = "£300",
            ["action"] = "send",
        };
        using (var sent = await SubmitAsync(group, MidYear, answers))
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal(ReportState.Sent, (await StoredReportAsync(2)).State);

        // The fund manager reads it and asks for more, with a reason.
        var read = WebUtility.HtmlDecode(await manager.GetStringAsync(new Uri(FundMidYear, UriKind.Relative)));
        Assert.Contains("12 people, against a target of 40 people", read, StringComparison.Ordinal);
        Assert.Contains("<dd class=\"govuk-summary-list__value\" id=\"underspend\">£50</dd>", read, StringComparison.Ordinal);
        Assert.Contains("Payment 2, £750", read, StringComparison.Ordinal);
        using (var noReason = await SubmitAsync(manager, FundMidYear, new() { ["Reason"] = " " }, "AskForMore"))
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(ReportState.Sent, (await StoredReportAsync(2)).State);
        using (var asked = await SubmitAsync(manager, FundMidYear, new() { ["Reason"] = "Say how many walkers came back after the first month." }, "AskForMore"))
            Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var moreAsked = await StoredReportAsync(2);
        Assert.Equal((ReportState.MoreAsked, "Say how many walkers came back after the first month.", SignedInClient.Manager), (moreAsked.State, moreAsked.Reason, moreAsked.LastActor));

        // The group reads the reason and sends again.
        var again = WebUtility.HtmlDecode(await group.GetStringAsync(new Uri(MidYear, UriKind.Relative)));
        Assert.Contains("Say how many walkers came back after the first month.", again, StringComparison.Ordinal);
        using (var resent = await SubmitAsync(group, MidYear, new() { ["Input.WhatChanged"] = "Walkers meet every week now; nine of twelve came back after the first month.", ["action"] = "send" }))
            Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        var second = await StoredReportAsync(2);
        Assert.Equal((ReportState.Sent, 2), (second.State, second.Versions));

        // Accepted, it releases the next payment.
        using (var accepted = await SubmitAsync(manager, FundMidYear, [], "Accept"))
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var done = WebUtility.HtmlDecode(await manager.GetStringAsync(new Uri(FundMidYear, UriKind.Relative)));
        Assert.Contains("The report is accepted. It released payment 2 (£750), now due on the payments page.", done, StringComparison.Ordinal);
        var final = await StoredReportAsync(2);
        Assert.Equal((ReportState.Accepted, SignedInClient.Manager), (final.State, final.LastActor));
        var payments = WebUtility.HtmlDecode(await manager.GetStringAsync(new Uri(GrantJourney.PaymentsPage, UriKind.Relative)));
        Assert.Contains("1 payment, £750", payments, StringComparison.Ordinal);
        Assert.Contains("CW-MH-2027-R1-0001: payment 2", payments, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryReportHandler_AnotherGroupsGrant_IsNotFound()
    {
        var (manager, group) = await GrantJourney.ActiveAsync(factory);
        using var _ = manager;
        using var __ = group;
        using var other = await GrantOffers.OtherGroupAsync(factory);
        // A page of the other group's own, for a token their session holds.
        var ownForm = GrantOffers.AcceptPage(GrantOffers.Other);

        using var get = await other.GetAsync(new Uri(MidYear, UriKind.Relative));
        using var save = await other.PostComposedAsync(MidYear, new() { ["Input.WhatChanged"] = "Taken over", ["action"] = "save" }, ownForm);
        using var send = await other.PostComposedAsync(MidYear, new() { ["Input.WhatChanged"] = "Taken over", ["action"] = "send" }, ownForm);
        using var missing = await group.GetAsync(new Uri(GrantJourney.ReportPage(GrantOffers.Own, 9), UriKind.Relative));
        using var fundMissing = await manager.GetAsync(new Uri(GrantJourney.FundReportPage(GrantOffers.Own, 9), UriKind.Relative));

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound],
            new[] { get.StatusCode, save.StatusCode, send.StatusCode, missing.StatusCode, fundMissing.StatusCode });
        Assert.Equal(ReportState.Due, (await StoredReportAsync(2)).State);
        // The fund's report page is the fund's alone.
        using var groupOnFundPage = await group.GetAsync(new Uri(FundMidYear, UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.OK, groupOnFundPage.StatusCode);
    }
}
