using FairFund.Domain.Auditing;
using FairFund.Domain.Rounds;

namespace FairFund.Tests.Domain.Rounds;

/// <summary>
/// The round's settings for the panel's work and for telling groups found not eligible (issue 18): the scoring
/// deadline and its reminder window, and when a group found not eligible hears, each recorded with who and when.
/// </summary>
public sealed class RoundPanelWorkTests
{
    private static readonly DateTimeOffset Now = RoundInState.Monday.AddDays(10);

    [Theory]
    [InlineData(RoundState.Draft)]
    [InlineData(RoundState.Open)]
    [InlineData(RoundState.Screening)]
    [InlineData(RoundState.Scoring)]
    public void SetScoringDeadline_BeforeScoringCloses_IsSetAndRecordedWithWhoAndWhen(RoundState state)
    {
        var round = RoundInState.In(state);
        var deadline = Now.AddDays(14);

        round.SetScoringDeadline(deadline, Now, "priya@fund.example");

        Assert.Equal((deadline, "priya@fund.example", Now), (round.ScoringDeadline!.Value, round.ScoringDeadlineSetBy, round.ScoringDeadlineSetAt!.Value));
        var recorded = round.History[^1];
        Assert.Equal((Now, "priya@fund.example", Round.ScoringDeadlineChanged, state.ToString(), state.ToString()), (recorded.At, recorded.Actor, recorded.Trigger, recorded.From, recorded.To));
    }

    [Theory]
    [InlineData(RoundState.Moderation)]
    [InlineData(RoundState.Decided)]
    [InlineData(RoundState.Notified)]
    [InlineData(RoundState.Cancelled)]
    public void SetScoringDeadline_AfterScoringClosed_IsRefusedInWordsAndChangesNothing(RoundState state)
    {
        var round = RoundInState.In(state);
        var history = round.History.Count;

        var refused = Assert.Throws<DomainRuleException>(() => round.SetScoringDeadline(Now.AddDays(14), Now, "priya@fund.example"));

        Assert.StartsWith("The scoring deadline cannot be set now: the round is", refused.Message);
        Assert.Null(round.ScoringDeadline);
        Assert.Equal(history, round.History.Count);
    }

    [Fact]
    public void SetScoringDeadline_NotAfterNow_IsRefusedAndChangesNothing()
    {
        var round = RoundInState.In(RoundState.Scoring);

        var refused = Assert.Throws<DomainRuleException>(() => round.SetScoringDeadline(Now, Now, "priya@fund.example"));

        Assert.Equal("The scoring deadline must be in the future.", refused.Message);
        Assert.Null(round.ScoringDeadline);
    }

    [Theory]
    [InlineData(-49, false)]
    [InlineData(-48, true)]
    [InlineData(-1, true)]
    [InlineData(0, false)]
    [InlineData(5, false)]
    public void IsScoringReminderDue_AroundTheDeadline_OnlyInTheTwoDaysBeforeIt(int hoursFromDeadline, bool due)
    {
        var round = RoundInState.In(RoundState.Scoring);
        var deadline = Now.AddDays(7);
        round.SetScoringDeadline(deadline, Now, "priya@fund.example");

        Assert.Equal(due, round.IsScoringReminderDue(deadline.AddHours(hoursFromDeadline)));
    }

    [Fact]
    public void IsScoringReminderDue_NoDeadlineOrScoringNotOpen_IsNever()
    {
        var withoutDeadline = RoundInState.In(RoundState.Scoring);
        var screening = RoundInState.In(RoundState.Screening);
        var deadline = Now.AddDays(7);
        screening.SetScoringDeadline(deadline, Now, "priya@fund.example");

        Assert.False(withoutDeadline.IsScoringReminderDue(deadline.AddHours(-1)));
        Assert.False(screening.IsScoringReminderDue(deadline.AddHours(-1)));
    }

    [Fact]
    public void ChooseWhenIneligibleAreTold_DuringScreening_IsRecordedAndKeepsThemOutOfTheDecisionEmails()
    {
        var round = RoundInState.In(RoundState.Screening);
        Assert.False(round.TellsIneligibleAtScreening);
        Assert.True(round.DecisionsTellIneligible);

        round.ChooseWhenIneligibleAreTold(atScreening: true, Now, "priya@fund.example");

        Assert.True(round.TellsIneligibleAtScreening);
        Assert.False(round.DecisionsTellIneligible);
        var recorded = round.History[^1];
        Assert.Equal((Now, "priya@fund.example", Round.IneligibleNoticeChanged), (recorded.At, recorded.Actor, recorded.Trigger));
    }

    [Theory]
    [InlineData(RoundState.Scoring)]
    [InlineData(RoundState.Decided)]
    public void ChooseWhenIneligibleAreTold_AfterScreeningFinished_IsRefusedAndChangesNothing(RoundState state)
    {
        var round = RoundInState.In(state);

        var refused = Assert.Throws<DomainRuleException>(() => round.ChooseWhenIneligibleAreTold(atScreening: true, Now, "priya@fund.example"));

        Assert.StartsWith("When groups found not eligible are told cannot change now", refused.Message);
        Assert.False(round.TellsIneligibleAtScreening);
    }
}
