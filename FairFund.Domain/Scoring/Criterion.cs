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

    public IEnumerable<Problem> Check(string at)
    {
        if (string.IsNullOrWhiteSpace(Key)) yield return new Problem(Location.Field(at, "key"), "a criterion needs a key");
        if (Weight <= 0) yield return new Problem(Location.Field(at, "weight"), $"{Weight} must be greater than 0");
        if (Min >= Max) yield return new Problem(Location.Field(at, "max"), $"the scale {Min}..{Max} must run upwards: max must be greater than min");
        else if (Descriptors.Count > 0 && Descriptors.Count != Max - Min + 1)
            yield return new Problem(Location.Field(at, "descriptors"), $"there are {Descriptors.Count} descriptors for the {Max - Min + 1} scores {Min}..{Max}");
    }
}

/// <summary>
/// One panel member's scores for one application, in the order of the round's criteria.
/// A review from a member with a conflict of interest is kept for the record but never counted.
/// </summary>
public sealed record Review(string Reviewer, bool Conflict, IReadOnlyList<int> Scores);
