using System.Globalization;
using FairFund.Domain.Applications;
using FairFund.Domain.Scoring;

namespace FairFund.Domain.Forms;

/// <summary>
/// A form's questions, limits, conditions and answers in the words a group reads: "Up to 300 words", "£500 to
/// £25,000", "Only if you ask for more than £10,000". The published round page, the printable form and the
/// read-only answers all say them through here, so a limit is worded the same wherever a group or the panel meets
/// it, and in the same words as the checks that enforce it.
/// </summary>
public static class QuestionInWords
{
    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>"Required" or "Optional": whether the application can be sent without an answer.</summary>
    public static string Required(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return question.Required ? "Required" : "Optional";
    }

    /// <summary>
    /// What the answer must be, in one sentence: its length, range, dates, number of rows or files, or the shape
    /// of a postcode, email or phone number. Null when nothing limits it (a yes/no, a date with no bounds).
    /// </summary>
    public static string? Limits(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return question.Kind switch
        {
            QuestionKind.ShortText => $"Up to {Count(AnswerChecks.LimitOf(question).Characters, "character")}",
            QuestionKind.LongText => AnswerChecks.LimitOf(question) is { Words: { } words } limit
                ? $"Up to {Count(words, "word")} ({Count(limit.Characters, "character")} at most)"
                : $"Up to {Count(AnswerChecks.LimitOf(question).Characters, "character")}",
            QuestionKind.WholeNumber when question.Min is { } min && question.Max is { } max =>
                $"A whole number from {min.ToString("N0", Uk)} to {max.ToString("N0", Uk)}",
            QuestionKind.Money when question.Min is { } min && question.Max is { } max => $"{Money.Pounds(min)} to {Money.Pounds(max)}",
            QuestionKind.Date => (question.Earliest, question.Latest) switch
            {
                ({ } earliest, { } latest) => $"A date from {Date(earliest)} to {Date(latest)}",
                ({ } earliest, null) => $"A date on or after {Date(earliest)}",
                (null, { } latest) => $"A date on or before {Date(latest)}",
                _ => null,
            },
            QuestionKind.OneChoice => "Choose one",
            QuestionKind.SeveralChoices => question.Required ? "Choose one or more" : "Choose any that apply",
            QuestionKind.Postcode => "A UK postcode, like CV1 5FB",
            QuestionKind.Email => "An email address, like name@example.org",
            QuestionKind.Phone => "A UK phone number, like 024 7683 1234 or 07700 900123",
            QuestionKind.BudgetTable when question.MaxRows is { } rows =>
                $"Up to {Count(rows, "line")}, each what the money is for and what it costs. The total is the amount you ask for",
            QuestionKind.PartnerTable when question.MaxRows is { } rows => $"Up to {Count(rows, "partner")}, each with its name and what it will do",
            QuestionKind.Documents when question.MaxDocuments is { } most && question.MaxBytes is { } largest =>
                $"Up to {Count(most, "file")} of {AnswerChecks.Size(largest)} each: {string.Join(", ", DocumentKinds.All.Select(kind => kind.Name))}",
            _ => null,
        };
    }

    /// <summary>The answers a group chooses from: Yes and No for a yes/no question, the choices for a choice question, none for the rest.</summary>
    public static IReadOnlyList<string> Choices(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return question.Kind switch
        {
            QuestionKind.YesNo => ["Yes", "No"],
            QuestionKind.OneChoice or QuestionKind.SeveralChoices => question.Choices,
            _ => [],
        };
    }

    /// <summary>
    /// When a section or question is asked, as a sentence: "Only if you ask for more than £10,000", "Only if you
    /// answered Yes to “Will you work with partners on this project?”". Null when it is always asked. The
    /// question a condition tests is named by its words on <paramref name="form"/>, or by its key if it is not there.
    /// </summary>
    public static string? Condition(ShowWhen? condition, ApplicationForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        string Asked(string key) => $"“{form.Find(key)?.Text ?? key}”";
        return condition switch
        {
            null => null,
            ShowWhen.AmountOver over => $"Only if you ask for more than {Money.Pounds(over.Amount)}",
            ShowWhen.AmountAtMost atMost => $"Only if you ask for {Money.Pounds(atMost.Amount)} or less",
            ShowWhen.YesNoIs yesNo => $"Only if you answered {(yesNo.Is ? "Yes" : "No")} to {Asked(yesNo.Question)}",
            ShowWhen.Chosen chosen => $"Only if you chose “{chosen.Choice}” for {Asked(chosen.Question)}",
            _ => null,
        };
    }

    /// <summary>
    /// An answer as lines of text for reading back: text by its paragraphs, a whole number with thousands separated,
    /// money in pounds and pence (£1,234.00), a date as 1 June 2027, Yes or No, each choice on its line. Tables
    /// (<see cref="Answer.BudgetRows"/>, <see cref="Answer.PartnerRows"/>) are shown as tables, so they give none here.
    /// </summary>
    public static IReadOnlyList<string> Lines(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return answer switch
        {
            Answer.Text text => text.Value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Answer.Number number => [number.Value.ToString("N0", Uk)],
            Answer.Money money => [Pounds(money.Value)],
            Answer.Day day => [Date(day.Value)],
            Answer.YesNo yesNo => [yesNo.Value ? "Yes" : "No"],
            Answer.Choices choices => choices.Values,
            _ => [],
        };
    }

    /// <summary>Money as an answer is read back: pounds and pence always, £1,234.00, so amounts line up in a table.</summary>
    public static string Pounds(decimal amount) => Money.Written(amount, "£", alwaysPence: true);

    /// <summary>A date as people write it: 1 June 2027.</summary>
    public static string Date(DateOnly date) => AnswerChecks.InWords(date);

    private static string Count(int count, string thing) => $"{count.ToString("N0", Uk)} {thing}{(count == 1 ? "" : "s")}";
}
