namespace FairFund.Web.Export.Xlsx;

/// <summary>How a cell looks. Every style sits at the top of its cell, so a row with wrapped text still reads across.</summary>
public enum XlsxLook
{
    Plain,

    /// <summary>Bold on grey with a rule under it, so a header reads as one where a table's own style does not show (LibreOffice, paper).</summary>
    Header,

    /// <summary>A bold line naming the table below it.</summary>
    Heading,
}

/// <summary>
/// A cell style: its number format (Excel's format code), whether its text wraps, whether it sits at the left
/// whatever its value, and its look. Styles are values: the writer gives each distinct one a single entry in the stylesheet.
/// </summary>
public sealed record XlsxStyle(string? NumberFormat = null, bool Wrap = false, bool Left = false, XlsxLook Look = XlsxLook.Plain)
{
    public static readonly XlsxStyle Text = new();
    public static readonly XlsxStyle Wrapped = new(Wrap: true);
    public static readonly XlsxStyle Header = new(Wrap: true, Look: XlsxLook.Header);
    public static readonly XlsxStyle Heading = new(Look: XlsxLook.Heading);
    public static readonly XlsxStyle Whole = new("0");
    public static readonly XlsxStyle Score = new("0.00");
    public static readonly XlsxStyle Factor = new("0.00##");
    public static readonly XlsxStyle Date = new("yyyy-mm-dd");

    /// <summary>Excel shows a true/false cell as TRUE or FALSE whatever its format; LibreOffice would show 1 or 0 without this one.</summary>
    public static readonly XlsxStyle Boolean = new("\"TRUE\";\"TRUE\";\"FALSE\"");

    public static XlsxStyle Money(string format) => new(format);
}
