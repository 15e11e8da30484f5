using FairFund.Domain.Applications;
using FairFund.Domain.Forms;
using FairFund.Domain.Validation;
using static FairFund.Tests.Domain.Forms.FormsForTests;
using TaskStatus = FairFund.Domain.Applications.TaskStatus;

namespace FairFund.Tests.Domain.Forms;

/// <summary>
/// Conditions: a section or question shown for another answer, or for the amount asked (proportionate forms).
/// A hidden question is not checked and does not count.
/// </summary>
public sealed class ConditionTests
{
    private static readonly Question Plan = new("plan", QuestionKind.LongText, "How will you manage the grant?") { Limit = TextLimit.OfWords(100) };

    [Theory]
    [InlineData("9999.99", false)]
    [InlineData("10000", false)]
    [InlineData("10000.00", false)]
    [InlineData("10000.01", true)]
    [InlineData("20000", true)]
    public void ShownSections_DemoFormOverTenThousand_ShowsTheLargerGrantSectionOnlyAboveIt(string amount, bool shown)
    {
        var answers = Saved(ApplicationForm.DemoForm, Asking(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(shown, ApplicationForm.DemoForm.ShownSections(answers).Any(section => section.Key == DefaultForm.LargerGrantSection));
        Assert.Equal(shown, ApplicationForm.DemoForm.Check(answers, WideGrants).Any(problem => problem.Location == "largerGrantPlan"));
    }

    [Theory]
    [InlineData("10000", true)]
    [InlineData("10000.01", false)]
    public void Check_SectionForAsksAtMostTenThousand_IsAskedOnlyUpToIt(string amount, bool asked)
    {
        var form = DefaultWith(new ShowWhen.AmountAtMost(10_000m), Plan);
        var answers = Saved(form, Asking(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(asked, form.Check(answers, WideGrants).Any(problem => problem.Location == "plan"));
    }

    [Fact]
    public void Check_QuestionForAsksOverAFigure_IsCheckedOnlyAboveIt()
    {
        var form = DefaultWith(Plan with { ShowWhen = new ShowWhen.AmountOver(5_000m) });

        Assert.Empty(ExtraProblems(form, Saved(form, Asking(5_000m))));
        Assert.Equal([new Problem("plan", "Enter an answer to “How will you manage the grant?”")], ExtraProblems(form, Saved(form, Asking(5_000.01m))));
    }

    [Fact]
    public void Check_PartnersWhenTheAnswerIsNo_AreHiddenNotCheckedAndDoNotCount()
    {
        var form = ApplicationForm.Default;
        var answers = Saved(form, (DefaultForm.WorkingWithPartners, new Answer.YesNo(false)), (DefaultForm.Partners, new Answer.PartnerRows([new("", "Nameless")])));

        Assert.False(form.IsShown(DefaultForm.Partners, answers));
        Assert.Empty(form.Check("partners", answers, WideGrants));
        Assert.DoesNotContain(form.AnswersThatCount(answers), pair => pair.Question.Key == DefaultForm.Partners);
        Assert.NotNull(answers[DefaultForm.Partners]);
    }

    [Fact]
    public void Check_PartnersWhenTheAnswerIsYes_AreShownAndChecked()
    {
        var answers = Saved(ApplicationForm.Default, (DefaultForm.WorkingWithPartners, new Answer.YesNo(true)), (DefaultForm.Partners, new Answer.PartnerRows([new("", "Nameless")])));

        Assert.Equal([new Problem("partners[0].name", "Enter the name of partner 1")], ApplicationForm.Default.Check("partners", answers, WideGrants));
    }

    [Theory]
    [InlineData("Coventry", true)]
    [InlineData("Warwickshire", false)]
    public void IsShown_OneChoiceCondition_HoldsForThatChoice(string area, bool shown)
    {
        var form = DefaultWith(
            new Question("area", QuestionKind.OneChoice, "Where do you work?") { Choices = ["Coventry", "Warwickshire"] },
            Plan with { ShowWhen = new ShowWhen.Chosen("area", "Coventry") });

        Assert.Equal(shown, form.IsShown("plan", Saved(form, ("area", new Answer.Choices([area])))));
    }

    [Theory]
    [InlineData(new[] { "Monday", "Friday" }, true)]
    [InlineData(new[] { "Monday" }, false)]
    public void IsShown_SeveralChoicesCondition_HoldsWhenTheChoiceIsAmongThem(string[] days, bool shown)
    {
        var form = DefaultWith(
            new Question("days", QuestionKind.SeveralChoices, "Which days?") { Choices = ["Monday", "Friday"] },
            Plan with { ShowWhen = new ShowWhen.Chosen("days", "Friday") });

        Assert.Equal(shown, form.IsShown("plan", Saved(form, ("days", new Answer.Choices(days)))));
    }

    [Fact]
    public void IsShown_ConditionOnAHiddenQuestion_DoesNotHold()
    {
        var form = DefaultWith(
            new Question("paidStaff", QuestionKind.YesNo, "Do you have paid staff?") { ShowWhen = new ShowWhen.AmountOver(10_000m) },
            Plan with { ShowWhen = new ShowWhen.YesNoIs("paidStaff", true) });

        var answers = Saved(form, Asking(1_000m), ("paidStaff", new Answer.YesNo(true)));

        Assert.False(form.IsShown("plan", answers));
    }

    [Fact]
    public void StatusOf_ConditionalSection_FollowsItsShownQuestions()
    {
        var form = ApplicationForm.DemoForm;
        var small = Saved(form, Asking(600m));
        var large = Saved(form, Asking(12_000m), ("managedLargerGrant", new Answer.YesNo(true)));
        var done = Saved(form, Asking(12_000m), ("managedLargerGrant", new Answer.YesNo(true)), ("largerGrantPlan", new Answer.Text("Our treasurer and a second signatory")));

        Assert.Equal(TaskStatus.NotStarted, form.StatusOf(DefaultForm.LargerGrantSection, small, WideGrants));
        Assert.Equal(TaskStatus.InProgress, form.StatusOf(DefaultForm.LargerGrantSection, large, WideGrants));
        Assert.Equal(TaskStatus.Completed, form.StatusOf(DefaultForm.LargerGrantSection, done, WideGrants));
    }

    [Fact]
    public void AmountRequested_IsTheBudgetTotal()
    {
        var answers = Saved(ApplicationForm.Default, (FixedQuestions.Budget, new Answer.BudgetRows([new BudgetLine("Hall", 450.50m), new BudgetLine("Tea", 49.50m)])));

        Assert.Equal(500m, ApplicationForm.Default.AmountRequested(answers));
    }
}
