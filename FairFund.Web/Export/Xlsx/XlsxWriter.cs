using System.IO.Packaging;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace FairFund.Web.Export.Xlsx;

/// <summary>
/// Writes an .xlsx workbook straight to a stream, one sheet at a time, with the OpenXML SDK's streaming writer:
/// rows go out as they are given and nothing holds them, so memory stays flat however long the sheets are.
/// The package is opened write-only, so each part is compressed into the stream as it is written and the stream
/// need not seek. The SDK's <c>SpreadsheetDocument</c> refuses a write-only package (it would hold every part in
/// memory until the end), so the parts are made with System.IO.Packaging and written with <see cref="OpenXmlWriter"/>. Sheets are written one after the other: finish (dispose) one before starting the next.
/// </summary>
public sealed class XlsxWriter : IDisposable
{
    internal const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
    private const string SpreadsheetML = "application/vnd.openxmlformats-officedocument.spreadsheetml.";

    private readonly Package _package;
    private readonly List<(string Name, string Target)> _sheets = [];
    private readonly List<(string Name, int Sheet, string Reference)> _definedNames = [];
    private readonly Dictionary<XlsxStyle, uint> _styles = [];
    private readonly HashSet<string> _tableNames = new(StringComparer.OrdinalIgnoreCase);
    private SheetWriter? _open;
    private uint _tables;
    private bool _finished;

    public XlsxWriter(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _package = Package.Open(stream, FileMode.Create, FileAccess.Write);
        TextStyle = Style(XlsxStyle.Text);
    }

    /// <summary>The stylesheet index of <see cref="XlsxStyle.Text"/>, the style of a cell that has none of its own.</summary>
    internal uint TextStyle { get; }

    /// <summary>Starts a sheet with its columns' widths in characters (column A first) and, optionally, its header row kept in view.</summary>
    public SheetWriter Sheet(string name, IReadOnlyList<double> widths, bool freezeHeader = true)
    {
        if (_open is { IsFinished: false }) throw new InvalidOperationException($"Finish sheet '{_open.Name}' before starting '{name}'.");
        var number = _sheets.Count + 1;
        var part = NewPart($"/xl/worksheets/sheet{number}.xml", "worksheet+xml");
        _sheets.Add((name, $"worksheets/sheet{number}.xml"));
        _open = new SheetWriter(this, part, name, _sheets.Count - 1, widths, freezeHeader);
        return _open;
    }

    /// <summary>The stylesheet index of a style, adding it the first time it is used.</summary>
    internal uint Style(XlsxStyle style)
    {
        if (_styles.TryGetValue(style, out var index)) return index;
        index = (uint)_styles.Count;
        _styles.Add(style, index);
        return index;
    }

    /// <summary>A table id unique in the workbook; table names must be unique in it too, whatever their case.</summary>
    internal uint TableId(string name)
    {
        if (!_tableNames.Add(name)) throw new InvalidOperationException($"There is already a table named '{name}'.");
        return ++_tables;
    }

    /// <summary>A new part of the package; the XML is repetitive, and fast compression makes it nearly as small in a fraction of the time.</summary>
    internal PackagePart NewPart(string name, string contentType) =>
        _package.CreatePart(new Uri(name, UriKind.Relative), SpreadsheetML + contentType, CompressionOption.Fast);

    /// <summary>Writes a small part whole. Its stream is closed at once, as a write-only package takes one open part at a time.</summary>
    internal static void Write(PackagePart part, OpenXmlElement root)
    {
        using var stream = part.GetStream(FileMode.Create, FileAccess.Write);
        using var xml = OpenXmlWriter.Create(stream);
        xml.WriteStartDocument();
        xml.WriteElement(root);
        xml.Close();
    }

    internal void DefineName(string name, int sheet, string reference) => _definedNames.Add((name, sheet, reference));

    /// <summary>Writes the stylesheet and the workbook (sheets and defined names) and closes the package.</summary>
    public void Dispose()
    {
        if (_finished) return;
        _finished = true;
        _open?.Dispose();
        // Made last: a write-only package finishes a part as soon as a later one is opened, and the workbook lists them all.
        var workbook = NewPart("/xl/workbook.xml", "sheet.main+xml");
        _package.CreateRelationship(workbook.Uri, TargetMode.Internal, Relationships + "officeDocument", "rId1");
        WriteWorkbook(workbook);
        WriteStylesheet(workbook);
        _package.Close();
    }

    private void WriteWorkbook(PackagePart workbook)
    {
        var sheets = new Sheets();
        for (var index = 0; index < _sheets.Count; index++)
        {
            var relationship = workbook.CreateRelationship(new Uri(_sheets[index].Target, UriKind.Relative), TargetMode.Internal, Relationships + "worksheet", $"rId{index + 1}");
            sheets.Append(new Sheet { Name = _sheets[index].Name, SheetId = (uint)index + 1, Id = relationship.Id });
        }
        Write(workbook, new Workbook(
            new BookViews(new WorkbookView { ActiveTab = 0 }),
            sheets,
            new DefinedNames(_definedNames.Select(name => new DefinedName(name.Reference) { Name = name.Name, LocalSheetId = (uint)name.Sheet }))));
    }

    private void WriteStylesheet(PackagePart workbook)
    {
        var formats = new Dictionary<string, uint>(StringComparer.Ordinal);
        var cellFormats = new CellFormats();
        foreach (var style in _styles.OrderBy(pair => pair.Value).Select(pair => pair.Key))
        {
            uint numberFormat = 0;
            // Custom ids (164 and up) even for formats Excel has built in, so readers see the format code itself.
            if (style.NumberFormat is { } code && !formats.TryGetValue(code, out numberFormat))
            {
                numberFormat = 164 + (uint)formats.Count;
                formats.Add(code, numberFormat);
            }
            var header = style.Look == XlsxLook.Header;
            cellFormats.Append(new CellFormat(new Alignment
            {
                Vertical = VerticalAlignmentValues.Top,
                WrapText = style.Wrap ? true : null,
                Horizontal = style.Left ? HorizontalAlignmentValues.Left : null,
            })
            {
                NumberFormatId = numberFormat,
                FontId = style.Look switch { XlsxLook.Header => 1u, XlsxLook.Heading => 2u, _ => 0u },
                FillId = header ? 2u : 0u,
                BorderId = header ? 1u : 0u,
                FormatId = 0,
                ApplyNumberFormat = numberFormat != 0 ? true : null,
                ApplyFont = style.Look != XlsxLook.Plain ? true : null,
                ApplyFill = header ? true : null,
                ApplyBorder = header ? true : null,
                ApplyAlignment = true,
            });
        }

        static Font Font(double size, bool bold)
        {
            var font = new Font();
            if (bold) font.Append(new Bold());
            font.Append(new FontSize { Val = size }, new Color { Theme = 1 }, new FontName { Val = "Calibri" }, new FontFamilyNumbering { Val = 2 });
            return font;
        }

        var part = NewPart("/xl/styles.xml", "styles+xml");
        workbook.CreateRelationship(new Uri("styles.xml", UriKind.Relative), TargetMode.Internal, Relationships + "styles", "rIdStyles");
        Write(part, new Stylesheet(
            new NumberingFormats(formats.Select(format => new NumberingFormat { NumberFormatId = format.Value, FormatCode = format.Key })) { Count = (uint)formats.Count },
            new Fonts(Font(11, bold: false), Font(11, bold: true), Font(12, bold: true)) { Count = 3 },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                new Fill(new PatternFill(new ForegroundColor { Rgb = "FFE7E6E6" }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid })) { Count = 3 },
            new Borders(
                new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
                new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(new Color { Indexed = 64 }) { Style = BorderStyleValues.Thin }, new DiagonalBorder())) { Count = 2 },
            // The Normal style sits at the top too: LibreOffice takes an unstyled cell's look from it, not from cell format 0.
            new CellStyleFormats(new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top }) { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, ApplyAlignment = true }) { Count = 1 },
            cellFormats,
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 }));
    }
}
