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

/// <summary>One application as moderation sees it: the computed result, the overrides made to it, and where it stands after them.</summary>
public sealed record ModeratedApplication(
    ApplicationResult Computed,
    IReadOnlyList<AllocationOverride> Overrides,
    Decision Decision,
    decimal Amount,
    string? PotKey,
    Disagreement Disagreement)
{
    public string Reference => Computed.Reference;

    /// <summary>The override that decides this application now: the latest one, or null when the computed result stands.</summary>
    public AllocationOverride? Override => Overrides.Count == 0 ? null : Overrides[^1];

    public bool IsOverridden => Override is not null;

    /// <summary>
    /// What the group is told: the rules' notice, or after an override the decision moderation made, with its
    /// reason in the group's words and a last step in the trail saying what the panel changed and why.
    /// </summary>
    public DecisionNotice Notice(IEnumerable<string> panelComments)
    {
        var notice = DecisionNotice.From(Computed, panelComments);
        if (Override is not { } made) return notice;
        var reason = made.Kind switch
        {
            OverrideKind.Fund => $"The panel decided to fund your application: {Money.Pounds(Amount)}. Their reason: {made.Reason}",
            OverrideKind.ChangeAmount => $"The panel changed your grant to {Money.Pounds(Amount)}. Their reason: {made.Reason}",
            _ => $"The panel decided not to fund your application. Their reason: {made.Reason}",
        };
        var step = made.Kind switch
        {
            OverrideKind.Fund => $"Moderation: funded {Money.Format(Amount)} from the {PotName} instead, because: {made.Reason}",
            OverrideKind.ChangeAmount => $"Moderation: amount changed to {Money.Format(Amount)}, because: {made.Reason}",
            _ => $"Moderation: not funded, because: {made.Reason}",
        };
        return notice with
        {
            Decision = Decision,
            Amount = Amount,
            PotName = Decision == Decision.Award ? PotName : null,
            Partial = Decision == Decision.Award && Amount < Computed.Requested,
            Reason = reason,
            Trail = [.. notice.Trail, new TrailLine(notice.Trail.Count + 1, step)],
        };
    }

    /// <summary>The name of the pot the money comes from, as the group reads it.</summary>
    public string? PotName => PotKey switch
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
        return made.Kind switch
        {
            OverrideKind.Fund => $"Funded {Money.Pounds(made.Amount)} from the {Pots.FirstOrDefault(pot => pot.Key == made.PotKey)?.Name ?? made.PotKey}",
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
/// Moderation (issue 5): applies the fund manager's overrides, each with its written reason, to the allocation
/// the rules computed, without changing the computed result; and checks an override before it is recorded.
/// </summary>
public static class Moderation
{
    public const int ReasonMaxLength = 2000;

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
                var made = byReference.GetValueOrDefault(application.Reference) ?? [];
                var (decision, amount, pot) = After(application, made);
                return new ModeratedApplication(application, made, decision, amount, pot,
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
                    break;
                case OverrideKind.ChangeAmount:
                    if (application.Decision != Decision.Award)
                        problems.Add(new Problem("kind", $"{reference} is not funded: fund it instead"));
                    else if (amount == application.Amount)
                        problems.Add(new Problem("amount", $"{reference} is already awarded {Money.Pounds(application.Amount)}: enter a different amount"));
                    problems.AddRange(CheckAmount(application, amount));
                    break;
                case OverrideKind.Decline:
                    if (application.Decision != Decision.Award)
                        problems.Add(new Problem("kind", $"{reference} is not funded, so there is nothing to decline"));
                    break;
            }
        }
        if (string.IsNullOrWhiteSpace(reason))
            problems.Add(new Problem("reason", "Enter the reason for this change: it is recorded and shown wherever the allocation is"));
        else if (reason.Trim().Length > ReasonMaxLength)
            problems.Add(new Problem("reason", $"The reason must be {ReasonMaxLength} characters or fewer"));
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

    /// <summary>The general pot takes anyone; a ring-fenced pot only those who meet its condition.</summary>
    private static bool CanUsePot(ApplicationResult application, string potKey)
    {
        if (potKey == RoundSettings.GeneralPotKey) return true;
        var pot = application.Round.Pots.SingleOrDefault(pot => pot.Key == potKey);
        return pot is not null && pot.When.Holds(application.Band, application.Application.Organisation);
    }

    private static (Decision Decision, decimal Amount, string? PotKey) After(ApplicationResult computed, IReadOnlyList<AllocationOverride> overrides)
    {
        var state = (computed.Decision, computed.Amount, PotKey: computed.Pot);
        foreach (var made in overrides)
        {
            state = made.Kind switch
            {
                OverrideKind.Fund => (Decision.Award, made.Amount, made.PotKey),
                OverrideKind.ChangeAmount => (Decision.Award, made.Amount, state.PotKey),
                _ => (Decision.Decline, 0m, null),
            };
        }
        return state;
    }
}
