using System.Net;
using FairFund.Domain.Applications;
using FairFund.Domain.Rounds;

namespace FairFund.Tests.Web.Panel;

/// <summary>The seeded panel round other panel tests start from is what it says it is.</summary>
public sealed class PanelRoundsTests : IDisposable
{
    private readonly FairFundFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Seeds_eligible_applications_in_a_round_being_scored_and_members_who_can_sign_in()
    {
        var seed = await PanelRounds.SeedAsync(_factory, applications: 6, members: 2);

        var round = await Apply.Drafts.RoundAsync(_factory);
        Assert.Equal(RoundState.Scoring, round.State);
        Assert.Equal(6, seed.Applications.Distinct().Count());
        foreach (var reference in seed.Applications)
            Assert.Equal(ApplicationState.Eligible, (await Apply.Drafts.LoadAsync(_factory, reference)).Application.State);
        using var member = await SignedInClient.As(_factory, seed.Members[1]);
        using var start = await member.GetAsync(new Uri("/panel", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
    }
}
