using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace FairFund.Tests.Web.Equity;

/// <summary>Reads the equity tables a page shows: each row by its <c>data-group</c>, each cell by its <c>data-figure</c>, as the page wrote it.</summary>
internal static partial class EquityTables
{
    /// <summary>Every row of the table with id <paramref name="tableId"/>: group key to (figure to text shown).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Rows(string page, string tableId)
    {
        var table = Table(page, tableId);
        return RowPattern().Matches(table).ToDictionary(
            row => WebUtility.HtmlDecode(row.Groups["group"].Value),
            row => (IReadOnlyDictionary<string, string>)CellPattern().Matches(row.Groups["cells"].Value)
                .ToDictionary(cell => cell.Groups["figure"].Value, cell => WebUtility.HtmlDecode(cell.Groups["text"].Value).Trim()),
            StringComparer.Ordinal);
    }

    /// <summary>The ids of every table on the page whose id starts with <paramref name="prefix"/>.</summary>
    public static IReadOnlyList<string> TableIds(string page, string prefix) =>
        [.. TableIdPattern().Matches(page).Select(match => match.Groups["id"].Value).Where(id => id.StartsWith(prefix, StringComparison.Ordinal))];

    public static string Table(string page, string tableId)
    {
        var start = page.IndexOf($"id=\"{tableId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"The page has no table {tableId}.");
        var end = page.IndexOf("</table>", start, StringComparison.Ordinal);
        return page[start..end];
    }

    /// <summary>A count as shown: "12" is 12.</summary>
    public static int Count(string text) => int.Parse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    /// <summary>Money as shown: "£1,234" or "£1,234.50".</summary>
    public static decimal Pounds(string text) =>
        decimal.Parse(text.Replace("£", "", StringComparison.Ordinal), NumberStyles.AllowThousands | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    [GeneratedRegex("""<tr[^>]*data-group="(?<group>[^"]*)"[^>]*>(?<cells>.*?)</tr>""", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [GeneratedRegex("""<td[^>]*data-figure="(?<figure>[^"]*)"[^>]*>(?<text>[^<]*)</td>""")]
    private static partial Regex CellPattern();

    [GeneratedRegex("""<table[^>]*id="(?<id>[^"]*)"[^>]*>""")]
    private static partial Regex TableIdPattern();
}
