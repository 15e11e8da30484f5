using FairFund.Domain.Allocation;
using FairFund.Domain.Moderation;
using FairFund.Domain.Organisations;

namespace FairFund.Domain.Equity;

/// <summary>Where an application ended up, as an equity report counts it.</summary>
public enum ApplicationOutcome
{
    /// <summary>Not eligible: screened out, or asked for an amount outside the grant range.</summary>
    Ineligible,
    /// <summary>Eligible but not funded: too few reviews, below the threshold, waitlisted or declined at moderation.</summary>
    NotFunded,
    /// <summary>Awarded a grant (in full or in part).</summary>
    Funded,
}

/// <summary>
/// The facts an equity report needs about one application, and nothing else: plain values, so the report can be
/// built from the round's decisions as stored, from an allocation, or from a file.
/// </summary>
/// <param name="Reference">The application's reference, which must be unique in a report.</param>
/// <param name="Band">The organisation's income band key, one of the round's.</param>
/// <param name="District">The postcode district of the group (<c>CV1</c>), or null when not known.</param>
/// <param name="DeprivationDecile">The Index of Multiple Deprivation decile of the group's area, 1 (most deprived) to 10, or null when not known.</param>
/// <param name="Flags">The organisation's flags (<see cref="KnownFlags"/> and any of the round's own); <c>rural</c> decides the rural area group.</param>
/// <param name="Outcome">Ineligible, not funded, or funded.</param>
/// <param name="Asked">The amount requested.</param>
/// <param name="Awarded">The amount awarded: 0 unless funded.</param>
public sealed record ApplicationFacts(
    string Reference,
    string Band,
    string? District,
    int? DeprivationDecile,
    IReadOnlyList<string> Flags,
    ApplicationOutcome Outcome,
    decimal Asked,
    decimal Awarded)
{
    /// <summary>
    /// The facts of one allocated application: its band, flags, decision and amount. The allocation does not know
    /// where the group is, so the caller gives the district and decile (null when not known).
    /// </summary>
    public static ApplicationFacts From(ApplicationResult result, string? district = null, int? deprivationDecile = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var outcome = result.Decision == Decision.Award ? ApplicationOutcome.Funded
            : result.Reason == DeclineReason.Ineligible ? ApplicationOutcome.Ineligible
            : ApplicationOutcome.NotFunded;
        return new ApplicationFacts(result.Reference, result.Band, district, deprivationDecile, result.Application.Organisation.Flags, outcome, result.Requested, result.Amount);
    }

    /// <summary>
    /// The facts of one application as decided: the decision and amount moderation left it with (which is what the
    /// group was told), and its band, flags and eligibility as the allocation found them. A change made in
    /// moderation counts here, as the report is of the round's decisions; what the rules alone did is
    /// <see cref="EquityEffect"/>'s to show.
    /// </summary>
    public static ApplicationFacts From(ModeratedApplication decided, string? district = null, int? deprivationDecile = null)
    {
        ArgumentNullException.ThrowIfNull(decided);
        var computed = decided.Computed;
        var outcome = decided.Decision == Decision.Award ? ApplicationOutcome.Funded
            : computed.Reason == DeclineReason.Ineligible ? ApplicationOutcome.Ineligible
            : ApplicationOutcome.NotFunded;
        return new ApplicationFacts(computed.Reference, computed.Band, district, deprivationDecile, computed.Application.Organisation.Flags, outcome,
            computed.Requested, outcome == ApplicationOutcome.Funded ? decided.Amount : 0m);
    }

    public bool IsEligible => Outcome != ApplicationOutcome.Ineligible;

    public bool IsFunded => Outcome == ApplicationOutcome.Funded;

    public bool IsRural => Flags.Contains(KnownFlags.Rural, StringComparer.Ordinal);
}
