using FairFund.Domain.Reviews;
using FairFund.Web.Data;
using FairFund.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Panel;

/// <summary>
/// For a member who finds a conflict of interest after saying they had none: while reading or scoring, or after
/// submitting. Recording it ends their review, and anything they scored stops counting.
/// </summary>
public sealed class FoundConflictModel(FairFundDbContext db, PanelRecords records, TimeProvider time) : PageModel
{
    [BindProperty]
    public ConflictInput Declaration { get; set; } = new();

    [BindProperty]
    public Guid Version { get; set; }

    public FormErrors Errors { get; } = new();

    public string RoundReference { get; private set; } = "";
    public string Reference { get; private set; } = "";
    public string GroupName { get; private set; } = "";

    /// <summary>Why the conflict could not be recorded here, when it is not a problem with a field.</summary>
    public string? NotSaved { get; private set; }

    /// <summary>The review changed after the member opened this page, so the conflict was not recorded.</summary>
    public ChangedMeanwhile? Changed { get; private set; }

    public string ReviewHref => Url.Page("/Panel/Review", new { reference = RoundReference, applicationReference = Reference })!;

    public async Task<IActionResult> OnGetAsync(string reference, string applicationReference, CancellationToken cancellationToken)
    {
        if (await records.FindAsync(User, reference, applicationReference, cancellationToken) is not { } assigned) return NotFound();
        if (!Applies(assigned.Review)) return Redirect(Show(assigned).ReviewHref);
        Show(assigned);
        Version = db.VersionOf(assigned.Review);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, string applicationReference, CancellationToken cancellationToken)
    {
        if (await records.FindAsync(User, reference, applicationReference, cancellationToken) is not { } assigned) return NotFound();
        var review = assigned.Review;
        if (!Applies(review)) return Redirect(Show(assigned).ReviewHref);
        Show(assigned);
        if (!assigned.DeclaringOpen)
        {
            NotSaved = "This round is no longer taking declarations. Tell the fund team about the conflict instead.";
            return Page();
        }
        if (!db.IsStillAt(review, Version)) return Stale(review);

        Declaration.CheckConflict(Errors);
        if (Errors.Any) return Page();
        review.DeclareConflict(Declaration.ChosenKind, Declaration.Note, time.GetUtcNow(), assigned.Member);
        if (await db.SaveOverAsync(review, Version, cancellationToken) == EditSave.ChangedMeanwhile)
        {
            var now = await records.FindAsync(User, reference, applicationReference, cancellationToken);
            if (now is null) return NotFound();
            if (!Applies(now.Review)) return Redirect(ReviewHref);
            return Stale(now.Review);
        }
        TempData[RoundModel.NoticeKey] = $"Your conflict of interest with {assigned.Application.Reference} has been recorded. You will not see that application or anyone's scores for it, and any scores you gave it do not count.";
        return RedirectToPage("/Panel/Round", new { reference });
    }

    /// <summary>Only a member who said they had no conflict can find one later; before that, the review's own question asks.</summary>
    private static bool Applies(PanelReview review) => review.State is ReviewState.Scoring or ReviewState.Submitted;

    private FoundConflictModel Show(AssignedApplication assigned)
    {
        (RoundReference, Reference, GroupName) = (assigned.Round.Reference, assigned.Application.Reference, assigned.Group.Name);
        return this;
    }

    /// <summary>The one outcome of a save that lost to another (docs/edit-conflicts.md): what was entered stays in the form.</summary>
    private PageResult Stale(PanelReview now)
    {
        Version = db.VersionOf(now);
        Changed = ChangedMeanwhile.On(this, "Your review of this application", "select “Record the conflict” again");
        return Page();
    }
}
