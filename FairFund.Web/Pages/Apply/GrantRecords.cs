using System.Security.Claims;
using FairFund.Domain.Grants;
using FairFund.Domain.Rounds;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Apply;

/// <summary>A grant with the group's own application it was offered for, as the group's grant pages load it.</summary>
public sealed record OwnGrant(Grant Grant, OwnApplication Own)
{
    public string RoundName => Own.Round.Name;
}

/// <summary>
/// The one way the group's grant pages reach a grant: through the group's own application
/// (<see cref="ApplicantRecords"/>), once the decisions have been sent. Another group's grant is "not found", as a
/// reference that does not exist.
/// </summary>
public static class GrantRecords
{
    /// <summary>The grant offered for the person's own group's application <paramref name="reference"/>, tracked; null when there is none they may see.</summary>
    public static async Task<OwnGrant?> FindAsync(FairFundDbContext db, ApplicantRecords records, ClaimsPrincipal user, string reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(records);
        var own = await records.FindAsync(user, reference, cancellationToken);
        if (own is null || own.Round.State is not (RoundState.Notified or RoundState.Archived)) return null;
        var grant = await db.Grants.SingleOrDefaultAsync(grant => grant.ApplicationId == own.Application.Id, cancellationToken);
        return grant is null ? null : new OwnGrant(grant, own);
    }

    /// <summary>Who acted, as the history records people: by email address, as they sign in.</summary>
    public static string ActorOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown";
    }

    /// <summary>The grant's version, which a form carries so that it acts only on the grant as the person saw it.</summary>
    public static Guid VersionOf(FairFundDbContext db, Grant grant)
    {
        ArgumentNullException.ThrowIfNull(db);
        return (Guid)db.Entry(grant).Property(FairFundDbContext.VersionColumn).CurrentValue!;
    }

    /// <summary>A tag for the grant's state, in the group's words, coloured as the fund's pages colour it.</summary>
    public static Shared.StatusTag TagForGroup(GrantState state) => new(GrantLabels.ForGroup(state), Colour(state));

    /// <summary>A tag for the grant's state, in the fund's words.</summary>
    public static Shared.StatusTag TagForStaff(GrantState state) => new(GrantLabels.ForStaff(state), Colour(state));

    private static Shared.TagColour Colour(GrantState state) => state switch
    {
        GrantState.Offered => Shared.TagColour.Blue,
        GrantState.Accepted => Shared.TagColour.Yellow,
        GrantState.Active => Shared.TagColour.Green,
        GrantState.Closed => Shared.TagColour.Grey,
        _ => Shared.TagColour.Red,
    };
}
