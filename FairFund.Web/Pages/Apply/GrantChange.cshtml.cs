using FairFund.Domain.Applications;
using FairFund.Domain.Auditing;
using FairFund.Domain.Grants;
using FairFund.Domain.Scoring;
using FairFund.Web.Data;
using FairFund.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FairFund.Web.Pages.Apply;

/// <summary>
/// The group asks to change its grant while it is active, with a reason: the project's dates, a report's due date, or
/// the budget lines (money moved between lines). First it chooses what to change (a GET form, so nothing is saved),
/// then gives the new values, starting from today's. The domain checks the change (<see cref="Grant.CheckChange"/>)
/// and records it with who and when; the fund manager then agrees or refuses it.
/// </summary>
public sealed class GrantChangeModel(FairFundDbContext db, ApplicantRecords records, TimeProvider time) : PageModel
{
    public const string Dates = "dates";
    public const string ReportDue = "report";
    public const string Budget = "budget";

    /// <summary>What is being changed: <see cref="Dates"/>, <see cref="ReportDue"/> or <see cref="Budget"/>; null until chosen.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty]
    public ChangeInput Input { get; set; } = new();

    public FormErrors Errors { get; } = new();

    public ChangeView View { get; private set; } = null!;

    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        var found = await GrantRecords.FindAsync(db, records, User, reference, cancellationToken);
        if (found is null) return NotFound();
        var grant = found.Grant;
        if (Kind is not (Dates or ReportDue or Budget)) Kind = null;
        var today = UkCalendar.DateOf(time.GetUtcNow());
        Input = new ChangeInput
        {
            Start = DateInput.From(grant.StartDate ?? today),
            End = DateInput.From(grant.EndDate ?? today),
            DueOn = DateInput.From(today),
            Lines = [.. grant.Budget.Select(line => new LineInput { Item = line.Item, Cost = FormNumbers.Money(line.Cost) }), new LineInput()],
            Version = GrantRecords.VersionOf(db, grant),
        };
        Show(found);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken cancellationToken)
    {
        var found = await GrantRecords.FindAsync(db, records, User, reference, cancellationToken);
        if (found is null) return NotFound();
        var grant = found.Grant;
        if (Kind is not (Dates or ReportDue or Budget)) return NotFound();
        if (!db.IsStillAt(grant, Input.Version))
        {
            Refusal = "The grant changed while you were on this page, so nothing was saved. Check it below, then ask again.";
            return Again(found, StatusCodes.Status409Conflict);
        }
        var proposed = Read();
        if (proposed is not null)
            foreach (var problem in grant.CheckChange(proposed, Input.Reason)) Errors.Add(FieldIds.Of(problem.Location) is var id && id is "end" or "due-on" ? id + "-day" : id, problem.Message);
        if (Errors.Any || proposed is null) return Again(found, StatusCodes.Status400BadRequest);
        try
        {
            grant.AskForChange(proposed, Input.Reason ?? "", time.GetUtcNow(), GrantRecords.ActorOf(User));
            if (await db.SaveOverAsync(grant, Input.Version, cancellationToken) == EditSave.ChangedMeanwhile)
                throw new DomainRuleException("The grant changed while you were on this page, so nothing was saved. Check it below, then ask again.");
        }
        catch (DomainRuleException refused)
        {
            db.ChangeTracker.Clear();
            var fresh = await GrantRecords.FindAsync(db, records, User, reference, cancellationToken);
            if (fresh is null) return NotFound();
            Refusal = refused.Message;
            Input.Version = GrantRecords.VersionOf(db, fresh.Grant);
            return Again(fresh, StatusCodes.Status409Conflict);
        }
        TempData[GrantModel.DoneKey] = "You have asked for the change. The fund will agree or refuse it, and tell you why.";
        return RedirectToPage("/Apply/Grant", new { reference });
    }

    /// <summary>The change as typed; problems reading dates or amounts are added to <see cref="Errors"/> at their fields.</summary>
    private ProposedChange? Read()
    {
        switch (Kind)
        {
            case Dates:
                var start = UkDateInput.ReadDate(Input.Start, "start", "start date", Errors);
                var end = UkDateInput.ReadDate(Input.End, "end", "end date", Errors);
                return start is null || end is null ? null : new ProjectDatesChange(start.Value, end.Value);
            case ReportDue:
                var due = UkDateInput.ReadDate(Input.DueOn, "due-on", "new due date", Errors);
                if (!int.TryParse(Input.ReportNumber, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
                    Errors.Add("report-number", "Choose one of the grant's reports");
                return due is null || Errors.Any ? null : new ReportDueChange(number, due.Value);
            default:
                Input.Lines = [.. Input.Lines.Take(AnswerLimits.BudgetLines + 1)];
                var lines = new List<BudgetLine>();
                for (var row = 0; row < Input.Lines.Count; row++)
                {
                    var typed = Input.Lines[row];
                    if (FormNumbers.IsBlank(typed.Item) && FormNumbers.IsBlank(typed.Cost)) continue;
                    if (!FormNumbers.TryMoney(typed.Cost, out var cost))
                        Errors.Add($"budget-{lines.Count}-cost", $"Enter the cost of line {lines.Count + 1} in pounds, like 150 or 150.50");
                    lines.Add(new BudgetLine(typed.Item ?? "", cost));
                }
                // Rows left empty are dropped, so that the line numbers match what is checked.
                Input.Lines = [.. Input.Lines.Where(line => !(FormNumbers.IsBlank(line.Item) && FormNumbers.IsBlank(line.Cost)))];
                return new BudgetChange(lines);
        }
    }

    private PageResult Again(OwnGrant found, int status)
    {
        Show(found);
        Response.StatusCode = status;
        return Page();
    }

    private void Show(OwnGrant found)
    {
        var grant = found.Grant;
        if (grant.State != GrantState.Active) Refusal ??= $"A change cannot be asked for: the grant is {Grant.Describe(grant.State)}.";
        if (Kind == Budget && Input.Lines.Count <= AnswerLimits.BudgetLines && (Input.Lines.Count == 0 || !Input.Lines[^1].IsBlank)) Input.Lines.Add(new LineInput());
        View = new ChangeView(found.Own.Application.Reference, found.RoundName, grant.State == GrantState.Active,
            [.. grant.Reports.Where(report => !report.HasBeenSent).Select(report => new Choice(report.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"{report.Name}, due by {DecisionLetter.LongDate(report.DueOn)}"))],
            grant.StartDate is { } start && grant.EndDate is { } end ? $"{DecisionLetter.LongDate(start)} to {DecisionLetter.LongDate(end)}" : "not set",
            Money.Pounds(grant.Budget.Sum(line => line.Cost)));
    }

    public static string LineId(int row, string field) => $"budget-{row}-{field}";

    public sealed class ChangeInput
    {
        public DateInput Start { get; set; } = new();
        public DateInput End { get; set; } = new();
        public string? ReportNumber { get; set; }
        public DateInput DueOn { get; set; } = new();
        public List<LineInput> Lines { get; set; } = [];
        public string? Reason { get; set; }
        public Guid Version { get; set; }
    }

    public sealed class LineInput
    {
        public string? Item { get; set; }
        public string? Cost { get; set; }

        public bool IsBlank => FormNumbers.IsBlank(Item) && FormNumbers.IsBlank(Cost);
    }

    public sealed record ChangeView(string Reference, string RoundName, bool CanAsk, IReadOnlyList<Choice> Reports, string ProjectDates, string BudgetTotal);
}
