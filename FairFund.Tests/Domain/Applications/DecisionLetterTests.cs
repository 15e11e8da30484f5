using FairFund.Domain.Allocation;
using FairFund.Domain.Applications;
using FairFund.Domain.Auditing;

namespace FairFund.Tests.Domain.Applications;

/// <summary>The words a group reads about its decision, the same in its email and on its status page.</summary>
public sealed class DecisionLetterTests
{
    private static readonly AfterTheDecision After = new("Report within a year.\n\nSpend it on the project.", new DateOnly(2027, 9, 30), "grants@fund.example");

    private static DecisionNotice Notice(Decision decision, decimal amount = 0m, bool partial = false) =>
        new(decision, amount, amount > 0 ? "Lived experience pot" : null, partial, "The reason.", [new(1, "A step.")], ["Well planned."]);

    private static DecisionLetter Write(DecisionNotice notice, AfterTheDecision? after = null) =>
        DecisionLetter.Write(notice, "Rugby Men's Shed", "Community Fund 2027", "CF-0007", after ?? After);

    [Fact]
    public void Award_GivesTheGrantThePotTheConditionsAndWhatHappensNext()
    {
        var letter = Write(Notice(Decision.Award, 4_500.50m, partial: true));

        Assert.Equal("Good news: the application from Rugby Men's Shed to the Community Fund 2027 (CF-0007) is funded.", letter.Opening);
        Assert.Equal("Grant: £4,500.50 (part of what you asked for)", letter.Grant);
        Assert.Equal("Paid from: Lived experience pot", letter.PaidFrom);
        Assert.Equal(["The grant's conditions", "What happens next"], letter.After.Select(part => part.Heading));
        Assert.Equal(["Report within a year.", "Spend it on the project."], letter.After[0].Paragraphs);
        Assert.Contains("If anything about your group or your project has changed since you applied, write to grants@fund.example.", letter.After[1].Paragraphs);
    }

    [Fact]
    public void Award_WithoutConditions_LeavesThatPartOut()
    {
        var letter = Write(Notice(Decision.Award, 1_000m), After with { GrantConditions = "  \n " });

        Assert.Equal(["What happens next"], letter.After.Select(part => part.Heading));
        Assert.Equal("Grant: £1,000", letter.Grant);
    }

    [Fact]
    public void Waitlist_SaysWhatItMeansAndUntilWhen()
    {
        var letter = Write(Notice(Decision.Waitlist));

        Assert.Equal("The application from Rugby Men's Shed to the Community Fund 2027 (CF-0007) is on the waiting list.", letter.Opening);
        Assert.Null(letter.Grant);
        var part = Assert.Single(letter.After);
        Assert.Equal("What the waiting list means", part.Heading);
        Assert.Contains(
            "The waiting list stays open until 30 September 2027. If your application has not been offered a grant by then, it will not be funded from this round, and you are welcome to apply again in a future round.",
            part.Paragraphs);
    }

    [Fact]
    public void Decline_GivesTheReasonAndWhoToAskOrTheFundTeamWithoutAnAddress()
    {
        var letter = Write(Notice(Decision.Decline), After with { Contact = " " });

        Assert.Equal("We are sorry: the application from Rugby Men's Shed to the Community Fund 2027 (CF-0007) has not been funded.", letter.Opening);
        Assert.Equal("The reason.", letter.Reason);
        Assert.Equal([new TrailLine(1, "A step.")], letter.Trail);
        Assert.Equal(["Well planned."], letter.PanelComments);
        Assert.Equal(["If you have a question about the decision, contact the fund team.", "You are welcome to apply again in a future round."], Assert.Single(letter.After).Paragraphs);
    }
}

/// <summary>An ineligible application is told why in a decision notice like every other, and stays ineligible.</summary>
public sealed class NoticeOfIneligibilityTests
{
    [Fact]
    public void Give_ToAnIneligibleApplication_KeepsTheNoticeAndTheState()
    {
        var application = ApplicationInState.In(ApplicationState.Ineligible);

        application.GiveNoticeOfIneligibility(ApplicationInState.NotFunded);

        Assert.Equal(ApplicationInState.NotFunded, application.Decision);
        Assert.Equal(ApplicationState.Ineligible, application.State);
    }

    [Theory]
    [InlineData(ApplicationState.Eligible, Decision.Decline)]
    [InlineData(ApplicationState.Scored, Decision.Decline)]
    [InlineData(ApplicationState.Ineligible, Decision.Award)]
    public void Give_OtherwiseOrAsAnythingButADecline_IsRefused(ApplicationState state, Decision decision)
    {
        var application = ApplicationInState.In(state);

        Assert.Throws<DomainRuleException>(() => application.GiveNoticeOfIneligibility(ApplicationInState.NotFunded with { Decision = decision }));
        Assert.Null(application.Decision);
    }
}
