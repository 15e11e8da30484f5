using FairFund.Domain.Allocation;
using FairFund.Domain.Organisations;
using FairFund.Domain.Scoring;
using FairFund.Tests.Builders;

namespace FairFund.Tests.Domain.Scoring;

/// <summary>The published rules as tables: each row is a case a person could check with a calculator.</summary>
public sealed class ScoringRuleTests
{
    [Theory]
    [InlineData("0", "micro")]
    [InlineData("9999.99", "micro")]
    [InlineData("10000", "small")]
    [InlineData("10000.01", "small")]
    [InlineData("99999.99", "small")]
    [InlineData("100000", "medium")]
    [InlineData("999999.99", "medium")]
    [InlineData("1000000", "large")]
    [InlineData("10000000", "major")]
    [InlineData("250000000", "major")]
    public void BandFor_DefaultBands_UpperBoundIsExclusive(string income, string band)
    {
        Assert.Equal(band, IncomeBands.Default.BandFor(decimal.Parse(income, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("53.125", "53.13")]
    [InlineData("53.135", "53.14")]
    [InlineData("51.045", "51.05")]
    [InlineData("51.0449", "51.04")]
    [InlineData("-2.345", "-2.35")]
    [InlineData("70.00", "70.00")]
    public void Round2_HalfWay_RoundsAwayFromZero(string value, string rounded)
    {
        Assert.Equal(D(rounded), Money.Round2(D(value)));
    }

    [Theory]
    // Weights 3, 2, 2, 1 on 0..4: 17 of 32 weighted points is 53.125, published as 53.13.
    [InlineData(new[] { 2, 2, 2, 3 }, "53.13")]
    [InlineData(new[] { 4, 4, 4, 4 }, "100")]
    [InlineData(new[] { 0, 0, 0, 0 }, "0")]
    [InlineData(new[] { 3, 2, 2, 1 }, "56.25")]
    public void ReviewScore_WeightedPercentage_IsRoundedOnce(int[] scores, string expected)
    {
        Criterion[] criteria =
        [
            new("need", "Need", 3m, 0, 4), new("approach", "Approach", 2m, 0, 4),
            new("outcomes", "Outcomes", 2m, 0, 4), new("value", "Value", 1m, 0, 4),
        ];
        Assert.Equal(D(expected), Scores.ReviewScore(criteria, scores));
    }

    [Fact]
    public void ReviewScore_ScaleNotStartingAtZero_IsStretchedToZeroToHundred()
    {
        Criterion[] criteria = [new("need", "Need", 1m, 1, 5), new("fit", "Fit", 1m, 0, 10)];
        // (3 - 1) + (5 - 0) = 7 of (4 + 10) = 14 possible: 50.00.
        Assert.Equal(50.00m, Scores.ReviewScore(criteria, [3, 5]));
    }

    [Theory]
    [InlineData(Aggregation.Mean, new[] { "50", "60", "70", "80" }, "65")]
    [InlineData(Aggregation.Mean, new[] { "51.04", "51.05" }, "51.05")]
    [InlineData(Aggregation.Median, new[] { "70", "50", "80", "60" }, "65")]
    [InlineData(Aggregation.Median, new[] { "56.25", "43.75" }, "50")]
    [InlineData(Aggregation.Median, new[] { "43.75", "90", "56.25" }, "56.25")]
    [InlineData(Aggregation.Median, new[] { "10.01", "10.02" }, "10.02")]
    // Four reviews: too few to trim, so the plain mean.
    [InlineData(Aggregation.TrimmedMean, new[] { "10", "60", "70", "100" }, "60")]
    // Five reviews: drop 10 and 100, mean of 60, 70, 80.
    [InlineData(Aggregation.TrimmedMean, new[] { "10", "60", "70", "100", "80" }, "70")]
    // Five with ties at the ends: only one highest and one lowest are dropped.
    [InlineData(Aggregation.TrimmedMean, new[] { "50", "50", "60", "90", "90" }, "66.67")]
    public void BaseScore_Aggregation_FollowsThePublishedRule(Aggregation aggregation, string[] reviewScores, string expected)
    {
        Assert.Equal(D(expected), Scores.BaseScore(aggregation, reviewScores.Select(D).ToList()));
    }

    [Fact]
    public void FinalScore_TwoMultipliers_ProductIsTakenFirstAndRoundedOnce()
    {
        // The spec's own example: 50.01 × 1.333 × 1.05 gives 70.00, not 66.66 and then 69.99.
        var organisation = new Organisation("Group", 5_000m, [KnownFlags.Rural]);
        EquityRule[] rules =
        [
            EquityRule.Multiplier("Micro organisation", new Condition(["micro"], null), 1.333m),
            EquityRule.Multiplier("Rural", new Condition(null, [KnownFlags.Rural]), 1.05m),
        ];
        var trail = new List<TrailStep>();

        var final = Scores.FinalScore(50.01m, rules, "micro", organisation, trail);

        Assert.Equal(70.00m, final);
        Assert.Equal([1.333m, 1.39965m], trail.OfType<MultiplierStep>().Select(step => step.RunningFactor));
        Assert.Equal(70.00m, trail.OfType<AdjustedScoreStep>().Single().Adjusted);
    }

    [Fact]
    public void FinalScore_BonusesAfterMultipliers_WhateverTheirPublishedOrder()
    {
        var organisation = new Organisation("Group", 5_000m, [KnownFlags.LivedExperienceLed]);
        EquityRule[] rules =
        [
            EquityRule.Bonus("Lived experience", new Condition(null, [KnownFlags.LivedExperienceLed]), 5m),
            EquityRule.Multiplier("Micro organisation", new Condition(["micro"], null), 1.2m),
        ];
        var trail = new List<TrailStep>();

        var final = Scores.FinalScore(60m, rules, "micro", organisation, trail);

        Assert.Equal(77.00m, final);
    }

    [Fact]
    public void FinalScore_RuleThatDoesNotApply_IsListedWithWhy()
    {
        var organisation = new Organisation("Group", 240_000m, []);
        EquityRule[] rules = [EquityRule.Multiplier("Micro organisation", new Condition(["micro"], null), 1.2m)];
        var trail = new List<TrailStep>();

        Scores.FinalScore(60m, rules, "medium", organisation, trail);

        var notApplied = trail.OfType<RuleNotAppliedStep>().Single();
        Assert.Equal("Micro organisation does not apply: income 240,000.00 is in band medium, not micro", notApplied.Describe());
    }

    [Fact]
    public void Allocate_ConflictedReview_IsNeverCounted()
    {
        var result = new RoundBuilder().With(new ApplicationBuilder
        {
            Reviews = [new("P1", Conflict: true, [4]), new("P2", false, [2]), new("P3", false, [1])],
        }).Allocate();

        var application = result.Applications.Single();
        Assert.Equal([50.00m, 25.00m], application.ReviewScores);
        Assert.Equal(37.50m, application.BaseScore);
        Assert.Contains(application.Explain().OfType<ReviewStep>(), step => step.Reviewer == "P1" && !step.Counted);
    }

    [Fact]
    public void Allocate_TooFewCountedReviews_IsDeclinedWithoutScores()
    {
        var result = new RoundBuilder { MinReviews = 2 }.With(new ApplicationBuilder
        {
            Reviews = [new("P1", Conflict: true, [4]), new("P2", false, [3])],
        }).Allocate();

        var application = result.Applications.Single();
        Assert.Equal(Decision.Decline, application.Decision);
        Assert.Equal(DeclineReason.InsufficientReviews, application.Reason);
        Assert.Equal([75.00m], application.ReviewScores);
        Assert.Null(application.BaseScore);
        Assert.Null(application.FinalScore);
        Assert.Null(application.Rank);
    }

    [Theory]
    [InlineData("999.99", false)]
    [InlineData("1000", true)]
    [InlineData("25000", true)]
    [InlineData("25000.01", false)]
    public void Allocate_RequestOutsideGrantRange_IsIneligible(string requested, bool eligible)
    {
        var result = new RoundBuilder { GrantMin = 1_000m, GrantMax = 25_000m }
            .With(new ApplicationBuilder { Requested = D(requested) }).Allocate();

        var application = result.Applications.Single();
        Assert.Equal(eligible ? Decision.Award : Decision.Decline, application.Decision);
        if (!eligible)
        {
            Assert.Equal(DeclineReason.Ineligible, application.Reason);
            Assert.Empty(application.ReviewScores);
        }
    }

    [Fact]
    public void Allocate_ScreenedOut_IsDeclinedWithTheScreenersReason()
    {
        var result = new RoundBuilder().With(new ApplicationBuilder { Eligible = false, IneligibleReason = "Works outside the area" }).Allocate();

        var application = result.Applications.Single();
        Assert.Equal(DeclineReason.Ineligible, application.Reason);
        Assert.Contains("Works outside the area", application.Explain().OfType<EligibilityStep>().Single().Describe());
    }

    [Theory]
    [InlineData(2, "50.00", true)]
    [InlineData(2, "50.01", false)]
    public void Allocate_Threshold_IsInclusive(int score, string threshold, bool candidate)
    {
        var result = new RoundBuilder { Threshold = D(threshold) }.With(new ApplicationBuilder().WithScores(score, score)).Allocate();

        var application = result.Applications.Single();
        Assert.Equal(candidate ? Decision.Award : Decision.Decline, application.Decision);
        Assert.Equal(candidate ? null : DeclineReason.BelowThreshold, application.Reason);
        Assert.Equal(50.00m, application.FinalScore);
    }

    private static decimal D(string text) => decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
