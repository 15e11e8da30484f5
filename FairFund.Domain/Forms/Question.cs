using FairFund.Domain.Validation;

namespace FairFund.Domain.Forms;

/// <summary>What a question asks for, which decides how it is answered, checked and shown.</summary>
public enum QuestionKind
{
    /// <summary>One line of text, with a character limit only.</summary>
    ShortText,
    /// <summary>Prose, with a word limit and a character limit.</summary>
    LongText,
    /// <summary>A whole number within a range (<see cref="Question.Min"/>..<see cref="Question.Max"/>).</summary>
    WholeNumber,
    /// <summary>An amount in pounds and pence within a range, never above <see cref="Applications.MoneyLimits.Largest"/>.</summary>
    Money,
    /// <summary>A date, optionally no earlier than <see cref="Question.Earliest"/> and no later than <see cref="Question.Latest"/>.</summary>
    Date,
    YesNo,
    /// <summary>One of <see cref="Question.Choices"/>.</summary>
    OneChoice,
    /// <summary>Any of <see cref="Question.Choices"/>, at least one when required.</summary>
    SeveralChoices,
    /// <summary>A UK postcode, such as <c>CV1 5FB</c>.</summary>
    Postcode,
    Email,
    /// <summary>A UK phone number, such as <c>024 7683 1234</c> or <c>+44 7700 900123</c>.</summary>
    Phone,
    /// <summary>Lines of what the money is for and what it costs; the total is the amount requested. One per form, key <c>budget</c>.</summary>
    BudgetTable,
    /// <summary>Partners: each a name and what it will do.</summary>
    PartnerTable,
    /// <summary>Supporting documents, counted from the application's documents; at most one per form.</summary>
    Documents,
}

/// <summary>
/// When a section or question is shown: only while its condition holds. A hidden question is not asked, not
/// checked and does not count. A condition may test only a question earlier in the form, so a group always
/// answers what decides a question before reaching it.
/// </summary>
public abstract record ShowWhen
{
    private protected ShowWhen() { }

    /// <summary>Shown when the yes/no question <paramref name="Question"/> is answered <paramref name="Is"/>.</summary>
    public sealed record YesNoIs(string Question, bool Is) : ShowWhen;

    /// <summary>
    /// Shown when the choice question <paramref name="Question"/> has <paramref name="Choice"/> chosen: for one
    /// choice, it is the answer; for several choices, it is among the answers.
    /// </summary>
    public sealed record Chosen(string Question, string Choice) : ShowWhen;

    /// <summary>
    /// Shown when the amount requested (the budget's total) is more than <paramref name="Amount"/>: "over £10,000"
    /// is <c>AmountOver(10000)</c>, so £10,000.00 is not over and £10,000.01 is. Proportionate forms: a large
    /// ask answers sections a small one skips.
    /// </summary>
    public sealed record AmountOver(decimal Amount) : ShowWhen;

    /// <summary>Shown when the amount requested is <paramref name="Amount"/> or less: the other side of <see cref="AmountOver"/>.</summary>
    public sealed record AmountAtMost(decimal Amount) : ShowWhen;
}

/// <summary>
/// One question on a form. The settings after <see cref="ShowWhen"/> belong to particular kinds (a long text's
/// <see cref="Limit"/>, a money question's <see cref="Min"/> and <see cref="Max"/>, a choice question's
/// <see cref="Choices"/>); <see cref="ApplicationForm.Problems"/> refuses a setting the kind does not use.
/// </summary>
/// <param name="Key">Names the answer wherever it is kept, checked and exported: starts with a small letter, letters and digits only, like <c>whoBenefits</c>.</param>
/// <param name="Kind">What the question asks for.</param>
/// <param name="Text">The question as the group reads it: "Who will benefit from your project?".</param>
public sealed record Question(string Key, QuestionKind Kind, string Text)
{
    /// <summary>What problems call the answer, starting a sentence ("Project title must be 140 characters or fewer"); empty to use <see cref="Text"/>.</summary>
    public string Label { get; init; } = "";

    /// <summary>What a good answer covers, shown under the question.</summary>
    public string Hint { get; init; } = "";

    /// <summary>What the group is told when a required question is not answered ("Enter a title for your project"); empty for the kind's usual words.</summary>
    public string IfMissing { get; init; } = "";

    /// <summary>Whether the application cannot be sent without an answer.</summary>
    public bool Required { get; init; } = true;

    /// <summary>When the question is shown; null for always.</summary>
    public ShowWhen? ShowWhen { get; init; }

    /// <summary>For text: the most characters, and for long text the most words too. Needed for short and long text.</summary>
    public TextLimit? Limit { get; init; }

    /// <summary>For a whole number or money: the smallest answer allowed. Needed for both.</summary>
    public decimal? Min { get; init; }

    /// <summary>For a whole number or money: the largest answer allowed. Needed for both.</summary>
    public decimal? Max { get; init; }

    /// <summary>For a date: the earliest allowed, if any.</summary>
    public DateOnly? Earliest { get; init; }

    /// <summary>For a date: the latest allowed, if any.</summary>
    public DateOnly? Latest { get; init; }

    /// <summary>For one or several choices: the answers offered, in order. At least two.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>For a budget or partner table: the most rows. Needed for both.</summary>
    public int? MaxRows { get; init; }

    /// <summary>For documents: the most files. Needed.</summary>
    public int? MaxDocuments { get; init; }

    /// <summary>For documents: the largest file, in bytes. Needed.</summary>
    public long? MaxBytes { get; init; }

    /// <summary>The answer's name in problems: <see cref="Label"/>, or the question without its question mark.</summary>
    public string Name => Label.Length > 0 ? Label : Text.TrimEnd('?', ' ');
}

/// <summary>One part of the form, a task on the group's task list and a page of its own.</summary>
/// <param name="Key">Names the section: starts with a small letter, letters and digits only, like <c>project</c>. Criteria name sections by it.</param>
/// <param name="Title">The task's name on the task list: "About your project".</param>
/// <param name="Questions">The questions, in the order they are asked.</param>
public sealed record FormSection(string Key, string Title, IReadOnlyList<Question> Questions)
{
    /// <summary>Shown at the top of the section's page, and as its hint on the task list; may be empty.</summary>
    public string Guidance { get; init; } = "";

    /// <summary>When the whole section is shown; null for always.</summary>
    public ShowWhen? ShowWhen { get; init; }
}

/// <summary>The sections the panel should read to score a criterion, named by their keys.</summary>
public sealed record CriterionSections(string Criterion, IReadOnlyList<string> Sections);
