using FairFund.Domain.Rounds;

namespace FairFund.Tests.Domain.Rounds;

public sealed class PanelPhaseTests
{
    [Theory]
    [InlineData(RoundState.Draft, PanelPhase.TakingApplications)]
    [InlineData(RoundState.Open, PanelPhase.TakingApplications)]
    [InlineData(RoundState.Screening, PanelPhase.Screening)]
    [InlineData(RoundState.Scoring, PanelPhase.Scoring)]
    [InlineData(RoundState.Moderation, PanelPhase.Moderation)]
    [InlineData(RoundState.Decided, PanelPhase.Decided)]
    [InlineData(RoundState.Notified, PanelPhase.Decided)]
    [InlineData(RoundState.Archived, PanelPhase.Decided)]
    [InlineData(RoundState.Cancelled, PanelPhase.Cancelled)]
    public void PhaseForPanel_EachState_IsThePartOfThePanelsWorkItIsAt(RoundState state, PanelPhase phase) =>
        Assert.Equal(phase, Round.PhaseForPanel(state));

    [Fact]
    public void PhaseForPanel_EveryState_HasAPhase() =>
        Assert.All(Enum.GetValues<RoundState>(), state => Assert.True(Enum.IsDefined(Round.PhaseForPanel(state))));
}
