using System.Globalization;
using FairFund.Domain.Applications;
using FairFund.Domain.Forms;
using FairFund.Domain.Validation;
using FairFund.Web.Data;
using FairFund.Web.Forms;
using Microsoft.AspNetCore.Mvc;

namespace FairFund.Web.Pages.Fund;

/// <summary>
/// Adds a question to a section, or changes one: what it asks, its hint, whether it is required, the settings its
/// kind takes (limits, a range, choices, rows, documents) and when it is shown. Adding starts by choosing the kind
/// (a GET form, so no JavaScript is needed), and the page then shows only that kind's settings.
/// </summary>
public sealed class FormQuestionModel(FairFundDbContext db, TimeProvider time) : FormBuilderPage(db, time)
{
    private const long Megabyte = 1024 * 1024;

    [BindProperty]
    public QuestionInput Input { get; set; } = new();

    [BindProperty]
    public ConditionInput Condition { get; set; } = new();

    public FormSection Section { get; private set; } = null!;

    /// <summary>The question changed; null while adding one.</summary>
    public Question? Question { get; private set; }

    /// <summary>The kind whose settings are shown; null until it is chosen.</summary>
    public QuestionKind? Kind { get; private set; }

    public IReadOnlyList<Choice> Answers { get; private set; } = [];

    public bool IsFixed => Question is not null && FixedQuestions.IsFixed(Question.Key);

    public async Task<IActionResult> OnGetAsync(string reference, string section, string? key, string? kind, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken) || !Find(section, key)) return NotFound();
        Kind = Enum.TryParse<QuestionKind>(kind, out var chosen) && Enum.IsDefined(chosen) && !IsFixed ? chosen : Question?.Kind;
        if (Question is not null) Input = QuestionInput.From(Question);
        if (Question is not null) Condition = ConditionInput.From(Question.ShowWhen);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, string section, string? key, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken) || !Find(section, key)) return NotFound();
        if (!Enum.TryParse<QuestionKind>(Input.Kind, out var kind) || !Enum.IsDefined(kind)) return BadRequest();
        Kind = kind;
        if (Round.WhyFormCannotChange is { } closed) return Refused(closed + ".");
        var showWhen = Condition.Read(Errors, out _);
        var question = Read(kind, showWhen);
        if (question is null || Errors.Any) return Page();
        var shown = await SaveEditAsync(form => Question is { } existing ? form.EditQuestion(existing.Key, question) : form.AddQuestion(Section.Key, question), FieldOf, cancellationToken);
        return shown ?? RedirectToPage("/Fund/FormSection", null, new { reference, key = Section.Key }, FormSectionModel.QuestionId(question.Key));
    }

    protected override IActionResult ShowAgain()
    {
        Find(Section.Key, Question?.Key);
        return Page();
    }

    /// <summary>The question as typed, or null with errors at the inputs whose numbers or dates do not read.</summary>
    private Question? Read(QuestionKind kind, ShowWhen? showWhen)
    {
        var taken = Round.Form.Questions.Select(q => q.Key).Where(k => k != Question?.Key);
        var text = Input.Text ?? "";
        var key = Question is { } existing && FixedQuestions.IsFixed(existing.Key) ? existing.Key
            : string.IsNullOrWhiteSpace(Input.Key) ? FormBuilderPage.KeyFrom(text, taken, "question") : Input.Key.Trim();
        Input.Key = key;
        var question = new Question(key, kind, text)
        {
            Label = Input.Label ?? "",
            Hint = Input.Hint ?? "",
            IfMissing = Input.IfMissing ?? "",
            Required = Input.Required != "no",
            ShowWhen = showWhen,
        };
        switch (kind)
        {
            case QuestionKind.ShortText:
                return Whole(Input.MaxCharacters, "max-characters", "Enter the most characters as a whole number, like 200") is { } characters
                    ? question with { Limit = new TextLimit(characters) } : null;
            case QuestionKind.LongText:
                var words = Whole(Input.MaxWords, "max-words", "Enter the most words as a whole number, like 300");
                var most = Whole(Input.MaxCharacters, "max-characters", "Enter the most characters as a whole number, like 2000");
                return words is { } w && most is { } c ? question with { Limit = new TextLimit(c, w) } : null;
            case QuestionKind.WholeNumber or QuestionKind.Money:
                var money = kind == QuestionKind.Money;
                var min = Number(Input.Min, "min", money);
                var max = Number(Input.Max, "max", money);
                return min is not null && max is not null ? question with { Min = min, Max = max } : null;
            case QuestionKind.Date:
                var earliest = Date(Input.Earliest, "earliest");
                var latest = Date(Input.Latest, "latest");
                return Errors.Any ? null : question with { Earliest = earliest, Latest = latest };
            case QuestionKind.OneChoice or QuestionKind.SeveralChoices:
                return question with { Choices = [.. (Input.Choices ?? "").Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0)] };
            case QuestionKind.BudgetTable or QuestionKind.PartnerTable:
                return Whole(Input.MaxRows, "max-rows", "Enter the most rows as a whole number, like 10") is { } rows ? question with { MaxRows = rows } : null;
            case QuestionKind.Documents:
                var count = Whole(Input.MaxDocuments, "max-documents", "Enter the most documents as a whole number, like 5");
                var size = Whole(Input.MaxMegabytes, "max-megabytes", "Enter the largest file in MB as a whole number, like 10");
                return count is { } n && size is { } mb ? question with { MaxDocuments = n, MaxBytes = mb * Megabyte } : null;
            default:
                return question;
        }
    }

    private int? Whole(string? text, string field, string message)
    {
        if (FormNumbers.TryWhole(text, out var value) && value is >= 0 and <= 1_000_000) return value;
        Errors.Add(field, message);
        return null;
    }

    private decimal? Number(string? text, string field, bool money)
    {
        if (money ? FormNumbers.TryMoney(text, out var amount) : FormNumbers.TryNumber(text, out amount)) return amount;
        Errors.Add(field, money ? $"Enter the {(field == "min" ? "smallest" : "largest")} amount in pounds, like 500" : $"Enter the {(field == "min" ? "smallest" : "largest")} answer as a number, like {(field == "min" ? "0" : "100")}");
        return null;
    }

    private DateOnly? Date(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim(), ["d M yyyy", "d/M/yyyy", "d-M-yyyy", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        Errors.Add(field, $"Enter the {field} date as day, month and year, like 1 6 2027");
        return null;
    }

    /// <summary>Finds the section and question (none while adding); false when either is not on the form.</summary>
    private bool Find(string section, string? key)
    {
        var form = Round.Form;
        if (form.FindSection(section) is not { } found) return false;
        Section = found;
        Question = key is null ? null : found.Questions.FirstOrDefault(question => question.Key == key);
        if (key is not null && Question is null) return false;
        var earlier = form.Sections.TakeWhile(s => s.Key != section).SelectMany(s => s.Questions)
            .Concat(found.Questions.TakeWhile(question => question.Key != key));
        Answers = ConditionInput.AnswersOf(earlier);
        return true;
    }

    /// <summary>The input a problem from the domain is about, on this page.</summary>
    private string FieldOf(string location) => ConditionInput.FieldOf(location) ?? location switch
    {
        "key" or "text" or "label" or "hint" or "required" or "min" or "max" or "earliest" or "latest" => location,
        "ifMissing" => "if-missing",
        "limit" => Kind == QuestionKind.LongText && Errors.For("max-words") is null ? "max-words" : "max-characters",
        "maxRows" => "max-rows",
        "maxDocuments" => "max-documents",
        "maxBytes" => "max-megabytes",
        _ when location.StartsWith("choices", StringComparison.Ordinal) => "choices",
        _ => "text",
    };

    /// <summary>The kinds offered, each with what it is for.</summary>
    public static IReadOnlyList<Choice> KindChoices { get; } =
    [
        new(nameof(QuestionKind.ShortText), "Short text", "One line, such as a name. A character limit."),
        new(nameof(QuestionKind.LongText), "Long text", "Paragraphs. A word limit and a character limit."),
        new(nameof(QuestionKind.WholeNumber), "Whole number", "Such as how many people take part, between a smallest and largest."),
        new(nameof(QuestionKind.Money), "Money", "An amount in pounds, between a smallest and largest."),
        new(nameof(QuestionKind.Date), "Date", "Optionally no earlier or later than a date."),
        new(nameof(QuestionKind.YesNo), "Yes or no"),
        new(nameof(QuestionKind.OneChoice), "One choice", "One of a list of answers."),
        new(nameof(QuestionKind.SeveralChoices), "Several choices", "Any of a list of answers."),
        new(nameof(QuestionKind.Postcode), "UK postcode"),
        new(nameof(QuestionKind.Email), "Email address"),
        new(nameof(QuestionKind.Phone), "UK phone number"),
        new(nameof(QuestionKind.BudgetTable), "Budget table", "Lines of what the money is for and what it costs. Every form has one."),
        new(nameof(QuestionKind.PartnerTable), "Partners table", "Each partner's name and what it will do."),
        new(nameof(QuestionKind.Documents), "Documents", "Files the group adds, with a count and size limit. At most one per form."),
    ];

    public sealed class QuestionInput
    {
        public string? Kind { get; set; }
        public string? Key { get; set; }
        public string? Text { get; set; }
        public string? Label { get; set; }
        public string? Hint { get; set; }
        public string? IfMissing { get; set; }
        public string? Required { get; set; } = "yes";
        public string? MaxCharacters { get; set; }
        public string? MaxWords { get; set; }
        public string? Min { get; set; }
        public string? Max { get; set; }
        public string? Earliest { get; set; }
        public string? Latest { get; set; }
        public string? Choices { get; set; }
        public string? MaxRows { get; set; }
        public string? MaxDocuments { get; set; } = DocumentLimits.MaxDocuments.ToString(CultureInfo.InvariantCulture);
        public string? MaxMegabytes { get; set; } = (DocumentLimits.MaxBytes / Megabyte).ToString(CultureInfo.InvariantCulture);

        public static QuestionInput From(Question question) => new()
        {
            Kind = question.Kind.ToString(),
            Key = question.Key,
            Text = question.Text,
            Label = question.Label,
            Hint = question.Hint,
            IfMissing = question.IfMissing,
            Required = question.Required ? "yes" : "no",
            MaxCharacters = question.Limit?.Characters.ToString(CultureInfo.InvariantCulture),
            MaxWords = question.Limit?.Words?.ToString(CultureInfo.InvariantCulture),
            Min = question.Min is { } min ? FormNumbers.Number(min) : null,
            Max = question.Max is { } max ? FormNumbers.Number(max) : null,
            Earliest = question.Earliest?.ToString("d M yyyy", CultureInfo.InvariantCulture),
            Latest = question.Latest?.ToString("d M yyyy", CultureInfo.InvariantCulture),
            Choices = string.Join('\n', question.Choices),
            MaxRows = question.MaxRows?.ToString(CultureInfo.InvariantCulture),
            MaxDocuments = (question.MaxDocuments ?? DocumentLimits.MaxDocuments).ToString(CultureInfo.InvariantCulture),
            MaxMegabytes = ((question.MaxBytes ?? DocumentLimits.MaxBytes) / Megabyte).ToString(CultureInfo.InvariantCulture),
        };
    }
}
