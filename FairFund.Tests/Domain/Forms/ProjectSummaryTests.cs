using FairFund.Domain.Applications;
using FairFund.Domain.Forms;
using FairFund.Domain.Validation;

namespace FairFund.Tests.Domain.Forms;

/// <summary>
/// The project as published data describes it: the fixed questions by their keys wherever they sit, and the
/// description from "What you will do", or else the long text beside the title, or else the form's first long text.
/// </summary>
public sealed class ProjectSummaryTests
{
    private static Question LongText(string key, string text) => new(key, QuestionKind.LongText, text) { Limit = new TextLimit(1000, 150) };

    private static ApplicationForm Built(FormSection aboutSection) => new(
    [
        new FormSection("aboutYou", "About your group", [LongText("history", "Your group's history")]),
        aboutSection,
        new FormSection("timing", "When",
        [
            new Question(FixedQuestions.StartDate, QuestionKind.Date, "When will it start?"),
            new Question(FixedQuestions.EndDate, QuestionKind.Date, "When will it end?"),
        ]),
        new FormSection("money", "Money", [new Question(FixedQuestions.Budget, QuestionKind.BudgetTable, "What is it for?") { MaxRows = 5 }]),
    ]);

    private static readonly Question Title = new(FixedQuestions.Title, QuestionKind.ShortText, "What is it called?") { Limit = AnswerLimits.Title };

    [Fact]
    public void DescriptionQuestion_DefaultForm_IsWhatYouWillDo()
    {
        Assert.Equal(DefaultForm.WhatYouWillDo, ApplicationForm.Default.DescriptionQuestion?.Key);
    }

    [Fact]
    public void DescriptionQuestion_BuiltForm_IsTheLongTextBesideTheTitle_NotTheFormsFirst()
    {
        var form = Built(new FormSection("work", "The work", [Title, LongText("summary", "Tell us about the work")]));
        Assert.Empty(form.Problems());

        Assert.Equal("summary", form.DescriptionQuestion?.Key);
    }

    [Fact]
    public void DescriptionQuestion_NoLongTextBesideTheTitle_IsTheFormsFirstLongText()
    {
        var form = Built(new FormSection("work", "The work", [Title]));
        Assert.Empty(form.Problems());

        Assert.Equal("history", form.DescriptionQuestion?.Key);
    }

    [Fact]
    public void ProjectOf_BuiltFormWithFixedQuestionsInItsOwnSections_GivesTitleDescriptionAndDates()
    {
        var form = Built(new FormSection("work", "The work", [LongText("summary", "Tell us about the work"), Title]));
        var answers = FormsForTests.Saved(form,
            ("summary", new Answer.Text("Weekly cooking, with a meal after.")),
            ("history", new Answer.Text("We began in 2019.")),
            (FixedQuestions.Title, new Answer.Text("Cooking together")),
            (FixedQuestions.StartDate, new Answer.Day(new DateOnly(2027, 9, 1))),
            (FixedQuestions.EndDate, new Answer.Day(new DateOnly(2028, 8, 31))));

        Assert.Equal(new ProjectSummary("Cooking together", "Weekly cooking, with a meal after.", new DateOnly(2027, 9, 1), new DateOnly(2028, 8, 31)), form.ProjectOf(answers));
    }

    [Fact]
    public void ProjectOf_DescriptionQuestionHidden_GivesNoDescription()
    {
        var askMore = new Question("tellMore", QuestionKind.YesNo, "Would you like to tell us more?");
        var hidden = LongText("summary", "Tell us about the work") with { ShowWhen = new ShowWhen.YesNoIs("tellMore", true) };
        var form = Built(new FormSection("work", "The work", [Title, askMore, hidden]));
        Assert.Empty(form.Problems());
        var answers = FormsForTests.Saved(form, ("summary", new Answer.Text("Saved, then the group said no.")), ("tellMore", new Answer.YesNo(false)));

        Assert.Equal("", form.ProjectOf(answers).Description);
    }
}
