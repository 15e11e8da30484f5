using FairFund.Domain.Applications;
using FairFund.Domain.Auditing;
using FairFund.Domain.Deadlines;
using FairFund.Domain.Rounds;
using FairFund.Tests.Domain.Applications;
using FairFund.Tests.Domain.Rounds;

namespace FairFund.Tests.Domain.Deadlines;

public sealed class DeadlineExtensionTests
{
    private const string Reason = "The library that lends laptops to groups was closed for a week";
    private static readonly DateTimeOffset Now = RoundInState.Monday.AddDays(5);

    [Fact]
    public void ExtendClosingTime_OpenRoundLater_MovesTheClosingTimeAndRecordsWhoWhenWhy()
    {
        var round = RoundInState.In(RoundState.Open);
        var before = round.ClosesAt;
        var later = before.AddDays(7);

        round.ExtendClosingTime(later, Reason, Now, RoundInState.Manager);

        Assert.Equal(later, round.ClosesAt);
        var extension = Assert.Single(round.ClosingTimeExtensions);
        Assert.Equal(new ClosingTimeExtension(before, later, Reason, RoundInState.Manager, Now), extension);
        Assert.Contains(round.History, change => change.Trigger == Round.ClosingTimeExtended && change.Actor == RoundInState.Manager && change.At == Now && change.Reason == Reason);
    }

    [Theory]
    [InlineData(RoundState.Draft)]
    [InlineData(RoundState.Screening)]
    [InlineData(RoundState.Scoring)]
    [InlineData(RoundState.Cancelled)]
    public void ExtendClosingTime_RoundNotOpen_IsRefusedAndChangesNothing(RoundState state)
    {
        var round = RoundInState.In(state);
        var before = round.ClosesAt;

        var refused = Assert.Throws<DomainRuleException>(() => round.ExtendClosingTime(before.AddDays(30), Reason, RoundInState.Monday.AddDays(20), RoundInState.Manager));

        Assert.Contains("only while the round is open", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, round.ClosesAt);
        Assert.Empty(round.ClosingTimeExtensions);
    }

    [Fact]
    public void ExtendClosingTime_EarlierThanTheCurrentClose_IsRefused()
    {
        var round = RoundInState.In(RoundState.Open);
        var before = round.ClosesAt;

        var problems = round.CheckClosingTimeExtension(before.AddSeconds(-1), Reason, Now);

        Assert.Equal("closesAt", Assert.Single(problems).Location);
        Assert.Throws<DomainRuleException>(() => round.ExtendClosingTime(before, Reason, Now, RoundInState.Manager));
        Assert.Equal(before, round.ClosesAt);
    }

    [Fact]
    public void ExtendClosingTime_NotLaterThanNow_IsRefused()
    {
        var round = RoundInState.In(RoundState.Open);
        // The round's closing time has passed but the clock has not yet closed it: moving it to another past time is no extension.
        var late = round.ClosesAt.AddDays(2);

        var problems = round.CheckClosingTimeExtension(round.ClosesAt.AddDays(1), Reason, late);

        Assert.Equal("The new closing time must be in the future", Assert.Single(problems).Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void ExtendClosingTime_WithoutAReason_IsRefused(string reason)
    {
        var round = RoundInState.In(RoundState.Open);

        var problems = round.CheckClosingTimeExtension(round.ClosesAt.AddDays(1), reason, Now);

        Assert.Equal("reason", Assert.Single(problems).Location);
    }

    [Fact]
    public void ExtendClosingTime_ReasonOverItsLimits_IsRefusedSayingWhichLimit()
    {
        var round = RoundInState.In(RoundState.Open);

        var tooLong = round.CheckClosingTimeExtension(round.ClosesAt.AddDays(1), new string('a', DeadlineRules.ReasonLimit.Characters + 1), Now);
        var tooWordy = round.CheckClosingTimeExtension(round.ClosesAt.AddDays(1), string.Join(' ', Enumerable.Repeat("a", DeadlineRules.ReasonLimit.Words!.Value + 1)), Now);

        Assert.Contains("characters or fewer", Assert.Single(tooLong).Message, StringComparison.Ordinal);
        Assert.Contains("words or fewer", Assert.Single(tooWordy).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExtendDeadline_Draft_GivesTheGroupItsOwnDeadlineRecordedWithWhoWhenWhy()
    {
        var closes = RoundInState.Monday.AddDays(28);
        var application = ApplicationInState.Draft();
        var until = closes.AddDays(3);

        application.ExtendDeadline(RoundState.Open, closes, until, Reason, Now, RoundInState.Manager);

        Assert.Equal(until, application.DeadlineIn(closes));
        Assert.Equal((until, Reason, RoundInState.Manager, Now), (application.ExtendedUntil!.Value, application.ExtensionReason, application.ExtendedBy, application.ExtendedAt!.Value));
        Assert.Contains(application.History, change => change.Trigger == Application.DeadlineExtended && change.Reason == Reason && change.From == "Draft" && change.To == "Draft");
        Assert.Equal(ApplicationState.Draft, application.State);
    }

    [Fact]
    public void WindowIn_GroupWithExtension_TakesItToTheSecondAfterTheRoundHasClosed()
    {
        var closes = RoundInState.Monday.AddDays(28);
        var application = ApplicationInState.Draft();
        var until = closes.AddDays(3);
        application.ExtendDeadline(RoundState.Open, closes, until, Reason, Now, RoundInState.Manager);

        Assert.True(application.WindowIn(RoundState.Screening, closes, until.AddSeconds(-1)).IsOpen);
        Assert.False(application.WindowIn(RoundState.Screening, closes, until).IsOpen);
        Assert.False(application.WindowIn(RoundState.Scoring, closes, until.AddSeconds(-1)).IsOpen);
        // Another group, with the round's deadline, is closed out at the round's closing instant.
        var other = ApplicationInState.Draft();
        Assert.True(other.WindowIn(RoundState.Open, closes, closes.AddSeconds(-1)).IsOpen);
        Assert.False(other.WindowIn(RoundState.Open, closes, closes).IsOpen);
        Assert.False(other.WindowIn(RoundState.Screening, closes, closes.AddSeconds(-1)).IsOpen);
    }

    [Fact]
    public void Submit_GroupWithExtensionAfterTheRoundClosed_IsAcceptedUntilItsOwnDeadline()
    {
        var closes = RoundInState.Monday.AddDays(28);
        var application = ApplicationInState.Draft();
        var until = closes.AddHours(6);
        application.ExtendDeadline(RoundState.Open, closes, until, Reason, Now, RoundInState.Manager);
        var late = ApplicationInState.Draft();
        late.ExtendDeadline(RoundState.Open, closes, until, Reason, Now, RoundInState.Manager);

        application.Submit(until.AddSeconds(-1), ApplicationInState.Applicant, application.WindowIn(RoundState.Screening, closes, until.AddSeconds(-1)), ApplicationInState.Grants);
        Assert.Throws<DomainRuleException>(() => late.Submit(until, ApplicationInState.Applicant, late.WindowIn(RoundState.Screening, closes, until), ApplicationInState.Grants));

        Assert.Equal(ApplicationState.Submitted, application.State);
        Assert.Equal(ApplicationState.Draft, late.State);
    }

    [Fact]
    public void ExtendDeadline_NotLaterThanTheGroupsCurrentDeadline_IsRefused()
    {
        var closes = RoundInState.Monday.AddDays(28);
        var application = ApplicationInState.Draft();
        application.ExtendDeadline(RoundState.Open, closes, closes.AddDays(3), Reason, Now, RoundInState.Manager);

        Assert.Equal("closesAt", Assert.Single(application.CheckExtension(RoundState.Open, closes, closes.AddDays(2), Reason, Now)).Location);
        Assert.Equal("closesAt", Assert.Single(application.CheckExtension(RoundState.Open, closes, closes, Reason, Now)).Location);
        Assert.Throws<DomainRuleException>(() => application.ExtendDeadline(RoundState.Open, closes, closes.AddDays(1), Reason, Now, RoundInState.Manager));
        Assert.Equal(closes.AddDays(3), application.ExtendedUntil);
    }

    [Fact]
    public void ExtendDeadline_SentApplication_IsRefused()
    {
        var application = ApplicationInState.In(ApplicationState.Submitted);

        var refused = Assert.Throws<DomainRuleException>(() => application.ExtendDeadline(RoundState.Open, RoundInState.Monday.AddDays(28), RoundInState.Monday.AddDays(40), Reason, Now, RoundInState.Manager));

        Assert.Contains("not yet sent", refused.Message, StringComparison.Ordinal);
        Assert.Null(application.ExtendedUntil);
    }

    [Theory]
    [InlineData(RoundState.Scoring)]
    [InlineData(RoundState.Draft)]
    public void ExtendDeadline_RoundNotOpenOrScreening_IsRefused(RoundState state)
    {
        var application = ApplicationInState.Draft();

        Assert.Single(application.CheckExtension(state, RoundInState.Monday.AddDays(28), RoundInState.Monday.AddDays(40), Reason, Now));
    }

    [Fact]
    public void DeadlineIn_RoundExtendedBeyondTheGroups_IsTheLaterOfTheTwo()
    {
        var closes = RoundInState.Monday.AddDays(28);
        var application = ApplicationInState.Draft();
        application.ExtendDeadline(RoundState.Open, closes, closes.AddDays(3), Reason, Now, RoundInState.Manager);

        Assert.Equal(closes.AddDays(10), application.DeadlineIn(closes.AddDays(10)));
        Assert.True(application.WindowIn(RoundState.Open, closes.AddDays(10), closes.AddDays(5)).IsOpen);
    }

    [Fact]
    public void StartScoring_WithAGroupsExtensionRunning_IsRefusedSayingWhy()
    {
        var round = RoundInState.In(RoundState.Screening);

        var why = round.WhyNot(RoundTrigger.StartScoring, new RoundProgress(0, 0, ExtensionsRunning: 1));

        Assert.Contains(why, reason => reason.Contains("given more time", StringComparison.Ordinal));
        Assert.Throws<DomainRuleException>(() => round.StartScoring(Now, RoundInState.Manager, new RoundProgress(0, 0, ExtensionsRunning: 1)));
        Assert.Equal(RoundState.Screening, round.State);
        round.StartScoring(Now, RoundInState.Manager, new RoundProgress(0, 0));
        Assert.Equal(RoundState.Scoring, round.State);
    }

    [Fact]
    public void HasExtensionRunning_UntilItsDeadlineOrUntilSent()
    {
        var closes = RoundInState.Monday.AddDays(28);
        var application = ApplicationInState.Draft();
        var until = closes.AddDays(2);
        application.ExtendDeadline(RoundState.Open, closes, until, Reason, Now, RoundInState.Manager);

        Assert.True(application.HasExtensionRunning(closes, until.AddSeconds(-1)));
        Assert.False(application.HasExtensionRunning(closes, until));
        application.Submit(closes.AddDays(1), ApplicationInState.Applicant, application.WindowIn(RoundState.Screening, closes, closes.AddDays(1)), ApplicationInState.Grants);
        Assert.False(application.HasExtensionRunning(closes, until.AddSeconds(-1)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(DeadlineRules.MostReminderHours + 1)]
    public void SetDeadlineReminder_OutsideItsRange_IsRefused(int hours)
    {
        var round = RoundInState.In(RoundState.Open);

        Assert.Throws<DomainRuleException>(() => round.SetDeadlineReminder(hours, Now, RoundInState.Manager));

        Assert.Equal(DeadlineRules.DefaultReminderHours, round.DeadlineReminderHours);
    }

    [Fact]
    public void SetDeadlineReminder_OpenRound_ChangesItRecordedWithWhoAndWhen()
    {
        var round = RoundInState.In(RoundState.Open);

        round.SetDeadlineReminder(24, Now, RoundInState.Manager);

        Assert.Equal(24, round.DeadlineReminderHours);
        Assert.Contains(round.History, change => change.Trigger == Round.ReminderChanged && change.At == Now && change.Actor == RoundInState.Manager);
    }

    [Fact]
    public void IsDeadlineReminderDue_FromTheSetHoursBeforeTheGroupsOwnDeadline()
    {
        var closes = RoundInState.Monday.AddDays(28);
        var draft = ApplicationInState.Draft();
        var extended = ApplicationInState.Draft();
        extended.ExtendDeadline(RoundState.Open, closes, closes.AddDays(7), Reason, Now, RoundInState.Manager);
        var sent = ApplicationInState.In(ApplicationState.Submitted);

        Assert.False(draft.IsDeadlineReminderDue(RoundState.Open, closes, 72, closes.AddHours(-72).AddSeconds(-1)));
        Assert.True(draft.IsDeadlineReminderDue(RoundState.Open, closes, 72, closes.AddHours(-72)));
        Assert.False(extended.IsDeadlineReminderDue(RoundState.Open, closes, 72, closes.AddHours(-72)));
        Assert.True(extended.IsDeadlineReminderDue(RoundState.Screening, closes, 72, closes.AddDays(7).AddHours(-72)));
        Assert.False(sent.IsDeadlineReminderDue(RoundState.Open, closes, 72, closes.AddHours(-1)));
        Assert.False(draft.IsDeadlineReminderDue(RoundState.Open, closes, 72, closes));
    }
}
