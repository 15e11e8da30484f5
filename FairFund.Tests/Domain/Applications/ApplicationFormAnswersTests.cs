using FairFund.Domain.Applications;
using FairFund.Domain.Auditing;
using FairFund.Domain.Forms;
using FairFund.Domain.Validation;
using TaskStatus = FairFund.Domain.Applications.TaskStatus;

namespace FairFund.Tests.Domain.Applications;

/// <summary>An application keeps its answers by question key, saved through and checked against its round's form.</summary>
public sealed class ApplicationFormAnswersTests
{
    private static readonly GrantRange Grants = new(500m, 20_000m);
    private static readonly ApplicationForm Demo = ApplicationForm.DemoForm;

    [Fact]
    public void SaveAnswer_AQuestionOnlyTheRoundsFormAsks_IsKeptByItsKey()
    {
        var application = Blank();

        var refused = application.SaveAnswer(Demo, "largerGrantPlan", new Answer.Text("  Our treasurer keeps the books.  "));

        Assert.Empty(refused);
        Assert.Equal(new Answer.Text("Our treasurer keeps the books."), application.Answers["largerGrantPlan"]);
    }

    [Fact]
    public void SaveAnswer_AKeyNotOnTheForm_IsRefusedAndChangesNothing()
    {
        var application = Blank();
        Assert.Empty(application.AnswerWhoBenefits("Older people"));

        var refused = application.SaveAnswer(ApplicationForm.Default, "largerGrantPlan", new Answer.Text("Our treasurer"));

        Assert.Equal("largerGrantPlan", Assert.Single(refused).Location);
        Assert.Equal([DefaultForm.WhoBenefits], application.Answers.Keys);
    }

    [Fact]
    public void SaveAnswers_OneOverItsCharacterLimit_SavesNoneOfThem()
    {
        var application = Blank();

        var refused = application.SaveAnswers(Demo,
        [
            (DefaultForm.Title, new Answer.Text("Walks")),
            ("largerGrantPlan", new Answer.Text(new string('x', TextLimit.OfWords(250).Characters + 1))),
        ]);

        Assert.Equal("largerGrantPlan", Assert.Single(refused).Location);
        Assert.Equal(0, application.Answers.Count);
        Assert.Equal("", application.Title);
    }

    [Fact]
    public void SaveAnswer_AfterSending_IsRefused()
    {
        var application = ApplicationInState.In(ApplicationState.Submitted);

        Assert.Throws<DomainRuleException>(() => application.SaveAnswer(ApplicationForm.Default, DefaultForm.WhoBenefits, new Answer.Text("More people")));
    }

    [Fact]
    public void TypedMembers_ReadTheAnswersByTheDefaultKeys()
    {
        var application = Blank();

        Assert.Empty(application.SaveAnswers(Demo,
        [
            (DefaultForm.Title, new Answer.Text("Walks")),
            (DefaultForm.StartDate, new Answer.Day(new(2027, 6, 1))),
            (DefaultForm.Budget, new Answer.BudgetRows([new("Hall", 10_000m), new("Tea", 0.01m)])),
            (DefaultForm.WorkingWithPartners, new Answer.YesNo(true)),
            (DefaultForm.Partners, new Answer.PartnerRows([new("School", "Lends the hall")])),
        ]));

        Assert.Equal("Walks", application.Title);
        Assert.Equal(new DateOnly(2027, 6, 1), application.StartDate);
        Assert.Null(application.EndDate);
        Assert.Equal("", application.Outcomes);
        Assert.Equal(10_000.01m, application.AmountRequested);
        Assert.Equal(Demo.AmountRequested(application.Answers), application.AmountRequested);
        Assert.True(application.WorkingWithPartners);
        Assert.True(application.IsPartnershipBid);
    }

    [Fact]
    public void IsPartnershipBidOn_AFormThatAsksForNoPartners_IsFalse()
    {
        var application = Blank();
        Assert.Empty(application.AnswerPartners(true, [new Partner("School", "Lends the hall")]));
        var withoutPartners = ApplicationForm.Default.RemoveSection(DefaultForm.SectionKey(ApplicationTask.Partners)).Form;

        Assert.True(application.IsPartnershipBidOn(ApplicationForm.Default));
        Assert.False(application.IsPartnershipBidOn(withoutPartners));
    }

    [Theory]
    [InlineData("10000.00", false)]
    [InlineData("10000.01", true)]
    public void Check_TheRoundsProportionateSection_IsAskedOnlyOverItsAmount(string amount, bool asked)
    {
        var application = Complete(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture));

        var problems = application.Check(Demo, Grants);

        Assert.Empty(application.Check(ApplicationForm.Default, Grants));
        Assert.Equal(asked, problems.Any(problem => problem.Location == "managedLargerGrant"));
        Assert.Equal(asked, Demo.ShownSections(application.Answers).Any(section => section.Key == DefaultForm.LargerGrantSection));
    }

    [Fact]
    public void StatusOf_TheRoundsOwnSection_FollowsItsAnswers()
    {
        var application = Complete(15_000m);

        Assert.Empty(application.SaveAnswer(Demo, "managedLargerGrant", new Answer.YesNo(true)));
        Assert.Equal(TaskStatus.InProgress, application.StatusOf(Demo, DefaultForm.LargerGrantSection, Grants));
        Assert.Empty(application.SaveAnswer(Demo, "largerGrantPlan", new Answer.Text("Our treasurer and a second signatory check every payment.")));
        Assert.Equal(TaskStatus.Completed, application.StatusOf(Demo, DefaultForm.LargerGrantSection, Grants));
    }

    [Fact]
    public void Submit_WhileTheRoundsFormStillAsksSomething_IsRefusedAndTheDraftKept()
    {
        var application = Complete(15_000m);
        var now = ApplicationInState.Monday;

        var refused = Assert.Throws<DomainRuleException>(() => application.Submit(now, ApplicationInState.Applicant, ApplicationInState.OpenWindow(now), Demo, Grants));

        Assert.Contains("Select yes if your group has managed a grant of more than £10,000 before", refused.Message);
        Assert.Equal(ApplicationState.Draft, application.State);
        application.Submit(now, ApplicationInState.Applicant, ApplicationInState.OpenWindow(now), ApplicationForm.Default, Grants);
        Assert.Equal(ApplicationState.Submitted, application.State);
    }

    private static Application Blank() => new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "CW-2027-0001");

    /// <summary>A draft with every default question answered, asking for <paramref name="amount"/>.</summary>
    private static Application Complete(decimal amount)
    {
        var application = Blank();
        Assert.Empty(application.AnswerProject(new ProjectAnswers("Walks", "We walk every week.", new(2027, 6, 1), new(2028, 5, 31))));
        Assert.Empty(application.AnswerWhoBenefits("Older people"));
        Assert.Empty(application.AnswerOutcomes("Fewer lonely days"));
        Assert.Empty(application.AnswerLivedExperience("Walkers plan the routes"));
        Assert.Empty(application.AnswerBudget([new BudgetLine("Everything", amount)]));
        Assert.Empty(application.AnswerPartners(false, []));
        return application;
    }
}
