using System.Globalization;
using FairFund.Domain.Applications;
using FairFund.Domain.Auditing;
using FairFund.Domain.Grants;
using FairFund.Domain.Scoring;
using FairFund.Web.Data;
using FairFund.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Fund;

/// <summary>
/// The fund manager reads a grant's report as the group last sent it: each indicator's achievement against its
/// target, what changed for people, how people with lived experience shaped and judged the work, and the spending
/// against each budget line with any underspend. They accept it, which releases any payment waiting for it (said in
/// the confirmation), or ask for more with the reason the group reads. Each is recorded with who and when.
/// </summary>
public sealed class GrantReportModel(FairFundDbContext db, TimeProvider time) : PageModel
{
    public const string DoneKey = "FundReportDone";

    [BindProperty]
    public Guid Version { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public FormErrors Errors { get; } = new();

    public ReportView View { get; private set; } = null!;

    public string? Done { get; private set; }

    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, string grant, int number, CancellationToken cancellationToken)
    {
        var found = await FindAsync(reference, grant, number, cancellationToken);
        if (found is null) return NotFound();
        Done = TempData[DoneKey] as string;
        Version = db.VersionOf(found.Value.Grant);
        await ShowAsync(found.Value, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAcceptAsync(string reference, string grant, int number, CancellationToken cancellationToken) =>
        await ActAsync(reference, grant, number, (kept, now, actor) =>
        {
            var released = kept.AcceptReport(number, now, actor);
            return released.Count == 0
                ? "The report is accepted."
                : $"The report is accepted. It released {string.Join(" and ", released.Select(payment => $"payment {payment.Number} ({Money.Pounds(payment.Amount)})"))}, now due on the payments page.";
        }, cancellationToken);

    public async Task<IActionResult> OnPostAskForMoreAsync(string reference, string grant, int number, CancellationToken cancellationToken)
    {
        if (GrantLimits.CheckReason("reason", Reason, "Enter what more the group should tell you: they will read it") is { } problem)
        {
            var found = await FindAsync(reference, grant, number, cancellationToken);
            if (found is null) return NotFound();
            Errors.Add("reason", problem.Message);
            await ShowAsync(found.Value, cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        return await ActAsync(reference, grant, number, (kept, now, actor) =>
        {
            kept.AskForMore(number, Reason!, now, actor);
            return "The report is sent back to the group with your reason.";
        }, cancellationToken);
    }

    private async Task<IActionResult> ActAsync(string reference, string grant, int number, Func<Grant, DateTimeOffset, string, string> act, CancellationToken cancellationToken)
    {
        var found = await FindAsync(reference, grant, number, cancellationToken);
        if (found is null) return NotFound();
        var kept = found.Value.Grant;
        if (!db.IsStillAt(kept, Version))
            return await AgainAsync(reference, grant, number, "The grant changed while you were on this page, so nothing was done. Check the report below, then try again.", StatusCodes.Status409Conflict, cancellationToken);
        string done;
        try
        {
            done = act(kept, time.GetUtcNow(), Apply.GrantRecords.ActorOf(User));
            if (await db.SaveOverAsync(kept, Version, cancellationToken) == EditSave.ChangedMeanwhile)
                return await AgainAsync(reference, grant, number, "The grant changed while you were on this page, so nothing was done. Check the report below, then try again.", StatusCodes.Status409Conflict, cancellationToken);
        }
        catch (DomainRuleException refused)
        {
            return await AgainAsync(reference, grant, number, refused.Message, StatusCodes.Status400BadRequest, cancellationToken);
        }
        TempData[DoneKey] = done;
        return RedirectToPage(new { reference, grant, number });
    }

    private async Task<IActionResult> AgainAsync(string reference, string grant, int number, string refusal, int status, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var fresh = await FindAsync(reference, grant, number, cancellationToken);
        if (fresh is null) return NotFound();
        Refusal = refusal;
        Version = db.VersionOf(fresh.Value.Grant);
        await ShowAsync(fresh.Value, cancellationToken);
        Response.StatusCode = status;
        return Page();
    }

    private async Task<(string RoundReference, string RoundName, Grant Grant, GrantReport Report)?> FindAsync(string reference, string grantReference, int number, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.AsNoTracking().Where(r => r.Reference == reference).Select(r => new { r.Id, r.Reference, r.Name }).SingleOrDefaultAsync(cancellationToken);
        if (round is null) return null;
        var grant = await db.Grants.SingleOrDefaultAsync(g => g.RoundId == round.Id && g.Reference == grantReference, cancellationToken);
        var report = grant?.Reports.FirstOrDefault(r => r.Number == number);
        return grant is null || report is null ? null : (round.Reference, round.Name, grant, report);
    }

    private async Task ShowAsync((string RoundReference, string RoundName, Grant Grant, GrantReport Report) found, CancellationToken cancellationToken)
    {
        var (roundReference, roundName, grant, report) = found;
        var group = await db.Organisations.AsNoTracking().Where(g => g.Id == grant.OrganisationId).Select(g => g.Name).SingleAsync(cancellationToken);
        var british = CultureInfo.GetCultureInfo("en-GB");
        var sent = report.Versions.Count > 0 ? report.Versions[^1] : null;
        var content = sent?.Content ?? ReportContent.Empty;
        var achieved = grant.Outcomes.Select((outcome, o) => new OutcomeRows(outcome.Description,
            [.. outcome.Indicators.Select((indicator, i) =>
            {
                var number = o < content.Achieved.Count && i < content.Achieved[o].Count ? content.Achieved[o][i] : null;
                return new IndicatorRow(indicator.WhatIsCounted, $"{indicator.Target.ToString("N0", british)} {indicator.Unit}", number is { } n ? $"{n.ToString("N0", british)} {indicator.Unit}" : "Not given");
            })])).ToList();
        (IReadOnlyList<SpendingRow> Lines, string Total, string Underspend)? spending = sent is null ? null : SpendingOf(content, grant);
        View = new ReportView(
            roundReference, roundName, grant.Reference, group, report.Number, report.Name, DecisionLetter.LongDate(report.DueOn),
            report.IsOverdue(time.GetUtcNow()), report.IsShort, GrantReport.Describe(report.State), sent is not null,
            sent is null ? null : $"{UkTime.Format(sent.At)} (UK time) by {sent.Actor}, version {sent.Number}",
            achieved, content.WhatChanged, content.LivedExperience, spending?.Lines ?? [], spending?.Total, spending?.Underspend, content.SpendingNote,
            report.WhyNot(ReportTrigger.Accept).Count == 0,
            report.State == ReportState.MoreAsked ? report.MoreAskedReason : null,
            [.. report.History.Select(change => new HistoryRow(UkTime.Format(change.At), GrantReport.Describe(Enum.TryParse<ReportState>(change.To, out var to) ? to : ReportState.Due), change.Actor, change.Reason))],
            grant.Payments.Where(payment => payment.Release.Rule == ReleaseRule.OnReportAccepted && payment.Release.ReportName == report.Name)
                .Select(payment => $"Payment {payment.Number}, {Money.Pounds(payment.Amount)}").ToList());
    }

    private static (IReadOnlyList<SpendingRow> Lines, string Total, string Underspend) SpendingOf(ReportContent content, Grant grant)
    {
        var lines = grant.Budget.Select((line, index) =>
        {
            var spent = index < content.SpentByLine.Count ? content.SpentByLine[index] : null;
            return new SpendingRow(line.Item, Money.Pounds(line.Cost), spent is { } s ? Money.Pounds(s) : "Not given", spent is { } t ? Money.Pounds(line.Cost - t) : "");
        }).ToList();
        var summary = new SpendingSummary([.. grant.Budget.Select((line, index) => new SpendingLine(line.Item, line.Cost, index < content.SpentByLine.Count ? content.SpentByLine[index] : null))],
            MoneyLimits.SafeSum(content.SpentByLine.Select(spent => spent ?? 0m)), grant.AmountPaid);
        return (lines, Money.Pounds(summary.TotalSpent), Money.Pounds(summary.Underspend));
    }

    public sealed record IndicatorRow(string WhatIsCounted, string Target, string Achieved);

    public sealed record OutcomeRows(string Description, IReadOnlyList<IndicatorRow> Indicators);

    public sealed record SpendingRow(string Item, string Budgeted, string Spent, string Difference);

    public sealed record HistoryRow(string When, string What, string Who, string? Reason);

    /// <param name="Releases">The payments the report's acceptance releases, in words.</param>
    public sealed record ReportView(
        string RoundReference, string RoundName, string Grant, string Group, int Number, string Name, string DueOn, bool Overdue, bool IsShort,
        string State, bool HasBeenSent, string? LastSent, IReadOnlyList<OutcomeRows> Outcomes, string WhatChanged, string LivedExperience,
        IReadOnlyList<SpendingRow> Spending, string? TotalSpent, string? Underspend, string SpendingNote, bool CanDecide, string? MoreAsked,
        IReadOnlyList<HistoryRow> History, IReadOnlyList<string> Releases);
}
