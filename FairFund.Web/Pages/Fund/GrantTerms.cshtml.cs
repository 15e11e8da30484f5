using System.Globalization;
using FairFund.Domain.Auditing;
using FairFund.Domain.Grants;
using FairFund.Domain.Rounds;
using FairFund.Domain.Validation;
using FairFund.Web.Data;
using FairFund.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Fund;

/// <summary>
/// What a round asks of every grant it makes, set by the fund manager while the round is a draft or open: the payment
/// schedule (one payment, or instalments as percentages, each released on acceptance, on a date or when a named
/// report is accepted), the reports expected, the amount under which a grant asks only a short end report, the days
/// a group has to accept, and the days before a report is due that the group is reminded. Rows are added with
/// buttons, so it works without JavaScript; rows left empty are dropped. The domain's <see cref="GrantTerms.Check"/>
/// says what is wrong, each at its field; nothing is saved until everything is right.
/// </summary>
public sealed class GrantTermsModel(FairFundDbContext db, TimeProvider time) : PageModel
{
    public const string DoneKey = "GrantTermsDone";

    [BindProperty]
    public TermsInput Input { get; set; } = new();

    public FormErrors Errors { get; } = new();

    public TermsView View { get; private set; } = null!;

    public string? Done { get; private set; }

    /// <summary>Why the terms cannot change now, or why this press changed nothing; null when they can.</summary>
    public string? Refusal { get; private set; }

    public ChangedMeanwhile? ChangedMeanwhile { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken);
        if (round is null) return NotFound();
        Done = TempData[DoneKey] as string;
        Input = TermsInput.From(round.GrantTerms);
        Input.Version = db.VersionOf(round);
        Show(round);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, string? add, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken);
        if (round is null) return NotFound();
        Input.Instalments = [.. Input.Instalments.Take(GrantTerms.MostInstalments)];
        Input.Reports = [.. Input.Reports.Take(GrantTerms.MostReports)];
        if (!round.CanSetGrantTerms)
        {
            Refusal = $"The grant terms cannot change now: the round is {Round.Describe(round.State)}.";
            return Again(round, StatusCodes.Status400BadRequest);
        }
        if (add is not null)
        {
            if (add == "instalment" && Input.Instalments.Count < GrantTerms.MostInstalments) Input.Instalments.Add(new InstalmentInput());
            if (add == "report" && Input.Reports.Count < GrantTerms.MostReports) Input.Reports.Add(new ReportInput());
            Show(round);
            return Page();
        }
        if (!db.IsStillAt(round, Input.Version))
        {
            ChangedMeanwhile = Forms.ChangedMeanwhile.On(this, "The grant terms", "select “Save the grant terms” again");
            Input.Version = db.VersionOf(round);
            Show(round);
            return Page();
        }
        var terms = Read();
        if (Errors.Any || terms is null) return Again(round, StatusCodes.Status400BadRequest);
        try
        {
            round.SetGrantTerms(terms, time.GetUtcNow(), Apply.GrantRecords.ActorOf(User));
        }
        catch (DomainRuleException refused)
        {
            Refusal = refused.Message;
            return Again(round, StatusCodes.Status400BadRequest);
        }
        if (await db.SaveOverAsync(round, Input.Version, cancellationToken) == EditSave.ChangedMeanwhile)
        {
            db.ChangeTracker.Clear();
            var now = await db.Rounds.SingleAsync(r => r.Reference == reference, cancellationToken);
            ChangedMeanwhile = Forms.ChangedMeanwhile.On(this, "The grant terms", "select “Save the grant terms” again");
            Input.Version = db.VersionOf(now);
            Show(now);
            return Page();
        }
        TempData[DoneKey] = "The grant terms are saved. Every grant this round offers will be on them.";
        return RedirectToPage(new { reference });
    }

    /// <summary>The terms as typed, with every problem added to <see cref="Errors"/> at its field, in the form's order; null when they cannot be made.</summary>
    private GrantTerms? Read()
    {
        Input.Instalments = [.. Input.Instalments.Where(row => !row.IsBlank)];
        Input.Reports = [.. Input.Reports.Where(row => !row.IsBlank)];
        var found = new List<FieldError>();
        var unreadable = new HashSet<string>(StringComparer.Ordinal);

        var reports = new List<ExpectedReport>();
        for (var row = 0; row < Input.Reports.Count; row++)
        {
            var typed = Input.Reports[row];
            DateOnly? dueOn = null;
            int? months = null;
            if (typed.Due == DueByDate)
            {
                var dateErrors = new FormErrors();
                dueOn = UkDateInput.ReadDate(typed.DueOn, ReportDueDateId(row), $"day report {row + 1} is due", dateErrors);
                found.AddRange(dateErrors.All);
                if (dueOn is null) unreadable.Add(ReportId(row, "dueOn"));
            }
            else if (typed.Due == DueAfterMonths)
            {
                if (!FormNumbers.TryWhole(typed.Months, out var whole))
                {
                    found.Add(new FieldError(ReportId(row, "monthsAfterAcceptance"), $"Enter the months after acceptance that report {row + 1} is due as a whole number, like 6"));
                    unreadable.Add(ReportId(row, "dueOn"));
                }
                else months = whole;
            }
            reports.Add(new ExpectedReport(typed.Name ?? "", dueOn, months, typed.IsFinal == "yes"));
        }

        var schedule = new List<Instalment>();
        for (var row = 0; row < Input.Instalments.Count; row++)
        {
            var typed = Input.Instalments[row];
            var percent = 0m;
            var percentText = (typed.Percent ?? "").Trim().TrimEnd('%');
            if (FormNumbers.IsBlank(percentText)) found.Add(new FieldError(InstalmentId(row, "percent"), $"Enter the percentage of the grant instalment {row + 1} pays, like 50"));
            else if (!FormNumbers.TryNumber(percentText, out percent))
                found.Add(new FieldError(InstalmentId(row, "percent"), $"Enter the percentage of the grant instalment {row + 1} pays as a number, like 50 or 33.33"));
            var rule = RuleOf(typed.Rule);
            DateOnly? on = null;
            if (rule == ReleaseRule.OnDate)
            {
                var dateErrors = new FormErrors();
                on = UkDateInput.ReadDate(typed.On, InstalmentDateId(row), $"day instalment {row + 1} is released", dateErrors);
                found.AddRange(dateErrors.All);
                if (on is null) unreadable.Add(InstalmentId(row, "on"));
            }
            if (rule is null) found.Add(new FieldError(InstalmentId(row, "rule"), $"Choose when instalment {row + 1} is released"));
            schedule.Add(new Instalment(percent, rule ?? ReleaseRule.OnAcceptance, on, rule == ReleaseRule.OnReportAccepted ? FormNumbers.IsBlank(typed.ReportName) ? null : typed.ReportName!.Trim() : null));
        }

        var threshold = 0m;
        if (!FormNumbers.IsBlank(Input.ProportionateThreshold) && !FormNumbers.TryMoney(Input.ProportionateThreshold, out threshold))
            found.Add(new FieldError("proportionate-threshold", "Enter the amount under which a grant asks only a short end report in pounds, like 2,000 or 0 for never"));
        var daysToAccept = ReadWhole(Input.DaysToAccept, "days-to-accept", "Enter the days a group has to accept an offer as a whole number, like 28", found);
        var reminderDays = ReadWhole(Input.ReminderDaysBefore, "reminder-days-before", "Enter the days before a report is due that the group is reminded as a whole number, like 14", found);

        var terms = new GrantTerms(schedule, reports, threshold, daysToAccept, reminderDays);
        var locatedIds = found.Select(error => error.FieldId).ToHashSet(StringComparer.Ordinal);
        foreach (var problem in terms.Check())
        {
            var id = FieldId(problem.Location);
            // A field that could not be read has its own message already, and the domain saw only a stand-in for it.
            if (unreadable.Contains(FieldIds.Of(problem.Location)) || locatedIds.Contains(id)) continue;
            found.Add(new FieldError(id, problem.Message));
        }
        var order = FieldOrder(Input.Instalments.Count, Input.Reports.Count).Select((id, index) => (id, index)).ToDictionary(field => field.id, field => field.index);
        foreach (var error in found.OrderBy(error => order.GetValueOrDefault(error.FieldId, int.MaxValue))) Errors.Add(error);
        return Errors.Any ? null : terms;
    }

    private static int ReadWhole(string? typed, string id, string message, List<FieldError> found)
    {
        if (FormNumbers.TryWhole(typed, out var whole)) return whole;
        found.Add(new FieldError(id, message));
        return 0;
    }

    private PageResult Again(Round round, int status)
    {
        Show(round);
        Response.StatusCode = status;
        return Page();
    }

    private void Show(Round round)
    {
        if (Input.Instalments.Count == 0) Input.Instalments.Add(new InstalmentInput());
        if (Input.Reports.Count == 0) Input.Reports.Add(new ReportInput());
        // Report names offered for an instalment: those in the form as it is now, and any already chosen.
        var names = Input.Reports.Select(report => report.Name?.Trim()).Concat(Input.Instalments.Select(instalment => instalment.ReportName?.Trim()))
            .OfType<string>().Where(name => name.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        View = new TermsView(round.Reference, round.Name, round.CanSetGrantTerms, names,
            round.GrantTermsSetBy is { } by && round.GrantTermsSetAt is { } at ? $"{UkTime.Format(at)} (UK time) by {by}" : null);
        Refusal ??= round.CanSetGrantTerms ? null : $"The grant terms cannot change now: the round is {Round.Describe(round.State)}.";
    }

    public const string DueByDate = "date";
    public const string DueAfterMonths = "months";

    public static ReleaseRule? RuleOf(string? typed) => typed switch
    {
        nameof(ReleaseRule.OnAcceptance) => ReleaseRule.OnAcceptance,
        nameof(ReleaseRule.OnDate) => ReleaseRule.OnDate,
        nameof(ReleaseRule.OnReportAccepted) => ReleaseRule.OnReportAccepted,
        _ => null,
    };

    /// <summary>The id of the input a problem's location is about: a date's problems are at its day.</summary>
    public static string FieldId(string location)
    {
        var id = FieldIds.Of(location);
        if (id.EndsWith("-on", StringComparison.Ordinal) && id.StartsWith("schedule-", StringComparison.Ordinal)) return id + "-day";
        return id;
    }

    public static string InstalmentId(int row, string field) => FieldIds.Of($"schedule[{row}].{field}");

    public static string InstalmentDateId(int row) => InstalmentId(row, "on");

    public static string ReportId(int row, string field) => FieldIds.Of($"reports[{row}].{field}");

    /// <summary>The date input of a report due on a day; the radios choosing how it is due are at <c>reports-N-due-on</c>.</summary>
    public static string ReportDueDateId(int row) => ReportId(row, "dueDate");

    private static IEnumerable<string> FieldOrder(int instalments, int reports) =>
        ["schedule",
         .. Enumerable.Range(0, instalments).SelectMany(row => new[] { InstalmentId(row, "percent"), InstalmentId(row, "rule"), InstalmentDateId(row) + "-day", InstalmentId(row, "reportName") }),
         "reports",
         .. Enumerable.Range(0, reports).SelectMany(row => new[] { ReportId(row, "name"), ReportId(row, "dueOn"), ReportDueDateId(row) + "-day", ReportId(row, "monthsAfterAcceptance") }),
         "proportionate-threshold", "days-to-accept", "reminder-days-before"];

    public sealed class TermsInput
    {
        public List<InstalmentInput> Instalments { get; set; } = [];
        public List<ReportInput> Reports { get; set; } = [];
        public string? ProportionateThreshold { get; set; }
        public string? DaysToAccept { get; set; }
        public string? ReminderDaysBefore { get; set; }
        public Guid Version { get; set; }

        public static TermsInput From(GrantTerms terms) => new()
        {
            Instalments = [.. terms.Schedule.Select(instalment => new InstalmentInput
            {
                Percent = instalment.Percent.ToString("0.##", CultureInfo.InvariantCulture),
                Rule = instalment.Rule.ToString(),
                On = instalment.On is { } on ? DateInput.From(on) : new DateInput(),
                ReportName = instalment.ReportName,
            })],
            Reports = [.. terms.Reports.Select(report => new ReportInput
            {
                Name = report.Name,
                Due = report.DueOn is null ? DueAfterMonths : DueByDate,
                DueOn = report.DueOn is { } due ? DateInput.From(due) : new DateInput(),
                Months = report.MonthsAfterAcceptance?.ToString(CultureInfo.InvariantCulture),
                IsFinal = report.IsFinal ? "yes" : null,
            })],
            ProportionateThreshold = FormNumbers.Money(terms.ProportionateThreshold),
            DaysToAccept = terms.DaysToAccept.ToString(CultureInfo.InvariantCulture),
            ReminderDaysBefore = terms.ReminderDaysBefore.ToString(CultureInfo.InvariantCulture),
        };
    }

    public sealed class InstalmentInput
    {
        public string? Percent { get; set; }
        public string? Rule { get; set; }
        public DateInput On { get; set; } = new();
        public string? ReportName { get; set; }

        public bool IsBlank => FormNumbers.IsBlank(Percent) && Rule is null && FormNumbers.IsBlank(ReportName)
            && FormNumbers.IsBlank(On.Day) && FormNumbers.IsBlank(On.Month) && FormNumbers.IsBlank(On.Year);
    }

    public sealed class ReportInput
    {
        public string? Name { get; set; }
        public string? Due { get; set; }
        public DateInput DueOn { get; set; } = new();
        public string? Months { get; set; }
        public string? IsFinal { get; set; }

        public bool IsBlank => FormNumbers.IsBlank(Name) && Due is null && FormNumbers.IsBlank(Months) && IsFinal is null
            && FormNumbers.IsBlank(DueOn.Day) && FormNumbers.IsBlank(DueOn.Month) && FormNumbers.IsBlank(DueOn.Year);
    }

    /// <param name="ReportNames">The report names an instalment can wait for.</param>
    /// <param name="LastSet">Who last set the terms and when, in words; null while the round has the default terms.</param>
    public sealed record TermsView(string Reference, string Name, bool CanChange, IReadOnlyList<string> ReportNames, string? LastSet);
}
