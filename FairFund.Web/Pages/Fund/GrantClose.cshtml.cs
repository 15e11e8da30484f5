using FairFund.Domain.Auditing;
using FairFund.Domain.Grants;
using FairFund.Domain.Scoring;
using FairFund.Web.Data;
using FairFund.Web.Forms;
using FairFund.Web.Pages.Apply;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Fund;

/// <summary>
/// The fund manager closes a grant: the final report, the money paid (from the payments) and any returned, with a
/// note. The domain decides whether it can close (every report accepted, every released payment paid, every change
/// decided) and the page shows its answer in words; once closed, the grant changes no more.
/// </summary>
public sealed class GrantCloseModel(FairFundDbContext db, TimeProvider time) : PageModel
{
    [BindProperty]
    public CloseInput Input { get; set; } = new();

    public FormErrors Errors { get; } = new();

    public CloseView View { get; private set; } = null!;

    /// <summary>Why the grant cannot close now, in the domain's words; null when it can.</summary>
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, string grant, CancellationToken cancellationToken)
    {
        var found = await FindAsync(reference, grant, cancellationToken);
        if (found is null) return NotFound();
        Input = new CloseInput { Returned = "0", Version = db.VersionOf(found) };
        Show(reference, found);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, string grant, CancellationToken cancellationToken)
    {
        var found = await FindAsync(reference, grant, cancellationToken);
        if (found is null) return NotFound();
        const string changed = "The grant changed while you were on this page, so it has not been closed. Check it below, then close it again.";
        if (!db.IsStillAt(found, Input.Version)) return Again(reference, found, changed, StatusCodes.Status409Conflict);
        var now = time.GetUtcNow();
        if (found.WhyNot(GrantTrigger.Close, now: now) is { Count: > 0 }) return Again(reference, found, null, StatusCodes.Status400BadRequest);
        decimal returned = 0;
        if (!FormNumbers.IsBlank(Input.Returned) && !FormNumbers.TryMoney(Input.Returned, out returned))
            Errors.Add("returned", "Enter the money returned in pounds and pence, like 150 or 150.50");
        else
            foreach (var problem in found.CheckClosure(returned, Input.Note)) Errors.Add(FieldIds.Of(problem.Location), problem.Message);
        if (Errors.Any) return Again(reference, found, null, StatusCodes.Status400BadRequest);
        try
        {
            found.Close(returned, Input.Note, now, GrantRecords.ActorOf(User));
            if (await db.SaveOverAsync(found, Input.Version, cancellationToken) == EditSave.ChangedMeanwhile) throw new DbUpdateConcurrencyException(changed);
        }
        catch (Exception refused) when (refused is DomainRuleException or DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var fresh = await FindAsync(reference, grant, cancellationToken);
            if (fresh is null) return NotFound();
            return Again(reference, fresh, refused is DomainRuleException ? refused.Message : changed, StatusCodes.Status409Conflict);
        }
        TempData[GrantModel.DoneKey] = $"Grant {found.Reference} is closed.";
        return RedirectToPage("/Fund/Grant", new { reference, grant });
    }

    private PageResult Again(string reference, Grant grant, string? refusal, int status)
    {
        Refusal = refusal;
        Input.Version = db.VersionOf(grant);
        Show(reference, grant);
        Response.StatusCode = status;
        return Page();
    }

    private async Task<Grant?> FindAsync(string reference, string grantReference, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.AsNoTracking().Where(r => r.Reference == reference).Select(r => (Guid?)r.Id).SingleOrDefaultAsync(cancellationToken);
        return round is null ? null : await db.Grants.SingleOrDefaultAsync(g => g.RoundId == round && g.Reference == grantReference, cancellationToken);
    }

    private void Show(string reference, Grant grant)
    {
        var needs = grant.WhyNot(GrantTrigger.Close, now: time.GetUtcNow());
        if (needs.Count > 0) Refusal ??= $"The grant cannot be closed: {string.Join("; ", needs)}.";
        View = new CloseView(reference, grant.Reference, grant.FinalReport?.Name ?? "", Money.Pounds(grant.AmountPaid), Money.Pounds(grant.Amount), needs.Count == 0);
    }

    public sealed class CloseInput
    {
        public string? Returned { get; set; }
        public string? Note { get; set; }
        public Guid Version { get; set; }
    }

    public sealed record CloseView(string RoundReference, string Reference, string FinalReport, string Paid, string Amount, bool CanClose);
}
