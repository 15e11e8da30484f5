using FairFund.Domain.Scoring;

namespace FairFund.Domain.Reviews;

/// <summary>The lowest and highest score the counted reviews gave one criterion.</summary>
public sealed record CriterionSpread(Criterion Criterion, int Lowest, int Highest);

/// <summary>
/// How far the panel's counted reviews of one application agree: for each criterion the lowest and
/// highest score, and each review's score with their range and standard deviation. A member sees it once they
/// have submitted their own score; moderation flags an application whose range or deviation is above the
/// round's thresholds (<see cref="Rounds.Round.DisagreementRange"/>, <see cref="Rounds.Round.DisagreementDeviation"/>).
/// </summary>
/// <param name="Criteria">Per criterion, in the round's order.</param>
/// <param name="ReviewScores">Each counted review's score, by <see cref="Scores.ReviewScore(IReadOnlyList{Criterion}, IReadOnlyList{int})"/>, in the order given.</param>
/// <param name="Lowest">The lowest review score.</param>
/// <param name="Highest">The highest review score.</param>
/// <param name="StandardDeviation">
/// The population standard deviation of the review scores, rounded to two places: the panel is every
/// reviewer of the application, not a sample of some larger group, so it divides by the count, not count − 1.
/// </param>
public sealed record ScoreSpread(
    IReadOnlyList<CriterionSpread> Criteria,
    IReadOnlyList<decimal> ReviewScores,
    decimal Lowest,
    decimal Highest,
    decimal StandardDeviation)
{
    /// <summary>The highest review score less the lowest.</summary>
    public decimal Range => Highest - Lowest;

    /// <summary>
    /// The spread of <paramref name="reviews"/>, which must be counted ones (no conflicts), each with its scores
    /// in the order of <paramref name="criteria"/>, as <see cref="PanelReview.ForAllocation"/> gives them.
    /// </summary>
    public static ScoreSpread Of(IReadOnlyList<Criterion> criteria, IReadOnlyList<Review> reviews)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        ArgumentNullException.ThrowIfNull(reviews);
        if (reviews.Count == 0) throw new ArgumentException("A spread needs at least one review.", nameof(reviews));
        if (reviews.Any(review => review.Conflict)) throw new ArgumentException("A review ended by a conflict of interest is never counted.", nameof(reviews));

        var perCriterion = criteria
            .Select((criterion, index) => new CriterionSpread(criterion, reviews.Min(review => review.Scores[index]), reviews.Max(review => review.Scores[index])))
            .ToList();
        var possible = Scores.PossiblePoints(criteria);
        var reviewScores = reviews.Select(review => Scores.ReviewScore(criteria, review.Scores, possible)).ToList();
        return new ScoreSpread(perCriterion, reviewScores, reviewScores.Min(), reviewScores.Max(), StandardDeviationOf(reviewScores));
    }

    /// <summary>The population standard deviation of review scores, rounded to two places; 0 for fewer than two.</summary>
    public static decimal StandardDeviationOf(IReadOnlyList<decimal> reviewScores)
    {
        ArgumentNullException.ThrowIfNull(reviewScores);
        if (reviewScores.Count < 2) return 0m;
        var mean = reviewScores.Sum() / reviewScores.Count;
        var variance = reviewScores.Sum(score => (score - mean) * (score - mean)) / reviewScores.Count;
        return Money.Round2(SquareRoot(variance));
    }

    /// <summary>Newton's method in decimal, so that the deviation shown is worked out the way every other score is, with no double in between.</summary>
    private static decimal SquareRoot(decimal value)
    {
        if (value <= 0m) return 0m;
        var guess = value > 1m ? value / 2m : 1m;
        for (var step = 0; step < 100; step++)
        {
            var next = (guess + value / guess) / 2m;
            if (Math.Abs(next - guess) < 0.0000000001m) return next;
            guess = next;
        }
        return guess;
    }
}
