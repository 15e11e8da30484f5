namespace FairFund.Domain.Moderation;

/// <summary>What moderation can change about the computed allocation (docs/panel.md).</summary>
public enum OverrideKind
{
    /// <summary>Fund a group the allocation placed on the waiting list (or declined for its score).</summary>
    Fund,
    /// <summary>Give an awarded group a different amount.</summary>
    ChangeAmount,
    /// <summary>Decline a group the allocation would fund.</summary>
    Decline,
}

/// <summary>
/// One moderation decision that departs from the computed allocation, with its written reason and who
/// made it when. Overrides are never edited or deleted: the latest for an application is the one that
/// counts, and every one stays on the record and is shown wherever the allocation is.
/// </summary>
/// <remarks>
/// <c>Amount</c> is what to fund with for <see cref="OverrideKind.Fund"/> and <see cref="OverrideKind.ChangeAmount"/>,
/// and 0 for a decline; <c>PotKey</c> is the pot the money comes from (for a changed amount, the pot the award already uses).
/// </remarks>
public sealed record AllocationOverride(
    Guid Id,
    Guid RoundId,
    string Reference,
    OverrideKind Kind,
    decimal Amount,
    string? PotKey,
    string Reason,
    string By,
    DateTimeOffset At);
