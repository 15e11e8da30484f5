using FairFund.Domain.Applications;
using FairFund.Domain.Forms;
using FairFund.Domain.Validation;
using FairFund.Web.Data;
using FairFund.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Apply;

/// <summary>
/// What every question page of an application shares (the GOV.UK question page pattern, one page per section of the round's form).
/// "Save and continue" always saves what was entered, complete or not, so a volunteer never loses work;
/// then, if the task still has problems, the page shows them and says the answers were saved, otherwise it
/// goes on to the next task. "Save and come back later" saves and returns to the task list without
/// showing problems. A save is made only over the version of the application the person was looking at,
/// so a stale second tab is told, never silently written over the newer answers.
/// </summary>
[RequestSizeLimit(QuestionPageModel.MaxRequestBytes)]
public abstract class QuestionPageModel(FairFundDbContext db, ApplicantRecords records) : PageModel
{
    /// <summary>
    /// The most a question page's post may be: every answer at its character limit many times over, so an absurd
    /// body is refused before it is read, while an over-long answer still reaches the domain for a located message.
    /// </summary>
    public const long MaxRequestBytes = 2 * 1024 * 1024;

    public const string ContinueAction = "continue";
    public const string LaterAction = "later";
    public const string MoreRowsAction = "more";

    /// <summary>The only place a question page returns to other than the next task, so no address is taken from the request.</summary>
    public const string ReturnToCheck = "check";

    /// <summary>The key of the section of the round's form this page asks.</summary>
    public abstract string SectionKey { get; }

    /// <summary>The application and its round as loaded for this request, with the round's form.</summary>
    protected OwnApplication Own { get; private set; } = null!;

    /// <summary>The section this page asks, from the round's form.</summary>
    public FormSection Section { get; private set; } = null!;

    public string Reference { get; private set; } = "";
    public string RoundName { get; private set; } = "";
    public GrantRange Grants { get; private set; } = new(0, 0);
    public FormErrors Errors { get; } = new();

    /// <summary>The answers were saved, but the task still has problems, which the page shows.</summary>
    public bool SavedWithProblems { get; private set; }

    /// <summary>The application changed after the person opened the page, so what they entered was not saved.</summary>
    public ChangedMeanwhile? Conflicted { get; private set; }

    /// <summary>What was entered cannot be stored (a text over its character limit, an absurd amount), so nothing on the page was saved.</summary>
    public bool NotSaved { get; private set; }

    /// <summary>The application's version when the page was shown, so that a save can tell whether it is still current.</summary>
    [BindProperty]
    public Guid Version { get; set; }

    /// <summary><see cref="ReturnToCheck"/> when the person came from checking their answers.</summary>
    [BindProperty(SupportsGet = true, Name = "returnTo")]
    public string? ReturnTo { get; set; }

    public string TaskListHref => Url.Page("/Apply/TaskList", new { reference = Reference })!;

    public string CheckHref => Url.Page("/Apply/Check", new { reference = Reference })!;

    /// <summary>Where the back link goes: where the person came from.</summary>
    public string BackHref => ReturnTo == ReturnToCheck ? CheckHref : TaskListHref;

    /// <summary>On a page of rows, the label of a button that saves and shows more empty rows; null when there are no more to show.</summary>
    public virtual string? MoreRowsLabel => null;

    /// <summary>The page title, with GOV.UK's "Error: " prefix while the page shows errors.</summary>
    public string PageTitle(string title) => (Errors.Any ? "Error: " : "") + title;

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        var own = await records.FindAsync(User, reference, cancellationToken);
        if (own is null) return NotFound();
        if (own.Application.State != ApplicationState.Draft) return RedirectToPage("/Apply/Status", new { reference });
        if (NotAskedHere(own) is { } elsewhere) return elsewhere;
        Show(own);
        ShowAnswers(own.Application);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, string? action, CancellationToken cancellationToken)
    {
        var own = await records.FindAsync(User, reference, cancellationToken);
        if (own is null) return NotFound();
        if (own.Application.State != ApplicationState.Draft) return RedirectToPage("/Apply/Status", new { reference });
        if (NotAskedHere(own) is { } elsewhere) return elsewhere;
        var application = own.Application;
        Use(own);
        if (!db.IsStillAt(application, Version)) return ShowConflict(own);

        var entryErrors = new List<FieldError>();
        var refused = SaveAnswers(application, entryErrors);
        if (refused.Count > 0)
        {
            // The application changed nothing, so what was saved before stays; the page shows what was typed, and why it was not kept.
            ShowErrors(entryErrors.Concat(refused.Select(problem => new FieldError(FieldId(problem.Location), problem.Message))));
            Show(own);
            NotSaved = true;
            AfterSave(application);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (await db.SaveOverAsync(application, Version, cancellationToken) == EditSave.ChangedMeanwhile)
        {
            // Another save (another tab, someone else in the group) came between loading and saving.
            var now = await records.FindAsync(User, reference, cancellationToken);
            if (now is null) return NotFound();
            if (now.Application.State != ApplicationState.Draft) return RedirectToPage("/Apply/Status", new { reference });
            if (NotAskedHere(now) is { } askedElsewhere) return askedElsewhere;
            return ShowConflict(now);
        }

        if (action == LaterAction) return RedirectToPage("/Apply/TaskList", new { reference });
        if (action == MoreRowsAction) return Here(reference);

        ShowErrors(entryErrors.Concat(own.Check(SectionKey).Select(problem => new FieldError(FieldId(problem.Location), problem.Message))));
        if (!Errors.Any) return Next(own);

        Show(own);
        Version = db.VersionOf(application);
        SavedWithProblems = true;
        AfterSave(application);
        return Page();
    }

    /// <summary>Adds the errors in the order of the page's fields, so the error summary lists them as the page shows them.</summary>
    private void ShowErrors(IEnumerable<FieldError> located)
    {
        var order = FieldOrder().Select((id, index) => (id, index)).ToDictionary(entry => entry.id, entry => entry.index, StringComparer.Ordinal);
        foreach (var error in located.OrderBy(error => order.GetValueOrDefault(error.FieldId, int.MaxValue))) Errors.Add(error);
    }

    /// <summary>Fills the form from the saved answers.</summary>
    protected abstract void FillFrom(Application application);

    /// <summary>
    /// Reads the form and gives the answers to the application to keep; an entry that cannot be read (a cost
    /// that is not an amount of money, half a date) is added to <paramref name="entryErrors"/> at its field,
    /// and everything else is still saved. Returns what the application refused to store (a text over its
    /// character limit), in which case it changed nothing.
    /// </summary>
    protected abstract IReadOnlyList<Problem> SaveAnswers(Application application, ICollection<FieldError> entryErrors);

    /// <summary>The id of the field a problem's location (<c>budget[1].cost</c>) is about.</summary>
    protected virtual string FieldId(string location) => FieldIds.Of(location);

    /// <summary>The page's field ids in the order they appear, so that the error summary lists errors in that order.</summary>
    protected abstract IEnumerable<string> FieldOrder();

    /// <summary>After a save with problems, anything the page shows from the saved answers, such as a budget's total.</summary>
    protected virtual void AfterSave(Application application)
    {
    }

    /// <summary>
    /// Where to go instead when this page does not ask the section on the round's form: not found when the form has
    /// no such section; the page that asks it when that is another (a default task's section the funder changed is
    /// asked by the page built from the form); the task list when its condition hides it for the answers saved.
    /// </summary>
    private IActionResult? NotAskedHere(OwnApplication own)
    {
        if (own.Form.FindSection(SectionKey) is not { } section) return NotFound();
        if (SectionPages.PageFor(section) != PageName) return RedirectToPage(SectionPages.PageFor(section), SectionPages.RouteValues(section, own.Application.Reference, ReturnTo == ReturnToCheck));
        if (own.Sections.All(shown => shown.Key != SectionKey)) return RedirectToPage("/Apply/TaskList", new { reference = own.Application.Reference });
        return null;
    }

    /// <summary>This page's name, as <see cref="SectionPages.PageFor"/> gives it.</summary>
    protected abstract string PageName { get; }

    private void Use(OwnApplication own)
    {
        Own = own;
        Section = own.Form.FindSection(SectionKey)!;
    }

    private void Show(OwnApplication own)
    {
        Use(own);
        Reference = own.Application.Reference;
        RoundName = own.Round.Name;
        Grants = own.Grants;
    }

    private void ShowAnswers(Application application)
    {
        Version = db.VersionOf(application);
        FillFrom(application);
        AfterSave(application);
    }

    /// <summary>
    /// Shows the page again with what the person entered, unsaved, and the application's current version, so
    /// that saving again knowingly replaces the newer answers; or they can open the page afresh to see them.
    /// </summary>
    private PageResult ShowConflict(OwnApplication now)
    {
        Show(now);
        Version = db.VersionOf(now.Application);
        Conflicted = ChangedMeanwhile.On(this, "This application", "select “Save and continue” again");
        AfterSave(now.Application);
        return Page();
    }

    private RedirectToPageResult Here(string reference) =>
        RedirectToPage(SectionPages.PageFor(Section), SectionPages.RouteValues(Section, reference, ReturnTo == ReturnToCheck));

    /// <summary>
    /// The page of the next section the form asks, for the answers just saved (so a section the new amount asked
    /// for brings in comes next); after the last, or when the person came from checking their answers, back there
    /// or to the task list. Documents, which are added on their own page, are reached from the task list.
    /// </summary>
    private RedirectToPageResult Next(OwnApplication own)
    {
        var reference = own.Application.Reference;
        if (ReturnTo == ReturnToCheck) return RedirectToPage("/Apply/Check", new { reference });
        var shown = own.Sections.Select(section => section.Key).ToHashSet(StringComparer.Ordinal);
        var next = own.Form.Sections.SkipWhile(section => section.Key != SectionKey).Skip(1)
            .FirstOrDefault(section => shown.Contains(section.Key) && !SectionPages.IsDocumentsOnly(section));
        return next is null ? RedirectToPage("/Apply/TaskList", new { reference }) : RedirectToPage(SectionPages.PageFor(next), SectionPages.RouteValues(next, reference));
    }
}
