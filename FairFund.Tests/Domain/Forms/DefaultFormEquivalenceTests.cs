using FairFund.Domain.Applications;
using FairFund.Domain.Forms;
using FairFund.Domain.Validation;
using FairFund.Tests.Domain.Applications;
using TaskStatus = FairFund.Domain.Applications.TaskStatus;

namespace FairFund.Tests.Domain.Forms;

/// <summary>
/// The default form says exactly what today's application says, for the same answers typed the same way: the
/// same problems, at the same fields, in the same words and order, and the same task statuses. The application
/// now keeps its answers as form answers, so the pages' route (its Answer methods) is compared with the form's
/// (Save, key by key) on what each keeps, as well as on what each says.
/// </summary>
public sealed class DefaultFormEquivalenceTests
{
    // Named here, as the namespace FairFund.Tests.Domain.Grants hides the imported static field of the same name.
    private static readonly GrantRange Grants = FairFund.Tests.Domain.Applications.ApplicationInState.Grants;

    /// <summary>What a group typed, page by page: given to the application's Answer methods and to the form's Save alike.</summary>
    public sealed record Typed(
        string Title = "", string WhatYouWillDo = "", DateOnly? Start = null, DateOnly? End = null,
        string WhoBenefits = "", string Outcomes = "", string LivedExperience = "",
        BudgetLine[]? Budget = null, bool? WorkingWithPartners = null, Partner[]? Partners = null);

    private static string Words(int count) => string.Join(' ', Enumerable.Repeat("word", count));

    private static readonly Typed BadAmounts = new("Walks", "Walking", new(2027, 6, 1), new(2027, 6, 1), "Us", "Change", "We do",
        [new("Hall", 5_000.01m), new("Snacks", -5m), new("Maps", 10.555m)], true, []);

    public static TheoryData<string, Typed> AnswerSets => new()
    {
        { "empty", new Typed() },
        { "partial", new Typed(Title: "Peer walks", Start: new(2027, 6, 1), WhoBenefits: "Older people in Foleshill", Budget: [new("Room hire", 0m), new("", 40m)]) },
        {
            "full", new Typed("Peer support walks", "We will walk every week.", new(2027, 6, 1), new(2028, 5, 31), "Older people", "Fewer lonely days", "Walkers plan the routes",
                [new("Room hire", 450.50m), new("Travel", 250m)], true, [new("Foleshill school", "Lends the hall")])
        },
        {
            "over limits", new Typed(new string('T', 140), Words(301), new(2027, 6, 2), new(2027, 6, 1), Words(201), Words(251), Words(201),
                [.. Enumerable.Range(1, 11).Select(line => new BudgetLine($"Line {line}", 600m))], true,
                [.. Enumerable.Range(1, 6).Select(partner => new Partner($"Partner {partner}", Words(51)))])
        },
        { "bad amounts", BadAmounts },
        { "one line over the range", new Typed(Budget: [new("Everything", 5_000.01m)], WorkingWithPartners: true, Partners: [new("", "Helps"), new("School", "")]) },
        { "total under the range", new Typed(Budget: [new("Tea", 499.99m)], WorkingWithPartners: false, Partners: [new("Ignored", "when the answer is no")]) },
        { "blank rows only", new Typed(Title: "   ", WhatYouWillDo: " \n ", Budget: [new(" ", 0m)], WorkingWithPartners: true, Partners: [new(" ", " ")]) },
    };

    [Theory]
    [MemberData(nameof(AnswerSets))]
    public void Check_SameAnswersAsToday_GivesTodaysProblems(string name, Typed typed)
    {
        var (application, answers) = Answer(typed);

        var today = application.Check(ApplicationInState.Grants);
        var form = ApplicationForm.Default.Check(answers, ApplicationInState.Grants);

        Assert.True(today.Count > 0 || name == "full", "Each set but the full one has problems to compare.");
        Assert.Equal(today, form);
    }

    [Theory]
    [MemberData(nameof(AnswerSets))]
    public void StatusOf_SameAnswersAsToday_GivesTodaysTaskStatuses(string name, Typed typed)
    {
        var (application, answers) = Answer(typed);

        var today = Enum.GetValues<ApplicationTask>().Select(task => application.StatusOf(task, ApplicationInState.Grants));
        var form = Enum.GetValues<ApplicationTask>().Select(task => ApplicationForm.Default.StatusOf(DefaultForm.SectionKey(task), answers, ApplicationInState.Grants));

        Assert.Equal(today, form);
        Assert.NotNull(name);
    }

    [Theory]
    [MemberData(nameof(AnswerSets))]
    public void Answers_TodaysAnswerMethods_KeepWhatTheDefaultFormCounts(string name, Typed typed)
    {
        var (application, answers) = Answer(typed);

        // What counts: a partner typed before answering no is kept by the form, hidden, but dropped by AnswerPartners.
        static IEnumerable<string> Counted(FormAnswers set) =>
            ApplicationForm.Default.AnswersThatCount(set).Select(counted => $"{counted.Question.Key}={AnswerJson.Write(counted.Answer)}");
        Assert.Equal(Counted(answers), Counted(application.Answers));
        Assert.True(application.Answers.Count > 0 || name == "empty", "Each set but the empty one keeps answers to compare.");
    }

    [Fact]
    public void Of_AnApplicationSavedBeforeForms_ReadsTheSameOnTheDefaultForm()
    {
        var (application, _) = Answer(BadAmounts);

        Assert.Equal(application.Check(ApplicationInState.Grants), ApplicationForm.Default.Check(FormAnswers.Of(application), ApplicationInState.Grants));
    }

    [Fact]
    public void Save_TextOverItsCharacterLimit_IsRefusedAsTodayIs()
    {
        var application = Blank();
        var tooLong = new string('x', AnswerLimits.WhoBenefits.Characters + 1);

        var today = application.AnswerWhoBenefits(tooLong);
        var form = ApplicationForm.Default.Save(FormAnswers.Empty, DefaultForm.WhoBenefits, new Answer.Text(tooLong));

        Assert.Equal(today, form.Refused);
        Assert.Equal(0, form.Answers.Count);
    }

    [Fact]
    public void Save_BudgetWithACostOverTheLargestAmount_IsRefusedAsTodayIs()
    {
        BudgetLine[] lines = [new("Hall", 100m), new(new string('i', 201), 1_000_000_000.01m)];

        var today = Blank().AnswerBudget(lines);
        var form = ApplicationForm.Default.Save(FormAnswers.Empty, DefaultForm.Budget, new Answer.BudgetRows(lines));

        Assert.Equal(2, today.Count);
        Assert.Equal(today, form.Refused);
    }

    [Fact]
    public void Default_HasNoProblems_AndTheTasksInTodaysOrder()
    {
        Assert.Empty(ApplicationForm.Default.ProblemsBeforeOpening());
        Assert.Equal([.. Enum.GetValues<ApplicationTask>().Select(DefaultForm.SectionKey), DefaultForm.DocumentsSection], ApplicationForm.Default.Sections.Select(section => section.Key));
        Assert.Equal(["title", "whatYouWillDo", "startDate", "endDate", "whoBenefits", "outcomes", "livedExperience", "budget", "workingWithPartners", "partners", "documents"],
            ApplicationForm.Default.Questions.Select(question => question.Key));
    }

    private static Application Blank() => new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "CW-2027-0001");

    /// <summary>The same typing given to today's application, page by page, and to the default form, question by question.</summary>
    private static (Application Application, FormAnswers Answers) Answer(Typed typed)
    {
        var application = Blank();
        Assert.Empty(application.AnswerProject(new ProjectAnswers(typed.Title, typed.WhatYouWillDo, typed.Start, typed.End)));
        Assert.Empty(application.AnswerWhoBenefits(typed.WhoBenefits));
        Assert.Empty(application.AnswerOutcomes(typed.Outcomes));
        Assert.Empty(application.AnswerLivedExperience(typed.LivedExperience));
        Assert.Empty(application.AnswerBudget(typed.Budget ?? []));
        Assert.Empty(application.AnswerPartners(typed.WorkingWithPartners, typed.Partners ?? []));

        var form = ApplicationForm.Default;
        var answers = FormAnswers.Empty;
        void Save(string key, Answer? answer)
        {
            var saved = form.Save(answers, key, answer);
            Assert.Empty(saved.Refused);
            answers = saved.Answers;
        }
        Save(DefaultForm.Title, new Answer.Text(typed.Title));
        Save(DefaultForm.WhatYouWillDo, new Answer.Text(typed.WhatYouWillDo));
        Save(DefaultForm.StartDate, typed.Start is { } start ? new Answer.Day(start) : null);
        Save(DefaultForm.EndDate, typed.End is { } end ? new Answer.Day(end) : null);
        Save(DefaultForm.WhoBenefits, new Answer.Text(typed.WhoBenefits));
        Save(DefaultForm.Outcomes, new Answer.Text(typed.Outcomes));
        Save(DefaultForm.LivedExperience, new Answer.Text(typed.LivedExperience));
        Save(DefaultForm.Budget, new Answer.BudgetRows(typed.Budget ?? []));
        Save(DefaultForm.WorkingWithPartners, typed.WorkingWithPartners is { } working ? new Answer.YesNo(working) : null);
        Save(DefaultForm.Partners, new Answer.PartnerRows(typed.Partners ?? []));
        return (application, answers);
    }
}
