using FairFund.Domain.Auditing;
using FairFund.Domain.Grants;

namespace FairFund.Tests.Domain.Grants;

/// <summary>Every report state against every trigger: a listed pair moves the report and records it; every other is refused in words.</summary>
public sealed class ReportTransitionTableTests
{
    private static readonly DateTimeOffset At = GrantInState.OfferedAt.AddDays(30);
    private const string Reason = "Say how many walkers came back";

    private static readonly Dictionary<(ReportState From, ReportTrigger Trigger), ReportState> Allowed = new()
    {
        [(ReportState.Due, ReportTrigger.SaveDraft)] = ReportState.Draft,
        [(ReportState.Due, ReportTrigger.Send)] = ReportState.Sent,
        [(ReportState.Draft, ReportTrigger.SaveDraft)] = ReportState.Draft,
        [(ReportState.Draft, ReportTrigger.Send)] = ReportState.Sent,
        [(ReportState.Sent, ReportTrigger.AskForMore)] = ReportState.MoreAsked,
        [(ReportState.Sent, ReportTrigger.Accept)] = ReportState.Accepted,
        [(ReportState.MoreAsked, ReportTrigger.SaveDraft)] = ReportState.MoreAsked,
        [(ReportState.MoreAsked, ReportTrigger.Send)] = ReportState.Sent,
    };

    private static readonly Dictionary<ReportTrigger, string> Verbs = new()
    {
        [ReportTrigger.SaveDraft] = "be saved",
        [ReportTrigger.Send] = "be sent",
        [ReportTrigger.AskForMore] = "be sent back for more",
        [ReportTrigger.Accept] = "be accepted",
    };

    private static readonly Dictionary<ReportState, string> StateWords = new()
    {
        [ReportState.Due] = "not started",
        [ReportState.Draft] = "a draft",
        [ReportState.Sent] = "sent and waiting for the fund",
        [ReportState.MoreAsked] = "sent back for more",
        [ReportState.Accepted] = "accepted",
    };

    /// <summary>The triggers that take a new report to each state.</summary>
    private static readonly Dictionary<ReportState, ReportTrigger[]> PathTo = new()
    {
        [ReportState.Due] = [],
        [ReportState.Draft] = [ReportTrigger.SaveDraft],
        [ReportState.Sent] = [ReportTrigger.Send],
        [ReportState.MoreAsked] = [ReportTrigger.Send, ReportTrigger.AskForMore],
        [ReportState.Accepted] = [ReportTrigger.Send, ReportTrigger.Accept],
    };

    private static IEnumerable<(ReportState State, ReportTrigger Trigger)> EveryPair() =>
        from state in Enum.GetValues<ReportState>()
        from trigger in Enum.GetValues<ReportTrigger>()
        select (state, trigger);

    public static TheoryData<ReportState, ReportTrigger> AllowedPairs() => Pairs(EveryPair().Where(Allowed.ContainsKey));

    public static TheoryData<ReportState, ReportTrigger> RefusedPairs() => Pairs(EveryPair().Where(pair => !Allowed.ContainsKey(pair)));

    private static TheoryData<ReportState, ReportTrigger> Pairs(IEnumerable<(ReportState State, ReportTrigger Trigger)> pairs)
    {
        var data = new TheoryData<ReportState, ReportTrigger>();
        foreach (var (state, trigger) in pairs) data.Add(state, trigger);
        return data;
    }

    private static Grant GrantWithReportIn(ReportState state)
    {
        var grant = GrantInState.In(GrantState.Active);
        var day = 2;
        foreach (var trigger in PathTo[state]) Fire(grant, trigger, GrantInState.OfferedAt.AddDays(day++));
        Assert.Equal(state, grant.Reports[0].State);
        return grant;
    }

    private static void Fire(Grant grant, ReportTrigger trigger, DateTimeOffset at)
    {
        switch (trigger)
        {
            case ReportTrigger.SaveDraft: grant.SaveReport(1, GrantInState.FullReport, at, GrantInState.Group); break;
            case ReportTrigger.Send: grant.SendReport(1, GrantInState.FullReport, at, GrantInState.Group); break;
            case ReportTrigger.AskForMore: grant.AskForMore(1, Reason, at, GrantInState.FundManager); break;
            default: grant.AcceptReport(1, at, GrantInState.FundManager); break;
        }
    }

    [Fact]
    public void TransitionTable_EveryStateAndTrigger_IsEitherAllowedOrRefused()
    {
        Assert.Equal(5 * 4, AllowedPairs().Count + RefusedPairs().Count);
        Assert.Equal(8, AllowedPairs().Count);
    }

    [Theory]
    [MemberData(nameof(AllowedPairs))]
    public void Trigger_AllowedInState_MovesTheReportAndRecordsWhoAndWhen(ReportState from, ReportTrigger trigger)
    {
        var grant = GrantWithReportIn(from);
        var report = grant.Reports[0];
        var earlier = report.History.ToList();
        var actor = trigger is ReportTrigger.SaveDraft or ReportTrigger.Send ? GrantInState.Group : GrantInState.FundManager;

        Assert.Empty(report.WhyNot(trigger, Reason));
        Fire(grant, trigger, At);

        Assert.Equal(Allowed[(from, trigger)], report.State);
        Assert.Equal([.. earlier, new StateChange(At, actor, from.ToString(), Allowed[(from, trigger)].ToString(), trigger.ToString(), trigger == ReportTrigger.AskForMore ? Reason : null)], report.History);
    }

    [Theory]
    [MemberData(nameof(RefusedPairs))]
    public void Trigger_NotAllowedInState_IsRefusedInWordsAndChangesNothing(ReportState from, ReportTrigger trigger)
    {
        var grant = GrantWithReportIn(from);
        var report = grant.Reports[0];
        var earlier = report.History.ToList();
        var whyNot = $"it is {StateWords[from]}";

        Assert.Equal([whyNot], report.WhyNot(trigger, Reason));
        var refused = Assert.Throws<DomainRuleException>(() => Fire(grant, trigger, At));

        Assert.Equal($"The report cannot {Verbs[trigger]}: {whyNot}.", refused.Message);
        Assert.Equal(from, report.State);
        Assert.Equal(earlier, report.History);
    }
}
