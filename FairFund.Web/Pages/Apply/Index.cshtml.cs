using FairFund.Domain.Applications;
using FairFund.Domain.Forms;
using FairFund.Domain.Organisations;
using FairFund.Domain.Rounds;
using FairFund.Web.Data;
using FairFund.Web.Forms;
using FairFund.Web.Rounds;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Apply;

/// <summary>An applicant's start page: the groups they act for, their applications, and the rounds open to them now.</summary>
public sealed class IndexModel(FairFundDbContext db, UserManager<IdentityUser> users, ApplicantRecords records, TimeProvider time, Microsoft.Extensions.Options.IOptions<FairFund.Web.Accounts.Funder> funder) : PageModel
{
    public const string NeedsGroupKey = "NeedsGroup";

    public IReadOnlyList<ApplicationRow> Applications { get; private set; } = [];

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
        var groupIds = groups.Select(group => group.Id).ToList();
        var outcomes = await db.Applications.AsNoTracking().Where(application => groupIds.Contains(application.OrganisationId))
            .Select(application => new { application.OrganisationId, application.State }).ToListAsync(cancellationToken);
        Groups = [.. groups.Select(group =>
        {
            var flags = group.Flags.ToList();
            if (AllocationFacts.IsFirstTimeApplicant(outcomes.Where(o => o.OrganisationId == group.Id).Select(o => o.State))) flags.Add(KnownFlags.FirstTimeApplicant);
            if (funder.Value.RuralAreas.Contains(group.Postcode)) flags.Add(KnownFlags.Rural);
            return new GroupRow(group.Name, group.AreaServed, group.OrgId, flags.Select(KnownFlags.InWords).ToList());
        })];
        var applications = await db.Applications.AsNoTracking().Where(application => groupIds.Contains(application.OrganisationId))
            .Join(db.Rounds, application => application.RoundId, round => round.Id,
                (application, round) => new { application.Reference, application.State, application.Answers, RoundName = round.Name, RoundReference = round.Reference, round.ClosesAt, RoundState = round.State, application.ExtendedUntil })
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        Applications = [.. applications.OrderByDescending(application => application.ClosesAt).Select(application =>
        {
            // The same window the send button is held to: a draft can be carried on only while its round takes applications.
            var window = SubmissionWindow.For(application.RoundState, application.ClosesAt, application.ExtendedUntil, now);
            // As the status page shows it: a decision is held back until the fund sends it.
            var state = Application.StateForGroup(application.State, application.RoundState);
            return new ApplicationRow(application.Reference, application.RoundName, application.Answers.TextOf(FixedQuestions.Title), Labels.ForApplicant(state, window),
                Application.CanGroupContinue(application.State, window), UkTime.Format(window.ClosesAt));
        })];
        var begun = applications.Select(application => application.RoundReference).ToHashSet();
        var open = await db.Rounds.AsNoTracking().Where(round => round.State == RoundState.Open)
            .Select(round => new { round.Reference, round.Name, round.ClosesAt }).ToListAsync(cancellationToken);
        OpenRounds = [.. open.OrderBy(round => round.ClosesAt)
            .Select(round => new OpenRound(round.Reference, round.Name, UkTime.Format(round.ClosesAt), begun.Contains(round.Reference)))];
    }

    /// <summary>Starts the group's application to a round, or opens the one it has already begun.</summary>
    public async Task<IActionResult> OnPostStartAsync(string round, CancellationToken cancellationToken)
    {
        await RoundClock.CloseDueRoundsAsync(db, time.GetUtcNow(), cancellationToken);
        var group = await records.GroupOfAsync(User, cancellationToken);
        if (group is null)
        {
            TempData[NeedsGroupKey] = "Enter your group's details first: they go with every application.";
            return RedirectToPage("/Apply/Organisation");
        }
        var application = await records.StartAsync(group.Value, round, cancellationToken);
        if (application is null) return NotFound();
        return RedirectToPage("/Apply/TaskList", new { reference = application.Reference });
    }

    /// <summary>One of the group's applications; <paramref name="CanContinue"/> while it is a draft its round can still take.</summary>
    public sealed record ApplicationRow(string Reference, string RoundName, string Title, string Status, bool CanContinue, string RoundCloses);

    public sealed record GroupRow(string Name, string AreaServed, string? OrgId, IReadOnlyList<string> Described);

    public sealed record OpenRound(string Reference, string Name, string Closes, bool AlreadyBegun);
}
