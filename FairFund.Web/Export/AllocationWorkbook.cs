using ClosedXML.Excel;
using FairFund.Domain.Allocation;
using FairFund.Domain.RoundFiles;

namespace FairFund.Web.Export;

/// <summary>
/// The allocation as a workbook funders can open in Excel: one typed row per application.
/// (A first version; the summary, score trail, reviews and rules sheets come with the full export.)
/// </summary>
public static class AllocationWorkbook
{
    private const string MoneyFormat = "£#,##0.00";
    private const string ScoreFormat = "0.00";

    public static void Write(RoundSettings round, AllocationResult result, Stream stream)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add("Allocations");
        string[] headers = ["Reference", "Organisation", "Band", "Requested", "Base score", "Final score", "Rank", "Lottery key", "Decision", "Reason", "Amount", "Pot", "Partial"];
        for (var column = 0; column < headers.Length; column++) sheet.Cell(1, column + 1).Value = headers[column];

        var row = 2;
        foreach (var application in result.Applications)
        {
            sheet.Cell(row, 1).Value = application.Reference;
            sheet.Cell(row, 2).Value = application.OrganisationName;
            sheet.Cell(row, 3).Value = application.Band;
            sheet.Cell(row, 4).Value = application.Requested;
            if (application.BaseScore is { } baseScore) sheet.Cell(row, 5).Value = baseScore;
            if (application.FinalScore is { } finalScore) sheet.Cell(row, 6).Value = finalScore;
            if (application.Rank is { } rank) sheet.Cell(row, 7).Value = rank;
            sheet.Cell(row, 8).Value = application.LotteryKey;
            sheet.Cell(row, 9).Value = Names.Of(application.Decision);
            sheet.Cell(row, 10).Value = application.Reason is { } reason ? Names.Of(reason) : "";
            sheet.Cell(row, 11).Value = application.Amount;
            sheet.Cell(row, 12).Value = application.Pot ?? "";
            sheet.Cell(row, 13).Value = application.Partial;
            row++;
        }

        var lastRow = Math.Max(row - 1, 2);
        sheet.Range(2, 4, lastRow, 4).Style.NumberFormat.Format = MoneyFormat;
        sheet.Range(2, 11, lastRow, 11).Style.NumberFormat.Format = MoneyFormat;
        sheet.Range(2, 5, lastRow, 6).Style.NumberFormat.Format = ScoreFormat;
        sheet.Range(1, 1, lastRow, headers.Length).CreateTable("Allocations");
        sheet.SheetView.FreezeRows(1);
        double[] widths = [14, 36, 10, 14, 11, 11, 7, 66, 10, 20, 14, 14, 9];
        for (var column = 0; column < widths.Length; column++) sheet.Column(column + 1).Width = widths[column];

        workbook.SaveAs(stream);
    }
}
