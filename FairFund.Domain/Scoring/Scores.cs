using FairFund.Domain.Allocation;
using FairFund.Domain.Organisations;

namespace FairFund.Domain.Scoring;

/// <summary>The published scoring formulas (spec sections 4 to 6). Each runs once per application, so none allocates.</summary>
public static class Scores
{
    /// <summary>
    /// One review as a percentage: <c>round2(100 × Σ w(s − min) / Σ w(max − min))</c>. Each criterion's
    /// scale is stretched to 0..100 first, so a criterion scored 0..4 weighs the same as one scored 1..10.
    /// </summary>
    public static decimal ReviewScore(IReadOnlyList<Criterion> criteria, IReadOnlyList<int> scores) =>
        ReviewScore(criteria, scores, PossiblePoints(criteria));

    /// <summary>As <see cref="ReviewScore(IReadOnlyList{Criterion}, IReadOnlyList{int})"/>, with the round's <see cref="PossiblePoints"/> worked out once.</summary>
    public static decimal ReviewScore(IReadOnlyList<Criterion> criteria, IReadOnlyList<int> scores, decimal possiblePoints)
    {
        var achieved = 0m;
        for (var i = 0; i < criteria.Count; i++) achieved += criteria[i].Weight * (scores[i] - criteria[i].Min);
        return Money.Round2(100m * achieved / possiblePoints);
    }

    /// <summary>The weighted points of a perfect review: <c>Σ w(max − min)</c>.</summary>
    public static decimal PossiblePoints(IReadOnlyList<Criterion> criteria)
    {
        var possible = 0m;
        for (var i = 0; i < criteria.Count; i++) possible += criteria[i].Weight * (criteria[i].Max - criteria[i].Min);
        return possible;
    }

    /// <summary>The counted review scores combined by the round's aggregation, rounded once.</summary>
    public static decimal BaseScore(Aggregation aggregation, IReadOnlyList<decimal> reviewScores) =>
        BaseScore(aggregation, reviewScores, out _, out _);

    /// <summary>As <see cref="BaseScore(Aggregation, IReadOnlyList{decimal})"/>, also giving the lowest and highest a trimmed mean leaves out.</summary>
    public static decimal BaseScore(Aggregation aggregation, IReadOnlyList<decimal> reviewScores, out decimal? droppedLowest, out decimal? droppedHighest)
    {
        if (reviewScores.Count == 0) throw new ArgumentException("A base score needs at least one review score.", nameof(reviewScores));
        droppedLowest = droppedHighest = null;
        var count = reviewScores.Count;
        if (aggregation == Aggregation.Median)
        {
            Span<decimal> sorted = count <= 64 ? stackalloc decimal[count] : new decimal[count];
            for (var i = 0; i < count; i++) sorted[i] = reviewScores[i];
            sorted.Sort();
            var middle = count / 2;
            return Money.Round2(count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2m);
        }

        decimal sum = 0m, lowest = reviewScores[0], highest = reviewScores[0];
        for (var i = 0; i < count; i++)
        {
            var score = reviewScores[i];
            sum += score;
            if (score < lowest) lowest = score;
            if (score > highest) highest = score;
        }
        if (aggregation == Aggregation.TrimmedMean && count >= 5)
        {
            (droppedLowest, droppedHighest) = (lowest, highest);
            return Money.Round2((sum - lowest - highest) / (count - 2));
        }
        return Money.Round2(sum / count);
    }

    /// <summary>
    /// Applies the equity rules in their published order: the factors of every multiplier that applies
    /// are multiplied together and the base score is multiplied by the product and rounded once; then
    /// every bonus that applies is added. With a <paramref name="trail"/>, each rule's outcome goes on it.
    /// </summary>
    public static decimal FinalScore(decimal baseScore, IReadOnlyList<EquityRule> rules, string band, Organisation organisation, ICollection<TrailStep>? trail = null)
    {
        var factor = 1m;
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            if (rule.Kind != EquityRuleKind.Multiplier) continue;
            if (rule.When.Holds(band, organisation))
            {
                factor *= rule.Factor;
                trail?.Add(new MultiplierStep(rule.Name, rule.Factor, factor));
            }
            else trail?.Add(new RuleNotAppliedStep(rule.Name, rule.Kind, rule.When.Evaluate(band, organisation)));
        }
        var score = Money.Round2(baseScore * factor);
        trail?.Add(new AdjustedScoreStep(baseScore, factor, score));

        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            if (rule.Kind != EquityRuleKind.Bonus) continue;
            if (rule.When.Holds(band, organisation))
            {
                score += rule.Points;
                trail?.Add(new BonusStep(rule.Name, rule.Points, score));
            }
            else trail?.Add(new RuleNotAppliedStep(rule.Name, rule.Kind, rule.When.Evaluate(band, organisation)));
        }
        trail?.Add(new FinalScoreStep(score));
        return score;
    }
}
