namespace FairFund.Domain.Organisations;

/// <summary>
/// The postcode districts (<c>CV47</c>) and sectors (<c>CV23 9</c>) a funder publishes as rural for its
/// fund, from which the <c>rural</c> flag is derived: a group is never asked to call itself rural, and two
/// groups at the same postcode are always treated alike. A funder takes its list from the ONS rural-urban
/// classification of its own area; FairFund does not hold the national postcode directory.
/// </summary>
public sealed class RuralAreas
{
    private readonly HashSet<string> _districts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _sectors = new(StringComparer.Ordinal);

    public RuralAreas(IEnumerable<string> districtsAndSectors)
    {
        ArgumentNullException.ThrowIfNull(districtsAndSectors);
        foreach (var entry in districtsAndSectors)
        {
            var tidy = string.Join(' ', entry.ToUpperInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));
            if (tidy.Length == 0) continue;
            if (tidy.Contains(' ', StringComparison.Ordinal)) _sectors.Add(tidy);
            else _districts.Add(tidy);
        }
    }

    public static RuralAreas None { get; } = new([]);

    /// <summary>Whether a postcode (as stored, "CV47 0AA") lies in a listed district or sector.</summary>
    public bool Contains(string postcode)
    {
        var normalised = Postcodes.Normalise(postcode);
        if (!Postcodes.IsWellFormed(normalised)) return false;
        var district = normalised[..normalised.IndexOf(' ', StringComparison.Ordinal)];
        return _districts.Contains(district) || _sectors.Contains(normalised[..^2]);
    }
}
