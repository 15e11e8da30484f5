using FairFund.Domain.Validation;

namespace FairFund.Domain.Scoring;

public enum EquityRuleKind { Multiplier, Bonus }

/// <summary>
/// A published rule that deliberately weights the score towards groups that lose out in open
/// competition: a <see cref="EquityRuleKind.Multiplier"/> scales the base score by
/// <see cref="Factor"/>, a <see cref="EquityRuleKind.Bonus"/> adds <see cref="Points"/>.
/// </summary>
public sealed record EquityRule(EquityRuleKind Kind, string Name, Condition When, decimal Factor, decimal Points)
{
    public static EquityRule Multiplier(string name, Condition when, decimal factor) => new(EquityRuleKind.Multiplier, name, when, factor, 0m);

    public static EquityRule Bonus(string name, Condition when, decimal points) => new(EquityRuleKind.Bonus, name, when, 1m, points);

    /// <summary>The largest multiplier and the most bonus points, either way: far beyond any fair rule, small enough that no score can overflow.</summary>
    public const decimal MaxFactor = 100m;

    public const decimal MaxPoints = 1_000m;

    public IEnumerable<Problem> Check(string at, Organisations.IncomeBands bands)
    {
        if (string.IsNullOrWhiteSpace(Name)) yield return new Problem(Location.Field(at, "name"), "a rule needs a name that people can read");
        else if (FreeText.Check(Location.Field(at, "name"), "The name", Name, TextLimit.Name) is { } name) yield return name;
        if (Kind == EquityRuleKind.Multiplier && Factor <= 0)
            yield return new Problem(Location.Field(at, "factor"), $"{Factor} must be greater than 0");
        else if (Kind == EquityRuleKind.Multiplier && Factor > MaxFactor)
            yield return new Problem(Location.Field(at, "factor"), $"{Factor} must be at most {MaxFactor}");
        if (Kind == EquityRuleKind.Bonus && Math.Abs(Points) > MaxPoints)
            yield return new Problem(Location.Field(at, "points"), $"{Points} must be between -{MaxPoints} and {MaxPoints}");
        else if (Kind == EquityRuleKind.Bonus && !Money.HasAtMostTwoDecimals(Points))
            yield return new Problem(Location.Field(at, "points"), $"{Points} has more than 2 decimal places");
        foreach (var problem in When.Check(Location.Field(at, "when"), bands)) yield return problem;
    }

    /// <summary>The rule in plain words, for the published rules.</summary>
    public string Describe() => Kind == EquityRuleKind.Multiplier
        ? $"{Name}: the score is multiplied by {Factor} for {When.Describe()}"
        : $"{Name}: {Points} points are added for {When.Describe()}";
}
