using System.Net;
using FairFund.Domain.Applications;
using FairFund.Tests.Web.Apply;
using FairFund.Tests.Web.Panel;
using static FairFund.Tests.Web.Fund.Screenings;

namespace FairFund.Tests.Web.Fund;

/// <summary>The round's screening page: counts, and each sent application with its automatic checks and decision.</summary>
public sealed class ScreeningPageTests(SharedFairFundApp app) : IClassFixture<SharedFairFundApp>
{
    private readonly FairFundFactory _factory = app.ForNextTest();

    [Fact]
    public async Task Get_SeededRound_CountsEachDecisionAndLinksEveryApplication()
    {
        var seed = await PanelRounds.SeedAsync(_factory, applications: 4, members: 0, PanelRoundStage.Screening);
        var now = _factory.Clock.GetUtcNow();
        await SeededApplications.ChangeAsync(_factory, seed.Applications[0], a => a.MarkEligible(now, SignedInClient.Manager));
        await SeededApplications.ChangeAsync(_factory, seed.Applications[1], a => a.MarkIneligible(now, SignedInClient.Manager, "Outside the area"));
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);

        var page = await client.GetStringAsync(new Uri(ScreeningPage, UriKind.Relative));

        Assert.Contains("id=\"count-to-screen\">2<", page);
        Assert.Contains("id=\"count-eligible\">1<", page);
        Assert.Contains("id=\"count-ineligible\">1<", page);
        foreach (var reference in seed.Applications)
            Assert.Contains($"href=\"{ApplicationPage(reference)}\"", page);
        Assert.Contains(">Eligible<", RowOf(page, seed.Applications[0]));
        Assert.Contains(">Not eligible<", RowOf(page, seed.Applications[1]));
        Assert.Contains(">To screen<", RowOf(page, seed.Applications[2]));
        Assert.Contains("Group 3", RowOf(page, seed.Applications[2]));
        Assert.Contains("app-table-wrapper", page);
    }

    [Fact]
    public async Task Get_OutOfRangeAmountAndOutOfAreaPostcode_AreFlaggedOnTheirRowsOnly()
    {
        var seed = await PanelRounds.SeedAsync(_factory, applications: 3, members: 0, PanelRoundStage.Screening);
        await SetAmountAsync(_factory, seed.Applications[0], 250_000m);
        await SetPostcodeAsync(_factory, seed.Applications[1], "B1 1AA");
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);

        var page = await client.GetStringAsync(new Uri(ScreeningPage, UriKind.Relative));

        var tooMuch = RowOf(page, seed.Applications[0]);
        Assert.Equal(("Failed", "Passed"), (OutcomeOf(tooMuch, EligibilityChecks.Amount), OutcomeOf(tooMuch, EligibilityChecks.Area)));
        Assert.Contains("£250,000", tooMuch);
        var outside = RowOf(page, seed.Applications[1]);
        Assert.Equal(("Passed", "Failed"), (OutcomeOf(outside, EligibilityChecks.Amount), OutcomeOf(outside, EligibilityChecks.Area)));
        var fine = RowOf(page, seed.Applications[2]);
        foreach (var check in new[] { EligibilityChecks.Amount, EligibilityChecks.Area, EligibilityChecks.GroupDetails, EligibilityChecks.ProjectDates })
            Assert.Equal("Passed", OutcomeOf(fine, check));
    }

    [Fact]
    public async Task Get_OnlyToScreen_ListsOnlyApplicationsWithoutADecision()
    {
        var seed = await PanelRounds.SeedAsync(_factory, applications: 3, members: 0, PanelRoundStage.Screening);
        await SeededApplications.ChangeAsync(_factory, seed.Applications[0], a => a.MarkEligible(_factory.Clock.GetUtcNow(), SignedInClient.Manager));
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);

        var page = await client.GetStringAsync(new Uri($"{ScreeningPage}?show=to-screen", UriKind.Relative));

        Assert.DoesNotContain($"id=\"application-{seed.Applications[0]}\"", page);
        Assert.Contains($"id=\"application-{seed.Applications[1]}\"", page);
        Assert.Contains($"id=\"application-{seed.Applications[2]}\"", page);
        Assert.Contains($"href=\"{ScreeningPage}\"", page);
    }

    [Fact]
    public async Task Get_DraftsAreNotListed_AndAnUnknownRoundIsNotFound()
    {
        var draft = await _factory.StartAsync(complete: true, number: "0100");
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);

        var page = await client.GetStringAsync(new Uri(ScreeningPage, UriKind.Relative));
        using var unknown = await client.GetAsync(new Uri("/fund/rounds/NO-SUCH-ROUND/screening", UriKind.Relative));

        Assert.DoesNotContain(draft, page);
        Assert.Contains("No applications have been sent to this round.", page);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
