using FairFund.Domain.Allocation;

namespace FairFund.Domain.RoundFiles;

/// <summary>
/// A round's published settings with its applications and reviews: the exchange format that lets
/// anyone recompute an allocation with <c>allocate</c>.
/// </summary>
public sealed record RoundFile(RoundSettings Round, IReadOnlyList<ApplicationEntry> Applications)
{
    public AllocationResult Allocate() => Allocator.Allocate(Round, Applications);
}
