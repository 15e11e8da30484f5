using FairFund.Domain.Applications;
using FairFund.Domain.Auditing;
using FairFund.Domain.Grants;
using FairFund.Domain.Scoring;
using FairFund.Web.Data;
using FairFund.Web.Pages.Apply;
using FairFund.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Fund;

/// <summary>
/// One grant for the fund manager: its agreement, who accepted it and when, the outcomes confirmed, the bank details
/// (only ever masked) with their history, and every change of state with who and when. Once the acceptance is
/// checked, "Start the grant" makes it active; a refusal says why in words.
/// </summary>
public sealed class GrantModel(FairFundDbContext db, TimeProvider time) : PageModel
{
    public const string DoneKey = "FundGrantDone";

    [BindProperty]
    public Guid Version { get; set; }

    public GrantView View { get; private set; } = null!;

    public string? Done { get; private set; }

    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, string grant, CancellationToken cancellationToken)
    {
        var found = await FindAsync(reference, grant, cancellationToken);
        if (found is null) return NotFound();
        Done = TempData[DoneKey] as string;
        await ShowAsync(found.Value, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostActivateAsync(string reference, string grant, CancellationToken cancellationToken)
    {
        var found = await FindAsync(reference, grant, cancellationToken);
        if (found is null) return NotFound();
        var kept = found.Value.Grant;
        var version = db.Entry(kept).Property(FairFundDbContext.VersionColumn);
        if (!Equals(version.CurrentValue, Version))
        {
            Refusal = "The grant changed while you were on this page, so it has not been started. Check it below, then start it again.";
            return await AgainAsync(found.Value, cancellationToken);
        }
        try
        {
            kept.Activate(time.GetUtcNow(), User.Identity?.Name ?? "unknown");
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception refused) when (refused is DomainRuleException or DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var fresh = await FindAsync(reference, grant, cancellationToken);
            if (fresh is null) return NotFound();
            Refusal = refused is DomainRuleException ? refused.Message
                : "The grant changed while you were on this page, so it has not been started. Check it below, then start it again.";
            return await AgainAsync(fresh.Value, cancellationToken);
        }
        TempData[DoneKey] = "The grant has started.";
        return RedirectToPage("/Fund/Grant", new { reference, grant });
    }

    /// <summary>The fund manager has checked a confirmed change of bank details with the group: payments are due again.</summary>
    public async Task<IActionResult> OnPostCheckBankAsync(string reference, string grant, CancellationToken cancellationToken)
    {
        var found = await FindAsync(reference, grant, cancellationToken);
        if (found is null) return NotFound();
        var kept = found.Value.Grant;
        const string changed = "The grant changed while you were on this page, so the check has not been recorded. Look at the bank details below, then record the check again.";
        if (!db.IsStillAt(kept, Version))
        {
            Refusal = changed;
            return await AgainAsync(found.Value, cancellationToken);
        }
        try
        {
            kept.CheckBankChange(time.GetUtcNow(), GrantRecords.ActorOf(User));
            if (await db.SaveOverAsync(kept, Version, cancellationToken) == EditSave.ChangedMeanwhile) throw new DbUpdateConcurrencyException(changed);
        }
        catch (Exception refused) when (refused is DomainRuleException or DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var fresh = await FindAsync(reference, grant, cancellationToken);
            if (fresh is null) return NotFound();
            Refusal = refused is DomainRuleException ? refused.Message : changed;
            return await AgainAsync(fresh.Value, cancellationToken);
        }
        TempData[DoneKey] = "The change of bank details is recorded as checked. Its payments are due again.";
        return RedirectToPage("/Fund/Grant", new { reference, grant });
    }

    private async Task<IActionResult> AgainAsync((string RoundName, Grant Grant) found, CancellationToken cancellationToken)
    {
        await ShowAsync(found, cancellationToken);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task<(string RoundName, Grant Grant)?> FindAsync(string reference, string grantReference, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.AsNoTracking().Where(r => r.Reference == reference).Select(r => new { r.Id, r.Name }).SingleOrDefaultAsync(cancellationToken);
        if (round is null) return null;
        var grant = await db.Grants.SingleOrDefaultAsync(g => g.RoundId == round.Id && g.Reference == grantReference, cancellationToken);
        return grant is null ? null : (round.Name, grant);
    }

    private async Task ShowAsync((string RoundName, Grant Grant) found, CancellationToken cancellationToken)
    {
        var (roundName, grant) = found;
        var group = await db.Organisations.AsNoTracking().Where(g => g.Id == grant.OrganisationId).Select(g => g.Name).SingleAsync(cancellationToken);
        var application = await db.Applications.AsNoTracking().Where(a => a.Id == grant.ApplicationId).Select(a => a.Title).SingleAsync(cancellationToken);
        var now = time.GetUtcNow();
        Version = (Guid)db.Entry(grant).Property(FairFundDbContext.VersionColumn).CurrentValue!;
        var canStart = grant.TriggersFromHere().Contains(GrantTrigger.Activate);
        View = new GrantView(
            Request.RouteValues["reference"] as string ?? "",
            roundName,
            grant.Reference,
            group,
            application,
            grant.State,
            GrantRecords.TagForStaff(grant.State),
            GrantAgreement.Of(grant),
            UkTime.Format(grant.OfferedAt),
            grant.OfferedBy,
            DecisionLetter.LongDate(UkCalendar.DateOf(grant.AcceptBy.AddTicks(-1))),
            grant.IsPastAcceptanceDate(now),
            grant.Signatory,
            grant.Bank?.Masked,
            grant.IsBankChangeFlagged,
            [.. grant.BankEvents.Select(bankEvent => new GrantEvent(BankWords(bankEvent.Kind) + ": " + bankEvent.MaskedAccount, bankEvent.Actor, UkTime.Format(bankEvent.At), null))],
            [.. grant.History.Select(change => new GrantEvent(Enum.TryParse<GrantState>(change.To, out var to) ? GrantLabels.ForStaff(to) : change.To, change.Actor, UkTime.Format(change.At), change.Reason))],
            canStart,
            canStart ? grant.WhyNot(GrantTrigger.Activate) : [],
            [.. grant.Reports.Select(report => new ReportRow(report.Number, report.Name, DecisionLetter.LongDate(report.DueOn), GrantReport.Describe(report.State), report.IsOverdue(now)))],
            [.. grant.Payments.Select(payment => new PaymentRow(payment.Number, Money.Pounds(payment.Amount), payment.Release.ReleaseInWords(),
                payment.IsPaid ? $"Paid on {DecisionLetter.LongDate(payment.PaidOn!.Value)}, reference {payment.Reference}, recorded by {payment.PaidBy}"
                : grant.PaymentsDue(now).Contains(payment) ? "Due now" : grant.IsReleased(payment, now) ? "Released, held: " + (grant.WhyPaymentNotDue(payment.Number, now) ?? "") : "Not yet released"))],
            [.. grant.BankChangesToCheck.Select(BankFlagRow.Of)],
            GrantChanges.Of(grant, Request.RouteValues["reference"] as string ?? ""),
            grant.State == GrantState.Active);
    }

    private static string BankWords(BankEventKind kind) => kind switch
    {
        BankEventKind.Given => "Given at acceptance",
        BankEventKind.ChangeAsked => "Change asked for",
        BankEventKind.ChangeConfirmed => "Change confirmed by email link",
        _ => "Change checked by the fund",
    };

    public sealed record GrantEvent(string What, string Who, string When, string? Reason);

    /// <summary>A change of bank details to check before paying, in words: who asked and when, who confirmed and when, the account before and after (masked).</summary>
    public sealed record BankFlagRow(bool Confirmed, string Asked, string? ConfirmedWords, string MaskedOld, string MaskedNew)
    {
        public static BankFlagRow Of(BankChangeFlag flag)
        {
            ArgumentNullException.ThrowIfNull(flag);
            return new BankFlagRow(flag.Confirmed, $"Asked at {UkTime.Format(flag.AskedAt)} (UK time) by {flag.AskedBy}",
                flag.ConfirmedAt is { } at ? $"Confirmed by the emailed link at {UkTime.Format(at)} (UK time) by {flag.ConfirmedBy}" : null,
                flag.MaskedOld, flag.MaskedNew);
        }
    }

    public sealed record ReportRow(int Number, string Name, string DueOn, string State, bool Overdue);

    public sealed record PaymentRow(int Number, string Amount, string Release, string Status);

    public sealed record GrantView(
        string RoundReference, string RoundName, string Reference, string Group, string Title, GrantState State, StatusTag Status,
        GrantAgreement Agreement, string OfferedAt, string OfferedBy, string AcceptBy, bool PastAcceptanceDate, Signatory? Signatory,
        string? MaskedBank, bool BankFlagged, IReadOnlyList<GrantEvent> BankEvents, IReadOnlyList<GrantEvent> History,
        bool CanStart, IReadOnlyList<string> WhyNotStart, IReadOnlyList<ReportRow> Reports, IReadOnlyList<PaymentRow> Payments,
        IReadOnlyList<BankFlagRow> BankFlags, GrantChanges Changes, bool CanClose);
}
