using FairFund.Domain.Organisations;
using FairFund.Domain.Scoring;
using FairFund.Domain.Validation;

namespace FairFund.Domain.Allocation;

/// <summary>What a fund manager does when the next candidate asks for more than a pot has left.</summary>
public enum WhenTooBig
{
    /// <summary>Not funded from this pot; go on to the next candidate.</summary>
    Skip,
    /// <summary>The pot stops here, so nobody below jumps the queue.</summary>
    Stop,
    /// <summary>Offer what is left, if it is a worthwhile part of the request; then the pot stops.</summary>
    Partial,
}

/// <summary>
/// Partial randomisation: candidates scoring from <see cref="From"/> up to (not including)
/// <see cref="To"/> are ones the panel cannot honestly tell apart, so they are ordered by lottery.
/// </summary>
public sealed record LotteryBand(decimal From, decimal To);

/// <summary>
/// A ring-fenced pot: <see cref="Share"/> of the budget, kept for organisations that meet
/// <see cref="When"/>. Its amount is the budget times the share, rounded down to the penny.
/// </summary>
public sealed record RingFencedPot(string Key, string Name, decimal Share, Condition When)
{
    public decimal AmountOf(decimal budget) => Money.FloorToPenny(budget * Share);
}

/// <summary>A round's published settings: everything the allocation depends on besides the applications.</summary>
public sealed record RoundSettings(
    string Reference,
    string Name,
    string Currency,
    decimal Budget,
    string Seed,
    IReadOnlyList<Criterion> Criteria,
    Aggregation Aggregation,
    int MinReviews,
    decimal Threshold,
    LotteryBand? LotteryBand,
    decimal GrantMin,
    decimal GrantMax,
    WhenTooBig WhenTooBig,
    decimal PartialMinFraction,
    IncomeBands IncomeBands,
    IReadOnlyList<EquityRule> Rules,
    IReadOnlyList<RingFencedPot> Pots,
    bool Rollover)
{
    /// <summary>The key reserved for the pot that funds everyone after the ring-fenced pots.</summary>
    public const string GeneralPotKey = "general";

    public const string GeneralPotName = "General pot";

    /// <summary>The most reviews a round can ask for each application: more than any panel has members.</summary>
    public const int MaxMinReviews = 100;

    /// <summary>
    /// Every problem with these settings, each at its location (e.g. <c>pots[1].share</c>), so a
    /// form or a round file can show all of them at once.
    /// </summary>
    /// <param name="at">Where these settings sit, to prefix every location.</param>
    /// <param name="seedDrawn">False for a round being set up, whose seed is only drawn when it opens.</param>
    public IEnumerable<Problem> Check(string at = "", bool seedDrawn = true)
    {
        string Here(string field) => Location.Field(at, field);

        if (string.IsNullOrWhiteSpace(Reference)) yield return new Problem(Here("reference"), "a round needs a reference");
        if (Budget <= 0) yield return new Problem(Here("budget"), $"{Budget} must be greater than 0");
        else if (Budget > Applications.MoneyLimits.Largest) yield return new Problem(Here("budget"), $"{Budget} must be at most {Applications.MoneyLimits.Largest}");
        else if (!Money.HasAtMostTwoDecimals(Budget)) yield return new Problem(Here("budget"), $"{Budget} has more than 2 decimal places");
        if (seedDrawn && string.IsNullOrEmpty(Seed)) yield return new Problem(Here("seed"), "a round needs a seed for its lottery keys");

        if (Criteria.Count == 0) yield return new Problem(Here("criteria"), "there must be at least one criterion");
        var criterionKeys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Criteria.Count; i++)
        {
            var here = Location.Item(Here("criteria"), i);
            foreach (var problem in Criteria[i].Check(here)) yield return problem;
            if (!string.IsNullOrWhiteSpace(Criteria[i].Key) && !criterionKeys.Add(Criteria[i].Key))
                yield return new Problem(Location.Field(here, "key"), $"the criterion \"{Criteria[i].Key}\" is listed twice");
        }

        if (MinReviews < 1) yield return new Problem(Here("minReviews"), $"{MinReviews} must be at least 1");
        else if (MinReviews > MaxMinReviews) yield return new Problem(Here("minReviews"), $"{MinReviews} must be at most {MaxMinReviews}");
        if (Threshold < 0) yield return new Problem(Here("threshold"), $"{Threshold} must not be negative");
        if (LotteryBand is { } band && band.From >= band.To)
            yield return new Problem(Here("lotteryBand"), $"from {band.From} must be less than to {band.To}");

        if (GrantMin <= 0) yield return new Problem(Here("grantMin"), $"{GrantMin} must be greater than 0");
        else if (GrantMin > Applications.MoneyLimits.Largest) yield return new Problem(Here("grantMin"), $"{GrantMin} must be at most {Applications.MoneyLimits.Largest}");
        else if (!Money.HasAtMostTwoDecimals(GrantMin)) yield return new Problem(Here("grantMin"), $"{GrantMin} has more than 2 decimal places");
        if (GrantMax <= 0) yield return new Problem(Here("grantMax"), $"{GrantMax} must be greater than 0");
        else if (GrantMax > Applications.MoneyLimits.Largest) yield return new Problem(Here("grantMax"), $"{GrantMax} must be at most {Applications.MoneyLimits.Largest}");
        else if (!Money.HasAtMostTwoDecimals(GrantMax)) yield return new Problem(Here("grantMax"), $"{GrantMax} has more than 2 decimal places");
        if (GrantMin > 0 && GrantMax > 0 && GrantMin > GrantMax)
            yield return new Problem(Here("grantMax"), $"{GrantMax} must not be less than grantMin {GrantMin}");
        if (PartialMinFraction is < 0 or > 1)
            yield return new Problem(Here("partialMinFraction"), $"{PartialMinFraction} must be between 0 and 1");

        foreach (var problem in IncomeBands.Check(Here("incomeBands"))) yield return problem;

        for (var i = 0; i < Rules.Count; i++)
        {
            foreach (var problem in Rules[i].Check(Location.Item(Here("rules"), i), IncomeBands)) yield return problem;
        }

        var potKeys = new HashSet<string>(StringComparer.Ordinal);
        var shares = 0m;
        for (var i = 0; i < Pots.Count; i++)
        {
            var pot = Pots[i];
            var here = Location.Item(Here("pots"), i);
            if (string.IsNullOrWhiteSpace(pot.Key)) yield return new Problem(Location.Field(here, "key"), "a pot needs a key");
            else if (FreeText.Check(Location.Field(here, "key"), "The key", pot.Key, TextLimit.Key) is { } key) yield return key;
            else if (pot.Key == GeneralPotKey) yield return new Problem(Location.Field(here, "key"), $"\"{GeneralPotKey}\" is the name of the pot that funds everyone; choose another key");
            else if (!potKeys.Add(pot.Key)) yield return new Problem(Location.Field(here, "key"), $"the pot \"{pot.Key}\" is listed twice");
            if (FreeText.Check(Location.Field(here, "name"), "The name", pot.Name, TextLimit.Name) is { } name) yield return name;
            if (pot.Share is <= 0 or > 1) yield return new Problem(Location.Field(here, "share"), $"{pot.Share} must be more than 0 and at most 1");
            // Added up without overflowing, so two absurd shares are reported, never a crash.
            shares = Applications.MoneyLimits.SafeSum([shares, pot.Share]);
            foreach (var problem in pot.When.Check(Location.Field(here, "when"), IncomeBands)) yield return problem;
        }
        if (shares > 1)
            yield return new Problem(Here("pots"), $"the ring-fenced shares add up to {shares}, more than the whole budget (1)");
    }
}
