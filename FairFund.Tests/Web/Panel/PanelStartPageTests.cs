using FairFund.Tests.Browser;

namespace FairFund.Tests.Web.Panel;

/// <summary>The panel's start page says where each round is, in the words for its phase.</summary>
public sealed class PanelStartPageTests(SharedFairFundApp app) : IClassFixture<SharedFairFundApp>
{
    private readonly FairFundFactory _factory = app.ForNextTest();

    [Fact]
    public async Task Get_PanelStart_RoundStillOpen_SaysItIsTakingApplicationsNotThatScoringHasClosed()
    {
        using var member = await SignedInClient.As(_factory, SignedInClient.Panel);

        var page = await member.GetStringAsync(new Uri("/panel", UriKind.Relative));

        Assert.Contains("Community Mental Health Fund 2027", page);
        Assert.Contains("The round is still taking applications.", page);
        Assert.DoesNotContain("Scoring has closed", page);
    }

    [Fact]
    public async Task Get_PanelStart_RoundDecided_SaysTheResultsHaveBeenDecided()
    {
        var seed = await DecidedRound.DecideAsync(_factory);
        using var member = await SignedInClient.As(_factory, seed.Members[0]);

        var page = await member.GetStringAsync(new Uri("/panel", UriKind.Relative));

        Assert.Contains("Scoring has closed and the results have been decided.", page);
    }
}
