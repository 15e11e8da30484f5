using FairFund.Domain.Auditing;
using FairFund.Domain.Grants;

namespace FairFund.Tests.Domain.Grants;

/// <summary>
/// Every grant state against every trigger, checked against an explicit table: a pair it lists moves the grant and
/// records the change with who and when; every other pair is refused in words and changes nothing.
/// </summary>
public sealed class GrantTransitionTableTests
{
    private static readonly DateTimeOffset At = GrantInState.OfferedAt.AddDays(30);
    private const string Actor = "someone@fund.example";

    /// <summary>Issue 17: Offered → Accepted (or DeclinedByGroup) → Active → Closed, and Withdrawn by the fund before closing.</summary>
    private static readonly Dictionary<(GrantState From, GrantTrigger Trigger), GrantState> Allowed = new()
    {
        [(GrantState.Offered, GrantTrigger.Accept)] = GrantState.Accepted,
        [(GrantState.Offered, GrantTrigger.Decline)] = GrantState.DeclinedByGroup,
        [(GrantState.Offered, GrantTrigger.Withdraw)] = GrantState.Withdrawn,
        [(GrantState.Accepted, GrantTrigger.Activate)] = GrantState.Active,
        [(GrantState.Accepted, GrantTrigger.Withdraw)] = GrantState.Withdrawn,
        [(GrantState.Active, GrantTrigger.Close)] = GrantState.Closed,
        [(GrantState.Active, GrantTrigger.Withdraw)] = GrantState.Withdrawn,
    };

    /// <summary>How a refusal names what was asked for: "The grant cannot {verb}: …".</summary>
    private static readonly Dictionary<GrantTrigger, string> Verbs = new()
    {
        [GrantTrigger.Accept] = "be accepted",
        [GrantTrigger.Decline] = "be declined",
        [GrantTrigger.Activate] = "be started",
        [GrantTrigger.Close] = "be closed",
        [GrantTrigger.Withdraw] = "be withdrawn",
    };

    /// <summary>How a refusal names the state: "…: it is {words}."</summary>
    private static readonly Dictionary<GrantState, string> StateWords = new()
    {
        [GrantState.Offered] = "offered and not yet accepted",
        [GrantState.Accepted] = "accepted and waiting for the fund to check the acceptance",
        [GrantState.DeclinedByGroup] = "declined by the group",
        [GrantState.Active] = "active",
        [GrantState.Closed] = "closed",
        [GrantState.Withdrawn] = "withdrawn by the fund",
    };

    private static IEnumerable<(GrantState State, GrantTrigger Trigger)> EveryPair() =>
        from state in Enum.GetValues<GrantState>()
        from trigger in Enum.GetValues<GrantTrigger>()
        select (state, trigger);

    public static TheoryData<GrantState, GrantTrigger> AllowedPairs() => Pairs(EveryPair().Where(Allowed.ContainsKey));

    public static TheoryData<GrantState, GrantTrigger> RefusedPairs() => Pairs(EveryPair().Where(pair => !Allowed.ContainsKey(pair)));

    private static TheoryData<GrantState, GrantTrigger> Pairs(IEnumerable<(GrantState State, GrantTrigger Trigger)> pairs)
    {
        var data = new TheoryData<GrantState, GrantTrigger>();
        foreach (var (state, trigger) in pairs) data.Add(state, trigger);
        return data;
    }

    [Fact]
    public void TransitionTable_EveryStateAndTrigger_IsEitherAllowedOrRefused()
    {
        Assert.Equal(6 * 5, AllowedPairs().Count + RefusedPairs().Count);
        Assert.Equal(7, AllowedPairs().Count);
        Assert.Equal(Enum.GetValues<GrantState>(), StateWords.Keys.Order());
        Assert.Equal(Enum.GetValues<GrantTrigger>(), Verbs.Keys.Order());
    }

    [Theory]
    [MemberData(nameof(AllowedPairs))]
    public void Trigger_AllowedInState_MovesToTheNextStateAndRecordsWhoAndWhen(GrantState from, GrantTrigger trigger)
    {
        var grant = GrantInState.In(from);
        GrantInState.PrepareFor(grant, trigger, At);
        var earlier = grant.History.ToList();
        var to = Allowed[(from, trigger)];

        Assert.Empty(grant.WhyNot(trigger, GrantInState.ReasonGivenWith(trigger)));
        GrantInState.Fire(grant, trigger, At, Actor);

        Assert.Equal(to, grant.State);
        Assert.Equal([.. earlier, new StateChange(At, Actor, from.ToString(), to.ToString(), trigger.ToString(), GrantInState.ReasonGivenWith(trigger))], grant.History);
    }

    [Theory]
    [MemberData(nameof(RefusedPairs))]
    public void Trigger_NotAllowedInState_IsRefusedInWordsAndChangesNothing(GrantState from, GrantTrigger trigger)
    {
        var grant = GrantInState.In(from);
        var earlier = grant.History.ToList();
        var recorded = (grant.Signatory, grant.Bank, grant.Closure, grant.Reports.Count, grant.AmountPaid);
        var whyNot = $"it is {StateWords[from]}";

        Assert.Equal([whyNot], grant.WhyNot(trigger, GrantInState.ReasonGivenWith(trigger)));
        var refused = Assert.Throws<DomainRuleException>(() => GrantInState.Fire(grant, trigger, At, Actor));

        Assert.Equal($"The grant cannot {Verbs[trigger]}: {whyNot}.", refused.Message);
        Assert.Equal(from, grant.State);
        Assert.Equal(earlier, grant.History);
        Assert.Equal(recorded, (grant.Signatory, grant.Bank, grant.Closure, grant.Reports.Count, grant.AmountPaid));
    }

    [Fact]
    public void Labels_EveryState_HasItsOwnForStaffAndForTheGroup()
    {
        var states = Enum.GetValues<GrantState>();

        Assert.Equal(states.Length, states.Select(GrantLabels.ForStaff).Distinct().Count());
        Assert.Equal(states.Length, states.Select(GrantLabels.ForGroup).Distinct().Count());
    }
}
