using FairFund.Domain.Auditing;
using FairFund.Domain.Grants;
using FairFund.Web.Data;
using FairFund.Web.Forms;
using FairFund.Web.Pages.Apply;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Fund;

/// <summary>
/// The fund manager decides a change the group asked for: agrees (the grant changes as asked, with a reason if they
/// give one) or refuses (with the reason the group reads). Recorded with who and when; the domain checks the change
/// again, as the grant may have moved on since it was asked.
/// </summary>
public sealed class GrantChangeModel(FairFundDbContext db, TimeProvider time) : PageModel
{
    public const string Agree = "agree";
    public const string Refuse = "refuse";

    [BindProperty]
    public DecideInput Input { get; set; } = new();

    public FormErrors Errors { get; } = new();

    public DecideView View { get; private set; } = null!;

    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, string grant, int number, CancellationToken cancellationToken)
    {
        var found = await FindAsync(reference, grant, number, cancellationToken);
        if (found is null) return NotFound();
        Input = new DecideInput { Version = db.VersionOf(found) };
        Show(reference, found, number);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, string grant, int number, CancellationToken cancellationToken)
    {
        var found = await FindAsync(reference, grant, number, cancellationToken);
        if (found is null) return NotFound();
        const string changed = "The grant changed while you were on this page, so nothing was decided. Check it below, then decide again.";
        if (!db.IsStillAt(found, Input.Version)) return Again(reference, found, number, changed, StatusCodes.Status409Conflict);
        if (Input.Decision is not (Agree or Refuse)) Errors.Add("decision", "Choose whether to agree or refuse the change");
        var reason = FairFund.Domain.Validation.FreeText.Clean(Input.Reason);
        if (Input.Decision == Refuse && GrantLimits.CheckReason("reason", reason, "Enter the reason the group will read") is { } missing) Errors.Add("reason", missing.Message);
        else if (reason.Length > 0 && GrantLimits.CheckReason("reason", reason, "") is { } tooLong) Errors.Add("reason", tooLong.Message);
        if (Errors.Any) return Again(reference, found, number, null, StatusCodes.Status400BadRequest);
        try
        {
            var (now, actor) = (time.GetUtcNow(), GrantRecords.ActorOf(User));
            if (Input.Decision == Agree) found.AgreeChange(number, reason, now, actor);
            else found.RefuseChange(number, reason, now, actor);
            if (await db.SaveOverAsync(found, Input.Version, cancellationToken) == EditSave.ChangedMeanwhile) throw new DbUpdateConcurrencyException(changed);
        }
        catch (Exception refused) when (refused is DomainRuleException or DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var fresh = await FindAsync(reference, grant, number, cancellationToken);
            if (fresh is null) return NotFound();
            return Again(reference, fresh, number, refused is DomainRuleException ? refused.Message : changed, StatusCodes.Status409Conflict);
        }
        TempData[GrantModel.DoneKey] = $"Change {number} is {(Input.Decision == Agree ? "agreed" : "refused")}.";
        return RedirectToPage("/Fund/Grant", new { reference, grant });
    }

    private PageResult Again(string reference, Grant grant, int number, string? refusal, int status)
    {
        Refusal = refusal;
        Input.Version = db.VersionOf(grant);
        Show(reference, grant, number);
        Response.StatusCode = status;
        return Page();
    }

    private async Task<Grant?> FindAsync(string reference, string grantReference, int number, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.AsNoTracking().Where(r => r.Reference == reference).Select(r => (Guid?)r.Id).SingleOrDefaultAsync(cancellationToken);
        if (round is null) return null;
        var grant = await db.Grants.SingleOrDefaultAsync(g => g.RoundId == round && g.Reference == grantReference, cancellationToken);
        return grant?.Changes.Any(change => change.Number == number) == true ? grant : null;
    }

    private void Show(string reference, Grant grant, int number)
    {
        var change = grant.Changes.Single(change => change.Number == number);
        if (change.Status != ChangeStatus.Asked) Refusal ??= $"Change {number} has been decided already.";
        else if (grant.State != GrantState.Active) Refusal ??= $"The change cannot be decided: the grant is {Grant.Describe(grant.State)}.";
        View = new DecideView(reference, grant.Reference, number, change.Proposed.InWords(), change.Reason, change.AskedBy, UkTime.Format(change.AskedAt),
            change.Status == ChangeStatus.Asked && grant.State == GrantState.Active);
    }

    public sealed class DecideInput
    {
        public string? Decision { get; set; }
        public string? Reason { get; set; }
        public Guid Version { get; set; }
    }

    public sealed record DecideView(string RoundReference, string Reference, int Number, string What, string Why, string AskedBy, string AskedAt, bool CanDecide);
}
