using FairFund.Domain.Organisations;
using FairFund.Domain.Scoring;
using FairFund.Domain.Validation;

namespace FairFund.Domain.Scoring;

/// <summary>
/// When an equity rule or a ring-fenced pot applies: the organisation's band is one of
/// <see cref="IncomeBands"/> (if given) and it has every one of <see cref="Flags"/> (if given).
/// With neither, it always holds.
/// </summary>
public sealed record Condition(IReadOnlyList<string>? IncomeBands, IReadOnlyList<string>? Flags)
{
    public static Condition Always { get; } = new(null, null);

    public bool IsAlways => IncomeBands is null && Flags is null;

    /// <summary>Whether the condition holds; allocates nothing, as it runs for every rule and pot of every application.</summary>
    public bool Holds(string band, Organisation organisation)
    {
        if (IncomeBands is not null && !Contains(IncomeBands, band)) return false;
        if (Flags is not null)
        {
            for (var i = 0; i < Flags.Count; i++)
            {
                if (!organisation.HasFlag(Flags[i])) return false;
            }
        }
        return true;
    }

    /// <summary>Whether the condition holds, with the facts that decided it, for an explanation.</summary>
    public ConditionOutcome Evaluate(string band, Organisation organisation) => new(this, Holds(band, organisation), band, organisation);

    private static bool Contains(IReadOnlyList<string> items, string item)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (string.Equals(items[i], item, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    public IEnumerable<Problem> Check(string at, Organisations.IncomeBands bands)
    {
        if (IncomeBands is { Count: 0 })
            yield return new Problem(Location.Field(at, "incomeBands"), "an empty list matches nobody; leave it out to match every band");
        if (Flags is { Count: 0 })
            yield return new Problem(Location.Field(at, "flags"), "an empty list is a mistake; leave it out to match every organisation");
        if (IncomeBands is not null)
        {
            for (var i = 0; i < IncomeBands.Count; i++)
            {
                if (!bands.Contains(IncomeBands[i]))
                    yield return new Problem(Location.Item(Location.Field(at, "incomeBands"), i),
                        $"\"{IncomeBands[i]}\" is not one of the round's income bands ({string.Join(", ", bands.Bands.Select(b => b.Key))})");
            }
        }
    }

    /// <summary>The condition in plain words, for the published rules: "organisations in band micro or small that are rural".</summary>
    public string Describe()
    {
        if (IsAlways) return "every organisation";
        var inBands = IncomeBands is null ? "" : $" in band {Words.OneOf(IncomeBands)}";
        var withFlags = Flags is null ? "" : $" that are {string.Join(" and ", Flags.Select(KnownFlags.InWords))}";
        return "organisations" + inBands + withFlags;
    }
}

/// <summary>Whether a condition held for one organisation, with the facts that decided it.</summary>
public sealed record ConditionOutcome(Condition Condition, bool Holds, string Band, Organisation Organisation)
{
    /// <summary>Why it did or did not hold, e.g. "income 240,000.00 is in band medium, not micro or small".</summary>
    public string Why()
    {
        if (Condition.IsAlways) return "it applies to every organisation";
        var reasons = new List<string>();
        if (Condition.IncomeBands is { } bands)
        {
            var matches = bands.Contains(Band, StringComparer.Ordinal);
            reasons.Add(matches
                ? $"income {Money.Format(Organisation.AnnualIncome)} is in band {Band}"
                : $"income {Money.Format(Organisation.AnnualIncome)} is in band {Band}, not {Words.OneOf(bands)}");
        }
        if (Condition.Flags is { } flags)
        {
            var missing = flags.Where(flag => !Organisation.HasFlag(flag)).ToList();
            reasons.Add(missing.Count == 0
                ? $"the organisation is {string.Join(" and ", flags.Select(KnownFlags.InWords))}"
                : $"the organisation is not {string.Join(" or ", missing.Select(KnownFlags.InWords))}");
        }
        return string.Join("; ", reasons);
    }

    /// <summary>
    /// <see cref="Why"/> as the group reads it, about "your group", with the income in pounds and pence:
    /// "your group's income of £240,000.00 is in the medium band, not micro or small".
    /// </summary>
    public string WhyForTheGroup()
    {
        if (Condition.IsAlways) return "it applies to every group";
        var reasons = new List<string>();
        var income = Money.PoundsAndPence(Organisation.AnnualIncome);
        if (Condition.IncomeBands is { } bands)
        {
            reasons.Add(bands.Contains(Band, StringComparer.Ordinal)
                ? $"your group's income of {income} is in the {Band} band"
                : $"your group's income of {income} is in the {Band} band, not {Words.OneOf(bands)}");
        }
        if (Condition.Flags is { } flags)
        {
            var missing = flags.Where(flag => !Organisation.HasFlag(flag)).ToList();
            reasons.Add(missing.Count == 0
                ? $"your group is {string.Join(" and ", flags.Select(KnownFlags.InWords))}"
                : $"your group is not {string.Join(" or ", missing.Select(KnownFlags.InWords))}");
        }
        return string.Join("; ", reasons);
    }
}

internal static class Words
{
    public static string OneOf(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " or " + items[^1],
    };
}
