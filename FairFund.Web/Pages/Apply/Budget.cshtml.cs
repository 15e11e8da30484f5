using System.Globalization;
using System.Text.RegularExpressions;
using FairFund.Domain.Applications;
using FairFund.Domain.Validation;
using FairFund.Web.Data;
using FairFund.Web.Forms;
using Microsoft.AspNetCore.Mvc;

namespace FairFund.Web.Pages.Apply;

/// <summary>
/// What the money is for: up to ten lines of an item and its cost, whose total is the amount requested.
/// The form shows the lines entered and a few empty ones; no JavaScript is needed to add more.
/// </summary>
public sealed partial class BudgetModel(FairFundDbContext db, ApplicantRecords records) : TaskQuestionPageModel(db, records)
{
    /// <summary>How many empty lines the form offers after those filled in.</summary>
    public const int EmptyRows = 3;

    /// <summary>For each line the application kept, the form row it came from, so that its problems are shown at that row.</summary>
    private readonly List<int> _rowOfLine = [];

    public override ApplicationTask Part => ApplicationTask.Budget;

    [BindProperty]
    public BudgetInput Input { get; set; } = new();

    /// <summary>The saved budget's total: the amount the group is asking for. Null before any line is saved.</summary>
    public decimal? SavedTotal { get; private set; }

    /// <summary>The rows the form shows: those entered, then empty ones, up to the most a budget may have.</summary>
    public int RowCount => Math.Min(AnswerLimits.BudgetLines, Input.Lines.Count + EmptyRows);

    public override string? MoreRowsLabel => RowCount < AnswerLimits.BudgetLines ? "Save and add more lines" : null;

    public LineInput Row(int index) => index < Input.Lines.Count ? Input.Lines[index] : new LineInput();

    protected override void FillFrom(Application application) => Input = new BudgetInput
    {
        Lines = [.. application.Budget.Select(line => new LineInput { Item = line.Item, Cost = FormNumbers.Money(line.Cost) })],
    };

    protected override IReadOnlyList<Problem> SaveAnswers(Application application, ICollection<FieldError> entryErrors)
    {
        // Rows left empty are dropped, and the form is shown again without them, so that row numbers match the lines saved.
        Input.Lines = [.. Input.Lines.Take(AnswerLimits.BudgetLines).Where(row => !row.IsBlank)];
        var lines = new List<BudgetLine>();
        for (var row = 0; row < Input.Lines.Count; row++)
        {
            var entered = Input.Lines[row];
            var cost = 0m;
            if (!FormNumbers.IsBlank(entered.Cost) && !FormNumbers.TryMoney(entered.Cost, out cost))
                entryErrors.Add(new FieldError($"budget-{row}-cost", $"Enter the cost of line {row + 1} as an amount of money, like 150 or £1,200.50"));
            var line = new BudgetLine(entered.Item ?? "", cost);
            lines.Add(line);
            // The application drops a line with no item (once cleaned) and no cost, as it would an empty row.
            if (FreeText.CleanLine(line.Item).Length > 0 || line.Cost != 0) _rowOfLine.Add(row);
        }
        return application.AnswerBudget(lines);
    }

    protected override string FieldId(string location)
    {
        var match = LineLocation().Match(location);
        if (!match.Success) return base.FieldId(location);
        var line = int.Parse(match.Groups["line"].Value, CultureInfo.InvariantCulture);
        var row = line < _rowOfLine.Count ? _rowOfLine[line] : line;
        return $"budget-{row}-{match.Groups["field"].Value}";
    }

    protected override IEnumerable<string> FieldOrder() =>
        ["budget", .. Enumerable.Range(0, AnswerLimits.BudgetLines).SelectMany(row => new[] { $"budget-{row}-item", $"budget-{row}-cost" })];

    protected override void AfterSave(Application application) => SavedTotal = application.Budget.Count > 0 ? application.AmountRequested : null;

    [GeneratedRegex(@"^budget\[(?<line>\d+)\]\.(?<field>item|cost)$")]
    private static partial Regex LineLocation();

    public sealed class BudgetInput
    {
        public List<LineInput> Lines { get; set; } = [];
    }

    public sealed class LineInput
    {
        public string? Item { get; set; }
        public string? Cost { get; set; }

        public bool IsBlank => FormNumbers.IsBlank(Item) && FormNumbers.IsBlank(Cost);
    }
}
