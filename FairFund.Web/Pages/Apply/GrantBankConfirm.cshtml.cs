using FairFund.Domain.Auditing;
using FairFund.Web.Data;
using FairFund.Web.Grants;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Apply;

/// <summary>
/// Where the emailed link lands: it shows the change asked for (the account now and the new one, both masked, who
/// asked and when) and a button that confirms it. Opening the link changes nothing (mail scanners and link previews
/// open links too); only the button does. The domain says whether the link still works: it must be the latest
/// request's, and not expired. Only the group's own members reach it.
/// </summary>
public sealed class GrantBankConfirmModel(FairFundDbContext db, ApplicantRecords records, TimeProvider time) : PageModel
{
    /// <summary>The link's secret, as the link carries it and the form sends it back.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Link { get; set; }

    public ConfirmView View { get; private set; } = null!;

    /// <summary>Why the link cannot confirm the change, in words; null when it can.</summary>
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        var found = await GrantRecords.FindAsync(db, records, User, reference, cancellationToken);
        if (found is null) return NotFound();
        Show(found);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken cancellationToken)
    {
        var found = await GrantRecords.FindAsync(db, records, User, reference, cancellationToken);
        if (found is null) return NotFound();
        try
        {
            found.Grant.ConfirmBankChange(BankChangeLinks.HashOf(Link), time.GetUtcNow(), GrantRecords.ActorOf(User));
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception refused) when (refused is DomainRuleException or DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var fresh = await GrantRecords.FindAsync(db, records, User, reference, cancellationToken);
            if (fresh is null) return NotFound();
            Refusal = refused is DomainRuleException ? refused.Message : "The grant changed while you were on this page, so nothing was confirmed. Open the link again.";
            Show(fresh);
            Response.StatusCode = refused is DomainRuleException ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
            return Page();
        }
        TempData[GrantModel.DoneKey] = "The new bank details are confirmed. The fund will check the change before it makes another payment.";
        return RedirectToPage("/Apply/Grant", new { reference });
    }

    private void Show(OwnGrant found)
    {
        var grant = found.Grant;
        Refusal ??= grant.WhyNotConfirmBankChange(BankChangeLinks.HashOf(Link), time.GetUtcNow());
        View = new ConfirmView(found.Own.Application.Reference, found.RoundName, grant.Bank?.Masked,
            grant.PendingBankChange is { } pending ? new AskedView(pending.Details.Masked, pending.AskedBy, UkTime.Format(pending.AskedAt)) : null,
            Refusal is null);
    }

    public sealed record AskedView(string MaskedNew, string AskedBy, string AskedAt);

    public sealed record ConfirmView(string Reference, string RoundName, string? MaskedOld, AskedView? Asked, bool CanConfirm);
}
