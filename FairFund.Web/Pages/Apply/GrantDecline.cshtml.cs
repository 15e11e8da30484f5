using FairFund.Domain.Auditing;
using FairFund.Domain.Grants;
using FairFund.Domain.Validation;
using FairFund.Web.Data;
using FairFund.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Apply;

/// <summary>
/// The group declines its grant, after confirming (it cannot be undone), with a reason if it gives one. Only while
/// the grant is offered, as its lifecycle allows; a refusal says why in words.
/// </summary>
public sealed class GrantDeclineModel(FairFundDbContext db, ApplicantRecords records, TimeProvider time) : PageModel
{
    public const string ReasonFieldId = "reason";

    [BindProperty]
    public DeclineInput Input { get; set; } = new();

    public FormErrors Errors { get; } = new();

    public DeclineView View { get; private set; } = null!;

    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        var found = await GrantRecords.FindAsync(db, records, User, reference, cancellationToken);
        if (found is null) return NotFound();
        Input = new DeclineInput { Version = GrantRecords.VersionOf(db, found.Grant) };
        Show(found);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken cancellationToken)
    {
        var found = await GrantRecords.FindAsync(db, records, User, reference, cancellationToken);
        if (found is null) return NotFound();
        var version = db.Entry(found.Grant).Property(FairFundDbContext.VersionColumn);
        if (!Equals(version.CurrentValue, Input.Version))
        {
            Refusal = "The grant changed while you were on this page, so it has not been declined. Check it below, then decline it again if you still want to.";
            return Again(found, StatusCodes.Status409Conflict);
        }
        if (FreeText.Check(ReasonFieldId, "Your reason", FreeText.Clean(Input.Reason), Grant.DeclineReasonLimit) is { } problem)
        {
            Errors.Add(ReasonFieldId, problem.Message);
            return Again(found, StatusCodes.Status400BadRequest);
        }
        try
        {
            found.Grant.Decline(time.GetUtcNow(), GrantRecords.ActorOf(User), Input.Reason);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception refused) when (refused is DomainRuleException or DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var fresh = await GrantRecords.FindAsync(db, records, User, reference, cancellationToken);
            if (fresh is null) return NotFound();
            Refusal = refused is DomainRuleException ? refused.Message
                : "The grant changed while you were on this page, so it has not been declined. Check it below, then decline it again if you still want to.";
            return Again(fresh, StatusCodes.Status409Conflict);
        }
        TempData[GrantModel.DoneKey] = "You have declined the grant.";
        return RedirectToPage("/Apply/Grant", new { reference });
    }

    private PageResult Again(OwnGrant found, int status)
    {
        Input.Version = GrantRecords.VersionOf(db, found.Grant);
        Show(found);
        Response.StatusCode = status;
        return Page();
    }

    private void Show(OwnGrant found)
    {
        var whyNot = found.Grant.WhyNot(GrantTrigger.Decline);
        if (whyNot.Count > 0) Refusal ??= $"This grant cannot be declined: {string.Join("; ", whyNot)}.";
        View = new DeclineView(found.Own.Application.Reference, found.RoundName, Domain.Scoring.Money.Pounds(found.Grant.Amount), whyNot.Count == 0);
    }

    public sealed class DeclineInput
    {
        public string? Reason { get; set; }
        public Guid Version { get; set; }
    }

    public sealed record DeclineView(string Reference, string RoundName, string Amount, bool CanDecline);
}
