using FairFund.Domain.Allocation;

namespace FairFund.Domain.Equity;

/// <summary>
/// The counterfactual round: the same round with its equity rules taken out, so that the difference between
/// the two allocations is what the rules themselves did. It is computed to be shown beside the decisions and
/// is never a decision itself.
/// </summary>
public static class WithoutEquityRules
{
    /// <summary>
    /// The round's settings with the equity rules removed. This is the one place that says what "without the
    /// equity rules" means.
    /// <para>Removed: every equity rule (multipliers and bonuses), so each final score is the base score; and
    /// every ring-fenced pot, so the whole budget is one general pot that funds everyone in rank order.</para>
    /// <para>Kept, unchanged: the budget, currency, seed (so every lottery key is the same), criteria and their
    /// weights, aggregation, minimum reviews, quality threshold and lottery band (both now compared with the
    /// base score, so a group lifted over the threshold or into a higher tier only by the rules falls back),
    /// grant range, what happens when a request is too big (including partial awards and their minimum share),
    /// income bands (reported by, no longer rewarded) and the rollover setting (which has nothing to roll over
    /// once there are no ring-fenced pots).</para>
    /// </summary>
    public static RoundSettings SettingsFor(RoundSettings round)
    {
        ArgumentNullException.ThrowIfNull(round);
        return round with { Rules = [], Pots = [] };
    }

    /// <summary>
    /// Allocates the round as published and as it would have been without the equity rules, on the same
    /// applications, reviews and seed, and compares them. This measures the published rules' effect on the
    /// allocator's result, not on moderated decisions, so an override is never counted as the rules' doing.
    /// </summary>
    /// <exception cref="InvalidRoundException">The round cannot be allocated as published.</exception>
    public static EquityEffect Compare(RoundSettings round, IReadOnlyList<ApplicationEntry> applications)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(applications);
        var withRules = Allocator.Allocate(round, applications);
        var withoutRules = Allocator.Allocate(SettingsFor(round), applications);
        return EquityEffect.Between(round, withRules, withoutRules);
    }
}
