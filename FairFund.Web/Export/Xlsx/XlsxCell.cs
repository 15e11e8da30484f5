using System.Globalization;

namespace FairFund.Web.Export.Xlsx;

/// <summary>
/// One typed cell of a row, written as it is given: text stays text (even "0012" or "=1+1"), numbers are numbers,
/// dates are Excel dates and booleans are booleans. Without a style of its own it takes its table column's style.
/// </summary>
public readonly struct XlsxCell
{
    internal enum Kind { Empty, Text, Number, Boolean }

    private XlsxCell(Kind kind, string? value, XlsxStyle? style)
    {
        Type = kind;
        Value = value;
        Style = style;
    }

    internal Kind Type { get; }

    /// <summary>The text, or the number as the file writes it.</summary>
    internal string? Value { get; }

    public XlsxStyle? Style { get; }

    public static XlsxCell Empty { get; }

    /// <summary>Text, without characters XML cannot hold, capped to what a cell can hold (<see cref="CellText.Cap"/>).</summary>
    public static XlsxCell Text(string? text) => text is null ? default : new(Kind.Text, CellText.Cap(WritableInXml(text)), null);

    /// <summary>
    /// The text without the characters XML cannot hold at all (control characters, say one pasted into a group's name),
    /// which would otherwise stop the whole workbook being written. Most text has none and is returned as it is.
    /// </summary>
    private static string WritableInXml(string text)
    {
        var first = FirstUnwritable(text, 0);
        if (first < 0) return text;
        var kept = new System.Text.StringBuilder(text.Length);
        var from = 0;
        for (var at = first; at >= 0; at = FirstUnwritable(text, from))
        {
            kept.Append(text, from, at - from);
            from = at + 1;
        }
        return kept.Append(text, from, text.Length - from).ToString();
    }

    private static int FirstUnwritable(string text, int from)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (System.Xml.XmlConvert.IsXmlChar(text[i])) continue;
            if (i + 1 < text.Length && System.Xml.XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                i++;
                continue;
            }
            return i;
        }
        return -1;
    }

    public static XlsxCell Number(decimal? number) => number is { } value ? new(Kind.Number, value.ToString(CultureInfo.InvariantCulture), null) : default;

    public static XlsxCell Number(int? number) => number is { } value ? new(Kind.Number, value.ToString(CultureInfo.InvariantCulture), null) : default;

    public static XlsxCell Boolean(bool value) => new(Kind.Boolean, value ? "1" : "0", null);

    /// <summary>A date as Excel keeps it: days since 1899-12-30.</summary>
    public static XlsxCell Date(DateTime date) => new(Kind.Number, date.ToOADate().ToString("R", CultureInfo.InvariantCulture), null);

    public XlsxCell With(XlsxStyle style) => new(Type, Value, style);
}
