namespace FairFund.Domain.Organisations;

/// <summary>
/// Where a funder's grants may go, as a list of postcode areas (<c>CV</c>), districts (<c>CV47</c>) and
/// sectors (<c>CV23 9</c>): the way UK funders usually publish an area of benefit, and one that can be
/// checked against a group's postcode without the national postcode directory. Entries are read as
/// <see cref="RuralAreas"/> reads them, with areas added: letters alone are an area.
/// </summary>
public sealed class AreaOfBenefit
{
    private readonly List<string> _entries = [];

    public AreaOfBenefit(IEnumerable<string> areasDistrictsAndSectors)
    {
        ArgumentNullException.ThrowIfNull(areasDistrictsAndSectors);
        foreach (var entry in areasDistrictsAndSectors)
        {
            var tidy = string.Join(' ', (entry ?? "").ToUpperInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));
            if (tidy.Length > 0 && !_entries.Contains(tidy, StringComparer.Ordinal)) _entries.Add(tidy);
        }
    }

    public static AreaOfBenefit None { get; } = new([]);

    /// <summary>The areas, districts and sectors as listed, tidied (upper case, single spaces).</summary>
    public IReadOnlyList<string> Entries => _entries.AsReadOnly();

    /// <summary>No area is set: every postcode is as good as any other, so nothing is checked.</summary>
    public bool IsSet => _entries.Count > 0;

    /// <summary>
    /// The listed entry a postcode (as stored, "CV47 0AA") falls in, or null when it falls in none or is not a
    /// full postcode. An area matches on its letters only, so <c>B</c> never takes in <c>BA1 1AA</c>.
    /// </summary>
    public string? EntryContaining(string postcode)
    {
        var normalised = Postcodes.Normalise(postcode);
        if (!Postcodes.IsWellFormed(normalised)) return null;
        var district = normalised[..normalised.IndexOf(' ', StringComparison.Ordinal)];
        var area = new string([.. district.TakeWhile(char.IsAsciiLetter)]);
        var sector = normalised[..^2];
        return _entries.FirstOrDefault(entry => entry == area || entry == district || entry == sector);
    }

    public bool Contains(string postcode) => EntryContaining(postcode) is not null;
}
