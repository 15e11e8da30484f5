using FairFund.Domain.Auditing;
using FairFund.Domain.Grants;
using FairFund.Web.Data;
using FairFund.Web.Forms;
using FairFund.Web.Grants;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FairFund.Web.Pages.Apply;

/// <summary>
/// The group asks to change the bank account its grant is paid into. Nothing changes here: the domain keeps the
/// request waiting, and an email with a one-time link goes to the person who sent the application (an address the
/// fund already holds); the change takes effect only when that link is opened and confirmed
/// (<see cref="GrantBankConfirmModel"/>). The sort code and account number are never written back into the page.
/// </summary>
public sealed class GrantBankModel(FairFundDbContext db, ApplicantRecords records, BankChangeLinks links, TimeProvider time) : PageModel
{
    [BindProperty]
    public BankInput Input { get; set; } = new();

    public FormErrors Errors { get; } = new();

    public BankView View { get; private set; } = null!;

    /// <summary>Why the bank details cannot change now, or why this press changed nothing; null when they can.</summary>
    public string? Refusal { get; private set; }

    /// <summary>Whether the sort code and account number were typed and must be typed again (they are never shown back).</summary>
    public bool NumbersAskedAgain { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        var found = await GrantRecords.FindAsync(db, records, User, reference, cancellationToken);
        if (found is null) return NotFound();
        Input = new BankInput { Version = GrantRecords.VersionOf(db, found.Grant) };
        Show(found);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken cancellationToken)
    {
        var found = await GrantRecords.FindAsync(db, records, User, reference, cancellationToken);
        if (found is null) return NotFound();
        var grant = found.Grant;
        NumbersAskedAgain = !FormNumbers.IsBlank(Input.SortCode) || !FormNumbers.IsBlank(Input.AccountNumber);
        if (!db.IsStillAt(grant, Input.Version)) return ChangedMeanwhile(found);
        if (grant.WhyBankCannotChange() is { } why)
        {
            Refusal = why;
            return Again(found, StatusCodes.Status400BadRequest);
        }
        var (details, problems) = BankDetails.Parse(Input.AccountName, Input.SortCode, Input.AccountNumber);
        foreach (var problem in problems) Errors.Add(FieldIds.Of(problem.Location), problem.Message);
        if (details is null) return Again(found, StatusCodes.Status400BadRequest);

        var secret = BankChangeLinks.NewSecret();
        var maskedOld = grant.Bank?.Masked ?? "";
        try
        {
            grant.AskToChangeBank(details, secret.Hash, time.GetUtcNow(), GrantRecords.ActorOf(User));
            if (!await links.QueueAsync(grant, maskedOld, secret.Token, Url, cancellationToken))
                throw new DomainRuleException("The bank details cannot be changed: the application has no sender to email the link to. Contact the fund.");
            if (await db.SaveOverAsync(grant, Input.Version, cancellationToken) == EditSave.ChangedMeanwhile)
            {
                db.ChangeTracker.Clear();
                var fresh = await GrantRecords.FindAsync(db, records, User, reference, cancellationToken);
                return fresh is null ? NotFound() : ChangedMeanwhile(fresh);
            }
        }
        catch (DomainRuleException refused)
        {
            db.ChangeTracker.Clear();
            var fresh = await GrantRecords.FindAsync(db, records, User, reference, cancellationToken);
            if (fresh is null) return NotFound();
            Refusal = refused.Message;
            return Again(fresh, StatusCodes.Status400BadRequest);
        }
        TempData[GrantModel.DoneKey] = $"We have emailed a link to confirm the new bank details to the person who sent the application. Nothing changes until the link is opened and the change confirmed, within {Grant.BankChangeLinkLifetime.TotalHours:0} hours.";
        return RedirectToPage("/Apply/Grant", new { reference });
    }

    private PageResult ChangedMeanwhile(OwnGrant found)
    {
        Refusal = "The grant changed while you were on this page, so nothing was saved. Check it below, then ask again if you still want to.";
        Input.Version = GrantRecords.VersionOf(db, found.Grant);
        return Again(found, StatusCodes.Status409Conflict);
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
        // Never written back into the page: a browser's cache, a screenshot or a shoulder would otherwise hold them.
        (Input.SortCode, Input.AccountNumber) = (null, null);
        var whyNot = grant.WhyBankCannotChange();
        if (whyNot is not null) Refusal ??= whyNot;
        var now = time.GetUtcNow();
        View = new BankView(found.Own.Application.Reference, found.RoundName, grant.Bank?.Masked,
            grant.PendingBankChange is { } pending
                ? new PendingView(pending.Details.Masked, pending.AskedBy, UkTime.Format(pending.AskedAt), UkTime.Format(pending.LinkExpiresAt), now >= pending.LinkExpiresAt)
                : null,
            whyNot is null);
    }

    public sealed class BankInput
    {
        public string? AccountName { get; set; }
        public string? SortCode { get; set; }
        public string? AccountNumber { get; set; }
        public Guid Version { get; set; }
    }

    /// <summary>A change already asked for and waiting for its link: the new account masked, who asked, when, and until when the link works.</summary>
    public sealed record PendingView(string MaskedNew, string AskedBy, string AskedAt, string LinkExpiresAt, bool Expired);

    public sealed record BankView(string Reference, string RoundName, string? MaskedBank, PendingView? Pending, bool CanChange);
}
