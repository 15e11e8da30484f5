using FairFund.Domain.Allocation;
using FairFund.Domain.Applications;
using FairFund.Domain.Auditing;

namespace FairFund.Tests.Domain.Applications;

/// <summary>The words a group reads about its decision, the same in its email and on its status page.</summary>
public sealed class DecisionLetterTests
{
    private static readonly AfterTheDecision After = new("Report within a year.\n\nSpend it on the project.", new DateOnly(2027, 9, 30), "grants@fund.example");

    private static DecisionNotice Notice(Decision decision, decimal amount = 0m, bool partial = false, decimal? requested = null) =>
        new(decision, amount, amount > 0 ? "Lived experience pot" : null, partial, "The reason.", [new(1, "A step.")], ["Well planned."]) { Requested = requested };

    private static DecisionLetter Write(DecisionNotice notice, AfterTheDecision? after = null) =>
        DecisionLetter.Write(notice, "Rugby Men's Shed", "Community Fund 2027", "CF-0007", after ?? After);

    [Fact]
    public void Award_GivesTheGrantThePotTheConditionsAndWhatHappensNext()
    {
        var letter = Write(Notice(Decision.Award, 4_500.50m, partial: true));

        Assert.Equal("You have been awarded £4,500.50, part of what you asked for. That was what the pot had left when it reached your application.", letter.Opening);
        Assert.Equal("This is the decision on the application from Rugby Men's Shed to the Community Fund 2027 (CF-0007).", letter.About);
        Assert.Equal("Grant: £4,500.50 (part of what you asked for)", letter.Grant);
        Assert.Equal("Paid from: Lived experience pot", letter.PaidFrom);
        Assert.Equal(["The grant's conditions", "What happens next"], letter.After.Select(part => part.Heading));
        Assert.Equal(["Report within a year.", "Spend it on the project."], letter.After[0].Paragraphs);
        Assert.Contains("If anything about your group or your project has changed since you applied, write to grants@fund.example.", letter.After[1].Paragraphs);
        // The offer is made as the letter goes, so the group is sent to accept it, not told to wait.
        Assert.Equal("Your grant agreement is ready on your application's page in FairFund. Read it and accept it there, with your group's bank details, so that the money can be paid.", letter.After[1].Paragraphs[0]);
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

        Assert.Equal("Your application is on the waiting list until 30 September 2027. It scored well enough to be funded, but the money ran out before it was reached.", letter.Opening);
        Assert.Null(letter.Grant);
        var part = Assert.Single(letter.After);
        Assert.Equal("What happens next", part.Heading);
        Assert.Contains(
            "The waiting list stays open until 30 September 2027. If your application has not been offered a grant by then, it will not be funded from this round, and you are welcome to apply again in a future round.",
            part.Paragraphs);
    }

    [Fact]
    public void Decline_GivesTheReasonAndWhoToAskOrTheFundTeamWithoutAnAddress()
    {
        var letter = Write(Notice(Decision.Decline), After with { Contact = " " });

        Assert.Equal("We are sorry: your application has not been funded. The reason.", letter.Opening);
        Assert.Equal("The reason.", letter.Reason);
        Assert.Empty(letter.WorkingSummary);
        Assert.Equal([new TrailLine(1, "A step.")], letter.Trail);
        Assert.Equal(["Well planned."], letter.PanelComments);
        Assert.Equal(["You do not need to do anything. You are welcome to apply again in a future round.", "If you have a question about the decision, contact the fund team."], Assert.Single(letter.After).Paragraphs);
    }

    [Fact]
    public void Decline_OfAnApplicationThePanelNeverScored_SaysSoWhereTheCommentsWouldBe()
    {
        var scored = Write(Notice(Decision.Decline) with { PanelComments = [] });
        var screenedOut = DecisionLetter.Write(Notice(Decision.Decline) with { PanelComments = [] }, "Rugby Men's Shed", "Community Fund 2027", "CF-0007", After, scoredByThePanel: false);

        Assert.Equal(DecisionLetter.NoComments, scored.InsteadOfComments);
        Assert.Equal("The panel did not score your application, as it could not be considered.", screenedOut.InsteadOfComments);
        Assert.Null(Write(Notice(Decision.Decline)).InsteadOfComments);
    }
}

/// <summary>
/// A decision moderation changed twice, on the shared small round: the letter and its trail tell the whole story,
/// from the rules' decision through each change with its reason to the decision that stands.
/// </summary>
public sealed class DecisionLetterAfterModerationTests
{
    private static readonly DateTimeOffset Monday = new(2027, 6, 7, 10, 0, 0, TimeSpan.Zero);
    private static readonly AfterTheDecision After = new("", new DateOnly(2027, 9, 30), "grants@fund.example");

    private static DateOnly Utc(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

    /// <summary>APP-0002 is on the waiting list by the rules; the panel funds it with £5,000 (reason A), then lowers it to £4,000 (reason B) a day later.</summary>
    private static FairFund.Domain.Moderation.ModeratedApplication ChangedTwice()
    {
        var computed = FairFund.Domain.RoundFiles.RoundFileReader.Read(File.ReadAllText(Path.Combine(Allocation.ScenarioTests.ScenarioFolder, "small-round.round.json"))).File!.Allocate();
        var moderated = FairFund.Domain.Moderation.Moderation.Apply(computed,
        [
            new(Guid.NewGuid(), Guid.Empty, "APP-0002", FairFund.Domain.Moderation.OverrideKind.Fund, 5_000m, "general", "A: the group reaches families no one else does.", "manager@fund.example", Monday),
            new(Guid.NewGuid(), Guid.Empty, "APP-0002", FairFund.Domain.Moderation.OverrideKind.ChangeAmount, 4_000m, null, "B: the second year is not ready.", "manager@fund.example", Monday.AddDays(1)),
        ], 25m, 12.5m);
        var application = moderated.Find("APP-0002")!;
        Assert.Equal(Decision.Waitlist, application.Computed.Decision);
        return application;
    }

    [Fact]
    public void Notice_TwoChanges_CarriesEachInOrderWithWhatItWasWhatItBecameTheReasonAndWhen()
    {
        var notice = ChangedTwice().Notice(["Strong local links."], Utc);

        Assert.Equal((Decision.Award, 4_000m, "General pot", true), (notice.Decision, notice.Amount, notice.PotName, notice.Partial));
        Assert.Equal(
        [
            new NoticeChange(new(Decision.Waitlist, 0m, null), new(Decision.Award, 5_000m, "General pot"), "A: the group reaches families no one else does.", Monday, new DateOnly(2027, 6, 7)),
            new NoticeChange(new(Decision.Award, 5_000m, "General pot"), new(Decision.Award, 4_000m, "General pot"), "B: the second year is not ready.", Monday.AddDays(1), new DateOnly(2027, 6, 8)),
        ], notice.Changes);
        Assert.StartsWith("Your application scored well enough to be funded, but the money ran out", notice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Letter_TwoChanges_SaysTheRulesDecisionThenEachChangeWithItsReasonAndEndsWithTheFinalDecision()
    {
        var notice = ChangedTwice().Notice([], Utc);

        var letter = DecisionLetter.Write(notice, "Rugby Men's Shed", "Small Round", "APP-0002", After);

        Assert.Equal(Decision.Award, letter.Decision);
        Assert.Equal("Grant: £4,000 (part of what you asked for)", letter.Grant);
        Assert.Equal($"You have been awarded £4,000 of the £{ChangedTwice().Computed.Requested:#,##0} you asked for. The panel changed the decision the fund's rules gave, for the reasons under \"How this decision was worked out\".", letter.Opening);
        Assert.StartsWith("By the fund's published rules, your application scored well enough to be funded, but the money ran out before it was reached", letter.Reason, StringComparison.Ordinal);
        Assert.Equal(
        [
            "On 7 June 2027 the panel decided to fund your application with £5,000 from the General pot. Their reason: A: the group reaches families no one else does.",
            "On 8 June 2027 the panel changed your grant from £5,000 to £4,000. Their reason: B: the second year is not ready.",
        ], letter.Changes);
        Assert.Equal("So the final decision is that your application is funded: £4,000, part of what you asked for, from the General pot.", letter.FinalDecision);
        Assert.Equal([letter.Reason, .. letter.Changes, letter.FinalDecision!], letter.WorkingSummary);

        var rulesSteps = ChangedTwice().Computed.Explain().Count;
        Assert.Equal(rulesSteps + 3, letter.Trail.Count);
        Assert.Equal(Enumerable.Range(1, letter.Trail.Count), letter.Trail.Select(line => line.Number));
        Assert.StartsWith("So the rules put your application on the waiting list", letter.Trail[rulesSteps - 1].Text, StringComparison.Ordinal);
        Assert.Equal("Moderation on 7 June 2027: the panel changed the decision from the waiting list to an award of £5,000.00 from the General pot, because: A: the group reaches families no one else does.", letter.Trail[^3].Text);
        Assert.Equal("Moderation on 8 June 2027: the panel changed the award from £5,000.00 to £4,000.00, because: B: the second year is not ready.", letter.Trail[^2].Text);
        Assert.Equal("Final decision, after moderation: an award of £4,000.00 from the General pot (part of what you asked for)", letter.Trail[^1].Text);
    }

    [Fact]
    public void Letter_WithoutChanges_IsTheRulesDecisionAlone()
    {
        var computed = FairFund.Domain.RoundFiles.RoundFileReader.Read(File.ReadAllText(Path.Combine(Allocation.ScenarioTests.ScenarioFolder, "small-round.round.json"))).File!.Allocate();
        var unchanged = FairFund.Domain.Moderation.Moderation.Apply(computed, [], 25m, 12.5m).Find("APP-0004")!;

        var letter = DecisionLetter.Write(unchanged.Notice([], Utc), "Rugby Men's Shed", "Small Round", "APP-0004", After);

        Assert.Empty(letter.Changes);
        Assert.Null(letter.FinalDecision);
        Assert.Equal("Your application is funded: £22,500, the full amount you asked for.", letter.Reason);
        Assert.Equal("You have been awarded £22,500, the full amount you asked for.", letter.Opening);
        Assert.Empty(letter.WorkingSummary);
        Assert.Equal("So the rules gave your application £22,500.00 from the General pot.", letter.Trail[^1].Text);
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
