using FairFund.Domain.Allocation;
using FairFund.Domain.Auditing;
using FairFund.Domain.Reviews;
using FairFund.Domain.Scoring;
using FairFund.Tests.Builders;
using static FairFund.Tests.Domain.Reviews.ReviewInState;

namespace FairFund.Tests.Domain.Reviews;

/// <summary>
/// Panel reviews turned into what the allocator reads, so moderation runs the same engine as <c>allocate</c>:
/// drafts never count, the latest revision does, and a conflict is shown as excluded.
/// </summary>
public sealed class ReviewsForAllocationTests
{
    [Fact]
    public void For_MixedReviews_GivesSubmittedOnesInCriteriaOrderByReviewer()
    {
        var reviews = new[]
        {
            Submitted(Sheet(need: 4, delivery: 2), reviewer: "c@panel.example"),
            Drafted(Sheet(need: 0, delivery: 1), reviewer: "b@panel.example"),
            Submitted(Sheet(need: 1, delivery: 5), reviewer: "a@panel.example"),
            New(reviewer: "d@panel.example"),
            Conflicted(),
        };

        var forAllocation = ReviewsForAllocation.For(reviews, Criteria);

        Assert.Equal(["a@panel.example", "c@panel.example"], forAllocation.Select(review => review.Reviewer));
        Assert.Equal([1, 5], forAllocation[0].Scores);
        Assert.Equal([4, 2], forAllocation[1].Scores);
        Assert.All(forAllocation, review => Assert.False(review.Conflict));
    }

    [Fact]
    public void For_ReviewConflictedAfterSubmission_IsMarkedSoTheAllocatorExcludesIt()
    {
        var conflicted = Submitted(Sheet(need: 0, delivery: 1), reviewer: "c@panel.example");
        conflicted.RecordConflict(ConflictKind.Trustee, "", Later(10), FundManager);
        var reviews = new[] { Submitted(Sheet(need: 4, delivery: 5), reviewer: "a@panel.example"), Submitted(Sheet(need: 2, delivery: 3), reviewer: "b@panel.example"), conflicted };

        var forAllocation = ReviewsForAllocation.For(reviews, Criteria);
        var result = new RoundBuilder { Criteria = Criteria, MinReviews = 2 }
            .With(new ApplicationBuilder { Reviews = forAllocation })
            .Allocate();

        Assert.Equal([false, false, true], forAllocation.Select(review => review.Conflict));
        var application = Assert.Single(result.Applications);
        // a: 2×4 + 1×4 = 12 of 12 = 100.00; b: 2×2 + 1×2 = 6 of 12 = 50.00; the conflicted 0.00 is left out.
        Assert.Equal([100.00m, 50.00m], application.ReviewScores);
        Assert.Equal(75.00m, application.BaseScore);
        Assert.Contains(application.Explain(), step => step is ReviewStep { Reviewer: "c@panel.example", Counted: false });
    }

    [Fact]
    public void For_ConflictedMembersAreNotEnoughReviews_TheAllocatorDeclinesForTooFewReviews()
    {
        var conflicted = Submitted(reviewer: "b@panel.example");
        conflicted.DeclareConflict(ConflictKind.FamilyOrFriend, "", Later(10), "b@panel.example");
        var reviews = new[] { Submitted(reviewer: "a@panel.example"), conflicted };

        var result = new RoundBuilder { Criteria = Criteria, MinReviews = 2 }
            .With(new ApplicationBuilder { Reviews = ReviewsForAllocation.For(reviews, Criteria) })
            .Allocate();

        Assert.Equal(DeclineReason.InsufficientReviews, Assert.Single(result.Applications).Reason);
    }

    [Fact]
    public void For_RevisedReview_UsesTheLatestVersion()
    {
        var review = Submitted(Sheet(need: 4, delivery: 5));
        review.Revise(Sheet(need: 1, delivery: 1), Criteria, Later(30), scoringOpen: true);

        Assert.Equal([1, 1], Assert.Single(ReviewsForAllocation.For([review], Criteria)).Scores);
    }

    [Fact]
    public void For_ReviewsOfDifferentApplications_IsRefused() =>
        Assert.Throws<ArgumentException>(() => ReviewsForAllocation.For(
            [Submitted(reviewer: "a@panel.example"), Submitted(reviewer: "b@panel.example", application: Guid.NewGuid())], Criteria));

    [Fact]
    public void ForAllocation_CriteriaChangedSinceSubmission_IsRefusedNamingTheReviewer()
    {
        var review = Submitted();
        IReadOnlyList<Criterion> changed = [Need, Delivery, new Criterion("reach", "Reach", 1m, 0, 3)];

        var refused = Assert.Throws<DomainRuleException>(() => review.ForAllocation(changed));

        Assert.Equal($"{Member}'s review was submitted against different criteria: scores.reach: Enter a score for Reach.", refused.Message);
    }
}
