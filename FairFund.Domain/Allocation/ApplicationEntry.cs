using FairFund.Domain.Organisations;
using FairFund.Domain.Scoring;

namespace FairFund.Domain.Allocation;

/// <summary>
/// One application as the allocation sees it: who applied, how much they asked for, the
/// screener's verdict and the panel's reviews.
/// </summary>
public sealed record ApplicationEntry(
    string Reference,
    Organisation Organisation,
    decimal Requested,
    bool Eligible,
    string? IneligibleReason,
    IReadOnlyList<Review> Reviews);
