using FairFund.Domain.Reviews;
using FairFund.Domain.Scoring;

namespace FairFund.Tests.Domain.Reviews;

/// <summary>The spread a member sees after submitting: per criterion lowest and highest, and the review scores' range and deviation.</summary>
public sealed class ScoreSpreadTests
{
    private static readonly Criterion[] Criteria = [new("need", "Need", 3m, 0, 4), new("value", "Value", 1m, 1, 5)];

    [Fact]
    public void Of_ThreeReviews_GivesLowestHighestRangeAndPopulationDeviation()
    {
        Review[] reviews = [new("a", false, [4, 5]), new("b", false, [2, 3]), new("c", false, [0, 1])];

        var spread = ScoreSpread.Of(Criteria, reviews);

        Assert.Equal([(0, 4), (1, 5)], spread.Criteria.Select(c => (c.Lowest, c.Highest)));
        Assert.Equal([100m, 50m, 0m], spread.ReviewScores);
        Assert.Equal(100m, spread.Range);
        // √((50² + 0² + 50²) / 3) = 40.8248…
        Assert.Equal(40.82m, spread.StandardDeviation);
    }

    [Fact]
    public void Of_OneReview_HasNoSpread()
    {
        var spread = ScoreSpread.Of(Criteria, [new Review("a", false, [3, 2])]);

        Assert.Equal(0m, spread.Range);
        Assert.Equal(0m, spread.StandardDeviation);
        Assert.Equal(Scores.ReviewScore(Criteria, [3, 2]), spread.ReviewScores[0]);
    }

    [Fact]
    public void Of_AConflictedReview_IsRefused() =>
        Assert.Throws<ArgumentException>(() => ScoreSpread.Of(Criteria, [new Review("a", true, [3, 2])]));
}
