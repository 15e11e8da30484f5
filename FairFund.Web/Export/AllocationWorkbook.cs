using ClosedXML.Excel;
using FairFund.Domain.Allocation;
using FairFund.Domain.Moderation;
using FairFund.Domain.Rounds;
using FairFund.Domain.Scoring;
using FairFund.Web.Rounds;

namespace FairFund.Web.Export;

/// <summary>
/// What the workbook is made from: the round's rules and its allocation after moderation (which keeps the
/// computed result, and through it every application's entry and reviews). <see cref="ReviewerNames"/> maps
/// the reviewer ids in the reviews to the names to show; without it reviewers are "Reviewer 1", "Reviewer 2"…
/// </summary>
public sealed record WorkbookInput(RoundSettings Round, ModeratedAllocation Allocation, IReadOnlyDictionary<string, string>? ReviewerNames = null)
{
    /// <summary>A computed allocation no one has moderated, as the <c>allocate</c> command has it.</summary>
    public static WorkbookInput ByTheRules(RoundSettings round, AllocationResult result) =>
        new(round, Domain.Moderation.Moderation.Apply(result, [], Domain.Rounds.Round.DefaultDisagreementRange, Domain.Rounds.Round.DefaultDisagreementDeviation));
}

/// <summary>
/// The allocation as a workbook funders can open in Excel or LibreOffice: a summary, one typed row per
/// application, every step of every score's explanation, every review, and the rules in words. The fund
/// manager's download and the <c>allocate</c> command both write it, so they cannot differ.
/// </summary>
public static class AllocationWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const string ScoreFormat = "0.00";
    private const string WholeFormat = "0";
    private const string FactorFormat = "0.00##";
    private const string DateFormat = "yyyy-mm-dd";

    // Excel shows a true/false cell as TRUE or FALSE whatever its format; LibreOffice would show 1 or 0 without this.
    private const string BooleanFormat = "\"TRUE\";\"TRUE\";\"FALSE\"";

    /// <summary>Points per line of 11-point text: rows with wrapped text are given their height, as neither Excel nor LibreOffice fits it on opening.</summary>
    private const double LineHeight = 15;

    /// <summary>A column of a table: its header, its width in characters, and how its cells show.</summary>
    private sealed record Column(string Header, double Width, string? Format = null, bool Wrap = false);

    public static void Write(WorkbookInput input, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var workbook = new XLWorkbook();
        var money = MoneyFormat(input.Round.Currency);
        SummarySheet(NewSheet(workbook, "Summary"), input, money);
        AllocationsSheet(NewSheet(workbook, "Allocations"), input, money);
        // The two longest sheets keep the default alignment: a style on every one of their cells costs seconds.
        ScoreTrailSheet(workbook.AddWorksheet("Score trail"), input, money);
        ReviewsSheet(workbook.AddWorksheet("Reviews"), input);
        RulesSheet(NewSheet(workbook, "Rules"), input.Round);
        workbook.SaveAs(stream);
    }

    private static void SummarySheet(IXLWorksheet sheet, WorkbookInput input, string money)
    {
        var allocation = input.Allocation;
        var computed = allocation.Computed;
        var round = input.Round;

        // Text overflows into the empty cells to its right, so the 64-character hash needs no wide column.
        Widths(sheet, [30, 16, 15, 15, 15, 15, 15, 15]);
        var row = 1;
        row = KeyValues(sheet, row, "Round", [
            ("Reference", round.Reference, null),
            ("Name", round.Name, null),
            ("Budget", round.Budget, money),
            ("Allocated after moderation", allocation.Allocated, money),
            ("Allocated by the rules", computed.Allocated, money),
            ("Remaining after moderation", allocation.Remaining, money),
            ("Applications", allocation.Ranked.Count, WholeFormat),
            ("Changes made in moderation", allocation.Ranked.Count(application => application.IsOverridden), WholeFormat),
            ("Rules hash (SHA-256)", PublishedRules.Of(round).Sha256, null),
            ("Lottery seed", round.Seed, null),
        ]);

        row = Heading(sheet, row + 1, "Pots: money by the rules and after moderation's changes");
        var potColumns = new Column[]
        {
            new("Pot", 0), new("Key", 0), new("Amount", 0, money), new("Rolled over", 0, money), new("Available", 0, money),
            new("Allocated by the rules", 0, money), new("Allocated after moderation", 0, money), new("Remaining after moderation", 0, money),
        };
        var top = row;
        Headers(sheet, top, potColumns);
        foreach (var pot in allocation.Pots)
        {
            row++;
            var rules = computed.Pots.Single(computedPot => computedPot.Key == pot.Key);
            sheet.Cell(row, 1).SetValue(pot.Name);
            sheet.Cell(row, 2).SetValue(pot.Key);
            sheet.Cell(row, 3).SetValue(rules.Amount);
            sheet.Cell(row, 4).SetValue(rules.Rollover);
            sheet.Cell(row, 5).SetValue(pot.Available);
            sheet.Cell(row, 6).SetValue(pot.AllocatedByRules);
            sheet.Cell(row, 7).SetValue(pot.Allocated);
            sheet.Cell(row, 8).SetValue(pot.Remaining);
        }
        Table(sheet, top, row, "Pots", potColumns);

        row = Heading(sheet, row + 2, "Decisions: applications and amounts by the rules and after moderation's changes");
        var decisionColumns = new Column[]
        {
            new("Decision", 0), new("Applications by the rules", 0, WholeFormat), new("Amount by the rules", 0, money),
            new("Applications after moderation", 0, WholeFormat), new("Amount after moderation", 0, money),
        };
        top = row;
        Headers(sheet, top, decisionColumns);
        foreach (var decision in Enum.GetValues<Decision>())
        {
            row++;
            var byRules = computed.Applications.Where(application => application.Decision == decision).ToList();
            var after = allocation.Ranked.Where(application => application.Decision == decision).ToList();
            sheet.Cell(row, 1).SetValue(DecisionName(decision));
            sheet.Cell(row, 2).SetValue(byRules.Count);
            sheet.Cell(row, 3).SetValue(byRules.Sum(application => application.Amount));
            sheet.Cell(row, 4).SetValue(after.Count);
            sheet.Cell(row, 5).SetValue(after.Sum(application => application.Amount));
        }
        Table(sheet, top, row, "Decisions", decisionColumns);

        row = Heading(sheet, row + 2, "Income bands: applications and decisions after moderation's changes");
        var bandColumns = new Column[]
        {
            new("Income band", 0), new("Applications", 0, WholeFormat), new("Requested", 0, money), new("Awards", 0, WholeFormat),
            new("Amount awarded", 0, money), new("Waitlisted", 0, WholeFormat), new("Declined", 0, WholeFormat),
        };
        top = row;
        Headers(sheet, top, bandColumns);
        foreach (var band in round.IncomeBands.Bands)
        {
            row++;
            var inBand = allocation.Ranked.Where(application => application.Computed.Band == band.Key).ToList();
            sheet.Cell(row, 1).SetValue(band.Key);
            sheet.Cell(row, 2).SetValue(inBand.Count);
            sheet.Cell(row, 3).SetValue(inBand.Sum(application => application.Computed.Requested));
            sheet.Cell(row, 4).SetValue(inBand.Count(application => application.Decision == Decision.Award));
            sheet.Cell(row, 5).SetValue(inBand.Sum(application => application.Amount));
            sheet.Cell(row, 6).SetValue(inBand.Count(application => application.Decision == Decision.Waitlist));
            sheet.Cell(row, 7).SetValue(inBand.Count(application => application.Decision == Decision.Decline));
        }
        Table(sheet, top, row, "IncomeBands", bandColumns);
        Finish(sheet);
    }

    private static void AllocationsSheet(IXLWorksheet sheet, WorkbookInput input, string money)
    {
        var columns = new Column[]
        {
            new("Reference", 15), new("Organisation", 26, Wrap: true), new("Band", 8), new("Requested", 13, money),
            new("Base score", 8, ScoreFormat), new("Final score", 8, ScoreFormat), new("Rank", 6, WholeFormat),
            new("Decision by the rules", 9), new("Why declined by the rules", 12, Wrap: true), new("Amount by the rules", 13, money),
            new("Decision after moderation", 10), new("Amount after moderation", 13, money), new("Pot after moderation", 14, Wrap: true),
            new("Partial", 8, BooleanFormat), new("Change in moderation", 22, Wrap: true), new("Reason for the change", 32, Wrap: true),
            new("Changed on", 11, DateFormat), new("Lottery key", 66),
        };
        Headers(sheet, 1, columns);
        var row = 1;
        foreach (var application in input.Allocation.Ranked)
        {
            row++;
            var computed = application.Computed;
            sheet.Cell(row, 1).SetValue(computed.Reference);
            sheet.Cell(row, 2).SetValue(computed.OrganisationName);
            sheet.Cell(row, 3).SetValue(computed.Band);
            sheet.Cell(row, 4).SetValue(computed.Requested);
            if (computed.BaseScore is { } baseScore) sheet.Cell(row, 5).SetValue(baseScore);
            if (computed.FinalScore is { } finalScore) sheet.Cell(row, 6).SetValue(finalScore);
            if (computed.Rank is { } rank) sheet.Cell(row, 7).SetValue(rank);
            sheet.Cell(row, 8).SetValue(DecisionName(computed.Decision));
            if (computed.Reason is { } reason) sheet.Cell(row, 9).SetValue(ReasonName(reason));
            sheet.Cell(row, 10).SetValue(computed.Amount);
            sheet.Cell(row, 11).SetValue(DecisionName(application.Decision));
            sheet.Cell(row, 12).SetValue(application.Amount);
            if (application.PotName is { } pot) sheet.Cell(row, 13).SetValue(pot);
            sheet.Cell(row, 14).SetValue(application.Decision == Decision.Award && application.Amount < computed.Requested);
            var lines = Math.Max(Lines(computed.OrganisationName, columns[1].Width), Lines(application.PotName, columns[12].Width));
            if (application.Override is { } made)
            {
                var change = ChangeInWords(made, application);
                sheet.Cell(row, 15).SetValue(change);
                sheet.Cell(row, 16).SetValue(made.Reason);
                sheet.Cell(row, 17).SetValue(UkTime.From(made.At).Date);
                lines = Math.Max(lines, Math.Max(Lines(change, columns[14].Width), Lines(made.Reason, columns[15].Width)));
            }
            if (computed.Reason is { } why) lines = Math.Max(lines, Lines(ReasonName(why), columns[8].Width));
            sheet.Cell(row, 18).SetValue(computed.LotteryKey.ToString());
            FitRow(sheet, row, lines);
        }
        Table(sheet, 1, row, "Allocations", columns);
        Finish(sheet);
        // The lottery key is on screen but not on paper, where it would take a third of the width; the
        // Score trail prints it in the step that explains it.
        sheet.PageSetup.PrintAreas.Add(1, 1, row, columns.Length - 1);
    }

    /// <summary>
    /// Every step of every application's explanation, in the ranked order, so a reader can follow any
    /// application from its reviews to its decision; an overridden one ends with moderation's change.
    /// </summary>
    private static void ScoreTrailSheet(IXLWorksheet sheet, WorkbookInput input, string money)
    {
        var columns = new Column[] { new("Reference", 15), new("Step", 6, WholeFormat), new("Kind", 15), new("What happened", TrailWordsWidth, Wrap: true), new("Value", 13) };
        Headers(sheet, 1, columns);
        // Most values are scores: the column is formatted once for them, and only other values get a format of their own.
        sheet.Column(5).Style.NumberFormat.Format = ScoreFormat;
        var row = 1;
        foreach (var application in input.Allocation.Ranked)
        {
            var steps = application.Computed.Explain();
            for (var index = 0; index < steps.Count; index++)
            {
                var step = steps[index];
                TrailRow(sheet, ++row, application.Reference, index + 1, step.Kind, step.Describe(), step.Value, ValueFormat(step, money));
            }
            if (application.IsOverridden)
            {
                var told = application.Notice([]).Trail[^1];
                TrailRow(sheet, ++row, application.Reference, told.Number, "Moderation", told.Text, application.Amount, money);
            }
        }
        Table(sheet, 1, row, "ScoreTrail", columns);
        Finish(sheet);
    }

    private const double TrailWordsWidth = 95;

    private static void TrailRow(IXLWorksheet sheet, int row, string reference, int step, string kind, string words, decimal? value, string format)
    {
        sheet.Cell(row, 1).SetValue(reference);
        sheet.Cell(row, 2).SetValue(step);
        sheet.Cell(row, 3).SetValue(kind);
        sheet.Cell(row, 4).SetValue(words);
        FitRow(sheet, row, Lines(words, TrailWordsWidth));
        if (value is not { } number) return;
        var cell = sheet.Cell(row, 5);
        cell.SetValue(number);
        if (format is not ScoreFormat) cell.Style.NumberFormat.Format = format;
    }

    /// <summary>How a step's number reads: money as money, ranks and counts as whole numbers, factors with their places.</summary>
    private static string ValueFormat(TrailStep step, string money) => step switch
    {
        PotStep or DecisionStep => money,
        RankStep or ReviewCountStep => WholeFormat,
        MultiplierStep => FactorFormat,
        _ => ScoreFormat,
    };

    /// <summary>
    /// One row per review and criterion score, in each application's review order, so "Reviewer 1" here is
    /// "Review 1" in the score trail. Names appear only when the caller passes them.
    /// </summary>
    private static void ReviewsSheet(IXLWorksheet sheet, WorkbookInput input)
    {
        var criteria = input.Round.Criteria;
        var possible = Scores.PossiblePoints(criteria);
        var names = input.ReviewerNames;
        var columns = new List<Column> { new("Reference", 16), new("Reviewer", names is null ? 12 : 30) };
        var headers = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Reference", "Reviewer", "Review score (0–100)", "Conflict of interest", "Counted" };
        foreach (var criterion in criteria)
        {
            // Table headers must be unique; a title given twice is told apart by its key.
            var header = $"{(criterion.Title.Length > 0 ? criterion.Title : criterion.Key)} ({criterion.Min}–{criterion.Max})";
            if (!headers.Add(header)) header = $"{header} [{criterion.Key}]";
            columns.Add(new Column(header, 14, WholeFormat));
        }
        columns.AddRange([new("Review score (0–100)", 11, ScoreFormat), new("Conflict of interest", 10, BooleanFormat), new("Counted", 9, BooleanFormat)]);
        Headers(sheet, 1, columns);

        var row = 1;
        foreach (var application in input.Allocation.Ranked)
        {
            var entry = application.Computed.Application;
            var eligible = application.Computed.Reason is not DeclineReason.Ineligible;
            for (var position = 0; position < entry.Reviews.Count; position++)
            {
                var review = entry.Reviews[position];
                row++;
                sheet.Cell(row, 1).SetValue(entry.Reference);
                sheet.Cell(row, 2).SetValue(names?.GetValueOrDefault(review.Reviewer) ?? $"Reviewer {position + 1}");
                for (var c = 0; c < criteria.Count; c++) sheet.Cell(row, 3 + c).SetValue(review.Scores[c]);
                sheet.Cell(row, 3 + criteria.Count).SetValue(Scores.ReviewScore(criteria, review.Scores, possible));
                sheet.Cell(row, 4 + criteria.Count).SetValue(review.Conflict);
                sheet.Cell(row, 5 + criteria.Count).SetValue(eligible && !review.Conflict);
            }
        }
        Table(sheet, 1, row, "Reviews", columns);
        Finish(sheet);
    }

    /// <summary>The published rules in the same words as the public round page (<see cref="RulesInWords"/>).</summary>
    private static void RulesSheet(IXLWorksheet sheet, RoundSettings round)
    {
        var words = RulesInWords.Of(round);
        Widths(sheet, [30, 90, 12, 9, 9]);
        var row = KeyValues(sheet, 1, "Settings", [
            ("Budget", words.Budget, null),
            ("Grants", words.Grants, null),
            ("How review scores are combined", words.Aggregation, null),
            ("Minimum reviews", words.MinReviews, WholeFormat),
            ("Quality threshold", words.Threshold, null),
            ("Lottery band", words.LotteryBand ?? "None: candidates are ordered by score, ties by lottery key.", null),
            ("When a request is more than a pot has left", words.WhenTooBig, null),
            ("Income bands", string.Join("; ", round.IncomeBands.Bands.Select(band => band.UpTo is { } upTo ? $"{band.Key}: under £{Money.Format(upTo)}" : $"{band.Key}: the rest")), null),
        ], wrap: true);

        row = Heading(sheet, row + 1, "Criteria the panel scores");
        var criterionColumns = new Column[] { new("Criterion", 0, Wrap: true), new("Guidance", 0, Wrap: true), new("Key", 0), new("Weight", 0, FactorFormat), new("Scale", 0) };
        var top = row;
        Headers(sheet, top, criterionColumns);
        foreach (var criterion in words.Criteria)
        {
            row++;
            sheet.Cell(row, 1).SetValue(criterion.Title);
            sheet.Cell(row, 2).SetValue(criterion.Guidance);
            sheet.Cell(row, 3).SetValue(criterion.Key);
            sheet.Cell(row, 4).SetValue(criterion.Weight);
            sheet.Cell(row, 5).SetValue($"{criterion.Min} to {criterion.Max}");
            FitRow(sheet, row, Math.Max(Lines(criterion.Title, 30), Lines(criterion.Guidance, 90)));
        }
        Table(sheet, top, row, "Criteria", criterionColumns);

        row = Heading(sheet, row + 2, "Equity rules, in the order they apply");
        top = row;
        var ruleColumns = new Column[] { new("Equity rule", 0, Wrap: true), new("In words", 0, Wrap: true) };
        Headers(sheet, top, ruleColumns);
        for (var index = 0; index < round.Rules.Count; index++)
        {
            row++;
            sheet.Cell(row, 1).SetValue(round.Rules[index].Name);
            sheet.Cell(row, 2).SetValue(words.EquityRules[index]);
            FitRow(sheet, row, Math.Max(Lines(round.Rules[index].Name, 30), Lines(words.EquityRules[index], 90)));
        }
        if (round.Rules.Count == 0)
        {
            row++;
            sheet.Cell(row, 1).SetValue("None");
            sheet.Cell(row, 2).SetValue("Every application's final score is its base score.");
        }
        Table(sheet, top, row, "EquityRules", ruleColumns);

        row = Heading(sheet, row + 2, "Pots, in the order they fund");
        top = row;
        var potColumns = new Column[] { new("Pot", 0, Wrap: true), new("In words", 0, Wrap: true) };
        Headers(sheet, top, potColumns);
        var potNames = round.Pots.Select(pot => pot.Name).Append(RoundSettings.GeneralPotName).ToList();
        for (var index = 0; index < potNames.Count; index++)
        {
            row++;
            sheet.Cell(row, 1).SetValue(potNames[index]);
            sheet.Cell(row, 2).SetValue(words.Pots[index]);
            FitRow(sheet, row, Math.Max(Lines(potNames[index], 30), Lines(words.Pots[index], 90)));
        }
        Table(sheet, top, row, "PotRules", potColumns);
        Finish(sheet);
    }

    /// <summary>A two-column table of labelled values; returns its last row.</summary>
    private static int KeyValues(IXLWorksheet sheet, int top, string name, IReadOnlyList<(string Label, object Value, string? Format)> items, bool wrap = false)
    {
        var columns = new Column[] { new("Item", 0, Wrap: wrap), new("Value", 0, Wrap: wrap) };
        Headers(sheet, top, columns);
        var row = top;
        foreach (var (label, value, format) in items)
        {
            row++;
            sheet.Cell(row, 1).SetValue(label);
            var cell = sheet.Cell(row, 2);
            switch (value)
            {
                case decimal number: cell.SetValue(number); break;
                case int number: cell.SetValue(number); break;
                default: cell.SetValue(value.ToString()); break;
            }
            if (format is not null) cell.Style.NumberFormat.Format = format;
            cell.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Left;
            if (wrap) FitRow(sheet, row, Math.Max(Lines(label, sheet.Column(1).Width), Lines(cell.GetString(), sheet.Column(2).Width)));
        }
        Table(sheet, top, row, name, columns);
        return row;
    }

    /// <summary>A bold line naming the table below it; returns the table's header row.</summary>
    private static int Heading(IXLWorksheet sheet, int row, string text)
    {
        var cell = sheet.Cell(row, 1);
        cell.SetValue(text);
        cell.Style.Font.Bold = true;
        cell.Style.Font.FontSize = 12;
        return row + 1;
    }

    /// <summary>
    /// The header row, bold on grey with a rule under it, so it reads as a header where the table's own style
    /// does not show (LibreOffice, paper). A column with a width of its own gets it here; the others keep the sheet's.
    /// </summary>
    private static void Headers(IXLWorksheet sheet, int row, IReadOnlyList<Column> columns)
    {
        var lines = 1;
        for (var column = 0; column < columns.Count; column++)
        {
            if (columns[column].Width > 0) sheet.Column(column + 1).Width = columns[column].Width;
            sheet.Cell(row, column + 1).SetValue(columns[column].Header);
            lines = Math.Max(lines, Lines(columns[column].Header, sheet.Column(column + 1).Width));
        }
        var headers = sheet.Range(row, 1, row, columns.Count).Style;
        headers.Font.Bold = true;
        headers.Fill.BackgroundColor = XLColor.FromHtml("#E7E6E6");
        headers.Border.BottomBorder = XLBorderStyleValues.Thin;
        headers.Alignment.WrapText = true;
        headers.Alignment.Vertical = XLAlignmentVerticalValues.Top;
        FitRow(sheet, row, lines);
    }

    /// <summary>
    /// How many lines a wrapped text takes in a column, reckoned a little generously (a character and a bit per
    /// unit of width, less one) so a row is not cut short; an estimate, as measuring text needs fonts this server does not have.
    /// </summary>
    private static int Lines(string? text, double width)
    {
        if (string.IsNullOrEmpty(text) || width <= 0) return 1;
        var perLine = Math.Max(1, (int)(width * 1.15) - 1);
        return (text.Length + perLine - 1) / perLine;
    }

    /// <summary>A row of more than one line gets its height, and its cells sit at the top so the row reads across.</summary>
    private static void FitRow(IXLWorksheet sheet, int row, int lines)
    {
        if (lines <= 1) return;
        var fitted = sheet.Row(row);
        fitted.Height = LineHeight * lines;
        fitted.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
    }

    /// <summary>
    /// Makes rows <paramref name="top"/> to <paramref name="bottom"/> an Excel table, with each column's format set
    /// once on its whole range rather than per cell. A table with no rows keeps one empty row, as Excel needs.
    /// </summary>
    private static void Table(IXLWorksheet sheet, int top, int bottom, string name, IReadOnlyList<Column> columns)
    {
        bottom = Math.Max(bottom, top + 1);
        for (var column = 0; column < columns.Count; column++)
        {
            var spec = columns[column];
            if (spec.Format is null && !spec.Wrap) continue;
            var style = sheet.Range(top + 1, column + 1, bottom, column + 1).Style;
            if (spec.Format is not null) style.NumberFormat.Format = spec.Format;
            if (spec.Wrap) style.Alignment.WrapText = true;
        }
        sheet.Range(top, 1, bottom, columns.Count).CreateTable(name);
    }

    private static void Widths(IXLWorksheet sheet, IReadOnlyList<double> widths)
    {
        for (var column = 0; column < widths.Count; column++) sheet.Column(column + 1).Width = widths[column];
    }

    /// <summary>A sheet whose cells sit at the top, so a row with wrapped text still reads across. Set before any cell exists, so no cell is restyled.</summary>
    private static IXLWorksheet NewSheet(XLWorkbook workbook, string name)
    {
        var sheet = workbook.AddWorksheet(name);
        sheet.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
        return sheet;
    }

    /// <summary>The header row stays in view and prints on every page; pages are landscape, as wide as the paper.</summary>
    private static void Finish(IXLWorksheet sheet)
    {
        sheet.SheetView.FreezeRows(1);
        sheet.PageSetup.PageOrientation = XLPageOrientation.Landscape;
        sheet.PageSetup.PaperSize = XLPaperSize.A4Paper;
        sheet.PageSetup.FitToPages(1, 0);
        sheet.PageSetup.Margins.SetLeft(0.4).SetRight(0.4).SetTop(0.5).SetBottom(0.5);
        // Named by hand: SetRowsToRepeatAtTop writes 1:1, without the $ signs LibreOffice needs to repeat the row.
        sheet.NamedRanges.Add("_xlnm.Print_Titles", $"'{sheet.Name}'!$1:$1");
    }

    private static string DecisionName(Decision decision) => decision switch
    {
        Decision.Award => "Award",
        Decision.Waitlist => "Waitlist",
        _ => "Decline",
    };

    private static string ReasonName(DeclineReason reason) => reason switch
    {
        DeclineReason.Ineligible => "Not eligible",
        DeclineReason.InsufficientReviews => "Too few reviews",
        _ => "Below the threshold",
    };

    /// <summary>The change an override made, as the moderation page lists it.</summary>
    private static string ChangeInWords(AllocationOverride made, ModeratedApplication application) => made.Kind switch
    {
        OverrideKind.Fund => $"Funded {Money.Pounds(made.Amount)} from the {application.PotName}",
        OverrideKind.ChangeAmount => $"Amount changed to {Money.Pounds(made.Amount)}",
        _ => "Not funded",
    };

    private static string MoneyFormat(string currency) => currency switch
    {
        "GBP" => "£#,##0.00",
        "EUR" => "€#,##0.00",
        "USD" => "$#,##0.00",
        _ => "#,##0.00",
    };
}
