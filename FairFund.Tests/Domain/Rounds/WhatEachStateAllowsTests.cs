using FairFund.Domain.Rounds;

namespace FairFund.Tests.Domain.Rounds;

/// <summary>
/// What the panel and the fund team may do in each round state: invite, assign, record a conflict, declare,
/// score, screen, and whether groups may see their decisions. Every state is listed, so a new state fails here
/// until someone decides what it allows.
/// </summary>
public sealed class WhatEachStateAllowsTests
{
    [Theory]
    [InlineData(RoundState.Draft, true)]
    [InlineData(RoundState.Open, true)]
    [InlineData(RoundState.Screening, true)]
    [InlineData(RoundState.Scoring, true)]
    [InlineData(RoundState.Moderation, true)]
    [InlineData(RoundState.Decided, false)]
    [InlineData(RoundState.Notified, false)]
    [InlineData(RoundState.Archived, false)]
    [InlineData(RoundState.Cancelled, false)]
    public void WhyPanelInvitesAreClosed_EachState_OpenUntilApprovalOrCancelling(RoundState state, bool open)
    {
        var why = Round.WhyPanelInvitesAreClosed(state);
        if (open) Assert.Null(why);
        else Assert.Equal($"You cannot invite panel members now: the round is {Round.Describe(state)}", why);
    }

    [Theory]
    [InlineData(RoundState.Draft, false)]
    [InlineData(RoundState.Open, false)]
    [InlineData(RoundState.Screening, true)]
    [InlineData(RoundState.Scoring, true)]
    [InlineData(RoundState.Moderation, false)]
    [InlineData(RoundState.Decided, false)]
    [InlineData(RoundState.Notified, false)]
    [InlineData(RoundState.Archived, false)]
    [InlineData(RoundState.Cancelled, false)]
    public void WhyAssignmentIsClosed_EachState_OpenOnlyWhileScreenedOrScored(RoundState state, bool open)
    {
        var why = Round.WhyAssignmentIsClosed(state);
        if (open) Assert.Null(why);
        else Assert.Equal($"Reviews can be assigned only while the round is being screened or scored; it is {Round.Describe(state)}", why);
    }

    [Theory]
    [InlineData(RoundState.Draft, true)]
    [InlineData(RoundState.Open, true)]
    [InlineData(RoundState.Screening, true)]
    [InlineData(RoundState.Scoring, true)]
    [InlineData(RoundState.Moderation, true)]
    [InlineData(RoundState.Decided, false)]
    [InlineData(RoundState.Notified, false)]
    [InlineData(RoundState.Archived, false)]
    [InlineData(RoundState.Cancelled, false)]
    public void WhyConflictsCannotBeRecorded_EachState_OpenUntilTheAllocationIsApproved(RoundState state, bool open)
    {
        var why = Round.WhyConflictsCannotBeRecorded(state);
        if (open) Assert.Null(why);
        else
        {
            Assert.StartsWith("A conflict of interest can be recorded only until the allocation is approved", why);
            Assert.EndsWith($"the round is {Round.Describe(state)}", why);
        }
    }

    [Theory]
    [InlineData(RoundState.Draft, false)]
    [InlineData(RoundState.Open, false)]
    [InlineData(RoundState.Screening, true)]
    [InlineData(RoundState.Scoring, true)]
    [InlineData(RoundState.Moderation, false)]
    [InlineData(RoundState.Decided, false)]
    [InlineData(RoundState.Notified, false)]
    [InlineData(RoundState.Archived, false)]
    [InlineData(RoundState.Cancelled, false)]
    public void IsDeclaringOpen_EachState_OnlyWhileScreenedOrScored(RoundState state, bool open) =>
        Assert.Equal(open, Round.IsDeclaringOpen(state));

    [Theory]
    [InlineData(RoundState.Draft, false, false)]
    [InlineData(RoundState.Open, false, false)]
    [InlineData(RoundState.Screening, false, false)]
    [InlineData(RoundState.Scoring, true, false)]
    [InlineData(RoundState.Moderation, false, true)]
    [InlineData(RoundState.Decided, false, true)]
    [InlineData(RoundState.Notified, false, true)]
    [InlineData(RoundState.Archived, false, true)]
    [InlineData(RoundState.Cancelled, false, true)]
    public void IsScoringOpenAndOver_EachState_OpenOnlyInScoringOverFromModeration(RoundState state, bool open, bool over)
    {
        Assert.Equal(open, Round.IsScoringOpen(state));
        Assert.Equal(over, Round.IsScoringOver(state));
    }

    [Theory]
    [InlineData(RoundState.Draft, false)]
    [InlineData(RoundState.Open, false)]
    [InlineData(RoundState.Screening, true)]
    [InlineData(RoundState.Scoring, false)]
    [InlineData(RoundState.Moderation, false)]
    [InlineData(RoundState.Decided, false)]
    [InlineData(RoundState.Notified, false)]
    [InlineData(RoundState.Archived, false)]
    [InlineData(RoundState.Cancelled, false)]
    public void WhyScreeningIsClosed_EachState_OpenOnlyWhileBeingScreened(RoundState state, bool open)
    {
        var why = Round.WhyScreeningIsClosed(state);
        if (open) Assert.Null(why);
        else
        {
            Assert.StartsWith("Screening decisions can be made only while the round is being screened", why);
            Assert.EndsWith($"This round is {Round.Describe(state)}", why);
        }
    }

    [Theory]
    [InlineData(RoundState.Draft, false)]
    [InlineData(RoundState.Open, false)]
    [InlineData(RoundState.Screening, false)]
    [InlineData(RoundState.Scoring, false)]
    [InlineData(RoundState.Moderation, false)]
    [InlineData(RoundState.Decided, true)]
    [InlineData(RoundState.Notified, false)]
    [InlineData(RoundState.Archived, false)]
    [InlineData(RoundState.Cancelled, false)]
    public void AreDecisionsHeld_EachState_OnlyBetweenApprovalAndSending(RoundState state, bool held) =>
        Assert.Equal(held, Round.AreDecisionsHeld(state));

    [Fact]
    public void EveryRule_EveryState_IsListedInTheseTables() =>
        Assert.Equal(9, Enum.GetValues<RoundState>().Length);
}
