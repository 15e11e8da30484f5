using System.Globalization;

namespace FairFund.Web.Export;

/// <summary>
/// Text as a spreadsheet cell can hold it. Excel refuses a cell of more than 32,767 characters (ClosedXML throws,
/// Excel says the file is damaged), and a CSV opened in Excel cuts it without saying. Text stored before every
/// field had a character limit can be longer, so every export caps it, ending with a marker that says it was cut
/// and how long it was, rather than failing the whole file.
/// </summary>
public static class CellText
{
    /// <summary>The most characters a cell can hold, as Excel counts them (UTF-16 code units).</summary>
    public const int MaxCharacters = 32_767;

    /// <summary>The text whole when it fits; otherwise its start and a marker, <see cref="MaxCharacters"/> in all.</summary>
    public static string Cap(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= MaxCharacters) return text;
        var marker = $" […cut: {text.Length.ToString("N0", CultureInfo.InvariantCulture)} characters in all, more than a cell can hold]";
        var keep = MaxCharacters - marker.Length;
        // Never cut between the two halves of a surrogate pair, which would leave half a character.
        if (char.IsHighSurrogate(text[keep - 1])) keep--;
        return string.Concat(text.AsSpan(0, keep), marker);
    }
}
