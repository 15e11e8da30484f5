using FairFund.Domain.Applications;
using FairFund.Domain.Forms;
using FairFund.Domain.Validation;

namespace FairFund.Tests.Domain.Forms;

/// <summary>Forms and answers for the form tests: the default form with an extra section, and answers saved through the form.</summary>
internal static class FormsForTests
{
    public const string Extra = "extra";

    /// <summary>Grants wide enough for the proportionate boundary at £10,000 to be inside the range.</summary>
    public static readonly GrantRange WideGrants = new(100m, 50_000m);

    /// <summary>The default form with one more section of <paramref name="questions"/> at its end, which must be a valid form.</summary>
    public static ApplicationForm DefaultWith(params Question[] questions) => DefaultWith(null, questions);

    public static ApplicationForm DefaultWith(ShowWhen? sectionShowWhen, params Question[] questions)
    {
        var edit = ApplicationForm.Default.AddSection(new FormSection(Extra, "Extra questions", questions) { ShowWhen = sectionShowWhen });
        Assert.Empty(edit.Problems);
        return edit.Form;
    }

    /// <summary>Answers saved one by one through the form, each of which must be stored.</summary>
    public static FormAnswers Saved(ApplicationForm form, params (string Key, Answer Answer)[] answers)
    {
        var set = FormAnswers.Empty;
        foreach (var (key, answer) in answers)
        {
            var saved = form.Save(set, key, answer);
            Assert.Empty(saved.Refused);
            set = saved.Answers;
        }
        return set;
    }

    /// <summary>A budget of one line costing <paramref name="amount"/>: the amount requested.</summary>
    public static (string, Answer) Asking(decimal amount) => (FixedQuestions.Budget, new Answer.BudgetRows([new BudgetLine("Everything", amount)]));

    /// <summary>The problems with the extra section's answers.</summary>
    public static IReadOnlyList<Problem> ExtraProblems(ApplicationForm form, FormAnswers answers, IReadOnlyList<SupportingDocument>? documents = null) =>
        form.Check(Extra, answers, WideGrants, documents);
}
