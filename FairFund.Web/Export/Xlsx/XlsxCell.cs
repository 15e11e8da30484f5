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

    public static XlsxCell Text(string? text) => text is null ? default : new(Kind.Text, text, null);

    public static XlsxCell Number(decimal? number) => number is { } value ? new(Kind.Number, value.ToString(CultureInfo.InvariantCulture), null) : default;

    public static XlsxCell Number(int? number) => number is { } value ? new(Kind.Number, value.ToString(CultureInfo.InvariantCulture), null) : default;

    public static XlsxCell Boolean(bool value) => new(Kind.Boolean, value ? "1" : "0", null);

    /// <summary>A date as Excel keeps it: days since 1899-12-30.</summary>
    public static XlsxCell Date(DateTime date) => new(Kind.Number, date.ToOADate().ToString("R", CultureInfo.InvariantCulture), null);

    public XlsxCell With(XlsxStyle style) => new(Type, Value, style);
}
