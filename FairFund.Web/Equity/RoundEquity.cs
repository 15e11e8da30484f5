using FairFund.Domain.Allocation;
using FairFund.Domain.Applications;
using FairFund.Domain.Equity;
using FairFund.Domain.Moderation;
using FairFund.Domain.Organisations;
using FairFund.Domain.Rounds;
using FairFund.Web.Allocation;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Equity;

/// <summary>Where an applying group is, as an equity report groups it: its postcode district, and its deprivation decile where known.</summary>
public sealed record GroupPlace(string? District, int? DeprivationDecile)
{
    public static GroupPlace NotKnown { get; } = new(null, null);
}

/// <summary>
/// A round's equity figures, all from the domain: the report on its decisions (as moderation left them) and what
/// its equity rules did (the allocation with and without them, on the same scores and seed). Computed every time
/// it is asked for, never stored.
/// </summary>
public sealed record RoundEquityFigures(ModeratedAllocation Decisions, EquityReport Report, EquityEffect Effect)
{
    /// <summary>
    /// The figures for an allocation. <paramref name="places"/> gives each application's place by reference; an
    /// application it does not list (or no places at all, as in a round file) is in no known district or decile.
    /// </summary>
    public static RoundEquityFigures Of(RoundSettings round, ModeratedAllocation decisions, IReadOnlyDictionary<string, GroupPlace>? places)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(decisions);
        var facts = decisions.Ranked
            .Select(decided =>
            {
                var place = places?.GetValueOrDefault(decided.Reference) ?? GroupPlace.NotKnown;
                return ApplicationFacts.From(decided, place.District, place.DeprivationDecile);
            })
            .ToList();
        var report = EquityReport.For(decisions.Budget, [.. round.IncomeBands.Bands.Select(band => band.Key)], facts);
        var effect = WithoutEquityRules.Compare(round, [.. decisions.Computed.Applications.Select(result => result.Application)]);
        return new RoundEquityFigures(decisions, report, effect);
    }
}

/// <summary>A round's equity figures from its live data: the moderated allocation and where each group is.</summary>
public sealed class RoundEquity(FairFundDbContext db, RoundAllocation allocation)
{
    /// <summary>The equity figures of a round that has an allocation (from moderation on).</summary>
    public async Task<RoundEquityFigures> ForAsync(Round round, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        var decisions = await allocation.ModeratedAsync(round, cancellationToken);
        return RoundEquityFigures.Of(round.RulesForAllocation(), decisions, await PlacesAsync(round, cancellationToken));
    }

    /// <summary>Each of the round's applications' group's place, by application reference, from the group's postcode.</summary>
    public async Task<IReadOnlyDictionary<string, GroupPlace>> PlacesAsync(Round round, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        var postcodes = await db.Applications.AsNoTracking()
            .Where(application => application.RoundId == round.Id && application.State != ApplicationState.Draft)
            .Join(db.Organisations, application => application.OrganisationId, profile => profile.Id, (application, profile) => new { application.Reference, profile.Postcode })
            .ToListAsync(cancellationToken);
        // No deprivation data is held yet, so no decile is known.
        return postcodes.ToDictionary(row => row.Reference, row => new GroupPlace(Postcodes.District(row.Postcode), null), StringComparer.Ordinal);
    }
}
