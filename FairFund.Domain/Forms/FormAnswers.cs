using System.Collections.Immutable;
using FairFund.Domain.Applications;
using FairFund.Domain.Validation;

namespace FairFund.Domain.Forms;

/// <summary>
/// One answer, typed by what it holds. Which kinds of question take which answer: text for short text, long
/// text, postcode, email and phone; <see cref="Number"/> for a whole number; <see cref="Money"/>; <see cref="Day"/>;
/// <see cref="YesNo"/>; <see cref="Choices"/> for one or several choices; <see cref="BudgetRows"/>;
/// <see cref="PartnerRows"/>. Documents are not answers: they are counted from the application's documents.
/// </summary>
public abstract record Answer
{
    private protected Answer() { }

    /// <summary>Text, for short text, long text, postcode, email and phone questions.</summary>
    public sealed record Text(string Value) : Answer;

    /// <summary>A whole number.</summary>
    public sealed record Number(long Value) : Answer;

    /// <summary>An amount in pounds.</summary>
    public sealed record Money(decimal Value) : Answer;

    /// <summary>A date (named Day, as Date is a keyword in some .NET languages).</summary>
    public sealed record Day(DateOnly Value) : Answer;

    /// <summary>Yes (true) or no (false).</summary>
    public sealed record YesNo(bool Value) : Answer;

    /// <summary>The choices made, in the order offered once saved; one for a one-choice question.</summary>
    public sealed record Choices(IReadOnlyList<string> Values) : Answer;

    /// <summary>The budget's lines; their total is the amount requested.</summary>
    public sealed record BudgetRows(IReadOnlyList<BudgetLine> Lines) : Answer;

    /// <summary>The partners, each a name and what it will do.</summary>
    public sealed record PartnerRows(IReadOnlyList<Partner> Partners) : Answer;

    /// <summary>Whether a question of <paramref name="kind"/> takes this answer.</summary>
    public bool Fits(QuestionKind kind) => (this, kind) switch
    {
        (Text, QuestionKind.ShortText or QuestionKind.LongText or QuestionKind.Postcode or QuestionKind.Email or QuestionKind.Phone) => true,
        (Number, QuestionKind.WholeNumber) => true,
        (Money, QuestionKind.Money) => true,
        (Day, QuestionKind.Date) => true,
        (YesNo, QuestionKind.YesNo) => true,
        (Choices, QuestionKind.OneChoice or QuestionKind.SeveralChoices) => true,
        (BudgetRows, QuestionKind.BudgetTable) => true,
        (PartnerRows, QuestionKind.PartnerTable) => true,
        _ => false,
    };
}

/// <summary>
/// A group's answers, by question key: immutable, so each change gives a new set. Only answers that say
/// something are kept (no empty text, no empty table). An answer whose question has gone, or now takes another
/// kind of answer, is kept but ignored (<see cref="ApplicationForm.AnswersLost"/> lists them).
/// </summary>
public sealed class FormAnswers
{
    private readonly ImmutableSortedDictionary<string, Answer> _answers;

    private FormAnswers(ImmutableSortedDictionary<string, Answer> answers) => _answers = answers;

    /// <summary>No answers: a new application.</summary>
    public static FormAnswers Empty { get; } = new(ImmutableSortedDictionary.Create<string, Answer>(StringComparer.Ordinal));

    /// <summary>The keys answered, in ordinal order.</summary>
    public IEnumerable<string> Keys => _answers.Keys;

    /// <summary>How many questions are answered.</summary>
    public int Count => _answers.Count;

    /// <summary>The answer to <paramref name="key"/>, or null when there is none.</summary>
    public Answer? this[string key] => _answers.GetValueOrDefault(key);

    /// <summary>The text answer to <paramref name="key"/>, or "" when there is none (or the answer is not text).</summary>
    public string TextOf(string key) => (this[key] as Answer.Text)?.Value ?? "";

    /// <summary>
    /// These answers with <paramref name="key"/> answered <paramref name="answer"/>, as given: no cleaning and no
    /// checks. Pages save through <see cref="ApplicationForm.Save"/>, which cleans and refuses what cannot be stored;
    /// this is for loading answers already saved. Null removes the answer.
    /// </summary>
    public FormAnswers With(string key, Answer? answer)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new(answer is null ? _answers.Remove(key) : _answers.SetItem(key, answer));
    }

    /// <summary>
    /// The application's answers (<see cref="Application.Answers"/>), which it keeps by question key, so an
    /// application answered through today's pages reads the same on the default form.
    /// </summary>
    public static FormAnswers Of(Application application)
    {
        ArgumentNullException.ThrowIfNull(application);
        return application.Answers;
    }
}

/// <summary>What saving an answer gave: the answers to keep, and what was refused (then the answers are as they were).</summary>
/// <param name="Answers">The answers after saving, or the ones given when refused.</param>
/// <param name="Refused">Why the answer could not be stored, each at its field; empty when it was saved.</param>
public sealed record SaveResult(FormAnswers Answers, IReadOnlyList<Problem> Refused)
{
    /// <summary>Whether the answer was stored.</summary>
    public bool Saved => Refused.Count == 0;
}
