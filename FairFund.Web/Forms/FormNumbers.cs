using System.Globalization;
using System.Text.RegularExpressions;

namespace FairFund.Web.Forms;

/// <summary>
/// Reads numbers as people type them into a form ("£1,000.50", "1000.5", "15%"), the same whatever
/// the server's culture, and writes them back the same way.
/// </summary>
public static partial class FormNumbers
{
    private const NumberStyles Plain = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    /// <summary>An amount of money: an optional £, thousands separated by commas (or not), pence after a point.</summary>
    public static bool TryMoney(string? text, out decimal amount)
    {
        amount = 0m;
        var trimmed = Squeeze(text);
        if (trimmed.StartsWith('£')) trimmed = trimmed[1..];
        return MoneyPattern().IsMatch(trimmed)
            && decimal.TryParse(trimmed.Replace(",", "", StringComparison.Ordinal), Plain, CultureInfo.InvariantCulture, out amount);
    }

    /// <summary>A number such as a weight, a factor or a score: digits with an optional point and sign.</summary>
    public static bool TryNumber(string? text, out decimal value)
    {
        value = 0m;
        var trimmed = Squeeze(text);
        return NumberPattern().IsMatch(trimmed) && decimal.TryParse(trimmed, Plain, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryWhole(string? text, out int value)
    {
        value = 0;
        var trimmed = Squeeze(text);
        return WholePattern().IsMatch(trimmed) && int.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>A percentage ("15" or "15%") as a share of the whole (0.15).</summary>
    public static bool TryPercent(string? text, out decimal share)
    {
        share = 0m;
        var trimmed = Squeeze(text);
        if (trimmed.EndsWith('%')) trimmed = trimmed[..^1];
        if (!TryNumber(trimmed, out var percent)) return false;
        share = percent / 100m;
        return true;
    }

    public static bool IsBlank(string? text) => string.IsNullOrWhiteSpace(text);

    public static string Money(decimal amount) => amount.ToString(decimal.Truncate(amount) == amount ? "#,0" : "#,0.00", CultureInfo.InvariantCulture);

    public static string Number(decimal value) => value.ToString("0.##########", CultureInfo.InvariantCulture);

    /// <summary>A share as a percentage; a share too large to be written as one (only ever a mistyped number) is written as the share itself.</summary>
    public static string Percent(decimal share) => Math.Abs(share) <= decimal.MaxValue / 100m ? Number(share * 100m) : Number(share) + " hundred";

    private static string Squeeze(string? text) => (text ?? "").Trim().Replace(" ", "", StringComparison.Ordinal);

    [GeneratedRegex(@"^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")]
    private static partial Regex MoneyPattern();

    [GeneratedRegex(@"^-?(\d+(\.\d+)?|\.\d+)$")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^-?\d{1,9}$")]
    private static partial Regex WholePattern();
}
