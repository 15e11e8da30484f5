namespace FairFund.Domain.Allocation;

/// <summary>What one pot had and spent. Only the general pot has a rollover.</summary>
public sealed record PotResult(string Key, string Name, decimal Amount, decimal Rollover, decimal Allocated, bool IsGeneral)
{
    public decimal Remaining => Amount + Rollover - Allocated;
}

/// <summary>
/// What a pot did when it reached a candidate: <see cref="PotIndex"/> is the ring-fenced pot's place
/// in the round's list, or the number of ring-fenced pots for the general pot.
/// </summary>
public readonly record struct PotVisit(int PotIndex, PotOutcome Outcome, decimal Remaining);

/// <summary>
/// One application's result. It keeps the facts the decision rests on; <see cref="Explain"/> turns
/// them into the step-by-step trail when someone reads it, so a round of 100,000 applications does
/// not hold two million steps nobody is looking at.
/// </summary>
public sealed record ApplicationResult(
    ApplicationEntry Application,
    string Band,
    IReadOnlyList<decimal> ReviewScores,
    decimal? BaseScore,
    decimal? FinalScore,
    int? Rank,
    MeritTier? Tier,
    LotteryKey LotteryKey,
    Decision Decision,
    DeclineReason? Reason,
    decimal Amount,
    string? Pot,
    bool Partial,
    IReadOnlyList<PotVisit> PotVisits)
{
    internal RoundSettings Round { get; init; } = null!;

    public string Reference => Application.Reference;
    public string OrganisationName => Application.Organisation.Name;
    public decimal Requested => Application.Requested;

    /// <summary>Every step from the organisation's band to the decision, each with the number after it.</summary>
    public IReadOnlyList<TrailStep> Explain() => Explanation.For(Round, this);
}

/// <summary>A round's allocation: the pots and one result per application, in the order the applications were given.</summary>
public sealed record AllocationResult(
    string Round,
    string Currency,
    decimal Budget,
    decimal Allocated,
    IReadOnlyList<PotResult> Pots,
    IReadOnlyList<ApplicationResult> Applications)
{
    public int Count(Decision decision) => Applications.Count(application => application.Decision == decision);
}
