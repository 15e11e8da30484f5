using FairFund.Domain.Allocation;
using FairFund.Domain.Organisations;

namespace FairFund.Domain.Equity;

/// <summary>
/// What one group (an income band, an equity flag, or the money nobody was awarded) got with the equity rules
/// and without them. <see cref="Moved"/> is positive where the rules moved money to the group.
/// </summary>
/// <param name="Group">The band's key, the flag as written (see <see cref="KnownFlags.InWords"/>), or <see cref="EquityEffect.UnallocatedGroup"/>.</param>
/// <param name="FundedWithRules">How many of the group's applications are funded with the rules (0 for the unallocated money).</param>
/// <param name="FundedWithoutRules">How many would have been funded without them.</param>
/// <param name="AwardedWithRules">The money awarded to the group with the rules (or left unspent).</param>
/// <param name="AwardedWithoutRules">The money that would have been awarded without them (or left unspent).</param>
public sealed record MoneyMoved(string Group, int FundedWithRules, int FundedWithoutRules, decimal AwardedWithRules, decimal AwardedWithoutRules)
{
    /// <summary>Awarded with the rules less awarded without them.</summary>
    public decimal Moved => AwardedWithRules - AwardedWithoutRules;
}

/// <summary>
/// What the round's equity rules did: the allocation as published beside the same allocation without the
/// rules (<see cref="WithoutEquityRules.SettingsFor"/>), the money each band and each flag gained or lost, and
/// the applications whose decision the rules changed.
/// <para>The bands and <see cref="Unallocated"/> together cover the whole budget in both allocations, so their
/// <see cref="MoneyMoved.Moved"/> add up to exactly 0: money the rules gave one band came from another band or
/// from money that would otherwise have gone unspent. Flags overlap (a group can have several, or none), so
/// theirs need not add up to anything.</para>
/// </summary>
public sealed record EquityEffect(
    AllocationResult WithRules,
    AllocationResult WithoutRules,
    IReadOnlyList<MoneyMoved> ByBand,
    MoneyMoved Unallocated,
    IReadOnlyList<MoneyMoved> ByFlag,
    IReadOnlyList<DecisionDifference> Differences)
{
    /// <summary>The <see cref="MoneyMoved.Group"/> of the budget that neither pot awarded.</summary>
    public const string UnallocatedGroup = "unallocated";

    /// <summary>Applications funded only because of the rules: awarded with them, not without.</summary>
    public IReadOnlyList<DecisionDifference> FundedOnlyBecauseOfRules => [.. Differences.Where(difference => difference.FundedOnlyAsPublished)];

    /// <summary>Applications not funded because of the rules: awarded without them, not with.</summary>
    public IReadOnlyList<DecisionDifference> NotFundedBecauseOfRules => [.. Differences.Where(difference => difference.FundedOnlyInAlternative)];

    /// <summary>
    /// Compares two allocations of the same applications, the first with the round's equity rules and the
    /// second without. Every band of <paramref name="round"/> is listed, in its order, even when empty; every
    /// flag FairFund knows, then any other flag an organisation has, in ordinal order.
    /// </summary>
    public static EquityEffect Between(RoundSettings round, AllocationResult withRules, AllocationResult withoutRules)
    {
        ArgumentNullException.ThrowIfNull(round);
        var differences = DecisionDifference.Between(withRules, withoutRules);
        if (withRules.Budget != withoutRules.Budget)
            throw new ArgumentException($"The allocations have budgets of {withRules.Budget} and {withoutRules.Budget}; they must share one.", nameof(withoutRules));

        var byBand = round.IncomeBands.Bands
            .Select(band => Tally(band.Key, withRules, withoutRules, application => application.Band == band.Key))
            .ToList();
        var unallocated = new MoneyMoved(UnallocatedGroup, 0, 0, withRules.Budget - withRules.Allocated, withoutRules.Budget - withoutRules.Allocated);
        var byFlag = EquityFlags.Of(withRules.Applications.Select(application => application.Application.Organisation.Flags))
            .Select(flag => Tally(flag, withRules, withoutRules, application => application.Application.Organisation.HasFlag(flag)))
            .ToList();
        return new EquityEffect(withRules, withoutRules, byBand, unallocated, byFlag, differences);
    }

    private static MoneyMoved Tally(string group, AllocationResult withRules, AllocationResult withoutRules, Func<ApplicationResult, bool> inGroup)
    {
        var (fundedWith, awardedWith) = Funded(withRules, inGroup);
        var (fundedWithout, awardedWithout) = Funded(withoutRules, inGroup);
        return new MoneyMoved(group, fundedWith, fundedWithout, awardedWith, awardedWithout);
    }

    private static (int Funded, decimal Awarded) Funded(AllocationResult allocation, Func<ApplicationResult, bool> inGroup)
    {
        var (funded, awarded) = (0, 0m);
        foreach (var application in allocation.Applications)
        {
            if (application.Decision != Decision.Award || !inGroup(application)) continue;
            funded++;
            awarded += application.Amount;
        }
        return (funded, awarded);
    }
}

/// <summary>The flags an equity table reports on.</summary>
public static class EquityFlags
{
    /// <summary>
    /// Every flag FairFund knows (<see cref="KnownFlags.All"/>, in that order), then any other flag seen, in
    /// ordinal order, so a round's own flags are reported as well and the order never depends on the data's.
    /// </summary>
    public static IReadOnlyList<string> Of(IEnumerable<IReadOnlyList<string>> flagsSeen)
    {
        ArgumentNullException.ThrowIfNull(flagsSeen);
        var others = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var flags in flagsSeen)
        {
            foreach (var flag in flags)
            {
                if (!KnownFlags.All.Contains(flag, StringComparer.Ordinal)) others.Add(flag);
            }
        }
        return [.. KnownFlags.All, .. others];
    }
}
