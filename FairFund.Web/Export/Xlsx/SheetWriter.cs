using System.Globalization;
using DocumentFormat.OpenXml;
using System.IO.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace FairFund.Web.Export.Xlsx;

/// <summary>A column of a table: its header (the table column's name), its width in characters (0 keeps the sheet's) and how its cells show.</summary>
public sealed record XlsxColumn(string Header, double Width, XlsxStyle Style);

/// <summary>
/// Writes one sheet top to bottom: each <see cref="Row(double?, ReadOnlySpan{XlsxCell})"/> goes straight to the
/// package. Tables are ranges of rows given a name, their columns named by their headers. Every sheet prints
/// landscape on A4, as wide as the paper, with its first row repeated on each page.
/// </summary>
public sealed class SheetWriter : IDisposable
{
    private const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";

    private readonly XlsxWriter _book;
    private readonly PackagePart _part;
    private readonly Stream _stream;
    private readonly OpenXmlWriter _xml;
    private readonly int _index;
    private readonly IReadOnlyList<double> _widths;
    private readonly List<(string RelationshipId, Table Table)> _tables = [];
    private readonly List<OpenXmlAttribute> _attributes = new(3);
    private readonly Row _row = new();
    private readonly Cell _cell = new();
    private readonly CellValue _value = new();
    private readonly InlineString _inline = new();
    private readonly Text _text = new();
    private (string Name, int Top, XlsxColumn[] Columns, uint[] Styles)? _table;

    internal SheetWriter(XlsxWriter book, PackagePart part, string name, int index, IReadOnlyList<double> widths, bool freezeHeader)
    {
        (_book, _part, Name, _index, _widths) = (book, part, name, index, widths);
        _stream = part.GetStream(FileMode.Create, FileAccess.Write);
        _xml = OpenXmlWriter.Create(_stream);
        _xml.WriteStartDocument();
        _xml.WriteStartElement(new Worksheet());
        _xml.WriteElement(new SheetProperties(new PageSetupProperties { FitToPage = true }));
        var view = new SheetView { WorkbookViewId = 0, TabSelected = index == 0 ? true : null };
        if (freezeHeader)
        {
            view.Append(
                new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } });
        }
        _xml.WriteElement(new SheetViews(view));
        _xml.WriteElement(new SheetFormatProperties { DefaultRowHeight = 15 });
        if (widths.Count > 0)
            _xml.WriteElement(new Columns(widths.Select((width, column) => new Column { Min = (uint)column + 1, Max = (uint)column + 1, Width = width, CustomWidth = true })));
        _xml.WriteStartElement(new SheetData());
    }

    public string Name { get; }

    /// <summary>The last row written or skipped (1-based); 0 before the first.</summary>
    public int LastRow { get; private set; }

    internal bool IsFinished { get; private set; }

    /// <summary>A column's width in characters (1-based), 0 where the sheet gives it none.</summary>
    public double Width(int column) => column <= _widths.Count ? _widths[column - 1] : 0;

    /// <summary>Leaves rows empty.</summary>
    public void Skip(int rows = 1) => LastRow += rows;

    public void Row(params ReadOnlySpan<XlsxCell> cells) => Row(null, cells);

    /// <summary>Writes the next row; a height in points is for rows of wrapped text, which neither Excel nor LibreOffice fits on opening.</summary>
    public void Row(double? height, params ReadOnlySpan<XlsxCell> cells)
    {
        if (IsFinished) throw new InvalidOperationException($"Sheet '{Name}' is finished.");
        var row = ++LastRow;
        var number = row.ToString(CultureInfo.InvariantCulture);
        _attributes.Clear();
        _attributes.Add(new OpenXmlAttribute("r", "", number));
        if (height is { } points)
        {
            _attributes.Add(new OpenXmlAttribute("ht", "", points.ToString(CultureInfo.InvariantCulture)));
            _attributes.Add(new OpenXmlAttribute("customHeight", "", "1"));
        }
        _xml.WriteStartElement(_row, _attributes);
        var styles = _table?.Styles;
        for (var column = 0; column < cells.Length; column++)
        {
            var cell = cells[column];
            var style = cell.Style is { } own ? _book.Style(own) : styles is not null && column < styles.Length ? styles[column] : _book.TextStyle;
            if (cell.Type == XlsxCell.Kind.Empty && style == _book.TextStyle) continue;
            WriteCell(ColumnName(column + 1) + number, style, cell);
        }
        _xml.WriteEndElement();
    }

    private void WriteCell(string reference, uint style, XlsxCell cell)
    {
        _attributes.Clear();
        _attributes.Add(new OpenXmlAttribute("r", "", reference));
        if (style != _book.TextStyle) _attributes.Add(new OpenXmlAttribute("s", "", style.ToString(CultureInfo.InvariantCulture)));
        switch (cell.Type)
        {
            case XlsxCell.Kind.Empty:
                _xml.WriteStartElement(_cell, _attributes);
                break;
            case XlsxCell.Kind.Text:
                // An inline string is text whatever it looks like, and needs no table of strings held until the end.
                _attributes.Add(new OpenXmlAttribute("t", "", "inlineStr"));
                _xml.WriteStartElement(_cell, _attributes);
                _xml.WriteStartElement(_inline);
                var text = cell.Value!;
                if (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])))
                    _xml.WriteStartElement(_text, [new OpenXmlAttribute("xml", "space", XmlNamespace, "preserve")]);
                else
                    _xml.WriteStartElement(_text);
                _xml.WriteString(text);
                _xml.WriteEndElement();
                _xml.WriteEndElement();
                break;
            default:
                if (cell.Type == XlsxCell.Kind.Boolean) _attributes.Add(new OpenXmlAttribute("t", "", "b"));
                _xml.WriteStartElement(_cell, _attributes);
                _xml.WriteStartElement(_value);
                _xml.WriteString(cell.Value!);
                _xml.WriteEndElement();
                break;
        }
        _xml.WriteEndElement();
    }

    /// <summary>
    /// Writes the header row of a table and starts it: until <see cref="EndTable"/>, a cell without a style of its
    /// own takes its column's. A column with a width here has it only if the sheet was started with it.
    /// </summary>
    public void BeginTable(string name, IReadOnlyList<XlsxColumn> columns, double? headerHeight = null)
    {
        if (_table is not null) throw new InvalidOperationException($"Table '{_table.Value.Name}' is not ended.");
        var header = new XlsxCell[columns.Count];
        for (var column = 0; column < columns.Count; column++) header[column] = XlsxCell.Text(columns[column].Header).With(XlsxStyle.Header);
        Row(headerHeight, header);
        _table = (name, LastRow, [.. columns], [.. columns.Select(column => _book.Style(column.Style))]);
    }

    /// <summary>Ends the table begun last at the last row written; a table with no rows keeps one empty row, as Excel needs.</summary>
    public void EndTable()
    {
        if (_table is not { } table) throw new InvalidOperationException("No table is begun.");
        _table = null;
        var bottom = Math.Max(LastRow, table.Top + 1);
        var reference = $"A{table.Top}:{ColumnName(table.Columns.Length)}{bottom}";
        var id = _book.TableId(table.Name);
        var columns = new TableColumns { Count = (uint)table.Columns.Length };
        for (var column = 0; column < table.Columns.Length; column++)
            columns.Append(new TableColumn { Id = (uint)column + 1, Name = table.Columns[column].Header });
        _tables.Add(($"rIdTable{id}", new Table(
            new AutoFilter { Reference = reference },
            columns,
            new TableStyleInfo { Name = "TableStyleMedium2", ShowFirstColumn = false, ShowLastColumn = false, ShowRowStripes = true, ShowColumnStripes = false })
        {
            Id = id, Name = table.Name, DisplayName = table.Name, Reference = reference, TotalsRowShown = false,
        }));
    }

    /// <summary>Prints only columns A to <paramref name="lastColumn"/> of the rows written so far.</summary>
    public void PrintArea(int lastColumn) =>
        _book.DefineName("_xlnm.Print_Area", _index, $"'{Name.Replace("'", "''", StringComparison.Ordinal)}'!$A$1:${ColumnName(lastColumn)}${LastRow}");

    /// <summary>Closes the sheet's rows, writes its print setup and its tables.</summary>
    public void Dispose()
    {
        if (IsFinished) return;
        if (_table is not null) EndTable();
        IsFinished = true;
        _xml.WriteEndElement();
        // On paper there are no cell borders, and a right-aligned number would run into the text beside it.
        _xml.WriteElement(new PrintOptions { GridLines = true });
        _xml.WriteElement(new PageMargins { Left = 0.4, Right = 0.4, Top = 0.5, Bottom = 0.5, Header = 0.3, Footer = 0.3 });
        _xml.WriteElement(new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 });
        if (_tables.Count > 0)
            _xml.WriteElement(new TableParts(_tables.Select(table => new TablePart { Id = table.RelationshipId })) { Count = (uint)_tables.Count });
        _xml.WriteEndElement();
        _xml.Close();
        _stream.Dispose();
        // The sheet's part is complete before any table part is opened: the package is written one part at a time.
        foreach (var (relationshipId, table) in _tables)
        {
            var part = _book.NewPart($"/xl/tables/table{table.Id!.Value}.xml", "table+xml");
            _part.CreateRelationship(new Uri($"../tables/table{table.Id!.Value}.xml", UriKind.Relative), TargetMode.Internal, XlsxWriter.Relationships + "table", relationshipId);
            XlsxWriter.Write(part, table);
        }
        // Named with $ signs: LibreOffice repeats the row on every page only then.
        _book.DefineName("_xlnm.Print_Titles", _index, $"'{Name.Replace("'", "''", StringComparison.Ordinal)}'!$1:$1");
    }

    private static readonly string[] ColumnNames = [.. Enumerable.Range(1, 64).Select(Letters)];

    private static string ColumnName(int column) => column <= ColumnNames.Length ? ColumnNames[column - 1] : Letters(column);

    private static string Letters(int column)
    {
        var name = "";
        for (; column > 0; column = (column - 1) / 26) name = (char)('A' + (column - 1) % 26) + name;
        return name;
    }
}
