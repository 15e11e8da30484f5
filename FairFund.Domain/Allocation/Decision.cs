namespace FairFund.Domain.Allocation;

public enum Decision { Award, Waitlist, Decline }

public enum DeclineReason
{
    /// <summary>Marked ineligible by screening, or asked for an amount outside the round's grant range.</summary>
    Ineligible,
    /// <summary>Fewer counted reviews than the round's minimum, so the panel's view is not yet fair to rely on.</summary>
    InsufficientReviews,
    /// <summary>The final score is under the round's quality threshold.</summary>
    BelowThreshold,
}

/// <summary>Where a candidate stands in the order of merit, which decides how ties and the lottery band work.</summary>
public enum MeritTier
{
    /// <summary>No lottery band: ordered by final score, ties by lottery key.</summary>
    ByScore,
    /// <summary>At or above the band's top: ordered by score, ties by lottery key.</summary>
    AboveLotteryBand,
    /// <summary>Inside the band: ordered by lottery key alone.</summary>
    InLotteryBand,
    /// <summary>Under the band but at or above the threshold: ordered by score, ties by lottery key.</summary>
    BelowLotteryBand,
}
