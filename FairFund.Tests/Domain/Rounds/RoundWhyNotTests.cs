using FairFund.Domain.Auditing;
using FairFund.Domain.Rounds;
using FairFund.Tests.Builders;
using static FairFund.Tests.Domain.Rounds.RoundInState;

namespace FairFund.Tests.Domain.Rounds;

/// <summary>
/// A page greys out a round's button with <see cref="Round.WhyNot"/>'s reasons, so for every guarded trigger
/// the answer must be the truth: no reasons exactly when the call succeeds, and a refusal giving the same reasons.
/// </summary>
public sealed class RoundWhyNotTests
{
    private static readonly DateTimeOffset At = Monday.AddDays(100);
    private static readonly DateOnly Passed = DateOnly.FromDateTime(Monday.AddDays(9).UtcDateTime);
    private static readonly DateOnly ToCome = DateOnly.FromDateTime(At.AddDays(30).UtcDateTime);

    /// <summary>One question put to a round both ways: what WhyNot says, and what the intent method does.</summary>
    public sealed record Question(
        string Name, RoundState State, RoundTrigger Trigger, RoundProgress Progress, string? Reason = null,
        IReadOnlyList<string>? AllocationProblems = null, DateOnly? WaitingListUntil = null, RoundBuilder? Rules = null)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Question> Questions() =>
    [
        new("open a valid draft", RoundState.Draft, RoundTrigger.Open, RoundProgress.None),
        new("open a draft with no budget", RoundState.Draft, RoundTrigger.Open, RoundProgress.None, Rules: new RoundBuilder { Budget = 0m }),
        new("cancel with a reason", RoundState.Open, RoundTrigger.Cancel, RoundProgress.None, CancelReason),
        new("cancel without a reason", RoundState.Open, RoundTrigger.Cancel, RoundProgress.None, "  "),
        new("start scoring, all screened", RoundState.Screening, RoundTrigger.StartScoring, RoundProgress.None),
        new("start scoring, two unscreened", RoundState.Screening, RoundTrigger.StartScoring, new RoundProgress(2, 0)),
        new("close scoring, short of reviews", RoundState.Scoring, RoundTrigger.CloseScoring, new RoundProgress(0, 3)),
        new("close scoring, short of reviews with a reason", RoundState.Scoring, RoundTrigger.CloseScoring, new RoundProgress(0, 3), "The panel agreed"),
        new("approve with nothing to put right", RoundState.Moderation, RoundTrigger.Approve, RoundProgress.None, AllocationProblems: []),
        new("approve over budget", RoundState.Moderation, RoundTrigger.Approve, RoundProgress.None,
            AllocationProblems: ["The awards come to £500 over the budget.", "The General pot is overspent by £200."]),
        new("approve from scoring", RoundState.Scoring, RoundTrigger.Approve, RoundProgress.None, AllocationProblems: []),
        new("notify with no waiting list", RoundState.Decided, RoundTrigger.Notify, RoundProgress.None),
        new("notify, waiting list with no closing date", RoundState.Decided, RoundTrigger.Notify, new RoundProgress(0, 0, Waitlisted: 3)),
        new("notify, waiting list closed already", RoundState.Decided, RoundTrigger.Notify, new RoundProgress(0, 0, Waitlisted: 1), WaitingListUntil: Passed),
        new("notify, waiting list closing later", RoundState.Decided, RoundTrigger.Notify, new RoundProgress(0, 0, Waitlisted: 2), WaitingListUntil: ToCome),
        new("notify from moderation", RoundState.Moderation, RoundTrigger.Notify, RoundProgress.None),
    ];

    [Theory]
    [MemberData(nameof(Questions))]
    public void WhyNot_GuardedTrigger_AgreesWithWhetherTheCallSucceeds(Question asked)
    {
        var round = InStateWith(asked);
        var whyNot = round.WhyNot(asked.Trigger, asked.Progress, asked.Reason, asked.AllocationProblems, At);

        var refused = Record.Exception(() => FireAsAsked(round, asked));

        if (whyNot.Count == 0)
        {
            Assert.Null(refused);
        }
        else
        {
            Assert.Equal($"The round cannot {Round.Verb(asked.Trigger)}: {string.Join("; ", whyNot)}.", Assert.IsType<DomainRuleException>(refused).Message);
            Assert.Equal(asked.State, round.State);
        }
    }

    [Fact]
    public void WhyNot_NotifyWithAWaitingListAndNoClosingDate_SaysWhatTheLettersNeed()
    {
        var round = In(RoundState.Decided);

        Assert.Equal(["it needs the date the waiting list closes, as 3 applications are on the waiting list"],
            round.WhyNot(RoundTrigger.Notify, new RoundProgress(0, 0, Waitlisted: 3), now: At));
    }

    [Fact]
    public void WhyNot_ApproveWithProblems_GivesEachProblemToPutRight()
    {
        var round = In(RoundState.Moderation);

        Assert.Equal(["it needs this put right: £500 over the budget", "it needs this put right: a pot overspent"],
            round.WhyNot(RoundTrigger.Approve, allocationProblems: ["£500 over the budget", "a pot overspent"]));
    }

    private static Round InStateWith(Question asked)
    {
        if (asked.Rules is { } rules) return Draft(rules);
        var round = In(asked.State);
        if (asked.WaitingListUntil is { } until) round.SetAfterTheDecision("", until, Monday, Manager);
        return round;
    }

    private static void FireAsAsked(Round round, Question asked)
    {
        switch (asked.Trigger)
        {
            case RoundTrigger.Open: round.Open(At, Manager, Seed.Draw()); break;
            case RoundTrigger.Cancel: round.Cancel(At, Manager, asked.Reason ?? ""); break;
            case RoundTrigger.StartScoring: round.StartScoring(At, Manager, asked.Progress); break;
            case RoundTrigger.CloseScoring: round.CloseScoring(At, Manager, asked.Progress, asked.Reason); break;
            case RoundTrigger.Approve: round.Approve(At, Manager, asked.AllocationProblems); break;
            case RoundTrigger.Notify: round.Notify(At, Manager, asked.Progress); break;
            default: throw new ArgumentOutOfRangeException(nameof(asked), asked.Trigger, "Not a guarded trigger.");
        }
    }
}
