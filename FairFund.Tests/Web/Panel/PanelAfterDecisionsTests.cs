using System.Net;
using FairFund.Tests.Web.Apply;
using FairFund.Tests.Web.Fund;

namespace FairFund.Tests.Web.Panel;

/// <summary>
/// Once a round's decisions are sent, the panel pages say what each member did and ask nothing more of them (issue 18):
/// the walk found a member told "read it and score it" and shown "Still to score" for a round already decided.
/// </summary>
public sealed class PanelAfterDecisionsTests : IDisposable
{
    private readonly FairFundFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Get_PanelPages_AfterTheDecisionsAreSent_NoLongerAskToScore()
    {
        var seed = await PanelRounds.SeedAsync(_factory, applications: 3, members: 2);
        await PanelRounds.ReviewAllAsync(_factory, seed, (application, member) => member == 1 && application == 2 ? null : Moderating.SpreadScores(application, member));
        await PanelRounds.AssignAsync(_factory, seed.Applications[2], seed.Members[1]);
        using var manager = await SignedInClient.As(_factory, SignedInClient.Manager);
        await Moderating.CloseScoringAsync(manager, "One member could not finish in time");
        await Moderating.ApproveAsync(manager);
        using (var sent = await manager.PostFormAsync(GrantOffers.DecisionsPage + "?handler=Send", [], GrantOffers.DecisionsPage))
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        using var member = await SignedInClient.As(_factory, seed.Members[1]);

        var start = await member.GetStringAsync(new Uri("/panel", UriKind.Relative));
        var round = await member.GetStringAsync(new Uri(PanelPages.RoundPath, UriKind.Relative));

        Assert.DoesNotContain("Still to score", start);
        Assert.DoesNotContain("Conflicts still to declare", start);
        Assert.Contains("data-count=\"submitted\">2<", start);
        Assert.Contains("data-count=\"not-scored\">1<", start);
        Assert.DoesNotContain("score it", round);
        Assert.DoesNotContain("Not started", round);
        Assert.DoesNotContain("Declare any conflict", round);
        Assert.Contains("Scoring has closed, so there is nothing more to score", round);
        Assert.Contains("Not scored", round);
    }
}
