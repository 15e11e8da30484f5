using System.Globalization;
using System.Text;
using FairFund.Web.Export.Xlsx;

namespace FairFund.Web.Export;

/// <summary>One application as the list's exports write it; <see cref="Contacts"/> is null when the reader may not see them.</summary>
public sealed record ApplicationExportRow(
    string Reference, string GroupName, string Postcode, string IncomeBand, decimal Amount, string Status, string Progress, DateTimeOffset? SentAt,
    string? Contacts);

/// <summary>
/// A round's filtered list of applications as CSV and as an .xlsx workbook (streamed, as <see cref="AllocationWorkbook"/> is):
/// the same columns, in the same order, as the page; the groups' contacts only when <c>withContacts</c> is set, since
/// the files are easily forwarded and only fund managers may see them.
/// </summary>
public static class ApplicationListExport
{
    public const string CsvContentType = "text/csv; charset=utf-8";

    private static readonly string[] Headers = ["Reference", "Group", "Postcode", "Income band", "Amount requested", "Status", "Progress", "Sent (UK time)"];

    public static void WriteCsv(IEnumerable<ApplicationExportRow> rows, bool withContacts, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(rows);
        // With a byte order mark, so a spreadsheet opened on Windows reads "£" and accents as UTF-8.
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true) { NewLine = "\r\n" };
        writer.WriteLine(string.Join(',', (withContacts ? [.. Headers, "Contacts"] : Headers).Select(CsvText.Field)));
        foreach (var row in rows)
        {
            string[] fields =
            [
                row.Reference, row.GroupName, row.Postcode, row.IncomeBand, row.Amount.ToString("0.00", CultureInfo.InvariantCulture), row.Status, row.Progress,
                row.SentAt is { } sent ? UkTime.From(sent).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "",
            ];
            writer.WriteLine(string.Join(',', (withContacts ? [.. fields, row.Contacts ?? ""] : fields).Select(CsvText.Field)));
        }
    }

    public static void WriteXlsx(IEnumerable<ApplicationExportRow> rows, bool withContacts, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var money = XlsxStyle.Money("£#,##0.00");
        List<XlsxColumn> columns =
        [
            new("Reference", 16, XlsxStyle.Text), new("Group", 30, XlsxStyle.Wrapped), new("Postcode", 10, XlsxStyle.Text), new("Income band", 10, XlsxStyle.Text),
            new("Amount requested", 14, money), new("Status", 14, XlsxStyle.Text), new("Progress", 24, XlsxStyle.Wrapped), new("Sent (UK time)", 18, new XlsxStyle("yyyy-mm-dd hh:mm:ss")),
        ];
        if (withContacts) columns.Add(new("Contacts", 50, XlsxStyle.Wrapped));
        using var workbook = new XlsxWriter(stream);
        using var sheet = workbook.Sheet("Applications", [.. columns.Select(column => column.Width)]);
        sheet.BeginTable("Applications", columns);
        foreach (var row in rows)
        {
            XlsxCell[] cells =
            [
                XlsxCell.Text(row.Reference), XlsxCell.Text(row.GroupName), XlsxCell.Text(row.Postcode), XlsxCell.Text(row.IncomeBand),
                XlsxCell.Number(row.Amount), XlsxCell.Text(row.Status), XlsxCell.Text(row.Progress),
                row.SentAt is { } sent ? XlsxCell.Date(UkTime.From(sent).DateTime) : XlsxCell.Empty,
            ];
            if (withContacts) sheet.Row([.. cells, XlsxCell.Text(row.Contacts)]);
            else sheet.Row(cells);
        }
        sheet.EndTable();
    }
}
