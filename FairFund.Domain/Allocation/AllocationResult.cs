namespace FairFund.Domain.Allocation;

/// <summary>What one pot had and spent. Only the general pot has a rollover.</summary>
public sealed record PotResult(string Key, string Name, decimal Amount, decimal Rollover, decimal Allocated, bool IsGeneral)
{
    public decimal Remaining => Amount + Rollover - Allocated;
}

/// <summary>One application's result, with every step that led to it.</summary>
public sealed record ApplicationResult(
    string Reference,
    string OrganisationName,
    string Band,
    decimal Requested,
    IReadOnlyList<decimal> ReviewScores,
    decimal? BaseScore,
    decimal? FinalScore,
    int? Rank,
    string LotteryKey,
    Decision Decision,
    DeclineReason? Reason,
    decimal Amount,
    string? Pot,
    bool Partial,
    IReadOnlyList<TrailStep> Explanation);

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
