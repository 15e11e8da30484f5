using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using FairFund.Domain.OpenData;

namespace FairFund.Web.Export;

/// <summary>
/// A round's 360Giving data as files: a workbook with the "grants" and "meta" sheets 360Giving's tools read,
/// and the grants sheet alone as CSV. Amounts are plain numbers (no currency sign: the Currency column says
/// which), dates are dates, and empty fields are left empty.
/// </summary>
public static class ThreeSixtyGivingFiles
{
    public const string GrantsSheet = "grants";
    public const string MetaSheet = "meta";
    public const string AmountFormat = "0.00";
    public const string DateFormat = "yyyy-mm-dd";

    /// <summary>Column widths in characters, in the order of <see cref="ThreeSixtyGiving.Columns"/>: set here, since fitting them to content needs native code.</summary>
    private static readonly double[] GrantWidths =
        [34, 36, 60, 9, 12, 12, 12, 12, 12, 10, 44, 32, 14, 14, 12, 26, 22, 32, 18, 32, 10, 12, 50];

    public static string XlsxFileName(string round) => $"{round}-360giving.xlsx";

    public static string CsvFileName(string round) => $"{round}-360giving.csv";

    public static void WriteXlsx(OpenDataExport data, Stream stream)
    {
        using var workbook = new XLWorkbook();
        var grants = workbook.Worksheets.Add(GrantsSheet);
        for (var column = 0; column < ThreeSixtyGiving.Columns.Count; column++)
        {
            grants.Cell(1, column + 1).SetValue(ThreeSixtyGiving.Columns[column]);
            grants.Column(column + 1).Width = GrantWidths[column];
        }
        grants.Row(1).Style.Font.Bold = true;
        grants.SheetView.FreezeRows(1);

        for (var row = 0; row < data.Grants.Count; row++)
        {
            var values = data.Grants[row].Row.Values;
            for (var column = 0; column < values.Count; column++) Write(grants.Cell(row + 2, column + 1), values[column]);
        }

        var meta = workbook.Worksheets.Add(MetaSheet);
        // 360Giving reads the meta sheet down the page: a field's title in column A, its value in column B.
        (string Field, string Value)[] fields =
        [
            ("Version", ThreeSixtyGiving.Version),
            ("Title", $"{data.Publisher.Name}: grants from {data.RoundName}"),
            ("Description", $"The grants awarded in the round {data.RoundName} ({data.Reference}), as 360Giving data."),
            ("Issued", Timestamp(data.GeneratedAt)),
            ("Modified", Timestamp(data.GeneratedAt)),
            ("Publisher:Name", data.Publisher.Name),
            ("Publisher:Identifier", data.Publisher.OrgId),
            // Left for the funder: only the funder can choose the licence it publishes under.
            ("License", ""),
        ];
        for (var row = 0; row < fields.Length; row++)
        {
            meta.Cell(row + 1, 1).SetValue(fields[row].Field);
            meta.Cell(row + 1, 2).SetValue(CellText.Cap(fields[row].Value));
        }
        meta.Column(1).Width = 22;
        meta.Column(2).Width = 80;
        meta.Column(1).Style.Font.Bold = true;

        workbook.SaveAs(stream);
    }

    /// <summary>The grants sheet as CSV: RFC 4180 quoting, UTF-8 without a byte order mark, CRLF line ends, dates as yyyy-mm-dd, amounts with 2 decimals.</summary>
    public static byte[] Csv(OpenDataExport data)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', ThreeSixtyGiving.Columns.Select(CsvText.Field)).Append("\r\n");
        foreach (var grant in data.Rows)
            csv.AppendJoin(',', grant.Values.Select(CsvValue)).Append("\r\n");
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static void Write(IXLCell cell, object? value)
    {
        switch (value)
        {
            case null: break;
            case decimal amount:
                cell.SetValue(amount);
                cell.Style.NumberFormat.Format = AmountFormat;
                break;
            case int whole: cell.SetValue(whole); break;
            case DateOnly date:
                cell.SetValue(date.ToDateTime(TimeOnly.MinValue));
                cell.Style.NumberFormat.Format = DateFormat;
                break;
            // SetValue on text never makes a formula, whatever the text starts with.
            case string text: cell.SetValue(CellText.Cap(text)); break;
            default: throw new ArgumentException($"A grant field of type {value.GetType().Name} has no cell type.", nameof(value));
        }
    }

    private static string CsvValue(object? value) => value switch
    {
        null => "",
        decimal amount => amount.ToString("0.00", CultureInfo.InvariantCulture),
        int whole => whole.ToString(CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        string text => CsvText.Field(CellText.Cap(text)),
        _ => throw new ArgumentException($"A grant field of type {value.GetType().Name} has no CSV form.", nameof(value)),
    };

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
