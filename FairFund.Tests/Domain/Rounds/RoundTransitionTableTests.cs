using FairFund.Domain.Auditing;
using FairFund.Domain.Rounds;

namespace FairFund.Tests.Domain.Rounds;

/// <summary>
/// Every round state against every trigger, checked against the lifecycle in DESIGN.md (Lifecycles).
/// The table below is the specification: a pair it lists moves the round and records the change;
/// every other pair is refused in words and changes nothing.
/// </summary>
public sealed class RoundTransitionTableTests
{
    private static readonly DateTimeOffset At = RoundInState.Monday.AddDays(100);
    private const string Actor = "chair@fund.example";

    /// <summary>
    /// Draft→Open→Screening→Scoring→Moderation→Decided→Notified→Archived, and Draft or Open→Cancelled.
    /// </summary>
    private static readonly Dictionary<(RoundState From, RoundTrigger Trigger), RoundState> Allowed = new()
    {
        [(RoundState.Draft, RoundTrigger.Open)] = RoundState.Open,
        [(RoundState.Draft, RoundTrigger.Cancel)] = RoundState.Cancelled,
        [(RoundState.Open, RoundTrigger.Close)] = RoundState.Screening,
        [(RoundState.Open, RoundTrigger.Cancel)] = RoundState.Cancelled,
        [(RoundState.Screening, RoundTrigger.StartScoring)] = RoundState.Scoring,
        [(RoundState.Scoring, RoundTrigger.CloseScoring)] = RoundState.Moderation,
        [(RoundState.Moderation, RoundTrigger.Approve)] = RoundState.Decided,
        [(RoundState.Decided, RoundTrigger.Notify)] = RoundState.Notified,
        [(RoundState.Notified, RoundTrigger.Archive)] = RoundState.Archived,
    };

    /// <summary>How a refusal names what was asked for: "The round cannot {verb}: …".</summary>
    private static readonly Dictionary<RoundTrigger, string> Verbs = new()
    {
        [RoundTrigger.Open] = "open",
        [RoundTrigger.Close] = "close",
        [RoundTrigger.StartScoring] = "start scoring",
        [RoundTrigger.CloseScoring] = "close scoring",
        [RoundTrigger.Approve] = "be approved",
        [RoundTrigger.Notify] = "send its decisions",
        [RoundTrigger.Archive] = "be archived",
        [RoundTrigger.Cancel] = "be cancelled",
    };

    /// <summary>How a refusal names the state the round is in: "…: it is {words}."</summary>
    private static readonly Dictionary<RoundState, string> StateWords = new()
    {
        [RoundState.Draft] = "a draft",
        [RoundState.Open] = "open for applications",
        [RoundState.Screening] = "being screened",
        [RoundState.Scoring] = "being scored",
        [RoundState.Moderation] = "in moderation",
        [RoundState.Decided] = "decided",
        [RoundState.Notified] = "notified",
        [RoundState.Archived] = "archived",
        [RoundState.Cancelled] = "cancelled",
    };

    private static IEnumerable<(RoundState State, RoundTrigger Trigger)> EveryPair() =>
        from state in Enum.GetValues<RoundState>()
        from trigger in Enum.GetValues<RoundTrigger>()
        select (state, trigger);

    public static TheoryData<RoundState, RoundTrigger> AllowedPairs() => Pairs(EveryPair().Where(Allowed.ContainsKey));

    public static TheoryData<RoundState, RoundTrigger> RefusedPairs() => Pairs(EveryPair().Where(pair => !Allowed.ContainsKey(pair)));

    private static TheoryData<RoundState, RoundTrigger> Pairs(IEnumerable<(RoundState State, RoundTrigger Trigger)> pairs)
    {
        var data = new TheoryData<RoundState, RoundTrigger>();
        foreach (var (state, trigger) in pairs) data.Add(state, trigger);
        return data;
    }

    [Fact]
    public void TransitionTable_EveryStateAndTrigger_IsEitherAllowedOrRefused()
    {
        Assert.Equal(9 * 8, AllowedPairs().Count + RefusedPairs().Count);
        Assert.Equal(9, AllowedPairs().Count);
        Assert.Equal(Enum.GetValues<RoundState>(), StateWords.Keys.Order());
        Assert.Equal(Enum.GetValues<RoundTrigger>(), Verbs.Keys.Order());
    }

    [Theory]
    [MemberData(nameof(AllowedPairs))]
    public void Trigger_AllowedInState_MovesToTheNextStateAndRecordsOneChange(RoundState from, RoundTrigger trigger)
    {
        var round = RoundInState.In(from);
        var earlier = round.History.ToList();
        var to = Allowed[(from, trigger)];

        Assert.Empty(round.WhyNot(trigger, RoundProgress.None, RoundInState.ReasonGivenWith(trigger)));
        RoundInState.Fire(round, trigger, At, Actor);

        Assert.Equal(to, round.State);
        Assert.Equal([.. earlier, new StateChange(At, Actor, from.ToString(), to.ToString(), trigger.ToString(), RoundInState.ReasonGivenWith(trigger))],
            round.History);
    }

    [Theory]
    [MemberData(nameof(RefusedPairs))]
    public void Trigger_NotAllowedInState_IsRefusedInWordsAndChangesNothing(RoundState from, RoundTrigger trigger)
    {
        var round = RoundInState.In(from);
        var earlier = round.History.ToList();
        var published = (round.RulesJson, round.RulesHash, round.SeedCommitment, round.SecretSeed, round.SeedRevealedAt);
        var whyNot = $"it is {StateWords[from]}";

        Assert.Equal([whyNot], round.WhyNot(trigger, RoundProgress.None, RoundInState.ReasonGivenWith(trigger)));
        var refused = Assert.Throws<DomainRuleException>(() => RoundInState.Fire(round, trigger, At, Actor));

        Assert.Equal($"The round cannot {Verbs[trigger]}: {whyNot}.", refused.Message);
        Assert.Equal(from, round.State);
        Assert.Equal(earlier, round.History);
        Assert.Equal(published, (round.RulesJson, round.RulesHash, round.SeedCommitment, round.SecretSeed, round.SeedRevealedAt));
    }
}
