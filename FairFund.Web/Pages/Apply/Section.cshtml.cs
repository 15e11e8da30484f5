using System.Globalization;
using System.Text.RegularExpressions;
using FairFund.Domain.Applications;
using FairFund.Domain.Forms;
using FairFund.Domain.Validation;
using FairFund.Web.Data;
using FairFund.Web.Forms;
using Microsoft.AspNetCore.Mvc;

namespace FairFund.Web.Pages.Apply;

/// <summary>
/// Any section of a round's form, asked from the form itself: each question as its kind is asked (text with its
/// word and character counts, numbers, money, GOV.UK date inputs, radios, tick boxes, tables of rows), saved and
/// checked by the domain, with its problems at their fields. No JavaScript is needed: a question shown only for
/// an answer on this page is always on it, saying when it is needed, and a table offers more rows by saving.
/// Field names are <c>answers.{key}</c> (a date's parts <c>answers.{key}.Day</c>, as the date partial names them; a row's <c>answers.{key}[0].item</c>),
/// so no question key can meet the page's own fields.
/// </summary>
public sealed partial class SectionModel(FairFundDbContext db, ApplicantRecords records) : QuestionPageModel(db, records)
{
    /// <summary>How many empty rows a table offers after those filled in: as the budget and partner pages do.</summary>
    public const int EmptyBudgetRows = 3;
    public const int EmptyPartnerRows = 2;

    public const string Yes = "yes";
    public const string No = "no";

    private readonly Dictionary<string, string> _entered = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<string>> _chosen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _rowsEntered = new(StringComparer.Ordinal);

    /// <summary>For each table's key, the form row each kept line came from, so that its problems are shown at that row.</summary>
    private readonly Dictionary<string, List<int>> _rowOfLine = new(StringComparer.Ordinal);

    [BindProperty(SupportsGet = true, Name = "section")]
    public string Key { get; set; } = "";

    public override string SectionKey => Key;

    protected override string PageName => SectionPages.SectionPage;

    /// <summary>The questions the page asks: those shown for the saved answers, and those shown only for an answer on this page.</summary>
    public IReadOnlyList<Question> Asked { get; private set; } = [];

    /// <summary>How many documents the application has, for a documents question.</summary>
    public int DocumentCount { get; private set; }

    /// <summary>The saved budget's total, shown under a budget table; null before any line is saved.</summary>
    public decimal? SavedTotal { get; private set; }

    public override string? MoreRowsLabel => Asked.Any(question => IsTable(question) && RowCount(question) < MostRows(question)) ? "Save and add more rows" : null;

    /// <summary>The name of the field for a question's answer, or one of its parts: <c>answers.founded.Day</c>, <c>answers.budget[0].cost</c>.</summary>
    public static string NameOf(string key, string? part = null) => part is null ? $"answers.{key}" : $"answers.{key}{(part.StartsWith('[') ? "" : ".")}{part}";

    /// <summary>What the field of this name holds: what was entered, or the saved answer.</summary>
    public string Value(string name) => _entered.GetValueOrDefault(name, "");

    /// <summary>What is chosen for a yes/no or choice question, as the values its inputs send.</summary>
    public IReadOnlyList<string> Chosen(string key) => _chosen.GetValueOrDefault(key, []);

    /// <summary>The rows a table shows: those entered, then empty ones, up to its most.</summary>
    public int RowCount(Question question) =>
        Math.Min(MostRows(question), _rowsEntered.GetValueOrDefault(question.Key) + (question.Kind == QuestionKind.BudgetTable ? EmptyBudgetRows : EmptyPartnerRows));

    /// <summary>The question's hint as the group reads it: when it is needed, its guidance, and its limits.</summary>
    public string? HintOf(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var condition = IsShown(question) ? null : QuestionInWords.Condition(question.ShowWhen, Own.Form);
        var limits = question.Kind is QuestionKind.YesNo or QuestionKind.OneChoice or QuestionKind.Documents ? null : QuestionInWords.Limits(question);
        var parts = new[] { condition, question.Hint, limits }.Where(part => !string.IsNullOrWhiteSpace(part)).Select(part => Sentence(part!)).ToList();
        return parts.Count == 0 ? null : string.Join(" ", parts);
    }

    /// <summary>The question as its label or legend: with "(optional)" when it can be left empty.</summary>
    public static string LabelOf(Question question) => question.Required ? question.Text : $"{question.Text} (optional)";

    public string FieldIdOf(Question question, string? part = null) => FieldIds.Of(question.Key) + (part is null ? "" : "-" + part);

    public string? ErrorFor(string fieldId) => Errors.For(fieldId);

    protected override void FillFrom(Application application)
    {
        var answers = application.Answers;
        foreach (var question in AskedFor(answers))
        {
            var answer = answers[question.Key] is { } given && given.Fits(question.Kind) ? given : null;
            var name = NameOf(question.Key);
            switch (answer)
            {
                case Answer.Text text: _entered[name] = text.Value; break;
                case Answer.Number number: _entered[name] = number.Value.ToString("N0", CultureInfo.GetCultureInfo("en-GB")); break;
                case Answer.Money money: _entered[name] = FormNumbers.Money(money.Value); break;
                case Answer.Day day:
                    var input = DateInput.From(day.Value);
                    (_entered[NameOf(question.Key, "Day")], _entered[NameOf(question.Key, "Month")], _entered[NameOf(question.Key, "Year")]) = (input.Day!, input.Month!, input.Year!);
                    break;
                case Answer.YesNo yesNo: _chosen[question.Key] = [yesNo.Value ? Yes : No]; break;
                case Answer.Choices choices: _chosen[question.Key] = choices.Values; break;
                case Answer.BudgetRows budget:
                    _rowsEntered[question.Key] = budget.Lines.Count;
                    for (var row = 0; row < budget.Lines.Count; row++)
                    {
                        _entered[NameOf(question.Key, $"[{row}].item")] = budget.Lines[row].Item;
                        _entered[NameOf(question.Key, $"[{row}].cost")] = FormNumbers.Money(budget.Lines[row].Cost);
                    }
                    break;
                case Answer.PartnerRows partners:
                    _rowsEntered[question.Key] = partners.Partners.Count;
                    for (var row = 0; row < partners.Partners.Count; row++)
                    {
                        _entered[NameOf(question.Key, $"[{row}].name")] = partners.Partners[row].Name;
                        _entered[NameOf(question.Key, $"[{row}].role")] = partners.Partners[row].Role;
                    }
                    break;
            }
        }
    }

    protected override IReadOnlyList<Problem> SaveAnswers(Application application, ICollection<FieldError> entryErrors)
    {
        var form = Request.Form;
        var answers = new List<(string Key, Answer? Answer)>();
        foreach (var question in AskedFor(application.Answers))
        {
            var key = question.Key;
            var name = NameOf(key);
            var id = FieldIdOf(question);
            string Entered(string field)
            {
                var value = form[field].FirstOrDefault() ?? "";
                _entered[field] = value;
                return value;
            }
            switch (question.Kind)
            {
                case QuestionKind.ShortText or QuestionKind.LongText or QuestionKind.Postcode or QuestionKind.Email or QuestionKind.Phone:
                    answers.Add((key, new Answer.Text(Entered(name))));
                    break;
                case QuestionKind.WholeNumber:
                {
                    var text = Entered(name);
                    if (FormNumbers.IsBlank(text)) answers.Add((key, null));
                    else if (TryWhole(text, out var number)) answers.Add((key, new Answer.Number(number)));
                    else entryErrors.Add(new FieldError(id, $"{question.Name} must be a whole number, like 12"));
                    break;
                }
                case QuestionKind.Money:
                {
                    var text = Entered(name);
                    if (FormNumbers.IsBlank(text)) answers.Add((key, null));
                    else if (FormNumbers.TryMoney(text, out var amount)) answers.Add((key, new Answer.Money(amount)));
                    else entryErrors.Add(new FieldError(id, $"{question.Name} must be an amount of money, like 150 or £1,200.50"));
                    break;
                }
                case QuestionKind.Date:
                {
                    var input = new DateInput { Day = Entered(NameOf(key, "Day")), Month = Entered(NameOf(key, "Month")), Year = Entered(NameOf(key, "Year")) };
                    var errors = new FormErrors();
                    var date = UkDateInput.ReadOptionalDate(input, id, "date", errors);
                    if (errors.Any) entryErrors.Add(new FieldError(id + "-day", $"{question.Name}: {LowerFirst(errors.All[0].Message)}"));
                    else answers.Add((key, date is { } day ? new Answer.Day(day) : null));
                    break;
                }
                case QuestionKind.YesNo:
                {
                    var chosen = form[name].FirstOrDefault();
                    _chosen[key] = chosen is null ? [] : [chosen];
                    answers.Add((key, chosen switch { Yes => new Answer.YesNo(true), No => new Answer.YesNo(false), _ => null }));
                    break;
                }
                case QuestionKind.OneChoice or QuestionKind.SeveralChoices:
                {
                    IReadOnlyList<string> chosen = [.. form[name].OfType<string>().Where(choice => choice.Length > 0)];
                    _chosen[key] = chosen;
                    answers.Add((key, new Answer.Choices(chosen)));
                    break;
                }
                case QuestionKind.BudgetTable:
                    answers.Add((key, new Answer.BudgetRows(ReadRows(question, "item", "cost", form, (item, cost, row) =>
                    {
                        var amount = 0m;
                        if (!FormNumbers.IsBlank(cost) && !FormNumbers.TryMoney(cost, out amount))
                            entryErrors.Add(new FieldError(FieldIdOf(question, $"{row}-cost"), $"Enter the cost of line {row + 1} as an amount of money, like 150 or £1,200.50"));
                        return new BudgetLine(item, amount);
                    }, line => FreeText.CleanLine(line.Item).Length > 0 || line.Cost != 0))));
                    break;
                case QuestionKind.PartnerTable:
                    answers.Add((key, new Answer.PartnerRows(ReadRows(question, "name", "role", form, (partner, role, _) => new Partner(partner, role),
                        partner => FreeText.CleanLine(partner.Name).Length > 0 || FreeText.Clean(partner.Role).Length > 0))));
                    break;
            }
        }
        return application.SaveAnswers(Own.Form, answers);
    }

    /// <summary>
    /// A table's rows as entered, blank ones dropped so that row numbers match the lines saved, and the form row of
    /// each line the application will keep (<paramref name="kept"/>), so its problems are shown where it was typed.
    /// </summary>
    private List<T> ReadRows<T>(Question question, string first, string second, IFormCollection form, Func<string, string, int, T> read, Func<T, bool> kept)
    {
        var entered = new List<(string First, string Second)>();
        for (var row = 0; row < MostRows(question); row++)
        {
            var one = form[NameOf(question.Key, $"[{row}].{first}")].FirstOrDefault() ?? "";
            var two = form[NameOf(question.Key, $"[{row}].{second}")].FirstOrDefault() ?? "";
            if (!FormNumbers.IsBlank(one) || !FormNumbers.IsBlank(two)) entered.Add((one, two));
        }
        _rowsEntered[question.Key] = entered.Count;
        var rows = new List<T>();
        var rowOfLine = _rowOfLine[question.Key] = [];
        for (var row = 0; row < entered.Count; row++)
        {
            _entered[NameOf(question.Key, $"[{row}].{first}")] = entered[row].First;
            _entered[NameOf(question.Key, $"[{row}].{second}")] = entered[row].Second;
            var value = read(entered[row].First, entered[row].Second, row);
            rows.Add(value);
            if (kept(value)) rowOfLine.Add(row);
        }
        return rows;
    }

    protected override string FieldId(string location)
    {
        var match = RowLocation().Match(location);
        if (!match.Success) return SectionPages.FieldIdOf(Own.Form, location);
        var key = match.Groups["key"].Value;
        var line = int.Parse(match.Groups["line"].Value, CultureInfo.InvariantCulture);
        var row = _rowOfLine.TryGetValue(key, out var rows) && line < rows.Count ? rows[line] : line;
        return $"{FieldIds.Of(key)}-{row}-{match.Groups["field"].Value}";
    }

    protected override IEnumerable<string> FieldOrder() => Section.Questions.SelectMany(question => question.Kind switch
    {
        QuestionKind.Date => [FieldIdOf(question, "day")],
        QuestionKind.BudgetTable => [FieldIdOf(question), .. Enumerable.Range(0, MostRows(question)).SelectMany(row => new[] { FieldIdOf(question, $"{row}-item"), FieldIdOf(question, $"{row}-cost") })],
        QuestionKind.PartnerTable => [FieldIdOf(question), .. Enumerable.Range(0, MostRows(question)).SelectMany(row => new[] { FieldIdOf(question, $"{row}-name"), FieldIdOf(question, $"{row}-role") })],
        _ => new[] { FieldIdOf(question) },
    });

    protected override void AfterSave(Application application)
    {
        Asked = AskedFor(application.Answers);
        DocumentCount = application.Documents.Count;
        SavedTotal = Asked.Any(question => question.Kind == QuestionKind.BudgetTable) && application.Answers[FixedQuestions.Budget] is Answer.BudgetRows { Lines.Count: > 0 }
            ? Own.Form.AmountRequested(application.Answers)
            : null;
    }

    /// <summary>Whether the question is shown for the saved answers; one that is not is on the page only because an answer here may show it.</summary>
    public bool IsShown(Question question) => Own.Form.IsShown(question.Key, Own.Application.Answers);

    /// <summary>
    /// The section's questions this page asks for <paramref name="answers"/>: those shown, and those shown only for
    /// the answer to a question asked earlier on this page, so the group can answer both at once without a script.
    /// </summary>
    private List<Question> AskedFor(FormAnswers answers)
    {
        var shown = Own.Form.ShownQuestions(answers);
        var asked = new List<Question>();
        foreach (var question in Section.Questions)
        {
            var testedHere = question.ShowWhen switch
            {
                ShowWhen.YesNoIs yesNo => asked.Any(earlier => earlier.Key == yesNo.Question),
                ShowWhen.Chosen chosen => asked.Any(earlier => earlier.Key == chosen.Question),
                _ => false,
            };
            if (shown.Contains(question.Key) || testedHere) asked.Add(question);
        }
        return asked;
    }

    /// <summary>A whole number as people type one: digits, thousands separated by commas or not ("1,200"), an optional minus.</summary>
    private static bool TryWhole(string text, out long number)
    {
        number = 0;
        var trimmed = text.Trim();
        var negative = trimmed.StartsWith('-');
        var digits = negative ? trimmed[1..] : trimmed;
        if (digits.Contains('.', StringComparison.Ordinal) || digits.Contains('£', StringComparison.Ordinal) || !FormNumbers.TryMoney(digits, out var value)
            || value > long.MaxValue) return false;
        number = (long)value * (negative ? -1 : 1);
        return true;
    }

    private static bool IsTable(Question question) => question.Kind is QuestionKind.BudgetTable or QuestionKind.PartnerTable;

    private static int MostRows(Question question) => question.MaxRows ?? (question.Kind == QuestionKind.BudgetTable ? AnswerLimits.BudgetLines : AnswerLimits.Partners);

    private static string Sentence(string text)
    {
        var trimmed = text.Trim();
        return trimmed.EndsWith('.') || trimmed.EndsWith('?') || trimmed.EndsWith('!') ? trimmed : trimmed + ".";
    }

    private static string LowerFirst(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];

    [GeneratedRegex(@"^(?<key>[a-zA-Z0-9]+)\[(?<line>\d+)\]\.(?<field>item|cost|name|role)$")]
    private static partial Regex RowLocation();
}
