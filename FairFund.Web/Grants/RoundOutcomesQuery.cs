using FairFund.Domain.Grants;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Grants;

/// <summary>
/// Loads a round's grants (with the reports they hold) and their groups' names, and asks the domain for the round's
/// outcomes (<see cref="RoundOutcomes.Of"/>): the one answer the fund manager's page, its CSV, the workbook's sheet and
/// the public results page show.
/// </summary>
public static class RoundOutcomesQuery
{
    /// <summary>The outcomes of round <paramref name="roundId"/> at <paramref name="now"/>; null when it has no grants.</summary>
    public static async Task<RoundOutcomes?> OfRoundAsync(FairFundDbContext db, Guid roundId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var grants = await db.Grants.AsNoTracking().AsSplitQuery().Where(grant => grant.RoundId == roundId).ToListAsync(cancellationToken);
        if (grants.Count == 0) return null;
        var groupIds = grants.Select(grant => grant.OrganisationId).Distinct().ToList();
        var names = await db.Organisations.AsNoTracking().Where(group => groupIds.Contains(group.Id))
            .Select(group => new { group.Id, group.Name }).ToDictionaryAsync(group => group.Id, group => group.Name, cancellationToken);
        return RoundOutcomes.Of(grants, names, now);
    }
}
