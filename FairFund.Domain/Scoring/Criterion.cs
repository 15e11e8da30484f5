using FairFund.Domain.Validation;

namespace FairFund.Domain.Scoring;

/// <summary>
/// One thing the panel scores, on a whole-number scale <see cref="Min"/>..<see cref="Max"/>,
/// weighted against the other criteria.
/// </summary>
public sealed record Criterion(string Key, string Title, decimal Weight, int Min, int Max)
{
    /// <summary>What the panel should look for, in the funder's words.</summary>
    public string Guidance { get; init; } = "";

    /// <summary>What each score means, from <see cref="Min"/> upwards; empty where the funder gave none.</summary>
    public IReadOnlyList<string> Descriptors { get; init; } = [];

    /// <summary>The largest weight a criterion may have: far more than any rubric needs, small enough that no score can overflow.</summary>
    public const decimal MaxWeight = 1_000m;

    /// <summary>The most points a scale may have: a panel chooses among a handful, and each may have a descriptor.</summary>
    public const int MaxScalePoints = 101;

    /// <summary>The limits on a criterion's title, its guidance and each descriptor.</summary>
    public static TextLimit TitleLimit { get; } = TextLimit.Name;

    public static TextLimit GuidanceLimit { get; } = TextLimit.Paragraphs;

    public static TextLimit DescriptorLimit { get; } = new(500);

    public IEnumerable<Problem> Check(string at)
    {
        if (string.IsNullOrWhiteSpace(Key)) yield return new Problem(Location.Field(at, "key"), "a criterion needs a key");
        else if (FreeText.Check(Location.Field(at, "key"), "The key", Key, TextLimit.Key) is { } key) yield return key;
        if (FreeText.Check(Location.Field(at, "title"), "The title", Title, TitleLimit) is { } title) yield return title;
        if (FreeText.Check(Location.Field(at, "guidance"), "The guidance", Guidance, GuidanceLimit) is { } guidance) yield return guidance;
        if (Descriptors.Select((descriptor, index) => FreeText.Check(Location.Field(at, "descriptors"), $"Descriptor {index + 1}", descriptor, DescriptorLimit)).OfType<Problem>().FirstOrDefault() is { } descriptorTooLong)
            yield return descriptorTooLong;
        if (Weight <= 0) yield return new Problem(Location.Field(at, "weight"), $"{Weight} must be greater than 0");
        else if (Weight > MaxWeight) yield return new Problem(Location.Field(at, "weight"), $"{Weight} must be at most {MaxWeight}");
        if (Min >= Max) yield return new Problem(Location.Field(at, "max"), $"the scale {Min}..{Max} must run upwards: max must be greater than min");
        else if ((long)Max - Min + 1 > MaxScalePoints) yield return new Problem(Location.Field(at, "max"), $"the scale {Min}..{Max} must have at most {MaxScalePoints} points");
        else if (Descriptors.Count > 0 && Descriptors.Count != Max - Min + 1)
            yield return new Problem(Location.Field(at, "descriptors"), $"there are {Descriptors.Count} descriptors for the {Max - Min + 1} scores {Min}..{Max}");
    }
}

/// <summary>
/// One panel member's scores for one application, in the order of the round's criteria.
/// A review from a member with a conflict of interest is kept for the record but never counted.
/// </summary>
public sealed record Review(string Reviewer, bool Conflict, IReadOnlyList<int> Scores);
