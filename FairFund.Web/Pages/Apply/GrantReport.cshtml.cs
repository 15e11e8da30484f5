using System.Globalization;
using FairFund.Domain.Applications;
using FairFund.Domain.Auditing;
using FairFund.Domain.Grants;
using FairFund.Domain.Scoring;
using FairFund.Domain.Validation;
using FairFund.Web.Data;
using FairFund.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Apply;

/// <summary>
/// The group writes one of its grant's reports: for each indicator, what was achieved; what changed for people, in
/// its own words; how people with lived experience shaped and judged the work; what was spent on each budget line,
/// with any underspend. A short end report (a grant under the round's threshold) asks only what changed and the
/// spending. "Save and come back later" keeps it as it is (only a text over its character limit is refused);
/// "Send the report" sends it once the domain's <see cref="GrantReport.Check"/> finds nothing, each problem at its
/// field. After the fund asks for more, the reason is shown and the group sends again. Only the group's own members
/// reach it; another group's report is not found, at every handler.
/// </summary>
public sealed class GrantReportModel(FairFundDbContext db, ApplicantRecords records, TimeProvider time) : PageModel
{
    public const string SaveAction = "save";
    public const string SendAction = "send";

    [BindProperty]
    public ReportInput Input { get; set; } = new();

    public FormErrors Errors { get; } = new();

    public ReportView View { get; private set; } = null!;

    /// <summary>Why this press changed nothing, in words; null when it did.</summary>
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, int number, CancellationToken cancellationToken)
    {
        var found = await GrantRecords.FindAsync(db, records, User, reference, cancellationToken);
        if (found?.Grant.Reports.FirstOrDefault(report => report.Number == number) is not { } report) return NotFound();
        Input = ReportInput.From(report.Content, found.Grant.Outcomes, found.Grant.Budget.Count);
        Input.Version = GrantRecords.VersionOf(db, found.Grant);
        Show(found, report);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, int number, string? action, CancellationToken cancellationToken)
    {
        var found = await GrantRecords.FindAsync(db, records, User, reference, cancellationToken);
        if (found?.Grant.Reports.FirstOrDefault(report => report.Number == number) is not { } report) return NotFound();
        var grant = found.Grant;
        if (!Equals(db.Entry(grant).Property(FairFundDbContext.VersionColumn).CurrentValue, Input.Version))
        {
            Refusal = "Your grant changed while you were on this page, so the report has not been saved. Check it below, then save or send it again.";
            Input.Version = GrantRecords.VersionOf(db, grant);
            return Again(found, report, StatusCodes.Status409Conflict);
        }
        var content = Read(grant);
        var sending = action == SendAction;
        if (sending)
        {
            foreach (var problem in report.Check(content, grant.Outcomes, grant.Budget)) Errors.Add(FieldId(problem.Location), problem.Message);
        }
        if (Errors.Any) return Again(found, report, StatusCodes.Status400BadRequest);
        var now = time.GetUtcNow();
        try
        {
            if (sending) grant.SendReport(number, content, now, GrantRecords.ActorOf(User));
            else grant.SaveReport(number, content, now, GrantRecords.ActorOf(User));
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception refused) when (refused is DomainRuleException or DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var fresh = await GrantRecords.FindAsync(db, records, User, reference, cancellationToken);
            if (fresh?.Grant.Reports.FirstOrDefault(r => r.Number == number) is not { } freshReport) return NotFound();
            Refusal = refused is DomainRuleException ? refused.Message
                : "Your grant changed while you were on this page, so the report has not been saved. Check it below, then save or send it again.";
            Input.Version = GrantRecords.VersionOf(db, fresh.Grant);
            return Again(fresh, freshReport, refused is DomainRuleException ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict);
        }
        TempData[GrantModel.DoneKey] = sending
            ? $"You have sent your {report.Name}. The fund will read it and tell you if it needs anything more."
            : $"Your {report.Name} is saved. You can come back to it at any time before you send it.";
        return RedirectToPage("/Apply/Grant", new { reference });
    }

    /// <summary>
    /// The report as typed. A number that cannot be read is an error at its field (for saving too: it could not be
    /// kept); a number left empty is kept empty, for a draft.
    /// </summary>
    private ReportContent Read(Grant grant)
    {
        var achieved = new List<IReadOnlyList<int?>>();
        for (var outcome = 0; outcome < grant.Outcomes.Count; outcome++)
        {
            var typed = outcome < Input.Achieved.Count ? Input.Achieved[outcome].Indicators : [];
            var numbers = new List<int?>();
            for (var indicator = 0; indicator < grant.Outcomes[outcome].Indicators.Count; indicator++)
            {
                var text = indicator < typed.Count ? typed[indicator] : null;
                if (FormNumbers.IsBlank(text)) numbers.Add(null);
                else if (FormNumbers.TryWhole((text ?? "").Replace(",", "", StringComparison.Ordinal), out var whole)) numbers.Add(whole);
                else
                {
                    numbers.Add(null);
                    Errors.Add(AchievedId(outcome, indicator), $"Enter what was achieved for indicator {indicator + 1} of outcome {outcome + 1} as a whole number, like 25");
                }
            }
            achieved.Add(numbers);
        }
        var spent = new List<decimal?>();
        for (var line = 0; line < grant.Budget.Count; line++)
        {
            var text = line < Input.Spent.Count ? Input.Spent[line] : null;
            if (FormNumbers.IsBlank(text)) spent.Add(null);
            else if (FormNumbers.TryMoney(text, out var amount)) spent.Add(amount);
            else
            {
                spent.Add(null);
                Errors.Add(SpentId(line), $"Enter what was spent on {grant.Budget[line].Item} in pounds, like 150 or 150.50");
            }
        }
        var content = new ReportContent(achieved, Input.WhatChanged ?? "", Input.LivedExperience ?? "", spent, Input.SpendingNote ?? "");
        return content;
    }

    /// <summary>Puts the errors in the order of the fields on the page, for the error summary.</summary>
    private void Reorder(Grant grant)
    {
        var order = FieldOrder(grant).Select((id, index) => (id, index)).ToDictionary(field => field.id, field => field.index);
        var sorted = Errors.All.OrderBy(error => order.GetValueOrDefault(error.FieldId, int.MaxValue)).ToList();
        var again = new FormErrors();
        foreach (var error in sorted) again.Add(error);
        ErrorsInOrder = again;
    }

    /// <summary>The errors as the page lists them: in the order of its fields.</summary>
    public FormErrors ErrorsInOrder { get; private set; } = null!;

    private PageResult Again(OwnGrant found, GrantReport report, int status)
    {
        Show(found, report);
        Response.StatusCode = status;
        return Page();
    }

    private void Show(OwnGrant found, GrantReport report)
    {
        var grant = found.Grant;
        Reorder(grant);
        var canWrite = report.WhyNot(ReportTrigger.SaveDraft).Count == 0 && grant.State == GrantState.Active;
        var spending = report.Spending(grant.Budget, grant.AmountPaid);
        var sent = report.Versions.Count > 0 ? report.Versions[^1] : null;
        View = new ReportView(
            found.Own.Application.Reference,
            found.RoundName,
            report.Number,
            report.Name,
            DecisionLetter.LongDate(report.DueOn),
            report.IsOverdue(time.GetUtcNow()),
            report.IsShort,
            GrantReport.Describe(report.State),
            report.State == ReportState.MoreAsked ? report.MoreAskedReason : null,
            canWrite,
            grant.State == GrantState.Active ? null : $"The report cannot be written now: the grant is {Grant.Describe(grant.State)}.",
            [.. grant.Outcomes.Select(outcome => new OutcomeRows(outcome.Description, [.. outcome.Indicators.Select(indicator => $"{indicator.WhatIsCounted} (target {indicator.Target.ToString("N0", CultureInfo.GetCultureInfo("en-GB"))} {indicator.Unit})")]))],
            [.. grant.Budget.Select(line => new BudgetRow(line.Item, Money.Pounds(line.Cost)))],
            Money.Pounds(grant.AmountPaid),
            spending.Lines.All(line => line.Spent is not null) ? Money.Pounds(spending.Underspend) : null,
            sent is null ? null : $"{UkTime.Format(sent.At)} (UK time) by {sent.Actor}",
            report.Versions.Count);
    }

    /// <summary>The id of the input a report problem's location is about: <c>achieved[0][1]</c> is at <c>achieved-0-1</c>.</summary>
    public static string FieldId(string location) => FieldIds.Of(location);

    public static string AchievedId(int outcome, int indicator) => $"achieved-{outcome}-{indicator}";

    public static string SpentId(int line) => $"spent-{line}";

    private static IEnumerable<string> FieldOrder(Grant grant) =>
        [.. grant.Outcomes.SelectMany((outcome, o) => outcome.Indicators.Select((_, i) => AchievedId(o, i))),
         "what-changed", "lived-experience", "spent", .. grant.Budget.Select((_, line) => SpentId(line)), "spending-note"];

    public sealed class ReportInput
    {
        public List<AchievedInput> Achieved { get; set; } = [];
        public string? WhatChanged { get; set; }
        public string? LivedExperience { get; set; }
        public List<string?> Spent { get; set; } = [];
        public string? SpendingNote { get; set; }
        public Guid Version { get; set; }

        public static ReportInput From(ReportContent content, IReadOnlyList<Outcome> outcomes, int budgetLines) => new()
        {
            Achieved = [.. outcomes.Select((outcome, o) => new AchievedInput
            {
                Indicators = [.. outcome.Indicators.Select((_, i) =>
                    o < content.Achieved.Count && i < content.Achieved[o].Count && content.Achieved[o][i] is { } number ? number.ToString(CultureInfo.InvariantCulture) : null)],
            })],
            WhatChanged = content.WhatChanged,
            LivedExperience = content.LivedExperience,
            Spent = [.. Enumerable.Range(0, budgetLines).Select(line => line < content.SpentByLine.Count && content.SpentByLine[line] is { } amount ? FormNumbers.Money(amount) : null)],
            SpendingNote = content.SpendingNote,
        };
    }

    public sealed class AchievedInput
    {
        public List<string?> Indicators { get; set; } = [];
    }

    public sealed record OutcomeRows(string Description, IReadOnlyList<string> Indicators);

    public sealed record BudgetRow(string Item, string Cost);

    /// <param name="MoreAsked">Why the fund asked for more, while the report is sent back; null otherwise.</param>
    /// <param name="CannotWrite">Why the report cannot be written, when the grant is not active; null otherwise.</param>
    /// <param name="Underspend">The money paid and not spent, once every line's spending is given; null until then.</param>
    /// <param name="LastSent">When it was last sent and by whom; null if never.</param>
    public sealed record ReportView(
        string Reference, string RoundName, int Number, string Name, string DueOn, bool Overdue, bool IsShort, string State,
        string? MoreAsked, bool CanWrite, string? CannotWrite, IReadOnlyList<OutcomeRows> Outcomes, IReadOnlyList<BudgetRow> Budget,
        string PaidSoFar, string? Underspend, string? LastSent, int Versions);
}
