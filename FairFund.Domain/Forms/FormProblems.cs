using System.Text.RegularExpressions;
using FairFund.Domain.Applications;
using FairFund.Domain.Scoring;
using FairFund.Domain.Validation;

namespace FairFund.Domain.Forms;

/// <summary>
/// The questions every form asks, because the rest of FairFund needs them: the amount requested (the budget
/// table's total) for allocation and screening; the project title and dates for 360Giving and the letters.
/// Each must be on the form with its kind, required, and shown to every group (no condition on it or its section).
/// </summary>
public static class FixedQuestions
{
    /// <summary>The project title: the grant's title in 360Giving data and letters; short text.</summary>
    public const string Title = "title";
    /// <summary>When the project starts: a date.</summary>
    public const string StartDate = "startDate";
    /// <summary>When the project ends, no earlier than it starts: a date.</summary>
    public const string EndDate = "endDate";
    /// <summary>The budget table, whose total is the amount requested.</summary>
    public const string Budget = "budget";

    /// <summary>Each fixed question's key, its kind, and what it is in a fund manager's words.</summary>
    public static IReadOnlyList<(string Key, QuestionKind Kind, string Name)> All { get; } =
    [
        (Title, QuestionKind.ShortText, "the project title"),
        (StartDate, QuestionKind.Date, "the project's start date"),
        (EndDate, QuestionKind.Date, "the project's end date"),
        (Budget, QuestionKind.BudgetTable, "the budget, whose total is the amount requested"),
    ];

    /// <summary>Whether the question with this key is one every form must ask.</summary>
    public static bool IsFixed(string key) => All.Any(fixedQuestion => fixedQuestion.Key == key);

    /// <summary>Why the question with this key cannot be removed, as a sentence; null when it can.</summary>
    public static string? WhyNotRemovable(string key) => All.FirstOrDefault(fixedQuestion => fixedQuestion.Key == key) is { Key: not null } found
        ? $"You cannot remove {found.Name}: every form asks for it, because allocation, screening, 360Giving and the decision letters need it"
        : null;
}

/// <summary>The limits on a form: on how much it holds, and on every text the funder types into it.</summary>
public static class FormLimits
{
    public const int MaxSections = 30;
    public const int MaxQuestions = 100;
    public const int MaxChoices = 30;
    public const int MaxTableRows = 50;
    /// <summary>The most words a long text answer may be allowed: about four pages.</summary>
    public const int MaxAnswerWords = 2_000;
    /// <summary>The most characters any text answer may be allowed, well within a spreadsheet cell's 32,767.</summary>
    public const int MaxAnswerCharacters = 20_000;
    /// <summary>The widest whole-number range: far more than any count a group gives.</summary>
    public const decimal LargestWholeNumber = 1_000_000_000m;

    public static TextLimit SectionTitle { get; } = new(200, 30);
    public static TextLimit SectionGuidance { get; } = new(4_000, 600);
    public static TextLimit QuestionText { get; } = new(500, 80);
    public static TextLimit Label { get; } = new(200, 30);
    public static TextLimit Hint { get; } = new(2_000, 300);
    public static TextLimit IfMissing { get; } = new(300, 50);
    public static TextLimit Choice { get; } = new(200, 30);
}

public sealed partial class ApplicationForm
{
    /// <summary>
    /// Everything wrong with the form, each located (<c>sections[1].questions[0].key</c>) and worded for the
    /// fund manager: the fixed questions missing, optional, conditional or of the wrong kind; duplicate or badly
    /// formed keys; a condition on a later or missing question or on one it cannot test; empty choice lists;
    /// limits out of range; too many sections or questions; texts over their limits. Empty when the form can be used.
    /// </summary>
    /// <param name="criteria">The round's criteria, which the sections to read must name; null not to check them.</param>
    public IReadOnlyList<Problem> Problems(IReadOnlyList<Criterion>? criteria = null)
    {
        var problems = new List<Problem>();
        if (Sections.Count == 0) problems.Add(new Problem("sections", "A form needs at least one section"));
        if (Sections.Count > FormLimits.MaxSections) problems.Add(new Problem("sections", $"A form can have up to {FormLimits.MaxSections} sections (it has {Sections.Count})"));
        var questionCount = Sections.Sum(section => section.Questions.Count);
        if (questionCount > FormLimits.MaxQuestions) problems.Add(new Problem("sections", $"A form can have up to {FormLimits.MaxQuestions} questions (it has {questionCount})"));

        var sectionKeys = new HashSet<string>(StringComparer.Ordinal);
        var earlier = new Dictionary<string, Question>(StringComparer.Ordinal);
        var seenQuestionKeys = new HashSet<string>(StringComparer.Ordinal);
        for (var s = 0; s < Sections.Count; s++)
        {
            var section = Sections[s];
            var at = Location.Item("sections", s);
            problems.AddRange(KeyProblems(Location.Field(at, "key"), section.Key, "section"));
            if (!sectionKeys.Add(section.Key ?? "")) problems.Add(new Problem(Location.Field(at, "key"), $"Another section already has the key “{section.Key}”"));
            problems.AddRange(TextProblems(Location.Field(at, "title"), "The section's title", section.Title, FormLimits.SectionTitle, required: true));
            problems.AddRange(TextProblems(Location.Field(at, "guidance"), "The section's guidance", section.Guidance, FormLimits.SectionGuidance, required: false));
            if (section.ShowWhen is not null) problems.AddRange(ConditionProblems(Location.Field(at, "showWhen"), section.ShowWhen, earlier));
            if (section.Questions is null) continue;
            for (var q = 0; q < section.Questions.Count; q++)
            {
                var question = section.Questions[q];
                var questionAt = Location.Item(Location.Field(at, "questions"), q);
                problems.AddRange(QuestionProblems(questionAt, question));
                if (!seenQuestionKeys.Add(question.Key ?? "")) problems.Add(new Problem(Location.Field(questionAt, "key"), $"Another question already has the key “{question.Key}”"));
                if (question.ShowWhen is not null) problems.AddRange(ConditionProblems(Location.Field(questionAt, "showWhen"), question.ShowWhen, earlier));
                if (FixedQuestions.All.FirstOrDefault(fixedQuestion => fixedQuestion.Key == question.Key) is { Key: not null } fixedOne)
                {
                    if (question.Kind != fixedOne.Kind) problems.Add(new Problem(Location.Field(questionAt, "kind"), $"{UpperFirst(fixedOne.Name)} must be a {KindName(fixedOne.Kind)} question"));
                    if (!question.Required) problems.Add(new Problem(Location.Field(questionAt, "required"), $"{UpperFirst(fixedOne.Name)} must be required: every form asks for it"));
                    if (question.ShowWhen is not null || section.ShowWhen is not null)
                        problems.Add(new Problem(Location.Field(questionAt, "showWhen"), $"{UpperFirst(fixedOne.Name)} is asked of every group, so neither it nor its section can have a condition"));
                }
                if (question.Key is not null) earlier.TryAdd(question.Key, question);
            }
        }
        foreach (var (key, kind, name) in FixedQuestions.All)
            if (!seenQuestionKeys.Contains(key))
                problems.Add(new Problem("sections", $"Every form must ask for {name} (a {KindName(kind)} question with the key {key}): allocation, screening, 360Giving and the decision letters need it"));
        foreach (var kind in (QuestionKind[])[QuestionKind.BudgetTable, QuestionKind.Documents])
            if (Questions.Count(question => question.Kind == kind) > 1)
                problems.Add(new Problem("sections", kind == QuestionKind.BudgetTable
                    ? "A form can have only one budget table: its total is the amount requested"
                    : "A form can have only one documents question: documents belong to the whole application"));
        problems.AddRange(CriteriaProblems(criteria));
        return problems;
    }

    /// <summary>
    /// <see cref="Problems"/>, and what else must be right before the form is published with its round: every
    /// section has at least one question. (A section may be empty while the form is being built.)
    /// </summary>
    public IReadOnlyList<Problem> ProblemsBeforeOpening(IReadOnlyList<Criterion>? criteria = null) =>
        [.. Problems(criteria), .. Sections.Select((section, index) => (section, index)).Where(pair => pair.section.Questions.Count == 0)
            .Select(pair => new Problem(Location.Field(Location.Item("sections", pair.index), "questions"), $"The section “{pair.section.Title}” has no questions: add one, or remove the section"))];

    /// <summary>A kind as the builder names it: "short text", "budget table".</summary>
    public static string KindName(QuestionKind kind) => kind switch
    {
        QuestionKind.ShortText => "short text",
        QuestionKind.LongText => "long text",
        QuestionKind.WholeNumber => "whole number",
        QuestionKind.Money => "money",
        QuestionKind.Date => "date",
        QuestionKind.YesNo => "yes or no",
        QuestionKind.OneChoice => "one choice",
        QuestionKind.SeveralChoices => "several choices",
        QuestionKind.Postcode => "UK postcode",
        QuestionKind.Email => "email",
        QuestionKind.Phone => "UK phone number",
        QuestionKind.BudgetTable => "budget table",
        QuestionKind.PartnerTable => "partners table",
        _ => "documents",
    };

    private IEnumerable<Problem> CriteriaProblems(IReadOnlyList<Criterion>? criteria)
    {
        var named = new HashSet<string>(StringComparer.Ordinal);
        for (var c = 0; c < CriteriaSections.Count; c++)
        {
            var entry = CriteriaSections[c];
            var at = Location.Item("criteria", c);
            if (!named.Add(entry.Criterion ?? "")) yield return new Problem(Location.Field(at, "criterion"), $"The criterion “{entry.Criterion}” is listed twice");
            if (criteria is not null && !criteria.Any(criterion => criterion.Key == entry.Criterion))
                yield return new Problem(Location.Field(at, "criterion"), $"The round has no criterion “{entry.Criterion}”");
            foreach (var sectionKey in entry.Sections ?? [])
                if (FindSection(sectionKey) is null) yield return new Problem(Location.Field(at, "sections"), $"The form has no section “{sectionKey}” for the panel to read");
        }
    }

    private static IEnumerable<Problem> QuestionProblems(string at, Question question)
    {
        foreach (var problem in KeyProblems(Location.Field(at, "key"), question.Key, "question")) yield return problem;
        if (!Enum.IsDefined(question.Kind)) { yield return new Problem(Location.Field(at, "kind"), "Choose what kind of question it is"); yield break; }
        foreach (var problem in TextProblems(Location.Field(at, "text"), "The question", question.Text, FormLimits.QuestionText, required: true)) yield return problem;
        foreach (var problem in TextProblems(Location.Field(at, "label"), "The short name", question.Label, FormLimits.Label, required: false)) yield return problem;
        foreach (var problem in TextProblems(Location.Field(at, "hint"), "The hint", question.Hint, FormLimits.Hint, required: false)) yield return problem;
        foreach (var problem in TextProblems(Location.Field(at, "ifMissing"), "The words for a missing answer", question.IfMissing, FormLimits.IfMissing, required: false)) yield return problem;
        foreach (var problem in SettingProblems(at, question)) yield return problem;
    }

    /// <summary>Each kind's settings: those it needs, in range; none it does not use.</summary>
    private static IEnumerable<Problem> SettingProblems(string at, Question question)
    {
        var kind = question.Kind;
        var kindName = KindName(kind);
        bool isText = kind is QuestionKind.ShortText or QuestionKind.LongText, isRange = kind is QuestionKind.WholeNumber or QuestionKind.Money,
            isChoice = kind is QuestionKind.OneChoice or QuestionKind.SeveralChoices, isTable = kind is QuestionKind.BudgetTable or QuestionKind.PartnerTable;
        var needless = new List<string>();
        if (!isText && question.Limit is not null) needless.Add("limit");
        if (!isRange && (question.Min is not null || question.Max is not null)) needless.Add("min");
        if (kind != QuestionKind.Date && (question.Earliest is not null || question.Latest is not null)) needless.Add("earliest");
        if (!isChoice && question.Choices is { Count: > 0 }) needless.Add("choices");
        if (!isTable && question.MaxRows is not null) needless.Add("maxRows");
        if (kind != QuestionKind.Documents && (question.MaxDocuments is not null || question.MaxBytes is not null)) needless.Add("maxDocuments");
        foreach (var field in needless) yield return new Problem(Location.Field(at, field), $"A {kindName} question has no {SettingName(field)}");

        if (isText)
        {
            var limit = question.Limit;
            if (limit is null) yield return new Problem(Location.Field(at, "limit"), $"Give the most characters{(kind == QuestionKind.LongText ? " and words" : "")} an answer may have");
            else if (limit.Characters < 1 || limit.Characters > FormLimits.MaxAnswerCharacters)
                yield return new Problem(Location.Field(at, "limit"), $"The most characters must be between 1 and {FormLimits.MaxAnswerCharacters:N0}");
            else if (kind == QuestionKind.ShortText && limit.Words is not null)
                yield return new Problem(Location.Field(at, "limit"), "A short text question has a character limit only: use long text for a word limit");
            else if (kind == QuestionKind.ShortText && limit.Characters > TextLimit.Name.Characters)
                yield return new Problem(Location.Field(at, "limit"), $"A short text answer can have up to {TextLimit.Name.Characters} characters: use long text for more");
            else if (kind == QuestionKind.LongText && (limit.Words is not { } words || words < 1 || words > FormLimits.MaxAnswerWords))
                yield return new Problem(Location.Field(at, "limit"), $"The most words must be between 1 and {FormLimits.MaxAnswerWords:N0}");
            else if (kind == QuestionKind.LongText && limit.Characters < limit.Words)
                yield return new Problem(Location.Field(at, "limit"), "The most characters must be at least the most words");
        }
        if (isRange)
        {
            var largest = kind == QuestionKind.Money ? MoneyLimits.Largest : FormLimits.LargestWholeNumber;
            var write = kind == QuestionKind.Money ? (Func<decimal, string>)Money.Pounds : value => value.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
            if (question.Min is not { } min || question.Max is not { } max)
                yield return new Problem(Location.Field(at, "min"), "Give the smallest and largest answer allowed");
            else if (min > max) yield return new Problem(Location.Field(at, "max"), "The largest answer must be at least the smallest");
            else if (max > largest || min < (kind == QuestionKind.Money ? 0 : -largest))
                yield return new Problem(Location.Field(at, "max"), $"Answers must be between {write(kind == QuestionKind.Money ? 0 : -largest)} and {write(largest)}");
            else if (kind == QuestionKind.WholeNumber && (min != decimal.Truncate(min) || max != decimal.Truncate(max)))
                yield return new Problem(Location.Field(at, "min"), "The smallest and largest answers must be whole numbers");
            else if (kind == QuestionKind.Money && (decimal.Round(min, 2) != min || decimal.Round(max, 2) != max))
                yield return new Problem(Location.Field(at, "min"), "The smallest and largest amounts must be in pounds and pence");
        }
        if (kind == QuestionKind.Date && question.Earliest is { } earliest && question.Latest is { } latest && earliest > latest)
            yield return new Problem(Location.Field(at, "latest"), "The latest date must be on or after the earliest");
        if (isChoice)
        {
            var choices = question.Choices ?? [];
            if (choices.Count < 2) yield return new Problem(Location.Field(at, "choices"), "Give at least two answers to choose from");
            else if (choices.Count > FormLimits.MaxChoices) yield return new Problem(Location.Field(at, "choices"), $"Give up to {FormLimits.MaxChoices} answers to choose from");
            for (var c = 0; c < choices.Count; c++)
            {
                var choiceAt = Location.Item(Location.Field(at, "choices"), c);
                if (choices[c] is null || FreeText.CleanLine(choices[c]) != choices[c] || choices[c].Length == 0)
                    yield return new Problem(choiceAt, $"Answer {c + 1} must be one line of text, with no spaces at its ends");
                else if (FreeText.Check(choiceAt, $"Answer {c + 1}", choices[c], FormLimits.Choice) is { } tooLong) yield return tooLong;
                else if (choices.Take(c).Contains(choices[c], StringComparer.Ordinal)) yield return new Problem(choiceAt, $"Answer {c + 1}, “{choices[c]}”, is given twice");
            }
        }
        if (isTable && (question.MaxRows is not { } rows || rows < 1 || rows > FormLimits.MaxTableRows))
            yield return new Problem(Location.Field(at, "maxRows"), $"The most rows must be between 1 and {FormLimits.MaxTableRows}");
        if (kind == QuestionKind.Documents)
        {
            if (question.MaxDocuments is not { } most || most < 1 || most > DocumentLimits.MaxDocuments)
                yield return new Problem(Location.Field(at, "maxDocuments"), $"The most documents must be between 1 and {DocumentLimits.MaxDocuments}");
            if (question.MaxBytes is not { } bytes || bytes < 1 || bytes > DocumentLimits.MaxBytes)
                yield return new Problem(Location.Field(at, "maxBytes"), $"The largest file must be between 1 byte and {DocumentLimits.MaxSize}");
        }
    }

    private static string SettingName(string field) => field switch
    {
        "limit" => "text limit",
        "min" => "smallest or largest answer",
        "earliest" => "earliest or latest date",
        "choices" => "answers to choose from",
        "maxRows" => "most rows",
        _ => "document limits",
    };

    private static IEnumerable<Problem> ConditionProblems(string at, ShowWhen condition, IReadOnlyDictionary<string, Question> earlier)
    {
        switch (condition)
        {
            case ShowWhen.YesNoIs yesNo:
                if (!earlier.TryGetValue(yesNo.Question ?? "", out var asked))
                    yield return new Problem(Location.Field(at, "question"), $"The condition must be on a question earlier in the form; “{yesNo.Question}” is not");
                else if (asked.Kind != QuestionKind.YesNo)
                    yield return new Problem(Location.Field(at, "question"), $"“{asked.Name}” is a {KindName(asked.Kind)} question, so it cannot be tested for yes or no");
                break;
            case ShowWhen.Chosen chosen:
                if (!earlier.TryGetValue(chosen.Question ?? "", out var choiceQuestion))
                    yield return new Problem(Location.Field(at, "question"), $"The condition must be on a question earlier in the form; “{chosen.Question}” is not");
                else if (choiceQuestion.Kind is not (QuestionKind.OneChoice or QuestionKind.SeveralChoices))
                    yield return new Problem(Location.Field(at, "question"), $"“{choiceQuestion.Name}” is a {KindName(choiceQuestion.Kind)} question, so it cannot be tested for a choice");
                else if (!(choiceQuestion.Choices ?? []).Contains(chosen.Choice, StringComparer.Ordinal))
                    yield return new Problem(Location.Field(at, "choice"), $"“{chosen.Choice}” is not one of the answers to “{choiceQuestion.Name}”");
                break;
            case ShowWhen.AmountOver or ShowWhen.AmountAtMost:
                var amount = condition is ShowWhen.AmountOver over ? over.Amount : ((ShowWhen.AmountAtMost)condition).Amount;
                if (!earlier.Values.Any(question => question.Kind == QuestionKind.BudgetTable))
                    yield return new Problem(Location.Field(at, "amount"), "A condition on the amount asked for must come after the budget, where the amount is given");
                if (amount < 0 || amount > MoneyLimits.Largest)
                    yield return new Problem(Location.Field(at, "amount"), $"The amount must be between £0 and {MoneyLimits.LargestInWords}");
                else if (decimal.Round(amount, 2) != amount)
                    yield return new Problem(Location.Field(at, "amount"), "The amount must be in pounds and pence");
                break;
        }
    }

    /// <summary>A key names an answer in storage, files and exports, so it is short and plain, and means the same everywhere.</summary>
    private static IEnumerable<Problem> KeyProblems(string at, string? key, string what)
    {
        if (string.IsNullOrEmpty(key)) yield return new Problem(at, $"Give the {what} a key");
        else if (key.Length > TextLimit.Key.Characters) yield return new Problem(at, $"The key must be {TextLimit.Key.Characters} characters or fewer (it has {key.Length})");
        else if (!KeyPattern().IsMatch(key)) yield return new Problem(at, $"The key “{key}” must start with a small letter and have only letters and digits, like whoBenefits");
    }

    /// <summary>Whether this is a well-formed key for a section or question: a small letter, then letters and digits, up to 40 characters.</summary>
    public static bool IsKey(string? key) => !string.IsNullOrEmpty(key) && key.Length <= TextLimit.Key.Characters && KeyPattern().IsMatch(key);

    private static IEnumerable<Problem> TextProblems(string at, string name, string? text, TextLimit limit, bool required)
    {
        if (text is null || (required && FreeText.WordsIn(text) == 0)) yield return new Problem(at, $"Enter {LowerFirst(name)}");
        else if (FreeText.Check(at, name, text, limit) is { } tooLong) yield return tooLong;
    }

    private static string UpperFirst(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string LowerFirst(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];

    [GeneratedRegex("^[a-z][A-Za-z0-9]*$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
