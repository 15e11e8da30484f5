using FairFund.Domain.Validation;

namespace FairFund.Domain.Organisations;

/// <summary>An income band: incomes below <see cref="UpTo"/> (exclusive), or any income when it is null.</summary>
public sealed record IncomeBand(string Key, decimal? UpTo);

/// <summary>
/// A round's income bands in ascending order. An organisation is in the first band whose upper
/// bound is greater than its annual income, so an income of exactly 10,000 is "small", not "micro".
/// </summary>
public sealed class IncomeBands
{
    /// <summary>NCVO's size bands, which UK funders already know.</summary>
    public static IncomeBands Default { get; } = new(
    [
        new IncomeBand("micro", 10_000m),
        new IncomeBand("small", 100_000m),
        new IncomeBand("medium", 1_000_000m),
        new IncomeBand("large", 10_000_000m),
        new IncomeBand("major", null),
    ]);

    public IncomeBands(IReadOnlyList<IncomeBand> bands) => Bands = bands;

    public IReadOnlyList<IncomeBand> Bands { get; }

    public bool Contains(string key) => Bands.Any(band => band.Key == key);

    public string BandFor(decimal annualIncome)
    {
        for (var i = 0; i < Bands.Count; i++)
        {
            if (Bands[i].UpTo is not { } upTo || upTo > annualIncome) return Bands[i].Key;
        }
        throw new InvalidOperationException($"No income band covers {annualIncome}; the last band must have no upper bound.");
    }

    /// <summary>
    /// The incomes a band holds, as <see cref="BandFor"/> places them: from the band before's upper bound (inclusive;
    /// null for the first band) up to the band's own (exclusive; null for the last). Null for a key not listed.
    /// </summary>
    public (decimal? From, decimal? UpTo)? RangeOf(string key)
    {
        for (var i = 0; i < Bands.Count; i++)
        {
            if (Bands[i].Key == key) return (i == 0 ? null : Bands[i - 1].UpTo, Bands[i].UpTo);
        }
        return null;
    }

    /// <summary>Problems with the bands themselves, located under <paramref name="at"/>.</summary>
    public IEnumerable<Problem> Check(string at)
    {
        if (Bands.Count == 0)
        {
            yield return new Problem(at, "there must be at least one income band");
            yield break;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        decimal? previous = null;
        for (var i = 0; i < Bands.Count; i++)
        {
            var band = Bands[i];
            var here = Location.Item(at, i);
            if (string.IsNullOrWhiteSpace(band.Key)) yield return new Problem(Location.Field(here, "key"), "a band needs a key");
            else if (!seen.Add(band.Key)) yield return new Problem(Location.Field(here, "key"), $"the band \"{band.Key}\" is listed twice");

            var isLast = i == Bands.Count - 1;
            if (band.UpTo is null && !isLast)
                yield return new Problem(Location.Field(here, "upTo"), "only the last band may have no upper bound (null)");
            if (band.UpTo is not null && isLast)
                yield return new Problem(Location.Field(here, "upTo"), "the last band must have no upper bound (null), so that every income has a band");
            if (band.UpTo is { } upTo)
            {
                if (upTo <= 0) yield return new Problem(Location.Field(here, "upTo"), $"{upTo} must be greater than 0");
                else if (previous is { } before && upTo <= before)
                    yield return new Problem(Location.Field(here, "upTo"), $"{upTo} must be greater than the band before it ({before}): bands are listed in ascending order");
                previous = upTo;
            }
        }
    }
}
