using FairFund.Domain.Applications;
using FairFund.Domain.Auditing;
using FairFund.Domain.Rounds;
using FairFund.Web.Data;
using FairFund.Web.Email;
using FairFund.Web.Forms;
using FairFund.Web.Rounds;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Fund;

/// <summary>
/// One round for its fund manager: where it stands, the moves it can make now (and why not, for those
/// it cannot), its lifecycle drawn from the machine, and its history.
/// </summary>
public sealed class RoundModel(FairFundDbContext db, RoundOperations operations, MailLinks links, TimeProvider time) : PageModel
{
    public RoundView Round { get; private set; } = null!;

    [BindProperty]
    public ActionInput Input { get; set; } = new();

    public string? Refusal { get; private set; }

    /// <summary>The round changed after the page was shown, so the button pressed did nothing.</summary>
    public ChangedMeanwhile? ChangedMeanwhile { get; private set; }

    /// <summary>What is wrong with what was typed, at its field: a reason over its limit.</summary>
    public FormErrors Errors { get; } = new();

    /// <summary>The id of the reason's field in the form of <paramref name="trigger"/>'s button.</summary>
    public static string ReasonFieldId(RoundTrigger trigger) => $"reason-{trigger}";

    /// <summary>The reason as typed into <paramref name="trigger"/>'s form, shown back when the press was refused; empty in the other forms.</summary>
    public string? ReasonTypedFor(RoundTrigger trigger) => trigger == Input.Trigger ? Input.Reason : null;

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        await RoundClock.CloseDueRoundsAsync(db, time.GetUtcNow(), cancellationToken);
        var round = await db.Rounds.SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken);
        if (round is null) return NotFound();
        Round = await ViewOf(round, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken);
        if (round is null) return NotFound();
        // Act only on the version the person was looking at: if someone has saved since, theirs stands.
        if (!db.IsStillAt(round, Input.Version)) return await ChangedAsync(reference, cancellationToken);

        // Cancelling is confirmed on its own page; this page has no form for it.
        if (Input.Trigger == RoundTrigger.Cancel) return RedirectToPage("/Fund/CancelRound", new { reference });
        if (Input.Trigger == RoundTrigger.CloseScoring && Domain.Rounds.Round.CheckReason(Input.Reason) is { } tooLong)
        {
            Errors.Add(ReasonFieldId(Input.Trigger), tooLong.Message);
            Round = await ViewOf(round, cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var now = time.GetUtcNow();
        var actor = User.Identity?.Name ?? "unknown";
        try
        {
            switch (Input.Trigger)
            {
                case RoundTrigger.Open: round.Open(now, actor, Seed.Draw()); break;
                case RoundTrigger.Close: round.Close(now, actor); break;
                case RoundTrigger.StartScoring: await operations.StartScoringAsync(round, now, actor, cancellationToken); break;
                case RoundTrigger.CloseScoring: await operations.CloseScoringAsync(round, now, actor, Input.Reason, cancellationToken); break;
                case RoundTrigger.Approve: await operations.ApproveAsync(round, now, actor, cancellationToken); break;
                case RoundTrigger.Notify: await operations.NotifyAsync(round, now, actor, reference => links.StatusPage(Url, reference), cancellationToken); break;
                case RoundTrigger.Archive: round.Archive(now, actor); break;
            }
        }
        catch (DomainRuleException refused)
        {
            Refusal = refused.Message;
            db.ChangeTracker.Clear();
            var fresh = await db.Rounds.SingleAsync(r => r.Reference == reference, cancellationToken);
            Round = await ViewOf(fresh, cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (await db.SaveOverAsync(round, Input.Version, cancellationToken) == EditSave.ChangedMeanwhile) return await ChangedAsync(reference, cancellationToken);
        return RedirectToPage(new { reference });
    }

    /// <summary>The one outcome of a save that lost to another (docs/edit-conflicts.md): the round as it is now, with its history, and the reason typed kept.</summary>
    private async Task<IActionResult> ChangedAsync(string reference, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var now = await db.Rounds.SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken);
        if (now is null) return NotFound();
        Round = await ViewOf(now, cancellationToken);
        var reasonHasAForm = Round.Actions.Any(action => action.Trigger == Input.Trigger && action.NeedsReason);
        ChangedMeanwhile = Forms.ChangedMeanwhile.On(this, "This round", "press the button again") with
        {
            TypedWithoutAForm = reasonHasAForm ? null : Input.Reason,
        };
        return Page();
    }

    private async Task<RoundView> ViewOf(Round round, CancellationToken cancellationToken)
    {
        var actions = new List<RoundAction>();
        foreach (var trigger in round.TriggersFromHere())
        {
            var needsReason = trigger is RoundTrigger.CloseScoring;
            // A reason box goes with the button, so it is asked as if one will be given.
            var whyNot = await operations.WhyNotAsync(round, trigger, needsReason ? "a reason" : null, time.GetUtcNow(), cancellationToken);
            actions.Add(new RoundAction(trigger, ButtonText(trigger), needsReason, whyNot));
        }
        var history = round.History.OrderByDescending(change => change.At).ToList();
        return new RoundView(round.Reference, round.Name, round.State, Domain.Rounds.Round.Describe(round.State),
            UkTime.Format(round.OpensAt), UkTime.Format(round.ClosesAt), round.RulesHash, round.SeedCommitment, round.RevealedSeed,
            db.VersionOf(round), actions, history,
            new LifecycleDiagram(Domain.Rounds.Round.Lifecycle(), round.State), Domain.Rounds.Round.IsEditable(round.State));
    }

    private static string ButtonText(RoundTrigger trigger) => trigger switch
    {
        RoundTrigger.Open => "Open the round",
        RoundTrigger.Close => "Close the round now",
        RoundTrigger.StartScoring => "Start scoring",
        RoundTrigger.CloseScoring => "Close scoring and reveal the seed",
        RoundTrigger.Approve => "Approve the allocation",
        RoundTrigger.Notify => "Check and send the decisions",
        RoundTrigger.Archive => "Archive the round",
        _ => "Cancel the round",
    };

    public sealed class ActionInput
    {
        public RoundTrigger Trigger { get; set; }
        public Guid Version { get; set; }
        public string? Reason { get; set; }
    }

    public sealed record RoundAction(RoundTrigger Trigger, string Text, bool NeedsReason, IReadOnlyList<string> WhyNot);

    public sealed record RoundView(
        string Reference, string Name, RoundState State, string StateInWords, string Opens, string Closes,
        string? RulesHash, string? SeedCommitment, string? RevealedSeed, Guid Version,
        IReadOnlyList<RoundAction> Actions, IReadOnlyList<StateChange> History, LifecycleDiagram Lifecycle, bool CanEdit);
}
