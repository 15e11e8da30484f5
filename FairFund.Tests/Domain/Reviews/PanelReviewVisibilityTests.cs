using FairFund.Domain.Reviews;
using static FairFund.Tests.Domain.Reviews.ReviewInState;

namespace FairFund.Tests.Domain.Reviews;

/// <summary>
/// What a panel member may see in each state: nothing before declaring; the application but not
/// the other scores until their own is submitted; nothing at all once conflicted.
/// </summary>
public sealed class PanelReviewVisibilityTests
{
    [Theory]
    [InlineData(ReviewState.AwaitingDeclaration, false, false, false, false)]
    [InlineData(ReviewState.Scoring, true, true, false, false)]
    [InlineData(ReviewState.Submitted, true, false, true, true)]
    [InlineData(ReviewState.Conflicted, false, false, false, false)]
    public void InEachState_WhatTheMemberMaySeeAndWhetherItCounts(
        ReviewState state, bool seesApplication, bool scores, bool seesOthers, bool counts)
    {
        var review = In(state);

        Assert.Equal(state, review.State);
        Assert.Equal(
            (seesApplication, scores, seesOthers, counts),
            (review.CanSeeApplication, review.CanScore, review.CanSeeOthersScores, review.CountsTowardAllocation));
    }

    [Fact]
    public void CanSeeOthersScores_RefusedSubmission_StaysHidden()
    {
        var review = Drafted(Sheet(delivery: null));

        Assert.ThrowsAny<Exception>(() => review.Submit(Criteria, Later(3), scoringOpen: true));

        Assert.False(review.CanSeeOthersScores);
    }

    [Fact]
    public void CanSeeOthersScores_SubmittedThenConflicted_IsHiddenAgain()
    {
        var review = Submitted();
        Assert.True(review.CanSeeOthersScores);

        review.RecordConflict(ConflictKind.Trustee, "", Later(10), FundManager);

        Assert.False(review.CanSeeOthersScores);
        Assert.False(review.CanSeeApplication);
    }

    [Fact]
    public void StateDiagram_DrawsEveryState()
    {
        var diagram = PanelReview.StateDiagram();

        foreach (var state in Enum.GetNames<ReviewState>()) Assert.Contains(state, diagram, StringComparison.Ordinal);
    }
}
