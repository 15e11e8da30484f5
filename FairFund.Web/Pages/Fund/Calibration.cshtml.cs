using FairFund.Domain.Allocation;
using FairFund.Domain.Equity;
using FairFund.Domain.Scoring;
using FairFund.Domain.Validation;
using FairFund.Web.Allocation;
using FairFund.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Fund;

/// <summary>
/// Reviewer calibration, from moderation on: whether some panel members score harder or softer than the rest,
/// each application's calibrated score beside its published one, and which decisions calibrated scores would
/// change. The domain's <see cref="Calibration"/> works it all out; it is for comparison only and never replaces
/// the published rule.
/// </summary>
public sealed class CalibrationModel(FairFundDbContext db, RoundAllocation allocation) : PageModel
{
    public string Reference { get; private set; } = "";
    public string Name { get; private set; } = "";

    /// <summary>Null before the round has an allocation.</summary>
    public CalibrationView? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken);
        if (round is null) return NotFound();
        (Reference, Name) = (round.Reference, FreeText.CleanLine(round.Name));
        if (!Domain.Rounds.Round.HasAllocation(round.State)) return Page();
        var file = await allocation.RoundFileAsync(round, cancellationToken);
        var names = await allocation.ReviewerNamesAsync(round, cancellationToken);
        View = CalibrationView.Of(Calibration.Of(file.Round, file.Applications), names);
        return Page();
    }

    /// <summary>What the page shows, worked out here so the page only renders it.</summary>
    public sealed record CalibrationView(
        int PanelReviews,
        decimal PanelMean,
        decimal PanelStandardDeviation,
        IReadOnlyList<MemberRow> Members,
        IReadOnlyList<ApplicationRow> Applications,
        IReadOnlyList<ChangeRow> Changes)
    {
        public static CalibrationView Of(Calibration calibration, IReadOnlyDictionary<string, string> names)
        {
            ArgumentNullException.ThrowIfNull(calibration);
            ArgumentNullException.ThrowIfNull(names);
            var organisations = calibration.WithRawScores.Applications.ToDictionary(result => result.Reference, result => FreeText.CleanLine(result.OrganisationName), StringComparer.Ordinal);
            return new CalibrationView(
                calibration.PanelReviews,
                calibration.PanelMean,
                calibration.PanelStandardDeviation,
                [.. calibration.Reviewers.Select(reviewer => new MemberRow(
                    reviewer.Reviewer,
                    names.GetValueOrDefault(reviewer.Reviewer) ?? reviewer.Reviewer,
                    reviewer.Scored,
                    reviewer.Mean,
                    reviewer.StandardDeviation,
                    reviewer.DifferenceFromPanel,
                    AdjustmentInWords(reviewer.Adjustment)))],
                [.. calibration.Applications.Where(application => application.RawScore is not null).Select(application => new ApplicationRow(
                    application.Reference,
                    organisations[application.Reference],
                    application.RawScore!.Value,
                    application.CalibratedScore!.Value))],
                [.. calibration.Changes.Select(change => new ChangeRow(
                    change.Reference,
                    organisations[change.Reference],
                    DecisionInWords(change.Published),
                    DecisionInWords(change.Alternative)))]);
        }

        private static string AdjustmentInWords(ReviewerAdjustment adjustment) => adjustment switch
        {
            ReviewerAdjustment.TooFewToCalibrate => "Left as given: one review cannot tell a harsh reviewer from a weak application",
            ReviewerAdjustment.NoSpread => "Put at the panel's mean: every score the same, so none ranks one application above another",
            _ => "Rescaled to the panel's mean and spread",
        };

        private static string DecisionInWords(ApplicationResult result) => result.Decision switch
        {
            Decision.Award => $"Funded, {Money.Pounds(result.Amount)}",
            Decision.Waitlist => "Waiting list",
            _ => "Not funded",
        };
    }

    /// <summary>One panel member's scoring beside the panel's; <c>Pseudonym</c> is how the round file names them.</summary>
    public sealed record MemberRow(string Pseudonym, string Name, int Scored, decimal Mean, decimal StandardDeviation, decimal DifferenceFromPanel, string Treatment);

    public sealed record ApplicationRow(string Reference, string Organisation, decimal RawScore, decimal CalibratedScore)
    {
        public decimal Difference => CalibratedScore - RawScore;
    }

    public sealed record ChangeRow(string Reference, string Organisation, string AsPublished, string WithCalibratedScores);

    /// <summary>A signed difference in points, so harsher and softer read differently: "+3.25", "−1.50", "0.00".</summary>
    public static string Points(decimal difference) => difference switch
    {
        > 0 => "+" + Money.Score(difference),
        < 0 => "\u2212" + Money.Score(-difference),
        _ => Money.Score(0m),
    };
}
