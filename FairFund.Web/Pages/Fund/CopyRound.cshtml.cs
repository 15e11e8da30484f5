using FairFund.Domain.Rounds;
using FairFund.Domain.Validation;
using FairFund.Web.Data;
using FairFund.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Fund;

/// <summary>
/// "New round from this one": a new draft with the round's settings, criteria, equity rules, pots and form
/// (<see cref="Round.CopyAsDraft"/>), under a reference and name the fund manager gives. Any round can be copied.
/// </summary>
public sealed class CopyRoundModel(FairFundDbContext db, TimeProvider time) : PageModel
{
    /// <summary>Not named Reference: a form field of that name would be bound as the route's reference too.</summary>
    [BindProperty]
    public string? NewReference { get; set; }

    [BindProperty]
    public string? NewName { get; set; }

    public Round Original { get; private set; } = null!;

    public FormErrors Errors { get; } = new();

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (await FindAsync(reference, cancellationToken) is null) return NotFound();
        NewName = Original.Name;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken cancellationToken)
    {
        if (await FindAsync(reference, cancellationToken) is null) return NotFound();
        var newReference = (NewReference ?? "").Trim();
        if (newReference.Length == 0) Errors.Add("reference", "Enter a reference for the new round");
        else if (newReference.Length > 60 || !NewRoundModel.ReferencePattern().IsMatch(newReference))
            Errors.Add("reference", "The reference must be 60 characters or fewer and use only letters, numbers and hyphens, like CW-MH-2027-R2");
        else if (await db.Rounds.AnyAsync(NewRoundModel.SameReference(newReference), cancellationToken))
            Errors.Add("reference", NewRoundModel.Taken(newReference));
        var name = FreeText.CleanLine(NewName);
        if (name.Length == 0) Errors.Add("name", "Enter a name for the new round");
        else if (FreeText.Check("name", "The name", name, Round.NameLimit) is { } tooLong) Errors.Add("name", tooLong.Message);
        if (Errors.Any) return Page();

        var copy = Original.CopyAsDraft(Guid.NewGuid(), newReference, name, time.GetUtcNow(), User.Identity?.Name ?? "unknown");
        db.Rounds.Add(copy);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone else took the reference between the check and the save.
            db.ChangeTracker.Clear();
            if (!await db.Rounds.AnyAsync(NewRoundModel.SameReference(newReference), cancellationToken)) throw;
            Errors.Add("reference", NewRoundModel.Taken(newReference));
            return Page();
        }
        return RedirectToPage("/Fund/EditRound", new { reference = newReference });
    }

    private async Task<Round?> FindAsync(string reference, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken);
        if (round is not null) Original = round;
        return round;
    }
}
