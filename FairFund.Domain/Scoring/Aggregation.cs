namespace FairFund.Domain.Scoring;

/// <summary>How a round combines its counted review scores into one base score.</summary>
public enum Aggregation
{
    /// <summary>The arithmetic mean.</summary>
    Mean,
    /// <summary>The middle value; with an even count, the mean of the two middle values.</summary>
    Median,
    /// <summary>With 5 or more reviews, drop one highest and one lowest and take the mean; otherwise the plain mean.</summary>
    TrimmedMean,
}
