using FairFund.Domain.Applications;
using FairFund.Domain.Rounds;
using static FairFund.Tests.Domain.Applications.ApplicationInState;

namespace FairFund.Tests.Domain.Applications;

/// <summary>
/// What a group may see of its application (<see cref="Application.AsTheGroupSees"/>): a decision is held back
/// while its round is decided and not yet sent, on every page the group opens, and shown once it is sent.
/// </summary>
public sealed class WhatTheGroupSeesTests
{
    [Theory]
    [InlineData(ApplicationState.Awarded)]
    [InlineData(ApplicationState.Waitlisted)]
    [InlineData(ApplicationState.Declined)]
    public void AsTheGroupSees_DecidedWhileTheRoundHoldsDecisions_IsScoredWithNoDecisionAndNoDecisionInItsHistory(ApplicationState state)
    {
        var application = In(state);

        var seen = application.AsTheGroupSees(RoundState.Decided);

        Assert.Equal(ApplicationState.Scored, seen.State);
        Assert.Null(seen.Decision);
        Assert.Equal(application.History.Take(application.History.Count - 1), seen.History);
        Assert.Equal(nameof(ApplicationState.Scored), seen.History[^1].To);
    }

    [Theory]
    [InlineData(ApplicationState.Awarded, RoundState.Notified)]
    [InlineData(ApplicationState.Declined, RoundState.Archived)]
    public void AsTheGroupSees_DecisionsSent_IsTheApplicationAsItIs(ApplicationState state, RoundState round)
    {
        var application = In(state);

        var seen = application.AsTheGroupSees(round);

        Assert.Equal((state, application.Decision, application.History.Count), (seen.State, seen.Decision, seen.History.Count));
        Assert.NotNull(seen.Decision);
    }

    [Theory]
    [InlineData(ApplicationState.Submitted)]
    [InlineData(ApplicationState.Ineligible)]
    [InlineData(ApplicationState.Withdrawn)]
    public void AsTheGroupSees_NotDecidedWhileTheRoundHoldsDecisions_IsTheApplicationAsItIs(ApplicationState state)
    {
        var application = In(state);

        var seen = application.AsTheGroupSees(RoundState.Decided);

        Assert.Equal((state, application.History.Count), (seen.State, seen.History.Count));
    }

    [Theory]
    [InlineData(ApplicationState.Awarded, RoundState.Decided, ApplicationState.Scored)]
    [InlineData(ApplicationState.Waitlisted, RoundState.Decided, ApplicationState.Scored)]
    [InlineData(ApplicationState.Declined, RoundState.Decided, ApplicationState.Scored)]
    [InlineData(ApplicationState.Ineligible, RoundState.Decided, ApplicationState.Ineligible)]
    [InlineData(ApplicationState.Awarded, RoundState.Notified, ApplicationState.Awarded)]
    [InlineData(ApplicationState.Awarded, RoundState.Open, ApplicationState.Awarded)]
    public void StateForGroup_EachCase_HidesOnlyAHeldDecision(ApplicationState state, RoundState round, ApplicationState shown) =>
        Assert.Equal(shown, Application.StateForGroup(state, round));

    [Theory]
    [InlineData(ApplicationState.Draft, true, 1, true)]
    [InlineData(ApplicationState.Draft, true, 0, false)]
    [InlineData(ApplicationState.Draft, false, 1, false)]
    [InlineData(ApplicationState.Submitted, true, 1, false)]
    public void CanGroupContinue_EachCase_OnlyADraftWhileItsRoundTakesApplications(ApplicationState state, bool roundOpen, int daysToClosing, bool can) =>
        Assert.Equal(can, Application.CanGroupContinue(state, new SubmissionWindow(roundOpen, Monday.AddDays(daysToClosing), Monday)));

    [Fact]
    public void WhyGroupCannotWithdraw_DecidedWhileHeld_SaysADecisionIsComingWithoutSayingWhich()
    {
        var why = Assert.Single(In(ApplicationState.Awarded).WhyGroupCannotWithdraw(RoundState.Decided));

        Assert.Equal("the funding decision has been made, and will be sent to you soon", why);
    }

    [Fact]
    public void WhyGroupCannotWithdraw_DecidedAndSent_GivesTheLifecyclesReason() =>
        Assert.Equal(In(ApplicationState.Awarded).WhyNot(ApplicationTrigger.Withdraw), In(ApplicationState.Awarded).WhyGroupCannotWithdraw(RoundState.Notified));

    [Fact]
    public void WhyGroupCannotWithdraw_Submitted_IsEmpty() =>
        Assert.Empty(In(ApplicationState.Submitted).WhyGroupCannotWithdraw(RoundState.Screening));
}
