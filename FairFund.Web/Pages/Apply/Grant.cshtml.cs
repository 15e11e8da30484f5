using FairFund.Domain.Grants;
using FairFund.Web.Data;
using FairFund.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FairFund.Web.Pages.Apply;

/// <summary>
/// The group's grant agreement: the amount, the conditions, how and when it is paid, the reports asked for, and,
/// once accepted, the outcomes confirmed, who accepted and the account (masked) payments go to. While it is offered,
/// the group can accept or decline it. Only the group's own members reach it.
/// </summary>
public sealed class GrantModel(FairFundDbContext db, ApplicantRecords records, TimeProvider time) : PageModel
{
    public const string DoneKey = "GrantDone";

    public GrantView View { get; private set; } = null!;

    /// <summary>The confirmation after accepting or declining, shown once.</summary>
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        var found = await GrantRecords.FindAsync(db, records, User, reference, cancellationToken);
        if (found is null) return NotFound();
        Done = TempData[DoneKey] as string;
        var grant = found.Grant;
        var accepted = grant.History.LastOrDefault(change => change.Trigger == nameof(GrantTrigger.Accept));
        var declined = grant.History.LastOrDefault(change => change.Trigger == nameof(GrantTrigger.Decline));
        View = new GrantView(
            reference,
            found.RoundName,
            found.Own.Application.Title,
            grant.State,
            GrantRecords.TagForGroup(grant.State),
            GrantAgreement.Of(grant),
            grant.Signatory,
            accepted is null ? null : UkTime.Format(accepted.At),
            grant.Bank?.Masked,
            grant.State == GrantState.Offered,
            declined?.Reason,
            [.. grant.History.Select(change => new GrantEvent(GroupWords(change.Trigger), UkTime.Format(change.At), change.At))],
            [.. grant.Reports.Select(report => new ReportLink(report.Number, report.Name, FairFund.Domain.Applications.DecisionLetter.LongDate(report.DueOn),
                GrantReport.Describe(report.State), report.IsOverdue(time.GetUtcNow()), report.State == ReportState.MoreAsked))],
            grant.WhyBankCannotChange() is null && grant.Bank is not null,
            grant.PendingBankChange is { } pending ? new PendingBank(pending.Details.Masked, UkTime.Format(pending.AskedAt), time.GetUtcNow() >= pending.LinkExpiresAt) : null,
            grant.State == GrantState.Active,
            GrantChanges.Of(grant));
        return Page();
    }

    private static string GroupWords(string trigger) => trigger switch
    {
        nameof(GrantTrigger.Accept) => "You accepted the grant",
        nameof(GrantTrigger.Decline) => "You declined the grant",
        nameof(GrantTrigger.Activate) => "The fund checked your acceptance and started the grant",
        nameof(GrantTrigger.Close) => "The grant was closed",
        _ => "The fund withdrew the grant",
    };

    public sealed record GrantEvent(string What, string When, DateTimeOffset At);

    /// <summary>A change of bank details waiting for its emailed link: the new account masked, when it was asked, whether the link has expired.</summary>
    public sealed record PendingBank(string MaskedNew, string AskedAt, bool Expired);

    /// <summary>One of the grant's reports, as the group's list of them shows it.</summary>
    public sealed record ReportLink(int Number, string Name, string DueOn, string State, bool Overdue, bool MoreAsked);

    public sealed record GrantView(
        string Reference,
        string RoundName,
        string Title,
        GrantState State,
        StatusTag Status,
        GrantAgreement Agreement,
        Signatory? Signatory,
        string? AcceptedAt,
        string? MaskedBank,
        bool CanAnswer,
        string? DeclineReason,
        IReadOnlyList<GrantEvent> History,
        IReadOnlyList<ReportLink> Reports,
        bool CanChangeBank,
        PendingBank? BankPending,
        bool CanAskForChange,
        GrantChanges Changes);
}
