using FairFund.Domain.Allocation;
using FairFund.Domain.Scoring;

namespace FairFund.Domain.Applications;

/// <summary>One step of the explanation trail as the group reads it: its number and the step in plain words.</summary>
public sealed record TrailLine(int Number, string Text);

/// <summary>
/// The decision a group is told, kept on its application when the application is decided: the amount,
/// the pot, the reason in plain words, every step of the score's explanation trail, and the panel's
/// comments. It carries no reviewer's name or address at all, so whatever shows it (the status page, the
/// decision email) cannot leak who scored what. It is kept whole rather than worked out again later, so
/// the group always reads what was decided, even if the round's settings or reviews change afterwards.
/// </summary>
public sealed record DecisionNotice(
    Decision Decision,
    decimal Amount,
    string? PotName,
    bool Partial,
    string Reason,
    IReadOnlyList<TrailLine> Trail,
    IReadOnlyList<string> PanelComments)
{
    /// <summary>
    /// The notice for one application's allocation result: the trail from <see cref="ApplicationResult.Explain"/>,
    /// numbered from 1, and the panel's comments as given, without blank ones. The comments are text only:
    /// whoever collects them leaves out who wrote each.
    /// </summary>
    public static DecisionNotice From(ApplicationResult result, IEnumerable<string> panelComments)
    {
        var steps = result.Explain();
        var decided = steps.OfType<DecisionStep>().Single();
        return new DecisionNotice(
            result.Decision,
            result.Amount,
            decided.PotName,
            result.Partial,
            ReasonFor(result, steps),
            [.. steps.Select((step, index) => new TrailLine(index + 1, step.Describe()))],
            [.. panelComments.Select(comment => comment.Trim()).Where(comment => comment.Length > 0)]);
    }

    /// <summary>Why, in a sentence a volunteer understands; the trail gives every number behind it.</summary>
    private static string ReasonFor(ApplicationResult result, IReadOnlyList<TrailStep> steps) => result.Decision switch
    {
        Decision.Award when result.Partial =>
            $"Your application is funded in part: {Money.Pounds(result.Amount)} of the {Money.Pounds(result.Requested)} you asked for, which is what was left in the pot when your application was reached.",
        Decision.Award => $"Your application is funded: {Money.Pounds(result.Amount)}, the full amount you asked for.",
        Decision.Waitlist =>
            $"Your application scored well enough to be funded, but the money ran out before it was reached: it is number {result.Rank} in the order of merit.",
        _ => result.Reason switch
        {
            DeclineReason.Ineligible => IneligibleReason(steps.OfType<EligibilityStep>().Single()),
            DeclineReason.InsufficientReviews =>
                "Not enough panel members could review your application to score it fairly, so it could not be considered for funding this time.",
            _ => BelowThresholdReason(steps.OfType<ThresholdStep>().Single()),
        },
    };

    private static string BelowThresholdReason(ThresholdStep step) =>
        $"Your application's final score, {Money.Score(step.FinalScore)}, is below {Money.Score(step.Threshold)}, the score every funded application in this round had to reach.";

    private static string IneligibleReason(EligibilityStep step)
    {
        if (step.ScreenedOut)
            return step.ScreenerReason is { Length: > 0 } reason
                ? $"Your application does not meet the fund's rules: {reason.TrimEnd('.')}."
                : "Your application does not meet the fund's rules.";
        return $"You asked for {Money.Pounds(step.Requested)}, and this round gives grants from {Money.Pounds(step.GrantMin)} to {Money.Pounds(step.GrantMax)}, so it could not be considered.";
    }
}
