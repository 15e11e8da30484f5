using FairFund.Domain.Applications;
using FairFund.Domain.Forms;
using FairFund.Domain.Validation;
using static FairFund.Tests.Domain.Forms.FormsForTests;

namespace FairFund.Tests.Domain.Forms;

/// <summary>The builder's edits: each gives a new form, or the form as it was with the reasons it was refused.</summary>
public sealed class FormEditingTests
{
    private static readonly Question Story = new("story", QuestionKind.LongText, "Tell us your story") { Limit = TextLimit.OfWords(100) };

    private static IEnumerable<string> Keys(ApplicationForm form) => form.Questions.Select(question => question.Key);

    [Fact]
    public void AddQuestion_Valid_IsAddedCleanedWhereAsked()
    {
        var edit = ApplicationForm.Default.AddQuestion("outcomes", Story with { Text = "  Tell us\u200B your story  " }, position: 0);

        Assert.True(edit.Succeeded);
        Assert.Equal(["story", "outcomes"], edit.Form.FindSection("outcomes")!.Questions.Select(question => question.Key));
        Assert.Equal("Tell us your story", edit.Form.Find("story")!.Text);
        Assert.Null(ApplicationForm.Default.Find("story"));
    }

    [Fact]
    public void AddQuestion_WithAProblem_IsRefusedLocatedByItsOwnFields()
    {
        var edit = ApplicationForm.Default.AddQuestion("outcomes", Story with { Key = "Bad key", Limit = null });

        Assert.False(edit.Succeeded);
        Assert.Same(ApplicationForm.Default, edit.Form);
        Assert.Equal(["key", "limit"], edit.Problems.Select(problem => problem.Location));
    }

    [Fact]
    public void EditQuestion_ChangesItInPlace()
    {
        var edit = ApplicationForm.Default.EditQuestion(DefaultForm.Outcomes, ApplicationForm.Default.Find(DefaultForm.Outcomes)! with { Hint = "Say what will be different." });

        Assert.Equal("Say what will be different.", edit.Form.Find(DefaultForm.Outcomes)!.Hint);
        Assert.Equal(Keys(ApplicationForm.Default), Keys(edit.Form));
    }

    [Fact]
    public void EditQuestion_FixedQuestionsKey_IsRefused()
    {
        var edit = ApplicationForm.Default.EditQuestion(FixedQuestions.Title, ApplicationForm.Default.Find(FixedQuestions.Title)! with { Key = "name" });

        Assert.Equal([new Problem("key", "The key of the project title cannot change: every form asks for it by this key")], edit.Problems);
    }

    [Theory]
    [InlineData(FixedQuestions.Title, "You cannot remove the project title: every form asks for it, because allocation, screening, 360Giving and the decision letters need it")]
    [InlineData(FixedQuestions.Budget, "You cannot remove the budget, whose total is the amount requested: every form asks for it, because allocation, screening, 360Giving and the decision letters need it")]
    public void RemoveQuestion_Fixed_IsRefusedWithTheReason(string key, string reason)
    {
        var edit = ApplicationForm.Default.RemoveQuestion(key);

        Assert.Equal([new Problem("", reason)], edit.Problems);
        Assert.NotNull(edit.Form.Find(key));
    }

    [Fact]
    public void RemoveSection_HoldingAFixedQuestion_IsRefused()
    {
        var edit = ApplicationForm.Default.RemoveSection("budget");

        Assert.Equal("This section cannot be removed. You cannot remove the budget, whose total is the amount requested: every form asks for it, because allocation, screening, 360Giving and the decision letters need it", Assert.Single(edit.Problems).Message);
    }

    [Fact]
    public void RemoveQuestion_ThatAConditionTests_IsRefusedNamingIt()
    {
        var edit = ApplicationForm.Default.RemoveQuestion(DefaultForm.WorkingWithPartners);

        Assert.Equal("“Working with partners” cannot be removed: the question “Your partners” is shown only for its answer. Change or remove that condition first", Assert.Single(edit.Problems).Message);
    }

    [Fact]
    public void RemoveQuestionAndSection_NotFixed_AreRemoved_AndTheCriterionStopsNamingTheSection()
    {
        var form = ApplicationForm.Default.ReadForCriterion("need", ["whoBenefits", "livedExperience"]).Form;

        var withoutQuestion = form.RemoveQuestion(DefaultForm.Outcomes);
        var withoutSection = form.RemoveSection("livedExperience");

        Assert.DoesNotContain(DefaultForm.Outcomes, Keys(withoutQuestion.Form));
        Assert.Null(withoutSection.Form.FindSection("livedExperience"));
        Assert.Equal(["whoBenefits"], withoutSection.Form.SectionsFor("need"));
    }

    [Fact]
    public void MoveSectionAndQuestion_UpAndDown_ChangeTheOrder()
    {
        var form = ApplicationForm.Default;

        Assert.Equal(["outcomes", "whoBenefits"], form.MoveSectionUp("outcomes").Form.Sections.Skip(1).Take(2).Select(section => section.Key));
        Assert.Equal(["whoBenefits", "project"], form.MoveSectionDown("project").Form.Sections.Take(2).Select(section => section.Key));
        Assert.Equal(["title", "startDate", "whatYouWillDo"], form.MoveQuestionDown(DefaultForm.WhatYouWillDo).Form.Questions.Take(3).Select(question => question.Key));
    }

    [Fact]
    public void Move_PastTheEndOrBeforeWhatAConditionTests_IsRefused()
    {
        var form = ApplicationForm.DemoForm;

        Assert.Equal("This section is already first", Assert.Single(form.MoveSectionUp("project").Problems).Message);
        Assert.Equal("This question is already last in its section", Assert.Single(form.MoveQuestionDown(DefaultForm.Partners).Problems).Message);
        Assert.Equal("sections[4].showWhen.amount: A condition on the amount asked for must come after the budget, where the amount is given",
            Assert.Single(form.MoveSectionUp(DefaultForm.LargerGrantSection).Problems).ToString());
        Assert.Equal("sections[6].questions[0].showWhen.question: The condition must be on a question earlier in the form; “workingWithPartners” is not",
            Assert.Single(form.MoveQuestionUp(DefaultForm.Partners).Problems).ToString());
    }

    [Fact]
    public void EditSection_ChangesTitleGuidanceAndCondition()
    {
        var edit = ApplicationForm.Default.EditSection("partners", "Working with others", "Tell us who helps", new ShowWhen.AmountOver(1_000m));
        var beforeTheBudget = ApplicationForm.Default.EditSection("livedExperience", "Lived experience", "", new ShowWhen.AmountOver(1_000m));

        Assert.Equal([], edit.Problems);
        var section = edit.Form.FindSection("partners")!;
        Assert.Equal(("Working with others", "Tell us who helps", (ShowWhen)new ShowWhen.AmountOver(1_000m)), (section.Title, section.Guidance, section.ShowWhen!));
        Assert.Equal([new Problem("showWhen.amount", "A condition on the amount asked for must come after the budget, where the amount is given")], beforeTheBudget.Problems);
    }

    [Fact]
    public void AnswersLost_QuestionRemovedOrChangedKind_ListsTheirKeys()
    {
        var answers = Saved(ApplicationForm.Default, (DefaultForm.Outcomes, new Answer.Text("Fewer lonely days")), (DefaultForm.WhoBenefits, new Answer.Text("Older people")),
            (FixedQuestions.Title, new Answer.Text("Walks")));
        var changed = ApplicationForm.Default.RemoveQuestion(DefaultForm.Outcomes).Form
            .EditQuestion(DefaultForm.WhoBenefits, new Question(DefaultForm.WhoBenefits, QuestionKind.WholeNumber, "How many people will benefit?") { Min = 1, Max = 1_000 }).Form;

        Assert.Equal([DefaultForm.Outcomes, DefaultForm.WhoBenefits], ApplicationForm.AnswersLost(answers, changed));
        Assert.Empty(ApplicationForm.AnswersLost(answers, ApplicationForm.Default));
    }

    [Fact]
    public void AnswersLostTo_AnEditRemovingAQuestion_GivesOnlyTheAnswersThatEditDrops_WithTheirQuestions()
    {
        // A hidden question's saved answer counts too: the group wrote it.
        var answers = Saved(ApplicationForm.Default, (DefaultForm.Outcomes, new Answer.Text("Fewer lonely days")), (DefaultForm.Partners, new Answer.PartnerRows([new Partner("Trust", "Hall")])),
            (FixedQuestions.Title, new Answer.Text("Walks")));
        var withoutOutcomes = ApplicationForm.Default.RemoveQuestion(DefaultForm.Outcomes).Form;

        var lost = ApplicationForm.Default.AnswersLostTo(withoutOutcomes, answers);

        Assert.Equal([(ApplicationForm.Default.Find(DefaultForm.Outcomes)!, (Answer)new Answer.Text("Fewer lonely days"))], lost);
        Assert.Empty(ApplicationForm.Default.AnswersLostTo(ApplicationForm.Default.MoveSectionUp("outcomes").Form, answers));
        Assert.Equal([DefaultForm.Partners], ApplicationForm.Default.AnswersLostTo(ApplicationForm.Default.RemoveSection("partners").Form, answers).Select(pair => pair.Question.Key));
    }

    [Fact]
    public void ReadForCriterion_NamesTheSectionsThePanelReads()
    {
        var form = ApplicationForm.Default.ReadForCriterion("need", ["whoBenefits", "whoBenefits", "outcomes"]).Form;

        Assert.Equal(["whoBenefits", "outcomes"], form.SectionsFor("need"));
        Assert.Empty(form.ReadForCriterion("need", []).Form.SectionsFor("need"));
        Assert.Equal("The form has no section “nowhere” for the panel to read", Assert.Single(form.ReadForCriterion("need", ["nowhere"]).Problems).Message);
    }

    [Fact]
    public void ForCriteria_CriteriaTheRoundLacks_AreDroppedAndTheRestKept()
    {
        var form = ApplicationForm.Default.ReadForCriterion("need", ["project"]).Form.ReadForCriterion("gone", ["budget"]).Form;

        var kept = form.ForCriteria(["need", "other"]);

        Assert.Equal(["need"], kept.CriteriaSections.Select(entry => entry.Criterion));
        Assert.Equal(["project"], kept.SectionsFor("need"));
        Assert.Equal(FormJson.Write(new ApplicationForm(form.Sections)), FormJson.Write(new ApplicationForm(kept.Sections)));
    }
}
