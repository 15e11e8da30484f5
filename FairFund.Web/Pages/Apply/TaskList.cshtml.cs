using FairFund.Domain.Applications;
using FairFund.Web.Data;
using FairFund.Web.Rounds;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using static FairFund.Web.Pages.Shared.AnswerRows;
using TaskStatus = FairFund.Domain.Applications.TaskStatus;

namespace FairFund.Web.Pages.Apply;

/// <summary>
/// A draft application's task list (the GOV.UK task list pattern): each part of the form with where it
/// stands, the group's details it will be sent with, the deadline, and the way to check and send it.
/// </summary>
public sealed class TaskListModel(FairFundDbContext db, ApplicantRecords records, TimeProvider time) : PageModel
{
    public string Reference { get; private set; } = "";
    public string RoundName { get; private set; } = "";
    public string GroupName { get; private set; } = "";
    public Deadline Deadline { get; private set; } = null!;
    public IReadOnlyList<TaskRow> Tasks { get; private set; } = [];
    public int Completed { get; private set; }

    /// <summary>How many supporting documents the group has added, which are optional.</summary>
    public int Documents { get; private set; }

    /// <summary>All required tasks are complete, so the group can check its answers and send.</summary>
    public bool ReadyToCheck => Completed == Tasks.Count;

    /// <summary>Whether the round still takes applications, so the draft can be worked on and sent.</summary>
    public bool CanStillBeSent { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        await RoundClock.CloseDueRoundsAsync(db, time.GetUtcNow(), cancellationToken);
        var own = await records.FindAsync(User, reference, cancellationToken);
        if (own is null) return NotFound();
        var (application, round) = own;
        if (application.State != ApplicationState.Draft) return RedirectToPage("/Apply/Status", new { reference });

        var group = await db.Organisations.AsNoTracking().FirstAsync(group => group.Id == application.OrganisationId, cancellationToken);
        var today = DateOnly.FromDateTime(UkTime.From(time.GetUtcNow()).DateTime);
        Reference = application.Reference;
        RoundName = round.Name;
        GroupName = group.Name;
        Deadline = new Deadline(round.ClosesAt, time.GetUtcNow());
        CanStillBeSent = own.WindowAt(time.GetUtcNow()).IsOpen;
        var groupStatus = group.Check(today).Count == 0 ? TaskStatus.Completed : TaskStatus.InProgress;
        Tasks =
        [
            new TaskRow("Your group's details", Url.Page("/Apply/Organisation")!, groupStatus, "Entered once and used for every application"),
            .. own.Tasks.Select(task =>
                new TaskRow(TaskName(task), Url.Page(PageFor(task), new { reference })!, own.StatusOf(task), null)),
        ];
        Documents = application.Documents.Count;
        Completed = Tasks.Count(task => task.Status == TaskStatus.Completed);
        return Page();
    }

    /// <summary>The last part of each task's page address, such as <c>who-benefits</c>.</summary>
    /// <summary>The page, by name, where a task is answered.</summary>
    public static string PageFor(ApplicationTask task) => task switch
    {
        ApplicationTask.Project => "/Apply/Project",
        ApplicationTask.WhoBenefits => "/Apply/WhoBenefits",
        ApplicationTask.Outcomes => "/Apply/Outcomes",
        ApplicationTask.LivedExperience => "/Apply/LivedExperience",
        ApplicationTask.Budget => "/Apply/Budget",
        _ => "/Apply/Partners",
    };

    public sealed record TaskRow(string Name, string Href, TaskStatus Status, string? Hint)
    {
        public string StatusText => Status switch
        {
            TaskStatus.NotStarted => "Not yet started",
            TaskStatus.InProgress => "In progress",
            _ => "Completed",
        };
    }
}
