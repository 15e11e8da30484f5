using FairFund.Domain.Applications;
using FairFund.Domain.Auditing;
using static FairFund.Tests.Domain.Applications.ApplicationInState;
using TaskStatus = FairFund.Domain.Applications.TaskStatus;

namespace FairFund.Tests.Domain.Applications;

public sealed class ApplicationAnswersTests
{
    private static Application Blank() => new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "CW-2027-0002");

    [Theory]
    [InlineData("", 0)]
    [InlineData("   \n ", 0)]
    [InlineData("peer-led walks", 2)]
    [InlineData("We need £1,200 for\n\nvolunteer   travel.", 6)]
    public void WordsIn_CountsRunsBetweenSpaces(string text, int words) => Assert.Equal(words, AnswerLimits.WordsIn(text));

    [Fact]
    public void StatusOf_ANewApplication_HasNothingStarted()
    {
        var application = Blank();

        Assert.All(Enum.GetValues<ApplicationTask>(), task => Assert.Equal(TaskStatus.NotStarted, application.StatusOf(task, ApplicationInState.Grants)));
    }

    [Fact]
    public void StatusOf_AnAnswerOverItsWordLimit_IsInProgressAndSaysByHowMuch()
    {
        var application = Blank();
        var tooLong = string.Join(' ', Enumerable.Repeat("word", AnswerLimits.WhoBenefitsWords + 1));

        application.AnswerWhoBenefits(tooLong);

        Assert.Equal(tooLong, application.WhoBenefits);
        Assert.Equal(TaskStatus.InProgress, application.StatusOf(ApplicationTask.WhoBenefits, ApplicationInState.Grants));
        var problem = Assert.Single(application.Check(ApplicationTask.WhoBenefits, ApplicationInState.Grants));
        Assert.Equal("whoBenefits", problem.Location);
        Assert.Equal("Who will benefit must be 200 words or fewer (it has 201)", problem.Message);
    }

    [Fact]
    public void AmountRequested_IsTheBudgetTotal_AndBlankLinesAreDropped()
    {
        var application = Blank();

        application.AnswerBudget([new BudgetLine("Room hire", 450.50m), new BudgetLine(" ", 0m), new BudgetLine("Travel", 250m)]);

        Assert.Equal(700.50m, application.AmountRequested);
        Assert.Equal(2, application.Budget.Count);
        Assert.Equal(TaskStatus.Completed, application.StatusOf(ApplicationTask.Budget, ApplicationInState.Grants));
    }

    [Theory]
    [InlineData(499.99, "The total, £499.99, must be between £500 and £5,000, the grants this round gives")]
    [InlineData(5000.01, "The total, £5,000.01, must be between £500 and £5,000, the grants this round gives")]
    public void Check_ABudgetOutsideTheGrantRange_IsAProblem(decimal total, string message)
    {
        var application = Blank();
        application.AnswerBudget([new BudgetLine("Everything", total)]);

        var problem = Assert.Single(application.Check(ApplicationTask.Budget, ApplicationInState.Grants));

        Assert.Equal(("budget", message), (problem.Location, problem.Message));
    }

    [Fact]
    public void Check_ABudgetLineWithoutItemOrCost_IsLocatedByLine()
    {
        var application = Blank();
        application.AnswerBudget([new BudgetLine("Room hire", 600m), new BudgetLine("", 40m), new BudgetLine("Snacks", -5m)]);

        var problems = application.Check(ApplicationTask.Budget, ApplicationInState.Grants).Select(problem => problem.Location);

        Assert.Equal(["budget[1].item", "budget[2].cost"], problems);
    }

    [Fact]
    public void AnswerPartners_No_ForgetsPartnersTheFormStillHeld()
    {
        var application = Blank();

        application.AnswerPartners(false, [new Partner("Coventry Mind", "Training")]);

        Assert.Empty(application.Partners);
        Assert.False(application.IsPartnershipBid);
        Assert.Equal(TaskStatus.Completed, application.StatusOf(ApplicationTask.Partners, ApplicationInState.Grants));
    }

    [Fact]
    public void IsPartnershipBid_NotYetAnswered_IsNot() => Assert.False(Blank().IsPartnershipBid);

    [Fact]
    public void AnswerPartners_YesButEveryPartnerBlank_IsNotAPartnershipBid()
    {
        var application = Blank();

        application.AnswerPartners(true, [new Partner("", ""), new Partner("  ", "")]);

        Assert.Empty(application.Partners);
        Assert.False(application.IsPartnershipBid);
    }

    [Fact]
    public void AnswerPartners_YesWithAPartner_IsAPartnershipBid()
    {
        var application = Blank();

        application.AnswerPartners(true, [new Partner("Coventry Mind", "Trains our peer supporters"), new Partner("", "")]);

        Assert.Single(application.Partners);
        Assert.True(application.IsPartnershipBid);
    }

    [Fact]
    public void Check_ProjectEndingBeforeItStarts_IsAProblemAtTheEndDate()
    {
        var application = Blank();

        application.AnswerProject(new ProjectAnswers("Walks", "Weekly walks.", new DateOnly(2027, 6, 1), new DateOnly(2027, 5, 31)));

        var problem = Assert.Single(application.Check(ApplicationTask.Project, ApplicationInState.Grants));
        Assert.Equal("endDate", problem.Location);
    }

    [Fact]
    public void Submit_WithAnUnansweredQuestion_IsRefusedAndStaysADraft()
    {
        var application = Draft();
        application.AnswerOutcomes("");
        var now = Monday;

        var refused = Assert.Throws<DomainRuleException>(() => application.Submit(now, Applicant, OpenWindow(now), ApplicationInState.Grants));

        Assert.Contains("Enter what will change and how you will know", refused.Message, StringComparison.Ordinal);
        Assert.Equal(ApplicationState.Draft, application.State);
        Assert.Empty(application.History);
    }

    [Fact]
    public void AnswerWhoBenefits_AfterSubmitting_IsRefusedAndTheAnswerKept()
    {
        var application = In(ApplicationState.Submitted);
        var sent = application.WhoBenefits;

        Assert.Throws<DomainRuleException>(() => application.AnswerWhoBenefits("Someone else"));

        Assert.Equal(sent, application.WhoBenefits);
    }
}
