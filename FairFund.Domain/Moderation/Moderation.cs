using FairFund.Domain.Allocation;
using FairFund.Domain.Applications;
using FairFund.Domain.Scoring;
using FairFund.Domain.Validation;

namespace FairFund.Domain.Moderation;

/// <summary>How far apart an application's counted review scores are, and whether that passes the round's thresholds.</summary>
public sealed record Disagreement(decimal Range, decimal StandardDeviation, bool IsStrong)
{
    /// <summary>
    /// The range and population standard deviation of the review scores (each 0 to 100), rounded to
    /// two places; strong when either is over its threshold. Fewer than two scores cannot disagree.
    /// </summary>
    public static Disagreement Of(IReadOnlyList<decimal> reviewScores, decimal rangeThreshold, decimal deviationThreshold)
    {
        ArgumentNullException.ThrowIfNull(reviewScores);
        if (reviewScores.Count < 2) return new Disagreement(0m, 0m, false);
        var range = reviewScores.Max() - reviewScores.Min();
        var deviation = Reviews.ScoreSpread.StandardDeviationOf(reviewScores);
        return new Disagreement(range, deviation, range > rangeThreshold || deviation > deviationThreshold);
    }

}

/// <summary>Where an application stands at one point in moderation: its decision, the amount and the key of the pot it comes from.</summary>
public sealed record Standing(Decision Decision, decimal Amount, string? PotKey);

/// <summary>
/// One override as it changed one application: where the application stood before it, where it stood after
/// it, and the override itself (its reason, who made it and when). An application's changes, in the order
/// made, are the whole story from the rules' decision to the final one.
/// </summary>
public sealed record ModerationChange(AllocationOverride Made, Standing Before, Standing After);

/// <summary>One application as moderation sees it: the computed result, every change made to it in order, and where it stands after them.</summary>
public sealed record ModeratedApplication(
    ApplicationResult Computed,
    IReadOnlyList<ModerationChange> Changes,
    Decision Decision,
    decimal Amount,
    string? PotKey,
    Disagreement Disagreement)
{
    public string Reference => Computed.Reference;

    /// <summary>Every override made to this application, in the order made.</summary>
    public IReadOnlyList<AllocationOverride> Overrides => [.. Changes.Select(change => change.Made)];

    /// <summary>The override that decides this application now: the latest one, or null when the computed result stands.</summary>
    public AllocationOverride? Override => Changes.Count == 0 ? null : Changes[^1].Made;

    public bool IsOverridden => Changes.Count > 0;

    /// <summary>
    /// What the group is told: the rules' notice, and after moderation the final decision with every change the
    /// panel made to it, in order (what it was, what it became, the reason and when), so the letter and the trail
    /// tell the whole story and end with the decision that stands. <paramref name="dayOf"/> gives the day a change
    /// was made on where the group lives (the domain keeps instants, not time zones).
    /// </summary>
    public DecisionNotice Notice(IEnumerable<string> panelComments, Func<DateTimeOffset, DateOnly> dayOf)
    {
        ArgumentNullException.ThrowIfNull(dayOf);
        var notice = DecisionNotice.From(Computed, panelComments);
        if (Changes.Count == 0) return notice;
        return notice.AfterModeration(
            Decision, Amount, Decision == Decision.Award ? PotName : null, Decision == Decision.Award && Amount < Computed.Requested,
            [.. Changes.Select(change => new NoticeChange(
                StandingForTheGroup(change.Before), StandingForTheGroup(change.After), change.Made.Reason, change.Made.At, dayOf(change.Made.At)))]);
    }

    /// <summary>The name of the pot the money comes from, as the group reads it.</summary>
    public string? PotName => NameOf(PotKey);

    private NoticeStanding StandingForTheGroup(Standing standing) =>
        new(standing.Decision, standing.Amount, standing.Decision == Decision.Award ? NameOf(standing.PotKey) : null);

    private string? NameOf(string? potKey) => potKey switch
    {
        null => null,
        RoundSettings.GeneralPotKey => RoundSettings.GeneralPotName,
        var key => Computed.Round.Pots.SingleOrDefault(pot => pot.Key == key)?.Name ?? key,
    };
}

/// <summary>A pot's money before and after moderation's overrides.</summary>
public sealed record ModeratedPot(string Key, string Name, decimal Available, decimal AllocatedByRules, decimal Allocated)
{
    public decimal Remaining => Available - Allocated;
}

/// <summary>
/// The computed allocation with moderation's overrides applied: the ranked list, each pot's money, the
/// strong disagreements, and what stands in the way of approval. The computed result is kept whole beside
/// it, so anyone can see both what the rules gave and what the panel changed.
/// </summary>
public sealed record ModeratedAllocation(
    AllocationResult Computed,
    IReadOnlyList<ModeratedApplication> Ranked,
    IReadOnlyList<ModeratedPot> Pots,
    IReadOnlyList<AllocationOverride> Overrides)
{
    public decimal Budget => Computed.Budget;

    public decimal Allocated => Ranked.Where(application => application.Decision == Decision.Award).Sum(application => application.Amount);

    public decimal Remaining => Budget - Allocated;

    /// <summary>
    /// The place in <see cref="Ranked"/> after the lowest-ranked application that is funded: everything above
    /// the line is funded unless marked otherwise. Zero when nothing is funded.
    /// </summary>
    public int FundingLine
    {
        get
        {
            for (var index = Ranked.Count - 1; index >= 0; index--)
            {
                if (Ranked[index].Decision == Decision.Award) return index + 1;
            }
            return 0;
        }
    }

    /// <summary>What an override changed, in words, the same wherever the changes are listed: pages, workbook and results.</summary>
    public string ChangeInWords(AllocationOverride made)
    {
        ArgumentNullException.ThrowIfNull(made);
        var before = Find(made.Reference)?.Changes.FirstOrDefault(change => change.Made.Id == made.Id)?.Before;
        return made.Kind switch
        {
            OverrideKind.Fund => $"Funded {Money.Pounds(made.Amount)} from the {Pots.FirstOrDefault(pot => pot.Key == made.PotKey)?.Name ?? made.PotKey}",
            OverrideKind.ChangeAmount when before is { Decision: Decision.Award } => $"Amount changed from {Money.Pounds(before.Amount)} to {Money.Pounds(made.Amount)}",
            OverrideKind.ChangeAmount => $"Amount changed to {Money.Pounds(made.Amount)}",
            _ => "Not funded",
        };
    }

    public ModeratedApplication? Find(string reference) =>
        Ranked.FirstOrDefault(application => string.Equals(application.Reference, reference, StringComparison.Ordinal));

    /// <summary>What must be put right before the allocation can be approved, in words; empty when nothing is in the way.</summary>
    public IReadOnlyList<string> ApprovalProblems()
    {
        var problems = new List<string>();
        if (Allocated > Budget)
            problems.Add($"The awards come to {Money.Pounds(Allocated)}, which is {Money.Pounds(Allocated - Budget)} more than the budget of {Money.Pounds(Budget)}");
        foreach (var pot in Pots.Where(pot => pot.Remaining < 0))
            problems.Add($"The {pot.Name} is overspent by {Money.Pounds(-pot.Remaining)}");
        foreach (var application in Ranked.Where(application => application.Decision == Decision.Award && application.Amount > application.Computed.Requested))
            problems.Add($"{application.Reference} is awarded {Money.Pounds(application.Amount)}, more than the {Money.Pounds(application.Computed.Requested)} it asked for");
        return problems;
    }
}

/// <summary>
/// Moderation (docs/panel.md): applies the fund manager's overrides, each with its written reason, to the allocation
/// the rules computed, without changing the computed result; and checks an override before it is recorded.
/// </summary>
public static class Moderation
{
    /// <summary>The limit on an override's reason, which the group's letter and the allocation quote: a few sentences.</summary>
    public static TextLimit ReasonLimit { get; } = TextLimit.Note;

    /// <summary>
    /// The allocation after <paramref name="overrides"/> (applied in the order made, the latest for an
    /// application deciding it), ranked as the rules ranked it: by rank, then the applications without one
    /// (declined before ranking) by reference.
    /// </summary>
    public static ModeratedAllocation Apply(AllocationResult computed, IReadOnlyList<AllocationOverride> overrides, decimal rangeThreshold, decimal deviationThreshold)
    {
        ArgumentNullException.ThrowIfNull(computed);
        ArgumentNullException.ThrowIfNull(overrides);
        var byReference = overrides.GroupBy(o => o.Reference, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.ToList(), StringComparer.Ordinal);
        var ranked = computed.Applications
            .OrderBy(application => application.Rank ?? int.MaxValue)
            .ThenBy(application => application.Reference, StringComparer.Ordinal)
            .Select(application =>
            {
                var changes = ChangesTo(application, byReference.GetValueOrDefault(application.Reference) ?? []);
                var after = changes.Count == 0 ? new Standing(application.Decision, application.Amount, application.Pot) : changes[^1].After;
                return new ModeratedApplication(application, changes, after.Decision, after.Amount, after.PotKey,
                    Disagreement.Of(application.ReviewScores, rangeThreshold, deviationThreshold));
            })
            .ToList();

        var pots = computed.Pots.Select(pot =>
        {
            var allocated = ranked.Where(application => application.Decision == Decision.Award && application.PotKey == pot.Key).Sum(application => application.Amount);
            return new ModeratedPot(pot.Key, pot.Name, pot.Amount + pot.Rollover, pot.Allocated, allocated);
        }).ToList();
        return new ModeratedAllocation(computed, ranked, pots, overrides);
    }

    /// <summary>
    /// What is wrong with overriding <paramref name="reference"/> this way now, each problem at its form field;
    /// empty when it can be recorded. Every override needs a written reason, since the group and the public
    /// will be shown that the panel departed from the rules, and why.
    /// </summary>
    public static IReadOnlyList<Problem> Check(ModeratedAllocation current, string reference, OverrideKind kind, decimal? amount, string? potKey, string? reason)
    {
        ArgumentNullException.ThrowIfNull(current);
        var problems = new List<Problem>();
        if (current.Find(reference) is not { } application)
            return [new Problem("reference", $"{reference} is not in this round's allocation")];
        if (!Enum.IsDefined(kind)) problems.Add(new Problem("kind", "Select what you want to change"));
        else
        {
            switch (kind)
            {
                case OverrideKind.Fund:
                    if (application.Decision == Decision.Award)
                        problems.Add(new Problem("kind", $"{reference} is already funded: change its amount instead"));
                    else if (application.Computed.Reason is DeclineReason.Ineligible or DeclineReason.InsufficientReviews)
                        problems.Add(new Problem("kind", $"{reference} cannot be funded: it was {(application.Computed.Reason == DeclineReason.Ineligible ? "found ineligible" : "not reviewed enough to be scored")}"));
                    problems.AddRange(CheckAmount(application, amount));
                    if (string.IsNullOrWhiteSpace(potKey) || current.Pots.All(pot => pot.Key != potKey))
                        problems.Add(new Problem("potKey", "Select the pot the money comes from"));
                    else if (!CanUsePot(application.Computed, potKey))
                        problems.Add(new Problem("potKey", $"{reference} does not meet the conditions of the {current.Pots.Single(pot => pot.Key == potKey).Name}"));
                    else if (problems.Count == 0)
                        problems.AddRange(CheckMoneyLeft(current, application, amount!.Value, potKey));
                    break;
                case OverrideKind.ChangeAmount:
                    if (application.Decision != Decision.Award)
                        problems.Add(new Problem("kind", $"{reference} is not funded: fund it instead"));
                    else if (amount == application.Amount)
                        problems.Add(new Problem("amount", $"{reference} is already awarded {Money.Pounds(application.Amount)}: enter a different amount"));
                    problems.AddRange(CheckAmount(application, amount));
                    if (problems.Count == 0)
                        problems.AddRange(CheckMoneyLeft(current, application, amount!.Value, application.PotKey));
                    break;
                case OverrideKind.Decline:
                    if (application.Decision != Decision.Award)
                        problems.Add(new Problem("kind", $"{reference} is not funded, so there is nothing to decline"));
                    break;
            }
        }
        var cleanReason = FreeText.Clean(reason);
        if (cleanReason.Length == 0)
            problems.Add(new Problem("reason", "Enter the reason for this change: it is recorded and shown wherever the allocation is"));
        else if (FreeText.Check("reason", "The reason", cleanReason, ReasonLimit) is { } tooLong)
            problems.Add(tooLong);
        return problems;
    }

    private static IEnumerable<Problem> CheckAmount(ModeratedApplication application, decimal? amount)
    {
        if (amount is not { } value || value <= 0)
            yield return new Problem("amount", "Enter an amount more than £0");
        else if (!Money.HasAtMostTwoDecimals(value))
            yield return new Problem("amount", "Enter the amount in pounds and pence, like 1500 or 1500.50");
        else if (value > application.Computed.Requested)
            yield return new Problem("amount", $"The amount must be no more than the {Money.Pounds(application.Computed.Requested)} the group asked for");
    }

    /// <summary>
    /// A change may not spend more than is left, in the budget or in the pot the money comes from: the awards
    /// must add up, as the rules promise (docs/rules.md, 9), before the allocation can be approved, so an
    /// overspend is refused when it is typed, with what is left. Giving less is always allowed.
    /// </summary>
    private static IEnumerable<Problem> CheckMoneyLeft(ModeratedAllocation current, ModeratedApplication application, decimal amount, string? potKey)
    {
        // An award's own amount is already counted as spent, in the budget and in its pot, so only the increase needs money.
        var alreadyGiven = application.Decision == Decision.Award ? application.Amount : 0m;
        var more = amount - alreadyGiven;
        var pot = current.Pots.SingleOrDefault(pot => pot.Key == potKey);
        var leftInPot = pot?.Remaining ?? current.Remaining;
        if (more <= 0 || (more <= current.Remaining && more <= leftInPot)) yield break;

        // Only a round with ring-fenced pots has a pot worth naming: otherwise the general pot is the whole budget.
        var left = $"{Money.Pounds(current.Remaining)} is left in the budget"
            + (current.Pots.Count > 1 && pot is not null ? $" and {Money.Pounds(pot.Remaining)} in the {pot.Name}" : "");
        var most = alreadyGiven + Math.Max(0m, Math.Min(current.Remaining, leftInPot));
        yield return new Problem("amount", most > alreadyGiven
            ? $"That is more than the money left: {left}, so {application.Reference} can be given at most {Money.Pounds(most)}"
            : alreadyGiven > 0
                ? $"That is more than the money left: {left}, so {application.Reference} cannot be given more until another award is lowered or stopped"
                : $"That is more than the money left: {left}, so {application.Reference} cannot be funded until another award is lowered or stopped");
    }

    /// <summary>The general pot takes anyone; a ring-fenced pot only those who meet its condition.</summary>
    private static bool CanUsePot(ApplicationResult application, string potKey)
    {
        if (potKey == RoundSettings.GeneralPotKey) return true;
        var pot = application.Round.Pots.SingleOrDefault(pot => pot.Key == potKey);
        return pot is not null && pot.When.Holds(application.Band, application.Application.Organisation);
    }

    /// <summary>Each override in turn, from the rules' decision: where the application stood before it and after it.</summary>
    private static List<ModerationChange> ChangesTo(ApplicationResult computed, List<AllocationOverride> overrides)
    {
        var changes = new List<ModerationChange>(overrides.Count);
        var standing = new Standing(computed.Decision, computed.Amount, computed.Pot);
        foreach (var made in overrides)
        {
            var after = made.Kind switch
            {
                OverrideKind.Fund => new Standing(Decision.Award, made.Amount, made.PotKey),
                OverrideKind.ChangeAmount => standing with { Decision = Decision.Award, Amount = made.Amount },
                _ => new Standing(Decision.Decline, 0m, null),
            };
            changes.Add(new ModerationChange(made, standing, after));
            standing = after;
        }
        return changes;
    }
}
