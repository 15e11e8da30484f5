using FairFund.Domain.Applications;
using FairFund.Domain.Auditing;
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

    /// <inheritdoc cref="Round.TellsIneligibleAtScreening"/>
    public bool TellsIneligibleAtScreening { get; private set; }

    /// <summary>Why the choice of when groups found not eligible are told cannot change now; null while it can.</summary>
    public string? IneligibleNoticeFixed { get; private set; }

    public Guid Version { get; private set; }

    /// <summary>What the choice's form posts: <see cref="AtScreening"/> or <see cref="WithDecisions"/>, and the round's version it was shown at.</summary>
    [BindProperty]
    public NoticeInput Notice { get; set; } = new();

    public const string AtScreening = "at-screening";
    public const string WithDecisions = "with-decisions";

    /// <summary>Why the choice was not saved, shown above the page.</summary>
    public string? NoticeRefusal { get; private set; }

    /// <summary>
    /// Chooses when groups found not eligible are told: by email as screening finishes, or with the decisions.
    /// Recorded in the round's history with who and when (<see cref="Round.ChooseWhenIneligibleAreTold"/>).
    /// </summary>
    public async Task<IActionResult> OnPostIneligibleNoticeAsync(string reference, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken);
        if (round is null) return NotFound();
        if (Notice.When is not (AtScreening or WithDecisions)) NoticeRefusal = "Select when groups found not eligible are told";
        else if (!db.IsStillAt(round, Notice.Version)) NoticeRefusal = "The round was changed after you opened this page, so your choice was not saved. Choose again";
        else
        {
            try
            {
                round.ChooseWhenIneligibleAreTold(Notice.When == AtScreening, time.GetUtcNow(), User.Identity?.Name ?? "unknown");
                if (await db.SaveOverAsync(round, Notice.Version, cancellationToken) == EditSave.Saved) return RedirectToPage(new { reference });
                NoticeRefusal = "The round was changed after you opened this page, so your choice was not saved. Choose again";
            }
            catch (DomainRuleException refused)
            {
                NoticeRefusal = refused.Message;
            }
        }
        db.ChangeTracker.Clear();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await OnGetAsync(reference, null, cancellationToken);
    }

    public sealed class NoticeInput
    {
        public string? When { get; set; }
        public Guid Version { get; set; }
    }

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
        (TellsIneligibleAtScreening, IneligibleNoticeFixed) = (round.TellsIneligibleAtScreening, round.WhyIneligibleNoticeCannotChange);
        Version = await db.Rounds.Where(r => r.Id == round.Id).StoredVersionAsync(cancellationToken);
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
