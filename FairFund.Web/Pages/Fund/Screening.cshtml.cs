using FairFund.Domain.Applications;
using FairFund.Domain.Rounds;
using FairFund.Domain.Scoring;
using FairFund.Web.Accounts;
using FairFund.Web.Data;
using FairFund.Web.Pages.Shared;
using FairFund.Web.Rounds;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FairFund.Web.Pages.Fund;

/// <summary>
/// Screening a round: how many applications are still to screen, and each sent application with its automatic
/// checks beside its screening decision, linked to the page where the decision is made.
/// </summary>
public sealed class ScreeningModel(FairFundDbContext db, IOptions<Funder> funder, TimeProvider time) : PageModel
{
    /// <summary>The <c>show</c> value that lists only the applications still to screen.</summary>
    public const string OnlyToScreen = "to-screen";

    public string Reference { get; private set; } = "";
    public string RoundName { get; private set; } = "";
    public string RoundStateInWords { get; private set; } = "";
    public bool ScreeningIsOpen { get; private set; }
    public int ToScreen { get; private set; }
    public int Eligible { get; private set; }
    public int Ineligible { get; private set; }
    public bool ShowingOnlyToScreen { get; private set; }
    public IReadOnlyList<ApplicationRow> Applications { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string reference, string? show, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await RoundClock.CloseDueRoundsAsync(db, now, cancellationToken);
        var round = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken);
        if (round is null) return NotFound();

        var applications = await db.Applications.AsNoTracking()
            .Where(a => a.RoundId == round.Id && Application.ScreeningStates.Contains(a.State))
            .OrderBy(a => a.Reference)
            .ToListAsync(cancellationToken);
        var groupIds = applications.Select(a => a.OrganisationId).Distinct().ToList();
        var groups = await db.Organisations.AsNoTracking().Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, cancellationToken);

        (Reference, RoundName, RoundStateInWords, ScreeningIsOpen) = (round.Reference, round.Name, Round.Describe(round.State), Round.WhyScreeningIsClosed(round.State) is null);
        ToScreen = applications.Count(a => a.State == ApplicationState.Submitted);
        Eligible = applications.Count(a => a.State == ApplicationState.Eligible);
        Ineligible = applications.Count(a => a.State == ApplicationState.Ineligible);
        ShowingOnlyToScreen = show == OnlyToScreen;
        var area = funder.Value.AreaOfBenefit;
        Applications = [.. applications
            .Where(a => !ShowingOnlyToScreen || a.State == ApplicationState.Submitted)
            .Select(a => new ApplicationRow(a.Reference, groups[a.OrganisationId].Name, Money.Pounds(a.AmountRequested),
                Screening.ChecksFor(a, groups[a.OrganisationId], round, area, now), Screening.Decision(a.State)))];
        return Page();
    }

    public sealed record ApplicationRow(string Reference, string GroupName, string Amount, IReadOnlyList<EligibilityCheck> Checks, StatusTag Decision);
}
