using FairFund.Domain.Applications;
using FairFund.Domain.Auditing;

namespace FairFund.Tests.Domain.Applications;

/// <summary>
/// Every application state against every trigger, checked against an explicit table: a pair it lists
/// moves the application and records the change; every other pair is refused in words and changes nothing.
/// </summary>
public sealed class ApplicationTransitionTableTests
{
    private static readonly DateTimeOffset At = ApplicationInState.Monday.AddDays(100);
    private const string Actor = "chair@fund.example";

    /// <summary>
    /// DESIGN.md: Draft → Submitted → Eligible | Ineligible → Scored → Awarded | Waitlisted | Declined, and
    /// Withdrawn from Draft or Submitted. Intended beyond that sketch: Withdraw from Eligible and Scored
    /// (before a decision), Decline from Eligible (too few reviews), MarkEligible from Ineligible (screening
    /// corrected), MarkIneligible from Eligible (screening corrected the other way) and Award from
    /// Waitlisted (money came back).
    /// </summary>
    private static readonly Dictionary<(ApplicationState From, ApplicationTrigger Trigger), ApplicationState> Allowed = new()
    {
        [(ApplicationState.Draft, ApplicationTrigger.Submit)] = ApplicationState.Submitted,
        [(ApplicationState.Draft, ApplicationTrigger.Withdraw)] = ApplicationState.Withdrawn,
        [(ApplicationState.Submitted, ApplicationTrigger.MarkEligible)] = ApplicationState.Eligible,
        [(ApplicationState.Submitted, ApplicationTrigger.MarkIneligible)] = ApplicationState.Ineligible,
        [(ApplicationState.Submitted, ApplicationTrigger.Withdraw)] = ApplicationState.Withdrawn,
        [(ApplicationState.Eligible, ApplicationTrigger.MarkScored)] = ApplicationState.Scored,
        [(ApplicationState.Eligible, ApplicationTrigger.MarkIneligible)] = ApplicationState.Ineligible,
        [(ApplicationState.Eligible, ApplicationTrigger.Decline)] = ApplicationState.Declined,
        [(ApplicationState.Eligible, ApplicationTrigger.Withdraw)] = ApplicationState.Withdrawn,
        [(ApplicationState.Ineligible, ApplicationTrigger.MarkEligible)] = ApplicationState.Eligible,
        [(ApplicationState.Scored, ApplicationTrigger.Award)] = ApplicationState.Awarded,
        [(ApplicationState.Scored, ApplicationTrigger.Waitlist)] = ApplicationState.Waitlisted,
        [(ApplicationState.Scored, ApplicationTrigger.Decline)] = ApplicationState.Declined,
        [(ApplicationState.Scored, ApplicationTrigger.Withdraw)] = ApplicationState.Withdrawn,
        [(ApplicationState.Waitlisted, ApplicationTrigger.Award)] = ApplicationState.Awarded,
    };

    /// <summary>How a refusal names what was asked for: "The application cannot {verb}: …".</summary>
    private static readonly Dictionary<ApplicationTrigger, string> Verbs = new()
    {
        [ApplicationTrigger.Submit] = "be submitted",
        [ApplicationTrigger.MarkEligible] = "be marked eligible",
        [ApplicationTrigger.MarkIneligible] = "be marked ineligible",
        [ApplicationTrigger.MarkScored] = "be marked scored",
        [ApplicationTrigger.Award] = "be awarded",
        [ApplicationTrigger.Waitlist] = "be waitlisted",
        [ApplicationTrigger.Decline] = "be declined",
        [ApplicationTrigger.Withdraw] = "be withdrawn",
    };

    /// <summary>How a refusal names the state the application is in: "…: it is {words}."</summary>
    private static readonly Dictionary<ApplicationState, string> StateWords = new()
    {
        [ApplicationState.Draft] = "a draft",
        [ApplicationState.Submitted] = "submitted",
        [ApplicationState.Eligible] = "eligible",
        [ApplicationState.Ineligible] = "ineligible",
        [ApplicationState.Scored] = "scored",
        [ApplicationState.Awarded] = "awarded",
        [ApplicationState.Waitlisted] = "waitlisted",
        [ApplicationState.Declined] = "declined",
        [ApplicationState.Withdrawn] = "withdrawn",
    };

    private static IEnumerable<(ApplicationState State, ApplicationTrigger Trigger)> EveryPair() =>
        from state in Enum.GetValues<ApplicationState>()
        from trigger in Enum.GetValues<ApplicationTrigger>()
        select (state, trigger);

    public static TheoryData<ApplicationState, ApplicationTrigger> AllowedPairs() => Pairs(EveryPair().Where(Allowed.ContainsKey));

    public static TheoryData<ApplicationState, ApplicationTrigger> RefusedPairs() => Pairs(EveryPair().Where(pair => !Allowed.ContainsKey(pair)));

    private static TheoryData<ApplicationState, ApplicationTrigger> Pairs(IEnumerable<(ApplicationState State, ApplicationTrigger Trigger)> pairs)
    {
        var data = new TheoryData<ApplicationState, ApplicationTrigger>();
        foreach (var (state, trigger) in pairs) data.Add(state, trigger);
        return data;
    }

    [Fact]
    public void TransitionTable_EveryStateAndTrigger_IsEitherAllowedOrRefused()
    {
        Assert.Equal(9 * 8, AllowedPairs().Count + RefusedPairs().Count);
        Assert.Equal(15, AllowedPairs().Count);
        Assert.Equal(Enum.GetValues<ApplicationState>(), StateWords.Keys.Order());
        Assert.Equal(Enum.GetValues<ApplicationTrigger>(), Verbs.Keys.Order());
    }

    [Theory]
    [MemberData(nameof(AllowedPairs))]
    public void Trigger_AllowedInState_MovesToTheNextStateAndRecordsOneChange(ApplicationState from, ApplicationTrigger trigger)
    {
        var application = ApplicationInState.In(from);
        var earlier = application.History.ToList();
        var decidedBefore = application.Decision;
        var to = Allowed[(from, trigger)];

        Assert.Empty(application.WhyNot(trigger, ApplicationInState.OpenWindow(At), ApplicationInState.ReasonGivenWith(trigger), ApplicationInState.NoticeGivenWith(trigger)));
        ApplicationInState.Fire(application, trigger, At, Actor);

        Assert.Equal(to, application.State);
        Assert.Equal(
            [.. earlier, new StateChange(At, Actor, from.ToString(), to.ToString(), trigger.ToString(), ApplicationInState.ReasonGivenWith(trigger))],
            application.History);
        Assert.Same(ApplicationInState.NoticeGivenWith(trigger) ?? decidedBefore, application.Decision);
    }

    [Theory]
    [MemberData(nameof(RefusedPairs))]
    public void Trigger_NotAllowedInState_IsRefusedInWordsAndChangesNothing(ApplicationState from, ApplicationTrigger trigger)
    {
        var application = ApplicationInState.In(from);
        var earlier = application.History.ToList();
        var recorded = (application.SubmittedAt, application.IneligibleReason, application.Decision);
        var whyNot = $"it is {StateWords[from]}";

        Assert.Equal([whyNot], application.WhyNot(trigger, ApplicationInState.OpenWindow(At), ApplicationInState.ReasonGivenWith(trigger), ApplicationInState.NoticeGivenWith(trigger)));
        var refused = Assert.Throws<DomainRuleException>(() => ApplicationInState.Fire(application, trigger, At, Actor));

        Assert.Equal($"The application cannot {Verbs[trigger]}: {whyNot}.", refused.Message);
        Assert.Equal(from, application.State);
        Assert.Equal(earlier, application.History);
        Assert.Equal(recorded, (application.SubmittedAt, application.IneligibleReason, application.Decision));
    }
}
