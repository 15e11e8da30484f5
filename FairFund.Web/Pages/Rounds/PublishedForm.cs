using FairFund.Domain.Forms;

namespace FairFund.Web.Pages.Rounds;

/// <summary>
/// A round's form as the public reads it before applying, on the round page and the printable form: every section
/// and question, whether or not a group will be asked it, with the hint, whether it is required, its limits, its
/// choices and its condition in the domain's words (<see cref="QuestionInWords"/>).
/// </summary>
public sealed record PublishedForm(IReadOnlyList<PublishedForm.Section> Sections)
{
    public static PublishedForm Of(ApplicationForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return new PublishedForm([.. form.Sections.Select(section => new Section(
            section.Key, section.Title, section.Guidance, QuestionInWords.Condition(section.ShowWhen, form),
            [.. section.Questions.Select(question => new Item(
                question.Key, question.Kind, question.Text, question.Hint, QuestionInWords.Required(question), QuestionInWords.Limits(question),
                QuestionInWords.Choices(question), QuestionInWords.Condition(question.ShowWhen, form), SpaceFor(question),
                Math.Clamp(question.MaxRows ?? 1, 1, MostRowsOnPaper)))]))]);
    }

    public int QuestionCount => Sections.Sum(section => section.Questions.Count);

    /// <summary>How many lines to leave for a written answer on paper: about ten words a line, from 2 to 24.</summary>
    private static int SpaceFor(Question question) => question.Kind switch
    {
        QuestionKind.LongText => Math.Clamp((question.Limit?.Words ?? 100) / 10, 2, 24),
        QuestionKind.ShortText => Math.Clamp((question.Limit?.Characters ?? 100) / 80, 1, 4),
        _ => 1,
    };

    public sealed record Section(string Key, string Title, string Guidance, string? Condition, IReadOnlyList<Item> Questions);

    /// <summary>The most empty rows a table gets on paper: as many as the question allows, up to what a page holds.</summary>
    public const int MostRowsOnPaper = 15;

    /// <summary>One question in words; <paramref name="Lines"/> is the room left to write a text answer on paper, <paramref name="Rows"/> a table's empty rows.</summary>
    public sealed record Item(string Key, QuestionKind Kind, string Text, string Hint, string Required, string? Limits, IReadOnlyList<string> Choices, string? Condition, int Lines, int Rows);
}
