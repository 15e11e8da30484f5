using FairFund.Domain.Applications;
using FairFund.Domain.Forms;

namespace FairFund.Web.Pages.Shared;

/// <summary>
/// An application's answers read back section by section, as its round's form asks them (the <c>_FormAnswers</c>
/// partial): only the sections and questions shown for these answers, so a hidden question's saved answer is not
/// shown, and documents left to the page, which links them. For the fund team's application page and the panel.
/// </summary>
public sealed record FormAnswersView(IReadOnlyList<FormAnswersView.Section> Sections)
{
    public const string NotAnswered = "Not answered";

    public static FormAnswersView Of(ApplicationForm form, FormAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(answers);
        var shown = form.ShownQuestions(answers);
        var sections = new List<Section>();
        foreach (var section in form.ShownSections(answers))
        {
            var rows = section.Questions
                .Where(question => shown.Contains(question.Key) && question.Kind != QuestionKind.Documents)
                .Select(question => RowOf(question, answers[question.Key] is { } answer && answer.Fits(question.Kind) ? answer : null))
                .ToList();
            if (rows.Count > 0) sections.Add(new Section(section.Key, section.Title, rows));
        }
        return new FormAnswersView(sections);
    }

    /// <summary>The id of a section's heading, so a criterion on the panel's page can link to the sections to read for it.</summary>
    public static string SectionId(string sectionKey) => "answers-" + sectionKey;

    private static Row RowOf(Question question, Answer? answer) => answer switch
    {
        Answer.BudgetRows budget => new Row(question.Key, question.Text, [], budget.Lines,
            QuestionInWords.Pounds(Domain.Applications.MoneyLimits.SafeSum(budget.Lines.Select(line => line.Cost))), []),
        Answer.PartnerRows partners => new Row(question.Key, question.Text, [], [], null, partners.Partners),
        null => new Row(question.Key, question.Text, [NotAnswered], [], null, []),
        _ => new Row(question.Key, question.Text, QuestionInWords.Lines(answer) is { Count: > 0 } lines ? lines : [NotAnswered], [], null, []),
    };

    public sealed record Section(string Key, string Title, IReadOnlyList<Row> Rows)
    {
        public string Id => SectionId(Key);
    }

    /// <summary>One question and its answer: lines of text, or a budget (with its total) or partners shown as a table.</summary>
    public sealed record Row(string Key, string Question, IReadOnlyList<string> Lines, IReadOnlyList<BudgetLine> Budget, string? BudgetTotal, IReadOnlyList<Partner> Partners);
}
