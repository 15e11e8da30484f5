using FairFund.Domain.Auditing;
using FairFund.Domain.Rounds;
using FairFund.Web.Data;
using FairFund.Web.Forms;
using FairFund.Web.Rounds;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Fund;

/// <summary>
/// Cancelling a round, on a page of its own: it cannot be undone, so the fund manager reads what it does and
/// confirms it with a reason, rather than meeting a red button among the round's routine steps.
/// </summary>
public sealed class CancelRoundModel(FairFundDbContext db, RoundOperations operations, TimeProvider time) : PageModel
{
    public string Reference { get; private set; } = "";
    public string Name { get; private set; } = "";
    public RoundState State { get; private set; }
    public Guid Version { get; private set; }

    /// <summary>Why the round cannot be cancelled now, in words; empty when it can.</summary>
    public IReadOnlyList<string> WhyNot { get; private set; } = [];

    [BindProperty]
    public CancelInput Input { get; set; } = new();

    public FormErrors Errors { get; } = new();

    public string? Refusal { get; private set; }

    public ChangedMeanwhile? ChangedMeanwhile { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken);
        if (round is null) return NotFound();
        await ShowAsync(round, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken);
        if (round is null) return NotFound();
        if (!db.IsStillAt(round, Input.Version)) return await ChangedAsync(reference, cancellationToken);
        if (Round.CheckReason(Input.Reason) is { } tooLong)
        {
            Errors.Add(RoundModel.ReasonFieldId(RoundTrigger.Cancel), tooLong.Message);
            return await RefusedAsync(round, cancellationToken);
        }
        try
        {
            round.Cancel(time.GetUtcNow(), User.Identity?.Name ?? "unknown", Input.Reason ?? "");
        }
        catch (DomainRuleException refused)
        {
            Refusal = refused.Message;
            db.ChangeTracker.Clear();
            return await RefusedAsync(await db.Rounds.SingleAsync(r => r.Reference == reference, cancellationToken), cancellationToken);
        }
        if (await db.SaveOverAsync(round, Input.Version, cancellationToken) == EditSave.ChangedMeanwhile) return await ChangedAsync(reference, cancellationToken);
        return RedirectToPage("/Fund/Round", new { reference });
    }

    private async Task ShowAsync(Round round, CancellationToken cancellationToken)
    {
        (Reference, Name, State, Version) = (round.Reference, round.Name, round.State, db.VersionOf(round));
        // Asked as if a reason will be given, since the form asks for one.
        WhyNot = round.TriggersFromHere().Contains(RoundTrigger.Cancel)
            ? await operations.WhyNotAsync(round, RoundTrigger.Cancel, "a reason", time.GetUtcNow(), cancellationToken)
            : [$"the round is {Round.Describe(round.State)}"];
    }

    private async Task<IActionResult> RefusedAsync(Round round, CancellationToken cancellationToken)
    {
        await ShowAsync(round, cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>The one outcome of a save that lost to another (docs/edit-conflicts.md): the round as it is now, and the reason typed kept.</summary>
    private async Task<IActionResult> ChangedAsync(string reference, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var now = await db.Rounds.SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken);
        if (now is null) return NotFound();
        await ShowAsync(now, cancellationToken);
        ChangedMeanwhile = Forms.ChangedMeanwhile.On(this, "This round", "cancel it again") with
        {
            TypedWithoutAForm = WhyNot.Count == 0 ? null : Input.Reason,
        };
        return Page();
    }

    public sealed class CancelInput
    {
        public Guid Version { get; set; }
        public string? Reason { get; set; }
    }
}
