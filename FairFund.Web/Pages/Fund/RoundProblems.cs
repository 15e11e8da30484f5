using FairFund.Web.Forms;
using System.Globalization;
using System.Text.RegularExpressions;
using FairFund.Domain.Allocation;
using FairFund.Domain.Applications;
using FairFund.Domain.Scoring;
using FairFund.Domain.Validation;

namespace FairFund.Web.Pages.Fund;

/// <summary>
/// Turns the domain's problems with a round's settings (<c>criteria[1].weight: 0 must be greater than 0</c>)
/// into GOV.UK error messages on the form field they concern (<c>criteria-1-weight</c>).
/// </summary>
public static partial class RoundProblems
{
    /// <summary>Every problem with the settings of a draft, except having no criteria yet, which only opening needs.</summary>
    /// <param name="rules">The settings to check.</param>
    /// <param name="potInFocus">The pot being changed, where a problem with the pots' total is shown.</param>
    public static IEnumerable<FieldError> Of(RoundSettings rules, int potInFocus = 0) => rules.Check(seedDrawn: false)
        .Where(problem => problem.Location != "criteria")
        .Select(problem => Describe(problem, rules, potInFocus));

    public static FieldError Describe(Problem problem, RoundSettings rules, int potInFocus = 0)
    {
        var match = ItemLocation().Match(problem.Location);
        if (!match.Success) return Details(problem, rules, potInFocus);
        var list = match.Groups["list"].Value;
        var index = int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture);
        var field = match.Groups["field"].Value;
        var id = $"{list}-{index}-";
        return list switch
        {
            "criteria" => Criterion(problem, index < rules.Criteria.Count ? rules.Criteria[index] : null, id, field),
            "rules" => Rule(problem, index < rules.Rules.Count ? rules.Rules[index] : null, id, field),
            _ => Pot(problem, index < rules.Pots.Count ? rules.Pots[index] : null, id, field),
        };
    }

    private static FieldError Details(Problem problem, RoundSettings rules, int potInFocus) => problem.Location switch
    {
        "reference" => new("reference", "Enter a reference for the round"),
        "budget" => new("budget", rules.Budget <= 0 ? "The budget must be more than £0"
            : rules.Budget > MoneyLimits.Largest ? $"The budget must be {MoneyLimits.LargestInWords} or less"
            : "Enter the budget in pounds and pence, with no more than 2 numbers after the point"),
        "minReviews" => new("min-reviews", rules.MinReviews < 1 ? "Each application needs at least 1 review" : $"Each application can need at most {RoundSettings.MaxMinReviews} reviews"),
        "threshold" => new("threshold", "The quality threshold must be from 0 to 100"),
        "lotteryBand" => new("lottery-from", "The lottery band's lowest score must be less than the score it goes up to"),
        "grantMin" => new("grant-min", rules.GrantMin <= 0 ? "The smallest grant must be more than £0"
            : rules.GrantMin > MoneyLimits.Largest ? $"The smallest grant must be {MoneyLimits.LargestInWords} or less"
            : "Enter the smallest grant in pounds and pence, with no more than 2 numbers after the point"),
        "grantMax" when rules.GrantMax <= 0 => new("grant-max", "The largest grant must be more than £0"),
        "grantMax" when rules.GrantMax > MoneyLimits.Largest => new("grant-max", $"The largest grant must be {MoneyLimits.LargestInWords} or less"),
        "grantMax" when rules.GrantMin > rules.GrantMax => new("grant-max", $"The largest grant must be at least the smallest grant, £{FormNumbers.Money(rules.GrantMin)}"),
        "grantMax" => new("grant-max", "Enter the largest grant in pounds and pence, with no more than 2 numbers after the point"),
        "partialMinFraction" => new("partial-percent", "The smallest part of a request worth offering must be from 0% to 100%"),
        "pots" => new($"pots-{potInFocus}-share",
            $"The ring-fenced pots add up to {FormNumbers.Percent(MoneyLimits.SafeSum(rules.Pots.Select(pot => pot.Share)))}% of the budget; together they can be at most 100%"),
        _ => new("name", Sentence(problem.ToString())),
    };

    private static FieldError Criterion(Problem problem, Criterion? criterion, string id, string field)
    {
        var which = criterion is null || criterion.Title.Length == 0 ? "The new criterion" : $"“{criterion.Title}”";
        return field switch
        {
            "key" when IsLimit(problem) => new(id + "key", $"{which}: {problem.Message}"),
            "key" when criterion is { Key.Length: > 0 } => new(id + "key", $"{which}: another criterion has the key “{criterion.Key}”; enter a different key"),
            "key" => new(id + "key", $"{which}: enter a key"),
            "weight" when criterion is not null && criterion.Weight > Domain.Scoring.Criterion.MaxWeight =>
                new(id + "weight", $"{which}: the weight must be at most {FormNumbers.Number(Domain.Scoring.Criterion.MaxWeight)}"),
            "weight" => new(id + "weight", $"{which}: the weight must be more than 0"),
            "max" when criterion is not null && criterion.Min < criterion.Max => new(id + "max", $"{which}: the scale can have at most {Domain.Scoring.Criterion.MaxScalePoints} scores"),
            "max" => new(id + "max", $"{which}: the highest score must be more than the lowest score"),
            // A character or word limit is a sentence of its own (FreeText), located at the field it is about.
            "title" or "guidance" or "descriptors" when IsLimit(problem) => new(id + field, $"{which}: {problem.Message}"),
            "descriptors" when criterion is not null => new(id + "descriptors",
                $"{which}: write one line for each score from {criterion.Min} to {criterion.Max} ({criterion.Max - criterion.Min + 1} lines), or leave this empty; there are {criterion.Descriptors.Count}"),
            _ => new(id + "title", Sentence(problem.Message)),
        };
    }

    private static FieldError Rule(Problem problem, EquityRule? rule, string id, string field)
    {
        var which = rule is null || rule.Name.Length == 0 ? "The new rule" : $"“{rule.Name}”";
        return field switch
        {
            "name" when rule is { Name.Length: > 0 } => new(id + "name", problem.Message),
            "name" => new(id + "name", "Enter a name for the rule that applicants will understand"),
            "factor" => new(id + "amount", $"{which}: the multiplier must be more than 0 and at most {FormNumbers.Number(EquityRule.MaxFactor)}"),
            "points" when rule is not null && Math.Abs(rule.Points) > EquityRule.MaxPoints => new(id + "amount", $"{which}: the points must be from -{FormNumbers.Number(EquityRule.MaxPoints)} to {FormNumbers.Number(EquityRule.MaxPoints)}"),
            "points" => new(id + "amount", $"{which}: enter the points with no more than 2 numbers after the point"),
            "when" => When(problem, id, which),
            _ => new(id + "name", Sentence(problem.Message)),
        };
    }

    private static FieldError Pot(Problem problem, RingFencedPot? pot, string id, string field)
    {
        var which = pot is null || pot.Name.Length == 0 ? "The new pot" : $"“{pot.Name}”";
        return field switch
        {
            "key" when IsLimit(problem) => new(id + "key", $"{which}: {problem.Message}"),
            "key" when pot is { Key: RoundSettings.GeneralPotKey } => new(id + "key", $"{which}: “{RoundSettings.GeneralPotKey}” is the pot that funds everyone; enter a different key"),
            "key" when pot is { Key.Length: > 0 } => new(id + "key", $"{which}: another pot has the key “{pot.Key}”; enter a different key"),
            "key" => new(id + "key", $"{which}: enter a key"),
            "share" => new(id + "share", $"{which}: the share must be more than 0% and at most 100% of the budget"),
            "when" => When(problem, id, which),
            _ => new(id + "name", Sentence(problem.Message)),
        };
    }

    private static FieldError When(Problem problem, string id, string which) =>
        problem.Location.Contains(".when.flags", StringComparison.Ordinal)
            ? new(id + "flags", $"{which}: {problem.Message}")
            : new(id + "bands", $"{which}: {problem.Message}");

    /// <summary>Whether the problem is a text over its limit (FreeText.Check), which says in full what is wrong.</summary>
    private static bool IsLimit(Problem problem) =>
        problem.Message.Contains(" characters or fewer (", StringComparison.Ordinal) || problem.Message.Contains(" words or fewer (", StringComparison.Ordinal);

    private static string Sentence(string message) => message.Length == 0 ? message : char.ToUpperInvariant(message[0]) + message[1..];

    [GeneratedRegex(@"^(?<list>criteria|rules|pots)\[(?<index>\d+)\]\.(?<field>\w+)")]
    private static partial Regex ItemLocation();
}
