using FairFund.Domain.Allocation;
using FairFund.Domain.Moderation;
using FairFund.Domain.Rounds;
using FairFund.Web.Data;
using FairFund.Web.Forms;
using FairFund.Web.Allocation;
using FairFund.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Fund;

/// <summary>
/// Moderation: the allocation the rules computed from the panel's scores, ranked, with the funding line, each
/// pot's money, the applications whose reviewers disagree strongly, and every override with its reason. Approving
/// here fixes the decisions.
/// </summary>
public sealed class ModerationModel(FairFundDbContext db, RoundAllocation allocation, TimeProvider clock) : PageModel
{
    public const string RangeFieldId = "range";
    public const string DeviationFieldId = "deviation";

    public ModerationView? View { get; private set; }
    public RoundHeading Round { get; private set; } = null!;
    public FormErrors Errors { get; } = new();

    /// <summary>The round changed while the thresholds were being saved, so they were not.</summary>
    public ChangedMeanwhile? ChangedMeanwhile { get; private set; }

    [BindProperty]
    public ThresholdInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken);
        if (round is null) return NotFound();
        await ShowAsync(round, cancellationToken);
        Input = new ThresholdInput { Range = FormNumbers.Number(round.DisagreementRange), Deviation = FormNumbers.Number(round.DisagreementDeviation) };
        return Page();
    }

    /// <summary>Sets when reviewers count as disagreeing strongly; it changes what is flagged, never the allocation.</summary>
    public async Task<IActionResult> OnPostThresholdsAsync(string reference, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken);
        if (round is null) return NotFound();
        var range = ReadPoints(Input.Range, RangeFieldId, "range");
        var deviation = ReadPoints(Input.Deviation, DeviationFieldId, "standard deviation");
        if (Errors.Any || range is null || deviation is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await ShowAsync(round, cancellationToken);
            return Page();
        }
        round.SetDisagreementThresholds(range.Value, deviation.Value, clock.GetUtcNow(), User.Identity?.Name ?? "unknown");
        // The form carries no version (the thresholds change only what is flagged), so only a save between loading and saving loses.
        if (await db.SaveOverAsync(round, db.VersionOf(round), cancellationToken) == EditSave.ChangedMeanwhile)
        {
            var now = await db.Rounds.AsNoTracking().SingleAsync(r => r.Reference == reference, cancellationToken);
            ChangedMeanwhile = Forms.ChangedMeanwhile.On(this, "This round", "save the thresholds again");
            await ShowAsync(now, cancellationToken);
            return Page();
        }
        return RedirectToPage(new { reference });
    }

    private decimal? ReadPoints(string? text, string fieldId, string name)
    {
        if (!FormNumbers.TryNumber(text, out var value) || value is < 0 or > 100)
        {
            Errors.Add(fieldId, $"Enter the {name} as a number of points from 0 to 100, like 25");
            return null;
        }
        return value;
    }

    private async Task ShowAsync(Round round, CancellationToken cancellationToken)
    {
        Round = new RoundHeading(round.Reference, round.Name, round.State);
        if (!Domain.Rounds.Round.HasAllocation(round.State)) return;

        var moderated = await allocation.ModeratedAsync(round, cancellationToken);
        var names = moderated.Ranked.ToDictionary(application => application.Reference, application => application.Computed.OrganisationName, StringComparer.Ordinal);
        var version = await db.Rounds.Where(r => r.Id == round.Id).StoredVersionAsync(cancellationToken);
        View = new ModerationView(
            moderated,
            round.DisagreementRange,
            round.DisagreementDeviation,
            round.State == RoundState.Moderation,
            round.State == RoundState.Moderation ? round.WhyNot(RoundTrigger.Approve, allocationProblems: moderated.ApprovalProblems()) : [],
            version,
            names);
    }

    public sealed class ThresholdInput
    {
        public string? Range { get; set; }
        public string? Deviation { get; set; }
    }

    public sealed record RoundHeading(string Reference, string Name, RoundState State);

    public sealed record ModerationView(
        ModeratedAllocation Allocation,
        decimal DisagreementRange,
        decimal DisagreementDeviation,
        bool CanChange,
        IReadOnlyList<string> WhyNotApprove,
        Guid RoundVersion,
        IReadOnlyDictionary<string, string> GroupNames)
    {
        public IReadOnlyList<ModeratedApplication> Disagreements => [.. Allocation.Ranked.Where(application => application.Disagreement.IsStrong)];
    }

    /// <summary>How a decision reads in the ranked list, and its tag colour, the same wherever the allocation is shown.</summary>
    public static StatusTag TagFor(Decision decision) => decision switch
    {
        Decision.Award => new StatusTag("Funded", TagColour.Green),
        Decision.Waitlist => new StatusTag("Waiting list", TagColour.Yellow),
        _ => new StatusTag("Not funded", TagColour.Grey),
    };

    /// <summary>An override in words, as the list of overrides and the application's page show it.</summary>
    public static string Describe(AllocationOverride made, ModeratedAllocation allocation) => allocation.ChangeInWords(made);

    public static string ReasonInWords(ApplicationResult result) => result.Reason switch
    {
        DeclineReason.Ineligible => "Not eligible",
        DeclineReason.InsufficientReviews => "Too few reviews",
        DeclineReason.BelowThreshold => "Below the quality threshold",
        _ => "",
    };
}
