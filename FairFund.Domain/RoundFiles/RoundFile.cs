using FairFund.Domain.Allocation;
using FairFund.Domain.Forms;

namespace FairFund.Domain.RoundFiles;

/// <summary>
/// A round's published settings with its applications and reviews: the exchange format that lets
/// anyone recompute an allocation with <c>allocate</c>.
/// </summary>
public sealed record RoundFile(RoundSettings Round, IReadOnlyList<ApplicationEntry> Applications)
{
    /// <summary>
    /// The form the round asked, as its published rules fixed it when it opened; null for a file made without one
    /// (such as the scenarios), whose applications then carry no answers. The allocation never reads it.
    /// </summary>
    public ApplicationForm? Form { get; init; }

    public AllocationResult Allocate() => Allocator.Allocate(Round, Applications);
}
