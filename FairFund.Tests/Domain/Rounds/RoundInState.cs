using FairFund.Domain.Rounds;
using FairFund.Tests.Builders;

namespace FairFund.Tests.Domain.Rounds;

/// <summary>
/// Rounds brought into any state through the real intent methods, and each trigger fired through its
/// intent method with arguments that satisfy its guards, so a test is only about the state it starts in.
/// </summary>
internal static class RoundInState
{
    public static readonly DateTimeOffset Monday = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
    public const string Manager = "manager@fund.example";
    public const string CancelReason = "The funder has withdrawn the money";

    /// <summary>The triggers, in order, that take a new draft round to each state.</summary>
    public static readonly IReadOnlyDictionary<RoundState, RoundTrigger[]> PathTo = new Dictionary<RoundState, RoundTrigger[]>
    {
        [RoundState.Draft] = [],
        [RoundState.Open] = [RoundTrigger.Open],
        [RoundState.Screening] = [RoundTrigger.Open, RoundTrigger.Close],
        [RoundState.Scoring] = [RoundTrigger.Open, RoundTrigger.Close, RoundTrigger.StartScoring],
        [RoundState.Moderation] = [RoundTrigger.Open, RoundTrigger.Close, RoundTrigger.StartScoring, RoundTrigger.CloseScoring],
        [RoundState.Decided] = [RoundTrigger.Open, RoundTrigger.Close, RoundTrigger.StartScoring, RoundTrigger.CloseScoring, RoundTrigger.Approve],
        [RoundState.Notified] = [RoundTrigger.Open, RoundTrigger.Close, RoundTrigger.StartScoring, RoundTrigger.CloseScoring, RoundTrigger.Approve, RoundTrigger.Notify],
        [RoundState.Archived] = [RoundTrigger.Open, RoundTrigger.Close, RoundTrigger.StartScoring, RoundTrigger.CloseScoring, RoundTrigger.Approve, RoundTrigger.Notify, RoundTrigger.Archive],
        [RoundState.Cancelled] = [RoundTrigger.Cancel],
    };

    /// <summary>A new draft round, valid to open unless a test changes its rules or times.</summary>
    public static Round Draft(RoundBuilder? rules = null, DateTimeOffset? opensAt = null, DateTimeOffset? closesAt = null) =>
        new(Guid.NewGuid(), "CW-2027", "Community fund", "For local groups", opensAt ?? Monday, closesAt ?? Monday.AddDays(28),
            (rules ?? new RoundBuilder()).Settings() with { Seed = "" });

    /// <summary>A new round in <paramref name="state"/>, one day per step from <see cref="Monday"/>.</summary>
    public static Round In(RoundState state)
    {
        var round = Draft();
        var day = 0;
        foreach (var trigger in PathTo[state]) Fire(round, trigger, Monday.AddDays(day++), Manager);
        Assert.Equal(state, round.State);
        return round;
    }

    /// <summary>Fires <paramref name="trigger"/> through its intent method, with arguments its guards accept.</summary>
    public static void Fire(Round round, RoundTrigger trigger, DateTimeOffset at, string actor)
    {
        switch (trigger)
        {
            case RoundTrigger.Open: round.Open(at, actor, Seed.Draw()); break;
            case RoundTrigger.Close: round.Close(at, actor); break;
            case RoundTrigger.StartScoring: round.StartScoring(at, actor, RoundProgress.None); break;
            case RoundTrigger.CloseScoring: round.CloseScoring(at, actor, RoundProgress.None); break;
            case RoundTrigger.Approve: round.Approve(at, actor); break;
            case RoundTrigger.Notify: round.Notify(at, actor); break;
            case RoundTrigger.Archive: round.Archive(at, actor); break;
            case RoundTrigger.Cancel: round.Cancel(at, actor, CancelReason); break;
            default: throw new ArgumentOutOfRangeException(nameof(trigger), trigger, "A trigger this helper does not know yet.");
        }
    }

    /// <summary>The reason <see cref="Fire"/> gives with a trigger, as its history records it.</summary>
    public static string? ReasonGivenWith(RoundTrigger trigger) => trigger == RoundTrigger.Cancel ? CancelReason : null;
}
