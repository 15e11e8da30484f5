using FairFund.Domain.Allocation;
using FairFund.Domain.Forms;
using FairFund.Domain.Moderation;
using FairFund.Domain.Rounds;
using FairFund.Domain.Scoring;
using FairFund.Web.Export.Xlsx;
using FairFund.Web.Allocation;
using FairFund.Web.Equity;

namespace FairFund.Web.Export;

/// <summary>
/// What the workbook is made from: the round's rules and its allocation after moderation (which keeps the
/// computed result, and through it every application's entry and reviews). <see cref="ReviewerNames"/> maps
/// the reviewer ids in the reviews to the names to show; without it reviewers are "Reviewer 1", "Reviewer 2"…
/// <see cref="RulesHash"/> is the fingerprint the round published when it opened, which covers its own form; without
/// it (a round file) the fingerprint of the rules with <see cref="Form"/> is shown, or with the default form when there is none.
/// <see cref="Form"/> is the form the round asked, as published: with it the workbook has a sheet of the applications'
/// answers, a column per question; without it (a round file made without one) there is no such sheet.
/// </summary>
/// <see cref="Places"/> says where each application's group is, by reference, for the equity sheet; without it (a
/// round file, which carries no postcodes) every district and decile is "not known". <see cref="Outcomes"/>, once
/// the round has grants, adds the outcomes sheet (<see cref="AllocationWorkbook"/>'s <c>OutcomesSheet</c>).
/// <see cref="GroupsGivenMoreTime"/> is how many groups had a deadline of their own, later than the round's; without it
/// (a round file, which does not say) the summary leaves the row out.
public sealed record WorkbookInput(
    RoundSettings Round,
    ModeratedAllocation Allocation,
    IReadOnlyDictionary<string, string>? ReviewerNames = null,
    string? RulesHash = null,
    IReadOnlyDictionary<string, GroupPlace>? Places = null,
    ApplicationForm? Form = null,
    Domain.Grants.RoundOutcomes? Outcomes = null,
    int? GroupsGivenMoreTime = null)
{
    /// <summary>A computed allocation no one has moderated, as the <c>allocate</c> command has it, with the round file's form if it has one.</summary>
    public static WorkbookInput ByTheRules(RoundSettings round, AllocationResult result, ApplicationForm? form = null) =>
        new(round, Domain.Moderation.Moderation.Apply(result, [], Domain.Rounds.Round.DefaultDisagreementRange, Domain.Rounds.Round.DefaultDisagreementDeviation), Form: form);
}

/// <summary>
/// The allocation as a workbook funders can open in Excel or LibreOffice: a summary, one typed row per
/// application, every step of every score's explanation, every review, and the rules in words. The fund
/// manager's download and the <c>allocate</c> command both write it, so they cannot differ.
/// </summary>
public static partial class AllocationWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static readonly XlsxStyle Score = XlsxStyle.Score;
    private static readonly XlsxStyle Whole = XlsxStyle.Whole;
    private static readonly XlsxStyle Factor = XlsxStyle.Factor;
    private static readonly XlsxStyle Text = XlsxStyle.Text;
    private static readonly XlsxStyle Wrapped = XlsxStyle.Wrapped;

    /// <summary>Points per line of 11-point text: rows with wrapped text are given their height, as neither Excel nor LibreOffice fits it on opening.</summary>
    private const double LineHeight = 15;

    /// <summary>A column of a table: its header, its width in characters (0 keeps the sheet's), and how its cells show.</summary>
    private sealed record Column(string Header, double Width, XlsxStyle Style)
    {
        public Column(string header, double width) : this(header, width, Text) { }
    }

    public static void Write(WorkbookInput input, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(input);
        var money = XlsxStyle.Money(MoneyFormat(input.Round.Currency));
        using var workbook = new XlsxWriter(stream);
        SummarySheet(workbook, input, money);
        AllocationsSheet(workbook, input, money);
        ApplicationsSheet(workbook, input, money);
        ScoreTrailSheet(workbook, input, money);
        ReviewsSheet(workbook, input);
        RulesSheet(workbook, input.Round);
        EquitySheet(workbook, input, money);
        if (input.Outcomes is { } outcomes) OutcomesSheet(workbook, outcomes, money);
    }

    private static XlsxCell T(string? text) => XlsxCell.Text(text);

    private static XlsxCell N(decimal? number) => XlsxCell.Number(number);

    private static XlsxCell N(int? number) => XlsxCell.Number(number);

    private static XlsxCell B(bool value) => XlsxCell.Boolean(value);

    private static void SummarySheet(XlsxWriter workbook, WorkbookInput input, XlsxStyle money)
    {
        var allocation = input.Allocation;
        var computed = allocation.Computed;
        var round = input.Round;

        // Text overflows into the empty cells to its right, so the 64-character hash needs no wide column.
        using var sheet = workbook.Sheet("Summary", [30, 16, 15, 15, 15, 15, 15, 15]);
        KeyValues(sheet, "Round", [
            ("Reference", T(round.Reference), Text),
            ("Name", T(round.Name), Text),
            ("Budget", N(round.Budget), money),
            ("Allocated after moderation", N(allocation.Allocated), money),
            ("Allocated by the rules", N(computed.Allocated), money),
            ("Remaining after moderation", N(allocation.Remaining), money),
            ("Applications", N(allocation.Ranked.Count), Whole),
            ("Changes made in moderation", N(allocation.Ranked.Count(application => application.IsOverridden)), Whole),
            ("Rules hash (SHA-256)", T(input.RulesHash ?? PublishedRules.Of(round, input.Form ?? ApplicationForm.Default).Sha256), Text),
            ("Lottery seed", T(round.Seed), Text),
            .. input.GroupsGivenMoreTime is { } extended ? [("Groups given more time to apply", N(extended), Whole)] : Array.Empty<(string, XlsxCell, XlsxStyle)>(),
        ]);

        Heading(sheet, "Pots: money by the rules and after moderation's changes");
        Table(sheet, "Pots", [
            new("Pot", 0), new("Key", 0), new("Amount", 0, money), new("Rolled over", 0, money), new("Available", 0, money),
            new("Allocated by the rules", 0, money), new("Allocated after moderation", 0, money), new("Remaining after moderation", 0, money),
        ]);
        foreach (var pot in allocation.Pots)
        {
            var rules = computed.Pots.Single(computedPot => computedPot.Key == pot.Key);
            sheet.Row(T(pot.Name), T(pot.Key), N(rules.Amount), N(rules.Rollover), N(pot.Available), N(pot.AllocatedByRules), N(pot.Allocated), N(pot.Remaining));
        }
        sheet.EndTable();

        sheet.Skip();
        Heading(sheet, "Decisions: applications and amounts by the rules and after moderation's changes");
        Table(sheet, "Decisions", [
            new("Decision", 0), new("Applications by the rules", 0, Whole), new("Amount by the rules", 0, money),
            new("Applications after moderation", 0, Whole), new("Amount after moderation", 0, money),
        ]);
        foreach (var decision in Enum.GetValues<Decision>())
        {
            var byRules = computed.Applications.Where(application => application.Decision == decision).ToList();
            var after = allocation.Ranked.Where(application => application.Decision == decision).ToList();
            sheet.Row(T(DecisionName(decision)), N(byRules.Count), N(byRules.Sum(application => application.Amount)), N(after.Count), N(after.Sum(application => application.Amount)));
        }
        sheet.EndTable();

        sheet.Skip();
        Heading(sheet, "Income bands: applications and decisions after moderation's changes");
        Table(sheet, "IncomeBands", [
            new("Income band", 0), new("Applications", 0, Whole), new("Requested", 0, money), new("Awards", 0, Whole),
            new("Awarded", 0, money), new("Waitlisted", 0, Whole), new("Declined", 0, Whole),
        ]);
        foreach (var band in round.IncomeBands.Bands)
        {
            var inBand = allocation.Ranked.Where(application => application.Computed.Band == band.Key).ToList();
            sheet.Row(
                T(band.Key), N(inBand.Count), N(inBand.Sum(application => application.Computed.Requested)),
                N(inBand.Count(application => application.Decision == Decision.Award)), N(inBand.Sum(application => application.Amount)),
                N(inBand.Count(application => application.Decision == Decision.Waitlist)), N(inBand.Count(application => application.Decision == Decision.Decline)));
        }
        sheet.EndTable();
    }

    private static void AllocationsSheet(XlsxWriter workbook, WorkbookInput input, XlsxStyle money)
    {
        Column[] columns =
        [
            new("Reference", 15), new("Organisation", 26, Wrapped), new("Band", 8), new("Requested", 13, money),
            new("Base score", 8, Score), new("Final score", 8, Score), new("Rank", 6, Whole),
            new("Decision by the rules", 9), new("Why declined by the rules", 12, Wrapped), new("Amount by the rules", 13, money),
            new("Decision after moderation", 12), new("Amount after moderation", 13, money), new("Pot after moderation", 14, Wrapped),
            new("Partial", 8, XlsxStyle.Boolean), new("Change in moderation", 22, Wrapped), new("Reason for the change", 32, Wrapped),
            new("Changed on", 11, XlsxStyle.Date), new("Lottery key", 66),
        ];
        using var sheet = workbook.Sheet("Allocations", [.. columns.Select(column => column.Width)]);
        Table(sheet, "Allocations", columns);
        foreach (var application in input.Allocation.Ranked)
        {
            var computed = application.Computed;
            var reason = computed.Reason is { } why ? ReasonName(why) : null;
            var made = application.Override;
            // Every change, in the order made, one to a line: the last one is the one that stands.
            var change = Numbered(application.Overrides.Select(input.Allocation.ChangeInWords).ToList());
            var reasons = Numbered(application.Overrides.Select(each => each.Reason).ToList());
            var lines = Max(
                Lines(computed.OrganisationName, columns[1].Width), Lines(application.PotName, columns[12].Width), Lines(reason, columns[8].Width),
                Lines(change, columns[14].Width), Lines(reasons, columns[15].Width));
            sheet.Row(Height(lines),
                T(computed.Reference), T(computed.OrganisationName), T(computed.Band), N(computed.Requested),
                N(computed.BaseScore), N(computed.FinalScore), N(computed.Rank),
                T(DecisionName(computed.Decision)), T(reason), N(computed.Amount),
                T(DecisionName(application.Decision)), N(application.Amount), T(application.PotName),
                B(application.Decision == Decision.Award && application.Amount < computed.Requested),
                T(change), T(reasons), made is null ? default : XlsxCell.Date(UkTime.From(made.At).Date),
                T(computed.LotteryKey.ToString()));
        }
        sheet.EndTable();
        // The lottery key is on screen but not on paper, where it would take a third of the width; the
        // Score trail prints it in the step that explains it.
        sheet.PrintArea(columns.Length - 1);
    }

    /// <summary>Excel's tallest row, in points: a taller one makes it call the file damaged.</summary>
    private const double TallestRow = 409;

    /// <summary>Excel's longest table column name.</summary>
    private const int LongestHeader = 255;

    private static readonly string[] ApplicationColumns = ["Reference", "Organisation", "Requested", "Decision after moderation"];

    /// <summary>
    /// One row per application, in the ranked order, and after the first columns a column per question of the round's
    /// form, in the form's order, headed by the question as the group read it: only the answers that count
    /// (<see cref="ApplicationForm.AnswersThatCount"/>). Each answer is typed as it was asked: money a number in the
    /// round's money format, a date an Excel date, yes/no the words "Yes" or "No", several choices one to a line.
    /// A table question (budget lines, partners) is one cell with a line per row ("Room hire: £300.00"), not columns
    /// per row: each question then keeps exactly one column, so the sheet's columns are the form's whatever the
    /// longest table, a filter or a column of answers reads as one question, and the budget's total is the Requested
    /// column beside it. Documents are files, not answers, and have no column. No sheet without the form.
    /// </summary>
    private static void ApplicationsSheet(XlsxWriter workbook, WorkbookInput input, XlsxStyle money)
    {
        if (input.Form is not { } form) return;
        var questions = form.Questions.Where(question => question.Kind != QuestionKind.Documents).ToList();
        var columns = new List<Column> { new(ApplicationColumns[0], 15), new(ApplicationColumns[1], 26, Wrapped), new(ApplicationColumns[2], 13, money), new(ApplicationColumns[3], 12) };
        var headers = new HashSet<string>(ApplicationColumns, StringComparer.OrdinalIgnoreCase);
        foreach (var question in questions)
        {
            // Table headers must be unique, as Excel compares them; a question asked twice in the same words is told apart by its key.
            var header = Header(question.Text, "");
            if (!headers.Add(header)) headers.Add(header = Header(question.Text, $" [{question.Key}]"));
            columns.Add(new Column(header, AnswerWidth(question.Kind), AnswerStyle(question.Kind, money)));
        }
        using var sheet = workbook.Sheet("Applications", [.. columns.Select(column => column.Width)]);
        Table(sheet, "Applications", columns);
        var cells = new XlsxCell[columns.Count];
        foreach (var application in input.Allocation.Ranked)
        {
            var computed = application.Computed;
            var answers = form.AnswersThatCount(computed.Application.Answers).ToDictionary(pair => pair.Question.Key, pair => pair.Answer, StringComparer.Ordinal);
            cells[0] = T(computed.Reference);
            cells[1] = T(computed.OrganisationName);
            cells[2] = N(computed.Requested);
            cells[3] = T(DecisionName(application.Decision));
            var lines = WrappedLines(computed.OrganisationName, columns[1].Width);
            for (var index = 0; index < questions.Count; index++)
            {
                var cell = AnswerCell(answers.GetValueOrDefault(questions[index].Key));
                cells[ApplicationColumns.Length + index] = cell;
                if (columns[ApplicationColumns.Length + index].Style.Wrap) lines = Math.Max(lines, WrappedLines(cell.Value, columns[ApplicationColumns.Length + index].Width));
            }
            sheet.Row(Height(lines) is { } height ? Math.Min(height, TallestRow) : null, cells);
        }
        sheet.EndTable();
    }

    /// <summary>A question as a table header: on one line, cut to Excel's longest with an ellipsis, then <paramref name="suffix"/>.</summary>
    private static string Header(string text, string suffix)
    {
        var line = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var room = LongestHeader - suffix.Length;
        return (line.Length <= room ? line : string.Concat(line.AsSpan(0, room - 1), "…")) + suffix;
    }

    /// <summary>One answer's cell: typed as its question asks; empty when the question was not answered or not shown.</summary>
    private static XlsxCell AnswerCell(Answer? answer) => answer switch
    {
        Answer.Text text => T(text.Value),
        Answer.Number number => N((decimal)number.Value),
        Answer.Money amount => N(amount.Value),
        Answer.Day day => XlsxCell.Date(day.Value.ToDateTime(TimeOnly.MinValue)),
        Answer.YesNo yesNo => T(yesNo.Value ? "Yes" : "No"),
        Answer.Choices choices => T(string.Join("\n", choices.Values)),
        Answer.BudgetRows budget => T(string.Join("\n", budget.Lines.Select(line => $"{line.Item}: {QuestionInWords.Pounds(line.Cost)}"))),
        Answer.PartnerRows partners => T(string.Join("\n", partners.Partners.Select(partner => $"{partner.Name}: {partner.Role}"))),
        _ => default,
    };

    private static XlsxStyle AnswerStyle(QuestionKind kind, XlsxStyle money) => kind switch
    {
        QuestionKind.WholeNumber => Whole,
        QuestionKind.Money => money,
        QuestionKind.Date => XlsxStyle.Date,
        QuestionKind.YesNo or QuestionKind.OneChoice or QuestionKind.Postcode or QuestionKind.Email or QuestionKind.Phone => Text,
        _ => Wrapped,
    };

    private static double AnswerWidth(QuestionKind kind) => kind switch
    {
        QuestionKind.LongText => 60,
        QuestionKind.BudgetTable or QuestionKind.PartnerTable => 40,
        QuestionKind.ShortText or QuestionKind.Email or QuestionKind.SeveralChoices => 26,
        QuestionKind.OneChoice or QuestionKind.Phone => 18,
        QuestionKind.Money => 13,
        QuestionKind.Date => 11,
        QuestionKind.WholeNumber or QuestionKind.Postcode => 10,
        _ => 8,
    };

    /// <summary>The lines a text of several lines takes when wrapped: each of its lines wraps on its own.</summary>
    private static int WrappedLines(string? text, double width) =>
        string.IsNullOrEmpty(text) ? 1 : text.Split('\n').Sum(line => Lines(line, width));

    /// <summary>
    /// Every step of every application's explanation, in the ranked order, so a reader can follow any
    /// application from its reviews to its decision; an overridden one ends with moderation's change.
    /// Each application's trail is made as its rows are written, so the sheet is never held whole.
    /// </summary>
    private static void ScoreTrailSheet(XlsxWriter workbook, WorkbookInput input, XlsxStyle money)
    {
        Column[] columns = [new("Reference", 15), new("Step", 6, Whole), new("Kind", 15), new("What happened", TrailWordsWidth, Wrapped), new("Value", 13, Score)];
        using var sheet = workbook.Sheet("Score trail", [.. columns.Select(column => column.Width)]);
        Table(sheet, "ScoreTrail", columns);
        foreach (var application in input.Allocation.Ranked)
        {
            var steps = application.Computed.Explain();
            for (var index = 0; index < steps.Count; index++)
            {
                var step = steps[index];
                TrailRow(sheet, application.Reference, index + 1, step.Kind, step.Describe(), step.Value, ValueStyle(step, money));
            }
            if (application.IsOverridden)
            {
                // The same steps the group is told: one for each change, in order, then the decision that stands.
                var told = application.Notice([], RoundAllocation.UkDay).Trail.Skip(steps.Count).ToList();
                for (var index = 0; index < application.Changes.Count; index++)
                    TrailRow(sheet, application.Reference, told[index].Number, "Moderation", told[index].Text, application.Changes[index].After.Amount, money);
                TrailRow(sheet, application.Reference, told[^1].Number, "Final decision", told[^1].Text, application.Amount, money);
            }
        }
        sheet.EndTable();
    }

    /// <summary>One item as it is; several numbered, a line each; none as an empty cell.</summary>
    private static string? Numbered(List<string> items) => items.Count switch
    {
        0 => null,
        1 => items[0],
        _ => string.Join("\n", items.Select((item, index) => $"{index + 1}. {item}")),
    };

    private const double TrailWordsWidth = 95;

    private static void TrailRow(SheetWriter sheet, string reference, int step, string kind, string words, decimal? value, XlsxStyle style) =>
        sheet.Row(Height(Lines(words, TrailWordsWidth)), T(reference), N(step), T(kind), T(words), style == Score ? N(value) : N(value).With(style));

    /// <summary>How a step's number reads: money as money, ranks and counts as whole numbers, factors with their places.</summary>
    private static XlsxStyle ValueStyle(TrailStep step, XlsxStyle money) => step switch
    {
        PotStep or DecisionStep => money,
        RankStep or ReviewCountStep => Whole,
        MultiplierStep => Factor,
        _ => Score,
    };

    /// <summary>
    /// One row per review and criterion score, in each application's review order, so "Reviewer 1" here is
    /// "Review 1" in the score trail. Names appear only when the caller passes them.
    /// </summary>
    private static void ReviewsSheet(XlsxWriter workbook, WorkbookInput input)
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
            columns.Add(new Column(header, 14, Whole));
        }
        columns.AddRange([new("Review score (0–100)", 11, Score), new("Conflict of interest", 10, XlsxStyle.Boolean), new("Counted", 9, XlsxStyle.Boolean)]);
        using var sheet = workbook.Sheet("Reviews", [.. columns.Select(column => column.Width)]);
        Table(sheet, "Reviews", columns);

        var cells = new XlsxCell[columns.Count];
        foreach (var application in input.Allocation.Ranked)
        {
            var entry = application.Computed.Application;
            var eligible = application.Computed.Reason is not DeclineReason.Ineligible;
            for (var position = 0; position < entry.Reviews.Count; position++)
            {
                var review = entry.Reviews[position];
                cells[0] = T(entry.Reference);
                cells[1] = T(names?.GetValueOrDefault(review.Reviewer) ?? $"Reviewer {position + 1}");
                for (var c = 0; c < criteria.Count; c++) cells[2 + c] = N(review.Scores[c]);
                cells[2 + criteria.Count] = N(Scores.ReviewScore(criteria, review.Scores, possible));
                cells[3 + criteria.Count] = B(review.Conflict);
                cells[4 + criteria.Count] = B(eligible && !review.Conflict);
                sheet.Row(cells);
            }
        }
        sheet.EndTable();
    }

    /// <summary>The published rules in the same words as the public round page (<see cref="RulesInWords"/>).</summary>
    private static void RulesSheet(XlsxWriter workbook, RoundSettings round)
    {
        var words = RulesInWords.Of(round);
        using var sheet = workbook.Sheet("Rules", [30, 90, 12, 9, 9]);
        KeyValues(sheet, "Settings", [
            ("Budget", T(words.Budget), Text),
            ("Grants", T(words.Grants), Text),
            ("How review scores are combined", T(words.Aggregation), Text),
            ("Minimum reviews", N(words.MinReviews), Whole),
            ("Quality threshold", T(words.Threshold), Text),
            ("Lottery band", T(words.LotteryBand ?? "None: candidates are ordered by score, ties by lottery key."), Text),
            ("When a request is more than a pot has left", T(words.WhenTooBig), Text),
            ("Income bands", T(string.Join("; ", round.IncomeBands.Bands.Select(band => band.UpTo is { } upTo ? $"{band.Key}: under {Money.Written(upTo, "£", alwaysPence: true)}" : $"{band.Key}: the rest"))), Text),
        ], wrap: true);

        Heading(sheet, "Criteria the panel scores");
        Table(sheet, "Criteria", [new("Criterion", 0, Wrapped), new("Guidance", 0, Wrapped), new("Key", 0), new("Weight", 0, Factor), new("Scale", 0)]);
        foreach (var criterion in words.Criteria)
        {
            sheet.Row(Height(Max(Lines(criterion.Title, 30), Lines(criterion.Guidance, 90))),
                T(criterion.Title), T(criterion.Guidance), T(criterion.Key), N(criterion.Weight), T($"{criterion.Min} to {criterion.Max}"));
        }
        sheet.EndTable();

        sheet.Skip();
        Heading(sheet, "Equity rules, in the order they apply");
        Table(sheet, "EquityRules", [new("Equity rule", 0, Wrapped), new("In words", 0, Wrapped)]);
        for (var index = 0; index < round.Rules.Count; index++)
        {
            var (name, inWords) = (round.Rules[index].Name, words.EquityRules[index]);
            sheet.Row(Height(Max(Lines(name, 30), Lines(inWords, 90))), T(name), T(inWords));
        }
        if (round.Rules.Count == 0) sheet.Row(T("None"), T("Every application's final score is its base score."));
        sheet.EndTable();

        sheet.Skip();
        Heading(sheet, "Pots, in the order they fund");
        Table(sheet, "PotRules", [new("Pot", 0, Wrapped), new("In words", 0, Wrapped)]);
        var potNames = round.Pots.Select(pot => pot.Name).Append(RoundSettings.GeneralPotName).ToList();
        for (var index = 0; index < potNames.Count; index++)
            sheet.Row(Height(Max(Lines(potNames[index], 30), Lines(words.Pots[index], 90))), T(potNames[index]), T(words.Pots[index]));
        sheet.EndTable();
    }

    /// <summary>
    /// The equity report on the decisions after moderation (every figure, as on the fund team's equity page: a
    /// workbook is not published), then what the equity rules did: the same allocation on the same scores and seed
    /// without them, the money each band and flag gained or lost, and every application they decided differently.
    /// </summary>
    private static void EquitySheet(XlsxWriter workbook, WorkbookInput input, XlsxStyle money)
    {
        var figures = RoundEquityFigures.Of(input.Round, input.Allocation, input.Places);
        var report = figures.Report;
        var share = new XlsxStyle("0.0%");
        using var sheet = workbook.Sheet("Equity", [30, 14, 13, 11, 11, 11, 14, 14, 12, 14]);
        foreach (var dimension in report.Dimensions)
        {
            Heading(sheet, $"{dimension.Title}: the decisions after moderation");
            Table(sheet, EquityTableName(dimension.Key), [
                new("Group", 0), new("Key", 0), new("Applications", 0, Whole), new("Eligible", 0, Whole), new("Funded", 0, Whole),
                new("Success rate", 0, share), new("Asked", 0, money), new("Awarded", 0, money), new("Share of budget", 0, share), new("Share of applications", 0, share),
            ]);
            foreach (var group in dimension.Groups.Append(report.Total))
            {
                sheet.Row(T(group.Label), T(group.Key), N(group.Applications), N(group.Eligible), N(group.Funded),
                    N(group.SuccessRate), N(group.Asked), N(group.Awarded), N(group.ShareOfBudget), N(group.ShareOfApplications));
            }
            sheet.EndTable();
            sheet.Skip();
        }

        var effect = figures.Effect;
        Heading(sheet, "What the equity rules did: money by income band with the rules and without them (same scores and seed; no multipliers, bonuses or ring-fenced pots)");
        MovedTable(sheet, "RulesEffectBands", "Income band", money, [.. effect.ByBand.Select(moved => (moved.Group, moved)), ("Not awarded (left in the budget)", effect.Unallocated)]);
        sheet.Skip();
        Heading(sheet, "What the equity rules did: money by equity flag (a group may have several, or none)");
        MovedTable(sheet, "RulesEffectFlags", "Flag", money, [.. effect.ByFlag.Select(moved => (moved.Group, moved))]);
        sheet.Skip();
        Heading(sheet, "Applications the equity rules decided differently");
        Table(sheet, "RulesChangedDecisions", [
            new("Reference", 0), new("Organisation", 0, Wrapped), new("Band", 0), new("Decision with the rules", 0), new("Amount with the rules", 0, money),
            new("Decision without them", 0), new("Amount without them", 0, money), new("Funded only because of the rules", 0, XlsxStyle.Boolean),
            new("Not funded because of the rules", 0, XlsxStyle.Boolean),
        ]);
        foreach (var difference in effect.Differences)
        {
            sheet.Row(Height(Lines(difference.Published.OrganisationName, sheet.Width(2))),
                T(difference.Reference), T(difference.Published.OrganisationName), T(difference.Published.Band),
                T(DecisionName(difference.Published.Decision)), N(difference.Published.Amount),
                T(DecisionName(difference.Alternative.Decision)), N(difference.Alternative.Amount),
                B(difference.FundedOnlyAsPublished), B(difference.FundedOnlyInAlternative));
        }
        sheet.EndTable();
    }

    private static void MovedTable(SheetWriter sheet, string name, string groupHeader, XlsxStyle money, IReadOnlyList<(string Group, Domain.Equity.MoneyMoved Moved)> rows)
    {
        Table(sheet, name, [
            new(groupHeader, 0), new("Funded with the rules", 0, Whole), new("Funded without them", 0, Whole),
            new("Awarded with the rules", 0, money), new("Awarded without them", 0, money), new("Moved by the rules", 0, money),
        ]);
        foreach (var (group, moved) in rows)
            sheet.Row(T(group), N(moved.FundedWithRules), N(moved.FundedWithoutRules), N(moved.AwardedWithRules), N(moved.AwardedWithoutRules), N(moved.Moved));
        sheet.EndTable();
    }

    /// <summary>A table name a spreadsheet accepts: <c>flag:userLed</c> becomes <c>Equity_flag_userLed</c>.</summary>
    private static string EquityTableName(string dimensionKey) => "Equity_" + dimensionKey.Replace(':', '_');

    /// <summary>A two-column table of labelled values, each value at the left of its cell whatever its type.</summary>
    private static void KeyValues(SheetWriter sheet, string name, IReadOnlyList<(string Label, XlsxCell Value, XlsxStyle Style)> items, bool wrap = false)
    {
        var cellStyle = wrap ? Wrapped : Text;
        Table(sheet, name, [new("Item", 0, cellStyle), new("Value", 0, cellStyle)]);
        foreach (var (label, value, style) in items)
        {
            var lines = wrap ? Max(Lines(label, sheet.Width(1)), Lines(value.Value, sheet.Width(2))) : 1;
            sheet.Row(Height(lines), T(label), value.With(style with { Wrap = wrap, Left = true }));
        }
        sheet.EndTable();
    }

    /// <summary>A bold line naming the table below it.</summary>
    private static void Heading(SheetWriter sheet, string text) => sheet.Row(T(text).With(XlsxStyle.Heading));

    /// <summary>Starts a table with its header row, as tall as its longest header needs in the sheet's widths.</summary>
    private static void Table(SheetWriter sheet, string name, IReadOnlyList<Column> columns)
    {
        var lines = 1;
        for (var column = 0; column < columns.Count; column++) lines = Math.Max(lines, Lines(columns[column].Header, sheet.Width(column + 1), bold: true));
        sheet.BeginTable(name, [.. columns.Select(column => new XlsxColumn(column.Header, column.Width, column.Style))], Height(lines));
    }

    /// <summary>
    /// How many lines a wrapped text takes in a column: words laid out as the spreadsheet wraps them, reckoning a
    /// character and a bit per unit of width (a little less for bold), less one, so a row is not cut short. An
    /// estimate, as measuring text needs fonts this server does not have.
    /// </summary>
    private static int Lines(string? text, double width, bool bold = false)
    {
        if (string.IsNullOrEmpty(text) || width <= 0) return 1;
        var perLine = Math.Max(1, (int)(width * (bold ? 1.0 : 1.15)) - 1);
        var lines = 1;
        var used = 0;
        foreach (var word in text.AsSpan().Split(' '))
        {
            var length = word.End.GetOffset(text.Length) - word.Start.GetOffset(text.Length);
            if (used == 0) used = length;
            else if (used + 1 + length <= perLine) used += 1 + length;
            else
            {
                lines++;
                used = length;
            }
            // A word longer than the line breaks where the line ends.
            while (used > perLine)
            {
                lines++;
                used -= perLine;
            }
        }
        return lines;
    }

    private static int Max(params ReadOnlySpan<int> lines)
    {
        var most = 1;
        foreach (var count in lines) most = Math.Max(most, count);
        return most;
    }

    /// <summary>A row of more than one line gets its height; others keep the default.</summary>
    private static double? Height(int lines) => lines > 1 ? LineHeight * lines : null;

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

    private static string MoneyFormat(string currency) => currency switch
    {
        // A second section for amounts below zero, written as everywhere else: the minus sign (U+2212) before the
        // symbol. The symbols are quoted, as literal text, so every reader of the format takes them as written.
        "GBP" => "\"£\"#,##0.00;\"\u2212£\"#,##0.00",
        "EUR" => "\"€\"#,##0.00;\"\u2212€\"#,##0.00",
        "USD" => "\"$\"#,##0.00;\"\u2212$\"#,##0.00",
        _ => "#,##0.00;\"\u2212\"#,##0.00",
    };
}
