using FairFund.Domain.Organisations;

namespace FairFund.Domain.Scoring;

/// <summary>The published scoring formulas (spec sections 4 to 6), each returning its working as well as its number.</summary>
public static class Scores
{
    /// <summary>
    /// One review as a percentage: <c>round2(100 × Σ w(s − min) / Σ w(max − min))</c>. Each criterion's
    /// scale is stretched to 0..100 first, so a criterion scored 0..4 weighs the same as one scored 1..10.
    /// </summary>
    public static decimal ReviewScore(IReadOnlyList<Criterion> criteria, IReadOnlyList<int> scores)
    {
        decimal achieved = 0m, possible = 0m;
        for (var i = 0; i < criteria.Count; i++)
        {
            var criterion = criteria[i];
            achieved += criterion.Weight * (scores[i] - criterion.Min);
            possible += criterion.Weight * (criterion.Max - criterion.Min);
        }
        return Money.Round2(100m * achieved / possible);
    }

    /// <summary>Combines counted review scores; <paramref name="dropped"/> gets the lowest and highest a trimmed mean leaves out.</summary>
    public static decimal BaseScore(Aggregation aggregation, IReadOnlyList<decimal> reviewScores, out IReadOnlyList<decimal> dropped)
    {
        if (reviewScores.Count == 0) throw new ArgumentException("A base score needs at least one review score.", nameof(reviewScores));
        dropped = [];
        switch (aggregation)
        {
            case Aggregation.Median:
                var sorted = reviewScores.Order().ToArray();
                var middle = sorted.Length / 2;
                return Money.Round2(sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2m);
            case Aggregation.TrimmedMean when reviewScores.Count >= 5:
                var lowest = reviewScores.Min();
                var highest = reviewScores.Max();
                dropped = [lowest, highest];
                return Money.Round2((Sum(reviewScores) - lowest - highest) / (reviewScores.Count - 2));
            default:
                return Money.Round2(Sum(reviewScores) / reviewScores.Count);
        }
    }

    /// <summary>
    /// Applies the equity rules in their published order: the factors of every multiplier that applies
    /// are multiplied together and the base score is multiplied by the product and rounded once; then
    /// every bonus that applies is added. Each rule's outcome goes on the trail.
    /// </summary>
    public static decimal FinalScore(decimal baseScore, IReadOnlyList<EquityRule> rules, string band, Organisation organisation, ICollection<Allocation.TrailStep> trail)
    {
        var factor = 1m;
        foreach (var rule in rules)
        {
            if (rule.Kind != EquityRuleKind.Multiplier) continue;
            var outcome = rule.When.Evaluate(band, organisation);
            if (outcome.Holds)
            {
                factor *= rule.Factor;
                trail.Add(new Allocation.MultiplierStep(rule.Name, rule.Factor, factor));
            }
            else trail.Add(new Allocation.RuleNotAppliedStep(rule.Name, rule.Kind, outcome));
        }
        var score = Money.Round2(baseScore * factor);
        trail.Add(new Allocation.AdjustedScoreStep(baseScore, factor, score));

        foreach (var rule in rules)
        {
            if (rule.Kind != EquityRuleKind.Bonus) continue;
            var outcome = rule.When.Evaluate(band, organisation);
            if (outcome.Holds)
            {
                score += rule.Points;
                trail.Add(new Allocation.BonusStep(rule.Name, rule.Points, score));
            }
            else trail.Add(new Allocation.RuleNotAppliedStep(rule.Name, rule.Kind, outcome));
        }
        trail.Add(new Allocation.FinalScoreStep(score));
        return score;
    }

    private static decimal Sum(IReadOnlyList<decimal> values)
    {
        var sum = 0m;
        foreach (var value in values) sum += value;
        return sum;
    }
}
