using System.Globalization;
using FairFund.Domain.Scoring;

namespace FairFund.Domain.Equity;

/// <summary>Whether a published figure is shown, and if not, why.</summary>
public enum Withheld
{
    /// <summary>Shown.</summary>
    No,
    /// <summary>A count from 1 to 4, or a figure (money, a rate) that rests on one.</summary>
    FewerThanFive,
    /// <summary>Not small itself, but withheld so that a small number cannot be worked out from it and the totals.</summary>
    ToProtectAnother,
}

/// <summary>A count in the published view: its value when shown.</summary>
public readonly record struct PublishedCount(int? Value, Withheld Withheld)
{
    /// <summary>As a table shows it: the number, "fewer than 5", or "not shown".</summary>
    public string Text => Withheld switch
    {
        Withheld.No => Value!.Value.ToString("#,##0", CultureInfo.InvariantCulture),
        Withheld.FewerThanFive => "fewer than " + SmallNumbers.Smallest.ToString(CultureInfo.InvariantCulture),
        _ => "not shown",
    };
}

/// <summary>A sum of money or a fraction in the published view: its value when shown; "not shown" otherwise.</summary>
public readonly record struct PublishedFigure(decimal? Value, Withheld Withheld)
{
    public bool IsShown => Withheld == Withheld.No;
}

/// <summary>One group's figures as they may be published. Money and fractions are as in <see cref="GroupFigures"/>.</summary>
public sealed record PublishedGroup(
    string Key,
    string Label,
    PublishedCount Applications,
    PublishedCount Eligible,
    PublishedCount Funded,
    PublishedFigure Asked,
    PublishedFigure Awarded,
    PublishedFigure SuccessRate,
    PublishedFigure ShareOfBudget,
    PublishedFigure ShareOfApplications);

public sealed record PublishedDimension(string Key, string Title, IReadOnlyList<PublishedGroup> Groups);

/// <summary>
/// The equity report as it may be made public (<see cref="SmallNumbers"/> says what is withheld and why). A page
/// may leave rows out, but must never add a figure this view withholds, nor one worked out from the full report.
/// </summary>
public sealed record PublishedEquityReport(decimal Budget, PublishedGroup Total, IReadOnlyList<PublishedDimension> Dimensions);

/// <summary>
/// The small-number rules for a published equity report, so that no group of fewer than
/// <see cref="Smallest"/> applications can be picked out, nor what happened to it.
/// <list type="number">
/// <item>Primary: a count (applications, eligible, funded) from 1 to 4 is shown as "fewer than 5". 0 is shown:
/// it names nobody.</item>
/// <item>Within a row: the row's counts also give three differences (not eligible = applications − eligible,
/// eligible but not funded = eligible − funded, not funded = applications − funded). Where both counts are shown
/// and their difference is 1 to 4, the narrower count (eligible, else funded) is withheld.</item>
/// <item>Across a dimension: each dimension's groups add up to the total, so a count withheld alone in its
/// column could be worked out as the total less the rest. Where exactly one is withheld, the smallest count
/// above 0 still shown in that column is withheld too (the earlier row on a tie); where none is left, the
/// total's. A flag is reported as "yes" and "no" for this reason: the "no" row is the total less the "yes" row.</item>
/// <item>Rules 2 and 3 are repeated until neither withholds anything more.</item>
/// <item>Money and fractions follow their counts: money asked and the share of applications are withheld with
/// applications (the share also with the total's); money awarded and the share of the budget with funded; the
/// success rate with either.</item>
/// </list>
/// These rules cover the sums a reader can do within one table and its totals. They are not a full audit of
/// every combination of tables (which would need linear programming): two dimensions are only ever published
/// as separate margins, never crossed.
/// </summary>
public static class SmallNumbers
{
    /// <summary>The smallest count published: fewer is shown as "fewer than 5".</summary>
    public const int Smallest = 5;

    private const int Applications = 0, Eligible = 1, Funded = 2;

    /// <summary>True for a count that would pick out fewer than <see cref="Smallest"/> applications: 1 to 4.</summary>
    public static bool IsSmall(int count) => count is > 0 and < Smallest;

    /// <summary>The published view of <paramref name="report"/>.</summary>
    public static PublishedEquityReport Withhold(EquityReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var total = new Row(report.Total);
        var dimensions = report.Dimensions.Select(dimension => dimension.Groups.Select(group => new Row(group)).ToArray()).ToArray();
        var allRows = dimensions.SelectMany(rows => rows).Prepend(total).ToList();

        bool changed;
        do
        {
            changed = false;
            foreach (var row in allRows) changed |= row.WithholdWithinRow();
            foreach (var rows in dimensions)
            {
                for (var column = Applications; column <= Funded; column++) changed |= WithholdAcross(total, rows, column);
            }
        }
        while (changed);

        return new PublishedEquityReport(
            report.Budget,
            total.Publish(total),
            [.. report.Dimensions.Select((dimension, d) => new PublishedDimension(dimension.Key, dimension.Title, [.. dimensions[d].Select(row => row.Publish(total))]))]);
    }

    /// <summary>Rule 3 for one column of one dimension; true if it withheld something.</summary>
    private static bool WithholdAcross(Row total, Row[] rows, int column)
    {
        if (total.Withheld[column] != Withheld.No) return false;
        if (rows.Count(row => row.Withheld[column] != Withheld.No) != 1) return false;
        Row? smallest = null;
        foreach (var row in rows)
        {
            if (row.Withheld[column] == Withheld.No && row.Counts[column] > 0 && (smallest is null || row.Counts[column] < smallest.Counts[column])) smallest = row;
        }
        (smallest ?? total).Withheld[column] = Withheld.ToProtectAnother;
        return true;
    }

    private sealed class Row
    {
        public Row(GroupFigures figures)
        {
            Figures = figures;
            Counts = [figures.Applications, figures.Eligible, figures.Funded];
            Withheld = [.. Counts.Select(count => IsSmall(count) ? Equity.Withheld.FewerThanFive : Equity.Withheld.No)];
        }

        public GroupFigures Figures { get; }
        public int[] Counts { get; }
        public Withheld[] Withheld { get; }

        /// <summary>Rule 2; true if it withheld something.</summary>
        public bool WithholdWithinRow()
        {
            var changed = false;
            foreach (var (wider, narrower) in new[] { (Applications, Eligible), (Eligible, Funded), (Applications, Funded) })
            {
                if (Withheld[wider] != Equity.Withheld.No || Withheld[narrower] != Equity.Withheld.No) continue;
                if (!IsSmall(Counts[wider] - Counts[narrower])) continue;
                Withheld[narrower] = Equity.Withheld.ToProtectAnother;
                changed = true;
            }
            return changed;
        }

        public PublishedGroup Publish(Row total)
        {
            PublishedCount Count(int column) => new(Withheld[column] == Equity.Withheld.No ? Counts[column] : null, Withheld[column]);
            static PublishedFigure Figure(decimal? value, params Withheld[] restsOn)
            {
                var reason = restsOn.Contains(Equity.Withheld.FewerThanFive) ? Equity.Withheld.FewerThanFive
                    : restsOn.Contains(Equity.Withheld.ToProtectAnother) ? Equity.Withheld.ToProtectAnother
                    : Equity.Withheld.No;
                return new PublishedFigure(reason == Equity.Withheld.No ? value : null, reason);
            }

            return new PublishedGroup(
                Figures.Key,
                Figures.Label,
                Count(Applications),
                Count(Eligible),
                Count(Funded),
                Figure(Figures.Asked, Withheld[Applications]),
                Figure(Figures.Awarded, Withheld[Funded]),
                Figure(Figures.SuccessRate, Withheld[Applications], Withheld[Funded]),
                Figure(Figures.ShareOfBudget, Withheld[Funded]),
                Figure(Figures.ShareOfApplications, Withheld[Applications], total.Withheld[Applications]));
        }
    }
}
