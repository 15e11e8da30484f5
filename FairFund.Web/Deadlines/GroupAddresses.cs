using FairFund.Web.Accounts;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Deadlines;

/// <summary>One person who acts for a group: where its mail goes, and the name it is greeted by.</summary>
public sealed record GroupPerson(string Email, string? Name);

/// <summary>Everyone who acts for each group, so that news about a group's application reaches each of them.</summary>
public static class GroupAddresses
{
    public static async Task<ILookup<Guid, GroupPerson>> OfAsync(FairFundDbContext db, IReadOnlyCollection<Guid> groups, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (groups.Count == 0) return Array.Empty<(Guid, GroupPerson)>().ToLookup(pair => pair.Item1, pair => pair.Item2);
        var members = await db.OrganisationMembers.AsNoTracking().Where(member => groups.Contains(member.OrganisationId))
            .Join(db.Users, member => member.UserId, user => user.Id, (member, user) => new { member.OrganisationId, user.Id, user.Email })
            .ToListAsync(cancellationToken);
        var userIds = members.Select(member => member.Id).ToList();
        var names = await db.UserClaims.AsNoTracking().Where(claim => claim.ClaimType == AccountMail.NameClaim && userIds.Contains(claim.UserId))
            .ToDictionaryAsync(claim => claim.UserId, claim => claim.ClaimValue, cancellationToken);
        return members.Where(member => member.Email is { Length: > 0 })
            .ToLookup(member => member.OrganisationId, member => new GroupPerson(member.Email!, names.GetValueOrDefault(member.Id)));
    }
}
