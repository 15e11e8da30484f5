using FairFund.Domain.Organisations;
using FairFund.Domain.Rounds;
using FairFund.Web.Data;
using FairFund.Web.Rounds;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Apply;

/// <summary>An applicant's start page: the groups they act for, and the rounds open to them now.</summary>
public sealed class IndexModel(FairFundDbContext db, UserManager<IdentityUser> users, TimeProvider time) : PageModel
{
    public IReadOnlyList<GroupRow> Groups { get; private set; } = [];
    public IReadOnlyList<OpenRound> OpenRounds { get; private set; } = [];

    /// <summary>The confirmation from the page that sent the person here, such as saving the group's details.</summary>
    public string? Saved { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Saved = TempData[OrganisationModel.SavedKey] as string;
        await RoundClock.CloseDueRoundsAsync(db, time.GetUtcNow(), cancellationToken);
        var userId = users.GetUserId(User);
        var groups = await db.OrganisationMembers.Where(member => member.UserId == userId)
            .Join(db.Organisations, member => member.OrganisationId, organisation => organisation.Id, (_, organisation) => organisation)
            .AsNoTracking().ToListAsync(cancellationToken);
        Groups = [.. groups.Select(group => new GroupRow(group.Name, group.AreaServed, group.OrgId, group.Flags.Select(KnownFlags.InWords).ToList()))];
        var open = await db.Rounds.AsNoTracking().Where(round => round.State == RoundState.Open)
            .Select(round => new { round.Reference, round.Name, round.ClosesAt }).ToListAsync(cancellationToken);
        OpenRounds = [.. open.OrderBy(round => round.ClosesAt).Select(round => new OpenRound(round.Reference, round.Name, UkTime.Format(round.ClosesAt)))];
    }

    public sealed record GroupRow(string Name, string AreaServed, string? OrgId, IReadOnlyList<string> Described);

    public sealed record OpenRound(string Reference, string Name, string Closes);
}
