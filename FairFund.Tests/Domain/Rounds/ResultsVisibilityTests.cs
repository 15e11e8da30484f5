using FairFund.Domain.Rounds;

namespace FairFund.Tests.Domain.Rounds;

/// <summary>
/// A round's results are public only once its decisions have been sent, so no group reads its outcome on a public
/// page before its own letter; from approval until then only the fund team may preview them.
/// </summary>
public sealed class ResultsVisibilityTests
{
    [Theory]
    [InlineData(RoundState.Draft, ResultsVisibility.None)]
    [InlineData(RoundState.Open, ResultsVisibility.None)]
    [InlineData(RoundState.Screening, ResultsVisibility.None)]
    [InlineData(RoundState.Scoring, ResultsVisibility.None)]
    [InlineData(RoundState.Moderation, ResultsVisibility.None)]
    [InlineData(RoundState.Decided, ResultsVisibility.FundTeamPreview)]
    [InlineData(RoundState.Notified, ResultsVisibility.Public)]
    [InlineData(RoundState.Archived, ResultsVisibility.Public)]
    [InlineData(RoundState.Cancelled, ResultsVisibility.None)]
    public void WhoMaySeeResults_EachState_IsPublicOnlyOnceTheDecisionsAreSent(RoundState state, ResultsVisibility visibility)
    {
        var round = RoundInState.In(state);

        Assert.Equal(visibility, Round.WhoMaySeeResults(round.State));
        Assert.Equal(visibility == ResultsVisibility.Public, Round.AreResultsPublic(round.State));
    }

    [Fact]
    public void AreResultsPublic_ApprovedThenNotified_BecomesTrueWhenTheDecisionsAreSentAndNotBefore()
    {
        var round = RoundInState.In(RoundState.Decided);
        var approvedOnly = Round.AreResultsPublic(round.State);

        round.Notify(RoundInState.Monday.AddDays(30), RoundInState.Manager);

        Assert.False(approvedOnly);
        Assert.True(Round.AreResultsPublic(round.State));
        Assert.NotNull(round.NotifiedAt);
    }
}
