using FairFund.Domain.Allocation;
using FairFund.Domain.Scoring;

namespace FairFund.Domain.Equity;

/// <summary>How a panel member's review scores were treated when calibrating.</summary>
public enum ReviewerAdjustment
{
    /// <summary>Turned into z-scores against the member's own mean and spread, then rescaled to the panel's.</summary>
    Rescaled,
    /// <summary>
    /// Fewer than <see cref="Calibration.FewestReviewsToCalibrate"/> reviews: one score cannot tell a harsh
    /// reviewer from a weak application, so it is left as it is.
    /// </summary>
    TooFewToCalibrate,
    /// <summary>
    /// Every review the member gave has the same score, so none ranks one application above another: each is
    /// put at the panel's mean (a z-score of 0), and nothing is divided by a spread of 0.
    /// </summary>
    NoSpread,
}

/// <summary>
/// One panel member's scoring beside the panel's: how many counted reviews they gave, their mean and
/// population standard deviation (both rounded to 2 places, for showing), and how their scores were calibrated.
/// </summary>
public sealed record ReviewerCalibration(string Reviewer, int Scored, decimal Mean, decimal StandardDeviation, decimal PanelMean, ReviewerAdjustment Adjustment)
{
    /// <summary>The member's mean less the panel's: negative for a harsh reviewer, positive for a generous one.</summary>
    public decimal DifferenceFromPanel => Mean - PanelMean;
}

/// <summary>One counted review's published score and its calibrated score.</summary>
public sealed record CalibratedReview(string Reviewer, decimal RawScore, decimal CalibratedScore);

/// <summary>
/// One application's base score as published (<see cref="RawScore"/>) beside the same aggregation of its
/// calibrated review scores (<see cref="CalibratedScore"/>); both null for an application the allocation does
/// not score (ineligible, or too few reviews). Equity rules are not in either: they apply after, to both alike.
/// </summary>
public sealed record CalibratedApplication(string Reference, IReadOnlyList<CalibratedReview> Reviews, decimal? RawScore, decimal? CalibratedScore);

/// <summary>
/// Reviewer calibration for a round: whether some panel members score harder or softer than the rest, what
/// each application's score would be with that taken out, and which decisions would change. It never replaces
/// the published rule (spec section 5): it is computed to be shown beside the decisions.
/// <para>The method, for the counted reviews (never a conflicted one) of every eligible application, as the
/// allocation scores them (an ineligible one's reviews are never scored): the panel's mean M and population standard deviation S over all of them; each member's mean m and
/// population standard deviation s over theirs; each review score x becomes M + S × (x − m) ÷ s, held to the
/// review scale 0..100 and rounded to 2 places, half away from zero, from the unrounded figures. A member with
/// fewer than <see cref="FewestReviewsToCalibrate"/> reviews, or with s = 0, is treated as
/// <see cref="ReviewerAdjustment"/> says. An application's calibrated score is its calibrated review scores
/// combined by the round's aggregation and rounded, exactly as its base score is from the raw ones.</para>
/// </summary>
public sealed record Calibration(
    int PanelReviews,
    decimal PanelMean,
    decimal PanelStandardDeviation,
    IReadOnlyList<ReviewerCalibration> Reviewers,
    IReadOnlyList<CalibratedApplication> Applications,
    AllocationResult WithRawScores,
    AllocationResult WithCalibratedScores,
    IReadOnlyList<DecisionDifference> Changes)
{
    /// <summary>The fewest counted reviews a member must have given for their scores to be calibrated.</summary>
    public const int FewestReviewsToCalibrate = 2;

    /// <summary>
    /// Calibrates the round's reviews and allocates the round again on calibrated scores, with its published
    /// rules, pots, threshold and seed; <see cref="Changes"/> lists every decision or amount that would differ.
    /// Members are listed in ordinal order of their names; applications in the order given.
    /// </summary>
    /// <exception cref="InvalidRoundException">The round cannot be allocated as published.</exception>
    public static Calibration Of(RoundSettings round, IReadOnlyList<ApplicationEntry> applications)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(applications);
        var raw = Allocator.Allocate(round, applications);

        var counted = raw.Applications.Select(CountedReviews).ToList();
        var all = counted.SelectMany(reviews => reviews).ToList();
        var (panelMean, panelDeviation) = MeanAndDeviation(all.Select(review => review.Score).ToList());

        var reviewers = new SortedDictionary<string, (decimal Mean, decimal Deviation, int Count, ReviewerAdjustment Adjustment)>(StringComparer.Ordinal);
        foreach (var byReviewer in all.GroupBy(review => review.Reviewer, StringComparer.Ordinal))
        {
            var scores = byReviewer.Select(review => review.Score).ToList();
            var (mean, deviation) = MeanAndDeviation(scores);
            var adjustment = scores.Count < FewestReviewsToCalibrate ? ReviewerAdjustment.TooFewToCalibrate
                : deviation == 0m ? ReviewerAdjustment.NoSpread
                : ReviewerAdjustment.Rescaled;
            reviewers[byReviewer.Key] = (mean, deviation, scores.Count, adjustment);
        }

        decimal Calibrate(string reviewer, decimal score)
        {
            var (mean, deviation, _, adjustment) = reviewers[reviewer];
            var calibrated = adjustment switch
            {
                ReviewerAdjustment.TooFewToCalibrate => score,
                ReviewerAdjustment.NoSpread => panelMean,
                _ => panelMean + panelDeviation * (score - mean) / deviation,
            };
            return Money.Round2(Math.Clamp(calibrated, 0m, 100m));
        }

        var calibratedApplications = new List<CalibratedApplication>(raw.Applications.Count);
        for (var i = 0; i < raw.Applications.Count; i++)
        {
            var result = raw.Applications[i];
            var reviews = counted[i].Select(review => new CalibratedReview(review.Reviewer, review.Score, Calibrate(review.Reviewer, review.Score))).ToList();
            var calibratedScore = result.BaseScore is null ? (decimal?)null : Scores.BaseScore(round.Aggregation, reviews.Select(review => review.CalibratedScore).ToList());
            calibratedApplications.Add(new CalibratedApplication(result.Reference, reviews, result.BaseScore, calibratedScore));
        }

        var withCalibrated = CalibratedScale.Allocate(round, applications, calibratedApplications);
        return new Calibration(
            all.Count,
            Money.Round2(panelMean),
            Money.Round2(panelDeviation),
            [.. reviewers.Select(pair => new ReviewerCalibration(pair.Key, pair.Value.Count, Money.Round2(pair.Value.Mean), Money.Round2(pair.Value.Deviation), Money.Round2(panelMean), pair.Value.Adjustment))],
            calibratedApplications,
            raw,
            withCalibrated,
            DecisionDifference.Between(raw, withCalibrated));
    }

    /// <summary>The counted reviews of a scored application, each named, with the score the allocation gave it.</summary>
    private static IReadOnlyList<(string Reviewer, decimal Score)> CountedReviews(ApplicationResult result)
    {
        // The allocator lists the scores of the counted (not conflicted) reviews, in order; an ineligible
        // application's reviews are never scored, so it has none.
        var reviewers = result.Application.Reviews.Where(review => !review.Conflict).Select(review => review.Reviewer).ToList();
        if (result.ReviewScores.Count == 0) return [];
        return [.. reviewers.Zip(result.ReviewScores)];
    }

    /// <summary>The mean and population standard deviation, unrounded; (0, 0) for no scores.</summary>
    private static (decimal Mean, decimal Deviation) MeanAndDeviation(List<decimal> scores)
    {
        if (scores.Count == 0) return (0m, 0m);
        var mean = scores.Sum() / scores.Count;
        var variance = scores.Sum(score => (score - mean) * (score - mean)) / scores.Count;
        return (mean, SquareRoot(variance));
    }

    /// <summary>Newton's method in decimal, so that no double comes between the scores and the result.</summary>
    private static decimal SquareRoot(decimal value)
    {
        if (value <= 0m) return 0m;
        var guess = value > 1m ? value / 2m : 1m;
        for (var step = 0; step < 200; step++)
        {
            var next = (guess + value / guess) / 2m;
            if (next == guess) break;
            guess = next;
        }
        return guess;
    }
}

/// <summary>
/// Runs the published allocator on calibrated scores without changing it. The allocator reads a review as
/// whole-number scores on the round's criteria; a calibrated review score is any number from 0 to 100 in
/// hundredths. So each calibrated review is written on two stand-in criteria, weighted 99 and 1 on 0..100,
/// which the published formula (spec section 4) turns back into exactly that number:
/// <c>round2(100 × (99a + b) ÷ 10,000) = (99a + b) ÷ 100</c>. Everything else (rules, pots, threshold, lottery
/// band, seed, aggregation) is the round's own, so only the scores differ. The explanation trail of this
/// allocation names the stand-in criteria; show <see cref="CalibratedApplication"/> instead.
/// </summary>
internal static class CalibratedScale
{
    internal static readonly IReadOnlyList<Criterion> Criteria =
    [
        new("calibratedWhole", "Calibrated score, in steps of 0.99", 99m, 0, 100),
        new("calibratedRest", "Calibrated score, the hundredths left over", 1m, 0, 100),
    ];

    /// <summary>The two stand-in scores for a calibrated review score of 0.00 to 100.00.</summary>
    internal static int[] Encode(decimal score)
    {
        if (score is < 0m or > 100m || Money.Round2(score) != score)
            throw new ArgumentOutOfRangeException(nameof(score), score, "A calibrated review score is 0 to 100 in hundredths.");
        var hundredths = (int)(score * 100m);
        var whole = Math.Min(100, hundredths / 99);
        return [whole, hundredths - 99 * whole];
    }

    internal static AllocationResult Allocate(RoundSettings round, IReadOnlyList<ApplicationEntry> applications, IReadOnlyList<CalibratedApplication> calibrated)
    {
        var entries = new ApplicationEntry[applications.Count];
        for (var i = 0; i < applications.Count; i++)
        {
            var scores = new Queue<CalibratedReview>(calibrated[i].Reviews);
            entries[i] = applications[i] with
            {
                Reviews = [.. applications[i].Reviews.Select(review => review.Conflict || scores.Count == 0
                    ? review with { Scores = [0, 0] }
                    : review with { Scores = Encode(scores.Dequeue().CalibratedScore) })],
            };
        }
        return Allocator.Allocate(round with { Criteria = Criteria }, entries);
    }
}
