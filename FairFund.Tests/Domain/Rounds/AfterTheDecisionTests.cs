using FairFund.Domain.Auditing;
using FairFund.Domain.Rounds;

namespace FairFund.Tests.Domain.Rounds;

/// <summary>What a round's decision letters say about after the decision: set before the decisions go, fixed after.</summary>
public sealed class AfterTheDecisionTests
{
    private static readonly DateTimeOffset Friday = RoundInState.Monday.AddDays(4);

    [Fact]
    public void Set_WhileDecided_KeepsTheWordsTheDateAndWhoSetThem()
    {
        var round = RoundInState.In(RoundState.Decided);

        round.SetAfterTheDecision("  Report within a year.\r\nSpend it on the project.  ", new DateOnly(2027, 9, 30), Friday, RoundInState.Manager);

        Assert.Equal("Report within a year.\nSpend it on the project.", round.GrantConditions);
        Assert.Equal(new DateOnly(2027, 9, 30), round.WaitingListUntil);
        Assert.Equal(RoundInState.Manager, round.AfterTheDecisionSetBy);
        Assert.Equal(Friday, round.AfterTheDecisionSetAt);
    }

    [Theory]
    [InlineData(RoundState.Notified)]
    [InlineData(RoundState.Archived)]
    [InlineData(RoundState.Cancelled)]
    public void Set_OnceTheDecisionsHaveGone_IsRefused(RoundState state)
    {
        var round = RoundInState.In(state);

        var refused = Assert.Throws<DomainRuleException>(() => round.SetAfterTheDecision("New words", null, Friday, RoundInState.Manager));

        Assert.Equal($"What groups are told after the decision cannot change now: the round is {Round.Describe(state)}.", refused.Message);
        Assert.Equal("", round.GrantConditions);
    }

    [Fact]
    public void Set_DateNotAfterToday_IsRefused()
    {
        var round = RoundInState.In(RoundState.Decided);

        var refused = Assert.Throws<DomainRuleException>(() => round.SetAfterTheDecision("", DateOnly.FromDateTime(Friday.UtcDateTime), Friday, RoundInState.Manager));

        Assert.Equal("The date the waiting list closes must be after today.", refused.Message);
        Assert.Null(round.WaitingListUntil);
    }

    [Fact]
    public void Set_ConditionsTooLong_SaysHowLong()
    {
        var round = RoundInState.In(RoundState.Decided);

        var refused = Assert.Throws<DomainRuleException>(() => round.SetAfterTheDecision(new string('a', 4001), null, Friday, RoundInState.Manager));

        Assert.Equal("The grant's conditions must be 4,000 characters or fewer (they have 4,001).", refused.Message);
    }

    [Fact]
    public void Set_ConditionsOverTheirWordLimit_SaysHowMany()
    {
        var round = RoundInState.In(RoundState.Decided);

        var refused = Assert.Throws<DomainRuleException>(() => round.SetAfterTheDecision(string.Join(' ', Enumerable.Repeat("word", 601)), null, Friday, RoundInState.Manager));

        Assert.Equal("The grant's conditions must be 600 words or fewer (they have 601).", refused.Message);
        Assert.Equal("", round.GrantConditions);
    }

    [Fact]
    public void Set_ConditionsWithControlCharacters_AreKeptCleaned()
    {
        var round = RoundInState.In(RoundState.Decided);

        round.SetAfterTheDecision(" Report\0 within a year.\r\nKeep receipts. ", null, Friday, RoundInState.Manager);

        Assert.Equal("Report within a year.\nKeep receipts.", round.GrantConditions);
    }

    [Fact]
    public void Notify_WithAWaitingListAndNoClosingDate_IsRefused()
    {
        var round = RoundInState.In(RoundState.Decided);

        var refused = Assert.Throws<DomainRuleException>(() => round.Notify(Friday, RoundInState.Manager, new RoundProgress(0, 0, Waitlisted: 3)));

        Assert.Equal("The round cannot send its decisions: it needs the date the waiting list closes, as 3 applications are on the waiting list.", refused.Message);
        Assert.Equal(RoundState.Decided, round.State);
    }

    [Fact]
    public void Notify_AfterTheWaitingListHasClosed_IsRefused()
    {
        var round = RoundInState.In(RoundState.Decided);
        round.SetAfterTheDecision("", new DateOnly(2027, 3, 10), Friday, RoundInState.Manager);

        var refused = Assert.Throws<DomainRuleException>(() => round.Notify(Friday.AddDays(10), RoundInState.Manager, new RoundProgress(0, 0, Waitlisted: 1)));

        Assert.Equal("The round cannot send its decisions: it needs a date for the waiting list to close that is still to come, as 1 application is on the waiting list.", refused.Message);
    }

    [Fact]
    public void Notify_WithAClosingDateOrNoWaitingList_SendsAndRecordsWhoAndWhen()
    {
        var dated = RoundInState.In(RoundState.Decided);
        dated.SetAfterTheDecision("", new DateOnly(2027, 9, 30), Friday, RoundInState.Manager);
        var noWaitingList = RoundInState.In(RoundState.Decided);
        Assert.Null(dated.NotifiedAt);

        dated.Notify(Friday, "officer@fund.example", new RoundProgress(0, 0, Waitlisted: 2));
        noWaitingList.Notify(Friday, "officer@fund.example", new RoundProgress(0, 0, Waitlisted: 0));

        Assert.Equal(new StateChange(Friday, "officer@fund.example", "Decided", "Notified", "Notify", null), dated.History[^1]);
        Assert.Equal(Friday, dated.NotifiedAt);
        Assert.Equal(RoundState.Notified, noWaitingList.State);
    }
}
