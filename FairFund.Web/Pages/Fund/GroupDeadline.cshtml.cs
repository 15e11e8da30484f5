using FairFund.Domain.Applications;
using FairFund.Domain.Auditing;
using FairFund.Domain.Deadlines;
using FairFund.Domain.Rounds;
using FairFund.Web.Data;
using FairFund.Web.Forms;
using FairFund.Web.Rounds;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Fund;

/// <summary>
/// Gives one group more time: its own deadline, later than the round's and than any it has, with a reason the group
/// is shown (and no other group). The send check holds the group to this deadline, to the second; the round still
/// closes to everyone else at its closing time.
/// </summary>
public sealed class GroupDeadlineModel(FairFundDbContext db, TimeProvider time) : PageModel
{
    public const string DoneKey = "GroupDeadlineDone";

    [BindProperty]
    public DeadlinesModel.ExtendInput Input { get; set; } = new();

    [BindProperty]
    public Guid Version { get; set; }

    public FormErrors Errors { get; } = new();

    public string? Refusal { get; private set; }

    public string? Done { get; private set; }

    public GroupDeadlineView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string reference, string applicationReference, CancellationToken cancellationToken)
    {
        await RoundClock.CloseDueRoundsAsync(db, time.GetUtcNow(), cancellationToken);
        if (await LoadAsync(reference, applicationReference, cancellationToken) is not ({ } round, { } application)) return NotFound();
        Done = TempData[DoneKey] as string;
        Version = db.VersionOf(application);
        Input.Closes = DateTimeInput.From(application.DeadlineIn(round.ClosesAt));
        await ShowAsync(round, application, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, string applicationReference, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await RoundClock.CloseDueRoundsAsync(db, now, cancellationToken);
        if (await LoadAsync(reference, applicationReference, cancellationToken) is not ({ } round, { } application)) return NotFound();
        var until = UkDateInput.Read(Input.Closes, "closesAt", "new deadline date", Errors);
        foreach (var problem in application.CheckExtension(round.State, round.ClosesAt, until, Input.Reason, now).Where(problem => until is not null || problem.Location != "closesAt"))
            Errors.Add(problem.Location == "closesAt" ? "closesAt-day" : "reason", problem.Message);
        if (Errors.Any || until is null) return await AgainAsync(round, application, cancellationToken);
        if (!db.IsStillAt(application, Version))
        {
            Refusal = "The application was changed while you were on this page (the group may have sent it), so the deadline was not moved. Check it below, then try again.";
            Version = db.VersionOf(application);
            return await AgainAsync(round, application, cancellationToken);
        }
        try
        {
            application.ExtendDeadline(round.State, round.ClosesAt, until.Value, Input.Reason ?? "", now, Apply.GrantRecords.ActorOf(User));
        }
        catch (DomainRuleException refused)
        {
            Refusal = refused.Message;
            return await AgainAsync(round, application, cancellationToken);
        }
        if (await db.SaveOverAsync(application, Version, cancellationToken) == EditSave.ChangedMeanwhile)
        {
            db.ChangeTracker.Clear();
            if (await LoadAsync(reference, applicationReference, cancellationToken) is not ({ } freshRound, { } fresh)) return NotFound();
            Refusal = "The application was changed while you were saving (the group may have sent it), so the deadline was not moved. Check it below, then try again.";
            Version = db.VersionOf(fresh);
            return await AgainAsync(freshRound, fresh, cancellationToken);
        }
        TempData[DoneKey] = $"{application.Reference} can now be sent until {UkTime.Format(until.Value)} (UK time).";
        return RedirectToPage(new { reference, applicationReference });
    }

    private async Task<(Round?, Application?)> LoadAsync(string reference, string applicationReference, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken);
        if (round is null) return (null, null);
        var application = await db.Applications.SingleOrDefaultAsync(a => a.RoundId == round.Id && a.Reference == applicationReference, cancellationToken);
        return (round, application);
    }

    private async Task<PageResult> AgainAsync(Round round, Application application, CancellationToken cancellationToken)
    {
        await ShowAsync(round, application, cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task ShowAsync(Round round, Application application, CancellationToken cancellationToken)
    {
        var group = await db.Organisations.AsNoTracking().Where(g => g.Id == application.OrganisationId).Select(g => g.Name).SingleAsync(cancellationToken);
        View = new GroupDeadlineView(round.Reference, round.Name, application.Reference, group, Labels.ForStaff(application.State), UkTime.Format(round.ClosesAt),
            application.ExtendedUntil is { } until ? UkTime.Format(until) : null, application.ExtensionReason, application.ExtendedBy,
            application.ExtendedAt is { } at ? UkTime.Format(at) : null,
            application.CheckExtension(round.State, round.ClosesAt, DateTimeOffset.MaxValue, "reason", time.GetUtcNow()) is [var closed, ..] ? closed.Message : null);
    }

    /// <param name="WhyNot">Why this group cannot be given more time now, whatever is typed; null while it can.</param>
    public sealed record GroupDeadlineView(string RoundReference, string RoundName, string Reference, string Group, string State, string RoundCloses,
        string? ExtendedUntil, string? Reason, string? By, string? At, string? WhyNot);
}
