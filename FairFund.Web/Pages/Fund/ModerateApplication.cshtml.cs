using FairFund.Domain.Allocation;
using FairFund.Domain.Moderation;
using FairFund.Domain.Reviews;
using FairFund.Domain.Rounds;
using FairFund.Domain.Validation;
using FairFund.Web.Data;
using FairFund.Web.Forms;
using FairFund.Web.Allocation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Fund;

/// <summary>
/// One application in moderation: how the rules reached its decision, step by step; each panel member's
/// scores and comments; and, while the round is in moderation, a change to its decision with a written reason.
/// </summary>
public sealed class ModerateApplicationModel(FairFundDbContext db, RoundAllocation allocation, TimeProvider time) : PageModel
{
    public const string KindFieldId = "kind";
    public const string AmountFieldId = "amount";
    public const string PotFieldId = "potKey";
    public const string ReasonFieldId = "reason";

    public ApplicationView View { get; private set; } = null!;
    public FormErrors Errors { get; } = new();

    /// <summary>The round changed after the page was shown, so the change to the decision was not saved.</summary>
    public ChangedMeanwhile? ChangedMeanwhile { get; private set; }

    [BindProperty]
    public OverrideInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string reference, string applicationReference, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken);
        if (round is null) return NotFound();
        var view = await ViewOfAsync(round, applicationReference, cancellationToken);
        if (view is null) return NotFound();
        View = view;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, string applicationReference, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken);
        if (round is null) return NotFound();
        // The change is judged against the allocation the person was looking at; if anyone has changed the round since, theirs stands.
        if (!db.IsStillAt(round, Input.RoundVersion)) return await ChangedAsync(reference, applicationReference, cancellationToken);

        var view = await ViewOfAsync(round, applicationReference, cancellationToken);
        if (view is null) return NotFound();
        if (round.State != RoundState.Moderation)
        {
            Errors.Add(KindFieldId, $"This round is {Domain.Rounds.Round.Describe(round.State)}: its decisions can no longer change");
            return Refused(view);
        }

        decimal? amount = null;
        if (!FormNumbers.IsBlank(Input.Amount))
        {
            if (FormNumbers.TryMoney(Input.Amount, out var parsed)) amount = parsed;
            else Errors.Add(AmountFieldId, "Enter the amount in pounds and pence, like 1500 or 1500.50");
        }
        OverrideKind? kind = Enum.TryParse<OverrideKind>(Input.Kind, out var chosen) && Enum.IsDefined(chosen) ? chosen : null;
        if (kind is null) Errors.Add(KindFieldId, "Select what you want to change");
        else
        {
            foreach (var problem in Domain.Moderation.Moderation.Check(view.Allocation, applicationReference, kind.Value, amount, Input.PotKey, Input.Reason))
                Errors.Add(problem.Location, problem.Message);
        }
        if (Errors.Any) return Refused(view);

        db.AllocationOverrides.Add(new AllocationOverride(Guid.NewGuid(), round.Id, applicationReference, kind!.Value,
            kind == OverrideKind.Decline ? 0m : amount!.Value, kind == OverrideKind.Fund ? Input.PotKey : null,
            FreeText.Clean(Input.Reason), User.Identity?.Name ?? "unknown", time.GetUtcNow()));
        // Saved over the round's version, which it renews: a second manager's change, made from a page showing the old allocation, is then stale.
        if (await db.SaveOverAsync(round, Input.RoundVersion, cancellationToken) == EditSave.ChangedMeanwhile)
            return await ChangedAsync(reference, applicationReference, cancellationToken);
        return RedirectToPage(new { reference, applicationReference });
    }

    /// <summary>The one outcome of a save that lost to another (docs/edit-conflicts.md): the allocation as it is now, with the change and reason typed kept.</summary>
    private async Task<IActionResult> ChangedAsync(string reference, string applicationReference, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken);
        if (round is null || await ViewOfAsync(round, applicationReference, cancellationToken) is not { } view) return NotFound();
        View = view;
        ChangedMeanwhile = Forms.ChangedMeanwhile.On(this, "This round's allocation", "make your change again");
        return Page();
    }

    private PageResult Refused(ApplicationView view)
    {
        View = view;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<ApplicationView?> ViewOfAsync(Round round, string applicationReference, CancellationToken cancellationToken)
    {
        if (!Domain.Rounds.Round.HasAllocation(round.State)) return null;
        var application = await db.Applications.AsNoTracking()
            .Where(a => a.RoundId == round.Id && a.Reference == applicationReference)
            .Select(a => new { a.Id })
            .SingleOrDefaultAsync(cancellationToken);
        if (application is null) return null;
        var moderated = await allocation.ModeratedAsync(round, cancellationToken);
        if (moderated.Find(applicationReference) is not { } row) return null;

        var criteria = round.Rules.Criteria;
        var reviews = (await db.PanelReviews.AsNoTracking().Where(review => review.ApplicationId == application.Id).ToListAsync(cancellationToken))
            .OrderBy(review => review.ReviewerId, StringComparer.Ordinal)
            .Select(review => new ReviewRow(
                review.ReviewerId,
                review.State,
                review.Conflict is { } conflict ? ConflictDeclaration.Describe(conflict.Kind) + (conflict.Note.Length > 0 ? $": {conflict.Note}" : "") : null,
                review.Submitted is { } submitted ? criteria.Select(criterion => submitted.Scores.GetValueOrDefault(criterion.Key)).ToList() : [],
                review.Submitted is { } counted ? Domain.Scoring.Scores.ReviewScore(criteria, [.. criteria.Select(criterion => counted.Scores[criterion.Key])]) : null,
                review.Submitted?.CommentForApplicant ?? "",
                review.Submitted?.NoteForPanel ?? "",
                review.Revisions.Count))
            .ToList();
        var version = await db.Rounds.Where(r => r.Id == round.Id).StoredVersionAsync(cancellationToken);
        return new ApplicationView(round.Reference, round.Name, round.State == RoundState.Moderation, moderated, row,
            [.. row.Computed.Explain().Select(step => step.Describe())], criteria, reviews, version);
    }

    public sealed class OverrideInput
    {
        public string? Kind { get; set; }
        public string? Amount { get; set; }
        public string? PotKey { get; set; }
        public string? Reason { get; set; }

        public Guid RoundVersion { get; set; }
    }

    public sealed record ReviewRow(
        string Reviewer, ReviewState State, string? Conflict, IReadOnlyList<int> Scores, decimal? ReviewScore,
        string CommentForApplicant, string NoteForPanel, int Versions);

    public sealed record ApplicationView(
        string RoundReference, string RoundName, bool CanChange, ModeratedAllocation Allocation, ModeratedApplication Application,
        IReadOnlyList<string> Trail, IReadOnlyList<Domain.Scoring.Criterion> Criteria, IReadOnlyList<ReviewRow> Reviews, Guid RoundVersion)
    {
        /// <summary>The changes that make sense for where the application stands now.</summary>
        public IReadOnlyList<Choice> Kinds => Application.Decision switch
        {
            Decision.Award => [new Choice(nameof(OverrideKind.ChangeAmount), "Change the amount"), new Choice(nameof(OverrideKind.Decline), "Do not fund it")],
            _ when Application.Computed.Reason is DeclineReason.Ineligible or DeclineReason.InsufficientReviews => [],
            _ => [new Choice(nameof(OverrideKind.Fund), "Fund it")],
        };

        /// <summary>The pots this group may be funded from: the general pot, and any ring-fenced pot whose conditions it meets.</summary>
        public IReadOnlyList<Choice> Pots => [.. Allocation.Pots.Select(pot => new Choice(pot.Key, $"{pot.Name} ({Domain.Scoring.Money.Pounds(pot.Remaining)} left)"))];
    }
}
