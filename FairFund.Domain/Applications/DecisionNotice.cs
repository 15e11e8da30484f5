using FairFund.Domain.Allocation;
using FairFund.Domain.Scoring;

namespace FairFund.Domain.Applications;

/// <summary>One step of the explanation trail as the group reads it: its number and the step in plain words.</summary>
public sealed record TrailLine(int Number, string Text);

/// <summary>Where an application stood, as the group reads it: the decision, the amount and the name of the pot it came from.</summary>
public sealed record NoticeStanding(Decision Decision, decimal Amount, string? PotName)
{
    /// <summary>The standing in the trail's words, with its amount in pounds and pence as the trail writes money: "an award of £5,000.00 from the General pot".</summary>
    public string InTrailWords() => Decision switch
    {
        Decision.Award => $"an award of {Money.PoundsAndPence(Amount)}" + (PotName is { Length: > 0 } pot ? $" from the {pot}" : ""),
        Decision.Waitlist => "the waiting list",
        _ => "not funded",
    };
}

/// <summary>
/// One change the panel made to the application in moderation, as the group is told it: what the decision
/// was, what it became, the panel's reason, and when (the instant, and the day in the group's time zone).
/// It names nobody: the group learns what the panel changed and why, not which member of staff typed it.
/// </summary>
public sealed record NoticeChange(NoticeStanding Was, NoticeStanding Became, string Reason, DateTimeOffset At, DateOnly Day)
{
    /// <summary>The change as a step of the explanation trail.</summary>
    public string InTrailWords() =>
        Was.Decision == Decision.Award && Became.Decision == Decision.Award && Was.PotName == Became.PotName
            ? $"Moderation on {DecisionLetter.LongDate(Day)}: the panel changed the award from {Money.PoundsAndPence(Was.Amount)} to {Money.PoundsAndPence(Became.Amount)}, because: {Reason}"
            : $"Moderation on {DecisionLetter.LongDate(Day)}: the panel changed the decision from {Was.InTrailWords()} to {Became.InTrailWords()}, because: {Reason}";

    /// <summary>The change as a paragraph of the letter, in the group's words.</summary>
    public string InLetterWords()
    {
        var on = $"On {DecisionLetter.LongDate(Day)} the panel";
        var what = (Was.Decision, Became.Decision) switch
        {
            (Decision.Award, Decision.Award) when Was.PotName == Became.PotName => $"{on} changed your grant from {Money.Pounds(Was.Amount)} to {Money.Pounds(Became.Amount)}.",
            (_, Decision.Award) => $"{on} decided to fund your application with {Money.Pounds(Became.Amount)}" + (Became.PotName is { Length: > 0 } pot ? $" from the {pot}." : "."),
            (Decision.Award, _) => $"{on} decided not to fund your application, which had been given {Money.Pounds(Was.Amount)}.",
            _ => $"{on} changed the decision on your application.",
        };
        return $"{what} Their reason: {Reason}";
    }
}

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
    /// Every change the panel made in moderation, in the order made; empty when the rules' decision stands.
    /// With changes, <see cref="Reason"/> is why the rules decided as they did, and the decision, amount and pot
    /// are the final ones. (A notice kept before changes were recorded has none, and its reason is the last change's.)
    /// </summary>
    public IReadOnlyList<NoticeChange> Changes { get; init; } = [];

    /// <summary>
    /// The amount the group asked for, so a part award can say what it is part of; null in a notice kept before it
    /// was recorded, whose letter says "part of what you asked for" instead.
    /// </summary>
    public decimal? Requested { get; init; }

    /// <summary>The final decision as the trail's last step, after moderation changed it.</summary>
    public string FinalDecisionInTrailWords() =>
        "Final decision, after moderation: " + new NoticeStanding(Decision, Amount, PotName).InTrailWords() + (Decision == Decision.Award && Partial ? " (part of what you asked for)" : "");

    /// <summary>
    /// This notice (the rules' decision) after moderation changed it: the final decision, amount and pot, every
    /// change in order, and the trail continued with a step for each change and a last step with the final decision,
    /// so the working the group reads ends where the decision does.
    /// </summary>
    public DecisionNotice AfterModeration(Decision decision, decimal amount, string? potName, bool partial, IReadOnlyList<NoticeChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0) throw new ArgumentException("A notice after moderation needs at least one change.", nameof(changes));
        var changed = this with { Decision = decision, Amount = amount, PotName = potName, Partial = partial, Changes = changes };
        var steps = changes.Select(change => change.InTrailWords()).Append(changed.FinalDecisionInTrailWords());
        return changed with { Trail = [.. Trail, .. steps.Select((text, index) => new TrailLine(Trail.Count + index + 1, text))] };
    }

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
            [.. steps.Select((step, index) => new TrailLine(index + 1, step.ForTheGroup()))],
            [.. panelComments.Select(comment => comment.Trim()).Where(comment => comment.Length > 0)])
        {
            Requested = result.Requested,
        };
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
        $"Your application's final score was {Money.Score(step.FinalScore)} out of 100, and an application needed at least {Money.Score(step.Threshold)} to be funded in this round.";

    private static string IneligibleReason(EligibilityStep step)
    {
        if (step.ScreenedOut)
            return step.ScreenerReason is { Length: > 0 } reason
                ? $"Your application does not meet the fund's rules: {reason.TrimEnd('.')}."
                : "Your application does not meet the fund's rules.";
        return $"You asked for {Money.Pounds(step.Requested)}, and this round gives grants from {Money.Pounds(step.GrantMin)} to {Money.Pounds(step.GrantMax)}, so it could not be considered.";
    }
}
