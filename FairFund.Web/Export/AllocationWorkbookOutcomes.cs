using FairFund.Domain.Grants;
using FairFund.Web.Export.Xlsx;

namespace FairFund.Web.Export;

public static partial class AllocationWorkbook
{
    /// <summary>
    /// The round's outcomes after the award, as on the fund manager's outcomes page (<see cref="RoundOutcomes"/>):
    /// the money, the reports, each indicator's total against its targets, and the groups' own words.
    /// </summary>
    private static void OutcomesSheet(XlsxWriter workbook, RoundOutcomes outcomes, XlsxStyle money)
    {
        using var sheet = workbook.Sheet("Outcomes", [60, 24, 20, 16, 14, 16, 12]);
        var reports = outcomes.Reports;
        KeyValues(sheet, "OutcomesMoney", [
            ("Grants offered", N(outcomes.Grants), Whole),
            ("Money offered", N(outcomes.Money.Offered), money),
            ("Money accepted", N(outcomes.Money.Accepted), money),
            ("Money paid", N(outcomes.Money.Paid), money),
            ("Money returned", N(outcomes.Money.Returned), money),
            ("Reports expected", N(reports.Expected), Whole),
            ("Reports due so far", N(reports.Due), Whole),
            ("Reports received", N(reports.Received), Whole),
            ("Reports accepted", N(reports.Accepted), Whole),
            ("Reports late", N(reports.Late), Whole),
            ("Reports overdue (late and not sent)", N(reports.Overdue), Whole),
            ("Reports sent late", N(reports.SentLate), Whole),
        ]);

        sheet.Skip();
        Heading(sheet, "Indicators across the grants: the same unit and thing counted, whatever the capitals and spacing; each grant's latest accepted figure");
        Table(sheet, "OutcomesIndicators", [
            new("What is counted", 0, Wrapped), new("Unit", 0), new("Grants", 0, Whole), new("Target", 0, Whole),
            new("Grants reporting", 0, Whole), new("Target of grants reporting", 0, Whole), new("Achieved", 0, Whole),
        ]);
        foreach (var total in outcomes.Indicators)
        {
            sheet.Row(Height(Lines(total.WhatIsCounted, sheet.Width(1))),
                T(total.WhatIsCounted), T(total.Unit), N(total.Grants), N((decimal)total.Target), N(total.GrantsReporting), N((decimal)total.TargetOfReporting), N((decimal)total.Achieved));
        }
        sheet.EndTable();

        sheet.Skip();
        Heading(sheet, "What changed for people, in the groups' words (the latest version of each report sent)");
        Table(sheet, "OutcomesWords", [
            new("What changed for people", 0, Wrapped), new("Group", 0, Wrapped), new("Grant", 0), new("Report", 0, Wrapped),
            new("Report accepted", 0, XlsxStyle.Boolean), new("Sent (UK time)", 0, Wrapped),
        ]);
        foreach (var said in outcomes.Words)
        {
            sheet.Row(Height(Max(Lines(said.WhatChanged, sheet.Width(1)), Lines(said.Group, sheet.Width(2)), Lines(said.Report, sheet.Width(4)))),
                T(said.WhatChanged), T(said.Group), T(said.Grant), T(said.Report), B(said.Accepted), T(UkTime.Format(said.SentAt)));
        }
        sheet.EndTable();
    }
}
