using FairFund.Domain.Applications;
using FairFund.Domain.Forms;
using FairFund.Web.Data;
using FairFund.Web.Rounds;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
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

    /// <summary>The tasks that must be complete before sending: all but optional ones such as documents.</summary>
    public int ToComplete => Tasks.Count(task => task.Counts);

    /// <summary>All required tasks are complete, so the group can check its answers and send.</summary>
    public bool ReadyToCheck => Completed == ToComplete;

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
        Deadline = Deadline.For(own, time.GetUtcNow());
        CanStillBeSent = own.WindowAt(time.GetUtcNow()).IsOpen;
        var groupStatus = group.Check(today).Count == 0 ? TaskStatus.Completed : TaskStatus.InProgress;
        var shown = own.Form.ShownQuestions(application.Answers);
        Tasks =
        [
            new TaskRow("Your group's details", Url.Page("/Apply/Organisation")!, groupStatus, "Entered once and used for every application"),
            .. own.Sections.Select(section => Row(own, section, shown)),
        ];
        Completed = Tasks.Count(task => task.Counts && task.Status == TaskStatus.Completed);
        return Page();
    }

    /// <summary>
    /// One section's task: its title, its page and how far the group has got. A section with nothing it must
    /// answer and nothing wrong (the optional documents) does not count towards sending, and says so, or for
    /// documents how many are added.
    /// </summary>
    private TaskRow Row(OwnApplication own, FormSection section, IReadOnlySet<string> shown)
    {
        var href = SectionPages.Href(Url, section, own.Application.Reference);
        var hint = section.Guidance.Length > 0 ? section.Guidance : null;
        var status = own.StatusOf(section.Key);
        var optional = !section.Questions.Any(question => question.Required && shown.Contains(question.Key)) && own.Check(section.Key).Count == 0;
        if (!optional) return new TaskRow(section.Title, href, status, hint);
        var note = SectionPages.IsDocumentsOnly(section)
            ? own.Application.Documents.Count switch { 0 => "Optional", 1 => "1 added", var count => $"{count} added" }
            : status == TaskStatus.NotStarted ? "Optional" : "Completed";
        return new TaskRow(section.Title, href, status, hint, note);
    }

    /// <summary>The page, by name, where a default task is answered while the round's form has it unchanged (<see cref="SectionPages"/>).</summary>
    public static string PageFor(ApplicationTask task) => task switch
    {
        ApplicationTask.Project => "/Apply/Project",
        ApplicationTask.WhoBenefits => "/Apply/WhoBenefits",
        ApplicationTask.Outcomes => "/Apply/Outcomes",
        ApplicationTask.LivedExperience => "/Apply/LivedExperience",
        ApplicationTask.Budget => "/Apply/Budget",
        _ => "/Apply/Partners",
    };

    /// <param name="Note">For an optional task, what its status says in place of the usual words; it then does not count towards sending.</param>
    public sealed record TaskRow(string Name, string Href, TaskStatus Status, string? Hint, string? Note = null)
    {
        public bool Counts => Note is null;

        public string StatusText => Note ?? Status switch
        {
            TaskStatus.NotStarted => "Not yet started",
            TaskStatus.InProgress => "In progress",
            _ => "Completed",
        };
    }
}
