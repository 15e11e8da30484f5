using FairFund.Domain.Allocation;

namespace FairFund.Domain.Equity;

/// <summary>
/// One application whose decision or award differs between the round's allocation (<see cref="Published"/>)
/// and an allocation computed only to compare with it (<see cref="Alternative"/>: without the equity rules, or
/// on calibrated scores). Both results keep their own explanation trail, so a page can show why each came out
/// as it did. The alternative is never a decision.
/// </summary>
public sealed record DecisionDifference(ApplicationResult Published, ApplicationResult Alternative)
{
    public string Reference => Published.Reference;

    /// <summary>Funded by the published allocation and not by the alternative.</summary>
    public bool FundedOnlyAsPublished => Published.Decision == Decision.Award && Alternative.Decision != Decision.Award;

    /// <summary>Funded by the alternative and not by the published allocation.</summary>
    public bool FundedOnlyInAlternative => Published.Decision != Decision.Award && Alternative.Decision == Decision.Award;

    /// <summary>What the published allocation awards less what the alternative would have: positive when the published one gives more.</summary>
    public decimal AmountDifference => Published.Amount - Alternative.Amount;

    /// <summary>
    /// Every application whose decision or amount differs, in the order of <paramref name="published"/>'s
    /// applications. Both allocations must be of the same applications in the same order, as
    /// <see cref="Allocator.Allocate"/> gives them for the same entries.
    /// </summary>
    public static IReadOnlyList<DecisionDifference> Between(AllocationResult published, AllocationResult alternative)
    {
        ArgumentNullException.ThrowIfNull(published);
        ArgumentNullException.ThrowIfNull(alternative);
        if (published.Applications.Count != alternative.Applications.Count)
            throw new ArgumentException($"The allocations have {published.Applications.Count} and {alternative.Applications.Count} applications; they must be of the same applications.", nameof(alternative));
        var differences = new List<DecisionDifference>();
        for (var i = 0; i < published.Applications.Count; i++)
        {
            var (mine, theirs) = (published.Applications[i], alternative.Applications[i]);
            if (!string.Equals(mine.Reference, theirs.Reference, StringComparison.Ordinal))
                throw new ArgumentException($"applications[{i}] is {mine.Reference} in one allocation and {theirs.Reference} in the other; they must be in the same order.", nameof(alternative));
            if (mine.Decision != theirs.Decision || mine.Amount != theirs.Amount) differences.Add(new DecisionDifference(mine, theirs));
        }
        return differences;
    }
}
