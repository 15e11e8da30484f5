using System.Net;
using FairFund.Domain.Grants;
using FairFund.Domain.Rounds;
using FairFund.Tests.Web.Apply;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Fund;

/// <summary>
/// The fund manager sets a round's grant terms through the grant terms page's own form, rows added with its buttons:
/// kept with who and when, and the grants offered when the decisions are sent are on them; terms the domain refuses
/// are shown at their fields with nothing saved; once the round has closed the terms cannot change.
/// </summary>
public sealed class GrantTermsPageTests(SharedFairFundApp app) : IClassFixture<SharedFairFundApp>
{
    private readonly FairFundFactory factory = app.ForNextTest();

    public static string TermsPage => $"/fund/rounds/{GrantOffers.Round}/grant-terms";

    /// <summary>Half when the group accepts, half when the mid-year report is accepted; a final report and a mid-year report.</summary>
    public static async Task<HttpResponseMessage> SetTwoInstalmentsAsync(HttpClient manager, Dictionary<string, string>? over = null)
    {
        var first = await manager.GetStringAsync(new Uri(TermsPage, UriKind.Relative));
        var addReport = new Dictionary<string, string> { ["add"] = "report" };
        using var withReport = await PageForms.For(first, TermsPage, TermsPage, addReport).SubmitAsync(manager, addReport);
        Assert.Equal(HttpStatusCode.OK, withReport.StatusCode);
        var second = await withReport.Content.ReadAsStringAsync();
        // The report is named before the instalment that waits for it is added, so the new row offers it.
        var addInstalment = new Dictionary<string, string>
        {
            ["Input.Reports[1].Name"] = "Mid-year report",
            ["Input.Reports[1].Due"] = "months",
            ["Input.Reports[1].Months"] = "6",
            ["add"] = "instalment",
        };
        using var withInstalment = await PageForms.For(second, TermsPage, TermsPage, addInstalment).SubmitAsync(manager, addInstalment);
        var third = await withInstalment.Content.ReadAsStringAsync();
        var fields = new Dictionary<string, string>
        {
            ["Input.Instalments[0].Percent"] = "50",
            ["Input.Instalments[0].Rule"] = nameof(ReleaseRule.OnAcceptance),
            ["Input.Instalments[1].Percent"] = "50%",
            ["Input.Instalments[1].Rule"] = nameof(ReleaseRule.OnReportAccepted),
            ["Input.Instalments[1].ReportName"] = "Mid-year report",
            ["Input.Reports[0].Name"] = "Final report",
            ["Input.Reports[0].Months"] = "12",
            ["Input.ProportionateThreshold"] = "£1,000",
            ["Input.DaysToAccept"] = "21",
            ["Input.ReminderDaysBefore"] = "10",
        };
        foreach (var (name, value) in over ?? []) fields[name] = value;
        return await PageForms.For(third, TermsPage, TermsPage, fields).SubmitAsync(manager, fields, button: "Save the grant terms");
    }

    private Task<(GrantTerms Terms, string? By, DateTimeOffset? At)> StoredAsync() =>
        factory.WithScopeAsync(async services =>
        {
            var round = await services.GetRequiredService<FairFundDbContext>().Rounds.AsNoTracking().SingleAsync(r => r.Reference == GrantOffers.Round);
            return (round.GrantTerms, round.GrantTermsSetBy, round.GrantTermsSetAt);
        });

    [Fact]
    public async Task Save_InstalmentsAndReportsAddedWithTheButtons_KeepsThemWithWhoAndWhenAndGrantsAreOfferedOnThem()
    {
        using var manager = await SignedInClient.As(factory, SignedInClient.Manager);
        Assert.Contains($"href=\"{TermsPage}\"", await manager.GetStringAsync(new Uri(Moderating.RoundPage, UriKind.Relative)), StringComparison.Ordinal);

        using var saved = await SetTwoInstalmentsAsync(manager);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (terms, by, at) = await StoredAsync();
        Assert.Equal([new Instalment(50m, ReleaseRule.OnAcceptance), new Instalment(50m, ReleaseRule.OnReportAccepted, null, "Mid-year report")], terms.Schedule);
        Assert.Equal([new ExpectedReport("Final report", null, 12, IsFinal: true), new ExpectedReport("Mid-year report", null, 6, IsFinal: false)], terms.Reports);
        Assert.Equal((1000m, 21, 10), (terms.ProportionateThreshold, terms.DaysToAccept, terms.ReminderDaysBefore));
        Assert.Equal(SignedInClient.Manager, by);
        Assert.Equal(factory.Clock.GetUtcNow(), at);
        var page = WebUtility.HtmlDecode(await manager.GetStringAsync(new Uri(TermsPage, UriKind.Relative)));
        Assert.Contains("The grant terms are saved.", page, StringComparison.Ordinal);
        Assert.Contains($"by {SignedInClient.Manager}", page, StringComparison.Ordinal);

        // The decisions sent, each funded group is offered its grant on these terms: £1,500 in two payments of £750.
        using var _ = await GrantOffers.SentAsync(factory);
        var payments = await factory.WithScopeAsync(async services =>
            (await services.GetRequiredService<FairFundDbContext>().Grants.SingleAsync(g => g.Reference == GrantOffers.Own)).Payments.Select(p => (p.Amount, p.Release.Rule)).ToList());
        Assert.Equal([(750m, ReleaseRule.OnAcceptance), (750m, ReleaseRule.OnReportAccepted)], payments);
    }

    [Fact]
    public async Task Save_PercentagesNotAddingUpAndBadNumbers_SaysSoAtEachFieldAndSavesNothing()
    {
        using var manager = await SignedInClient.As(factory, SignedInClient.Manager);

        using var refused = await SetTwoInstalmentsAsync(manager, new()
        {
            ["Input.Instalments[1].Percent"] = "40",
            ["Input.Reports[1].Months"] = "six",
            ["Input.Reports[0].Name"] = "",
            ["Input.DaysToAccept"] = "500",
        });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        string[] expected =
        [
            "<a href=\"#schedule\">The instalments must add up to exactly 100% of the grant; they add up to 90%</a>",
            "<a href=\"#reports-0-name\">Enter a name for report 1</a>",
            "<a href=\"#reports-1-months-after-acceptance\">Enter the months after acceptance that report 2 is due as a whole number, like 6</a>",
            "<a href=\"#days-to-accept\">The days a group has to accept an offer must be from 1 to 180</a>",
        ];
        var at = expected.Select(error => page.IndexOf(error, StringComparison.Ordinal)).ToList();
        Assert.All(at.Zip(expected), found => Assert.True(found.First >= 0, $"the error summary does not have {found.Second}"));
        Assert.Equal(at.Order(), at);
        Assert.Contains("id=\"reports-1-months-after-acceptance-error\"", page, StringComparison.Ordinal);
        // What was typed is kept.
        Assert.Contains("value=\"six\"", page, StringComparison.Ordinal);
        var (terms, by, _) = await StoredAsync();
        Assert.Equal(GrantTerms.Default.Schedule, terms.Schedule);
        Assert.Equal(GrantTerms.Default.Reports, terms.Reports);
        Assert.Null(by);
    }

    [Fact]
    public async Task Page_RoundClosed_SaysTheTermsCannotChangeAndHasNoSaveButton()
    {
        await factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var round = await db.Rounds.SingleAsync(r => r.Reference == GrantOffers.Round);
            round.Close(factory.Clock.GetUtcNow(), SignedInClient.Manager);
            await db.SaveChangesAsync();
        });
        using var manager = await SignedInClient.As(factory, SignedInClient.Manager);

        var page = WebUtility.HtmlDecode(await manager.GetStringAsync(new Uri(TermsPage, UriKind.Relative)));

        Assert.Contains($"The grant terms cannot change now: the round is {Round.Describe(RoundState.Screening)}.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Save the grant terms</button>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Add another instalment</button>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_NoSuchRound_IsNotFound()
    {
        using var manager = await SignedInClient.As(factory, SignedInClient.Manager);

        using var response = await manager.GetAsync(new Uri("/fund/rounds/NO-SUCH-ROUND/grant-terms", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
