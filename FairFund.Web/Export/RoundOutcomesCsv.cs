using System.Globalization;
using System.Text;
using FairFund.Domain.Grants;

namespace FairFund.Web.Export;

/// <summary>
/// A round's outcomes as one CSV table: every line has the same columns, and the first, <c>Section</c>, says what
/// the line is (Money, Reports, Indicator or What changed), so a spreadsheet can filter on it. Figures are plain
/// numbers (money to the penny, with a point); what groups typed goes through <see cref="CsvText.Field"/>, so a
/// cell a spreadsheet would run as a formula is made plain text.
/// </summary>
public static class RoundOutcomesCsv
{
    public const string Header = "Section,Item,Unit,Value,Grants,Target,Grants reporting,Target of grants reporting,Group,Grant,Report,What changed for people";

    /// <summary>The CSV, header first, lines ending CRLF; only the header for a round with no grants.</summary>
    public static string Write(RoundOutcomes? outcomes)
    {
        var csv = new StringBuilder(Header).Append("\r\n");
        if (outcomes is null) return csv.ToString();
        var money = outcomes.Money;
        foreach (var (item, amount) in new[] { ("Offered", money.Offered), ("Accepted", money.Accepted), ("Paid", money.Paid), ("Returned", money.Returned) })
            Line(csv, "Money", item, "GBP", amount.ToString("0.00", CultureInfo.InvariantCulture));
        var reports = outcomes.Reports;
        foreach (var (item, count) in new[]
                 {
                     ("Expected", reports.Expected), ("Due so far", reports.Due), ("Received", reports.Received), ("Accepted", reports.Accepted),
                     ("Late", reports.Late), ("Overdue", reports.Overdue), ("Sent late", reports.SentLate),
                 })
            Line(csv, "Reports", item, "reports", Number(count));
        foreach (var total in outcomes.Indicators)
            Line(csv, "Indicator", total.WhatIsCounted, total.Unit, Number(total.Achieved), Number(total.Grants), Number(total.Target), Number(total.GrantsReporting), Number(total.TargetOfReporting));
        foreach (var said in outcomes.Words)
            Line(csv, "What changed", said.Accepted ? "Report accepted" : "Report not yet accepted", "", "", "", "", "", "", said.Group, said.Grant, said.Report, CellText.Cap(said.WhatChanged));
        return csv.ToString();
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Line(StringBuilder csv, params string[] cells)
    {
        for (var column = 0; column < 12; column++)
        {
            if (column > 0) csv.Append(',');
            csv.Append(CsvText.Field(column < cells.Length ? cells[column] : ""));
        }
        csv.Append("\r\n");
    }
}
