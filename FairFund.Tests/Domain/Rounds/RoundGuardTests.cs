using FairFund.Domain.Allocation;
using FairFund.Domain.Auditing;
using FairFund.Domain.Rounds;
using FairFund.Domain.Scoring;
using FairFund.Tests.Builders;
using static FairFund.Tests.Domain.Rounds.RoundInState;

namespace FairFund.Tests.Domain.Rounds;

/// <summary>
/// The triggers a state accepts but only when their conditions hold (DESIGN.md, Lifecycles): each
/// refusal gives every unmet condition in words and leaves the round as it was.
/// </summary>
public sealed class RoundGuardTests
{
    private static readonly DateTimeOffset Later = Monday.AddDays(50);

    private static DomainRuleException RefusedToOpen(Round round)
    {
        var refused = Assert.Throws<DomainRuleException>(() => round.Open(Monday, Manager, Seed.Draw()));
        Assert.Equal(RoundState.Draft, round.State);
        Assert.Empty(round.History);
        Assert.Null(round.RulesHash);
        Assert.Null(round.SeedCommitment);
        return refused;
    }

    [Fact]
    public void Open_WithBudgetZero_IsRefusedNeedingABudget()
    {
        var refused = RefusedToOpen(Draft(new RoundBuilder { Budget = 0m }));

        Assert.Equal("The round cannot open: it needs a budget over £0.", refused.Message);
    }

    [Fact]
    public void Open_WithNoCriteria_IsRefusedNeedingACriterion()
    {
        var refused = RefusedToOpen(Draft(new RoundBuilder { Criteria = [] }));

        Assert.Equal("The round cannot open: it needs at least one criterion.", refused.Message);
    }

    [Fact]
    public void Open_WithPotSharesOverTheWholeBudget_IsRefusedNeedingValidRules()
    {
        var pots = new RoundBuilder
        {
            Pots = [new RingFencedPot("micro", "Micro groups", 0.6m, Condition.Always), new RingFencedPot("rural", "Rural groups", 0.6m, Condition.Always)],
        };

        var refused = RefusedToOpen(Draft(pots));

        Assert.Equal("The round cannot open: it needs rules, pots and grant limits that are all valid.", refused.Message);
    }

    [Fact]
    public void Open_WithBudgetInFractionsOfAPenny_IsRefusedNeedingValidRules()
    {
        var refused = RefusedToOpen(Draft(new RoundBuilder { Budget = 100_000.005m }));

        Assert.Equal("The round cannot open: it needs rules, pots and grant limits that are all valid.", refused.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Open_WithClosingTimeNotAfterOpeningTime_IsRefusedNeedingALaterClose(int closesAfterDays)
    {
        var refused = RefusedToOpen(Draft(opensAt: Monday, closesAt: Monday.AddDays(closesAfterDays)));

        Assert.Equal("The round cannot open: it needs a closing time after its opening time.", refused.Message);
    }

    [Fact]
    public void Open_WithSeveralProblems_IsRefusedListingEveryOne()
    {
        var everythingWrong = new RoundBuilder
        {
            Budget = 0m,
            Criteria = [],
            Pots = [new RingFencedPot("micro", "Micro groups", 1.5m, Condition.Always)],
        };

        var refused = RefusedToOpen(Draft(everythingWrong, opensAt: Monday, closesAt: Monday));

        Assert.Equal(
            "The round cannot open: it needs a budget over £0; it needs at least one criterion; " +
            "it needs rules, pots and grant limits that are all valid; it needs a closing time after its opening time.",
            refused.Message);
    }

    [Fact]
    public void WhyNot_OpenWithSeveralProblems_GivesEachReasonForThePage()
    {
        var round = Draft(new RoundBuilder { Budget = 0m, Criteria = [] });

        Assert.Equal(["it needs a budget over £0", "it needs at least one criterion"], round.WhyNot(RoundTrigger.Open));
    }

    [Fact]
    public void StartScoring_WithApplicationsUnscreened_IsRefusedAndStaysInScreening()
    {
        var round = In(RoundState.Screening);
        var earlier = round.History.ToList();

        var refused = Assert.Throws<DomainRuleException>(() => round.StartScoring(Later, Manager, new RoundProgress(Unscreened: 2, 0)));

        Assert.Equal("The round cannot start scoring: it needs every submitted application screened.", refused.Message);
        Assert.Equal(RoundState.Screening, round.State);
        Assert.Equal(earlier, round.History);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void CloseScoring_ShortOfReviewsWithoutAReason_IsRefusedAndKeepsTheSeedSecret(string? reason)
    {
        var round = In(RoundState.Scoring);
        var earlier = round.History.ToList();

        var refused = Assert.Throws<DomainRuleException>(() => round.CloseScoring(Later, Manager, new RoundProgress(0, ShortOfReviews: 3), reason));

        Assert.Equal(
            "The round cannot close scoring: it needs every eligible application to have its minimum reviews, or a reason to close anyway.",
            refused.Message);
        Assert.Equal(RoundState.Scoring, round.State);
        Assert.Equal(earlier, round.History);
        Assert.Null(round.RevealedSeed);
    }

    [Fact]
    public void CloseScoring_ShortOfReviewsWithAReason_MovesToModerationRecordingTheReason()
    {
        var round = In(RoundState.Scoring);
        const string reason = "Two reviewers withdrew; the panel agreed to go ahead";

        round.CloseScoring(Later, Manager, new RoundProgress(0, ShortOfReviews: 3), reason);

        Assert.Equal(RoundState.Moderation, round.State);
        Assert.Equal(new StateChange(Later, Manager, "Scoring", "Moderation", "CloseScoring", reason), round.History[^1]);
        Assert.Equal(round.SecretSeed, round.RevealedSeed);
    }

    [Theory]
    [InlineData(RoundState.Draft, "")]
    [InlineData(RoundState.Draft, "  ")]
    [InlineData(RoundState.Open, "")]
    [InlineData(RoundState.Open, "\t")]
    public void Cancel_WithABlankReason_IsRefusedNeedingAReason(RoundState state, string reason)
    {
        var round = In(state);
        var earlier = round.History.ToList();

        var refused = Assert.Throws<DomainRuleException>(() => round.Cancel(Later, Manager, reason));

        Assert.Equal("The round cannot be cancelled: it needs a reason for cancelling.", refused.Message);
        Assert.Equal(state, round.State);
        Assert.Equal(earlier, round.History);
    }

    [Theory]
    [InlineData(RoundState.Open, RoundTrigger.Cancel, 2_001, "The reason must be 2,000 characters or fewer (it has 2,001).")]
    [InlineData(RoundState.Draft, RoundTrigger.Cancel, -301, "The reason must be 300 words or fewer (it has 301).")]
    [InlineData(RoundState.Scoring, RoundTrigger.CloseScoring, 2_001, "The reason must be 2,000 characters or fewer (it has 2,001).")]
    public void ReasonOverItsLimit_IsRefusedAndTheRoundLeftAsItWas(RoundState state, RoundTrigger trigger, int size, string message)
    {
        var round = In(state);
        var earlier = round.History.ToList();
        var reason = size >= 0 ? new string('r', size) : string.Join(' ', Enumerable.Repeat("word", -size));

        var refused = Assert.Throws<DomainRuleException>(() =>
        {
            if (trigger == RoundTrigger.Cancel) round.Cancel(Later, Manager, reason);
            else round.CloseScoring(Later, Manager, new RoundProgress(0, 1), reason);
        });

        Assert.Equal(message, refused.Message);
        Assert.Equal(state, round.State);
        Assert.Equal(earlier, round.History);
        Assert.Null(round.RevealedSeed);
    }

    [Fact]
    public void Cancel_ReasonWithControlAndDirectionCharacters_IsRecordedCleaned()
    {
        var round = In(RoundState.Open);

        round.Cancel(Later, Manager, " The money\0 is\u202e gone\r\n ");

        Assert.Equal("The money is gone", round.History[^1].Reason);
    }

    [Fact]
    public void CloseIfDue_ExactlyAtTheClosingInstant_ClosesAsTheClosingTime()
    {
        var round = In(RoundState.Open);

        Assert.True(round.CloseIfDue(round.ClosesAt));

        Assert.Equal(RoundState.Screening, round.State);
        Assert.Equal(2, round.History.Count);
        Assert.Equal(new StateChange(round.ClosesAt, Round.ClosingTimeActor, "Open", "Screening", "Close", null), round.History[^1]);
    }

    [Fact]
    public void CloseIfDue_AfterTheClosingInstant_RecordsTheClosingTimeNotTheCheck()
    {
        var round = In(RoundState.Open);

        Assert.True(round.CloseIfDue(round.ClosesAt.AddHours(3)));

        Assert.Equal(new StateChange(round.ClosesAt, Round.ClosingTimeActor, "Open", "Screening", "Close", null), round.History[^1]);
    }

    [Fact]
    public void CloseIfDue_OneTickBeforeTheClosingInstant_LeavesTheRoundOpen()
    {
        var round = In(RoundState.Open);

        Assert.False(round.CloseIfDue(round.ClosesAt.AddTicks(-1)));

        Assert.Equal(RoundState.Open, round.State);
        Assert.Single(round.History);
    }

    [Theory]
    [InlineData(RoundState.Draft)]
    [InlineData(RoundState.Screening)]
    [InlineData(RoundState.Cancelled)]
    public void CloseIfDue_RoundNotOpen_DoesNothing(RoundState state)
    {
        var round = In(state);
        var earlier = round.History.ToList();

        Assert.False(round.CloseIfDue(round.ClosesAt.AddDays(1)));

        Assert.Equal(state, round.State);
        Assert.Equal(earlier, round.History);
    }

    [Theory]
    [InlineData(RoundState.Draft, RoundTrigger.Open, null)]
    [InlineData(RoundState.Draft, RoundTrigger.Cancel, CancelReason)]
    [InlineData(RoundState.Open, RoundTrigger.Close, null)]
    [InlineData(RoundState.Open, RoundTrigger.Cancel, CancelReason)]
    [InlineData(RoundState.Screening, RoundTrigger.StartScoring, null)]
    [InlineData(RoundState.Scoring, RoundTrigger.CloseScoring, null)]
    [InlineData(RoundState.Moderation, RoundTrigger.Approve, null)]
    [InlineData(RoundState.Decided, RoundTrigger.Notify, null)]
    [InlineData(RoundState.Notified, RoundTrigger.Archive, null)]
    public void WhyNot_AllowedTrigger_IsEmpty(RoundState state, RoundTrigger trigger, string? reason)
    {
        var round = In(state);

        Assert.Empty(round.WhyNot(trigger, RoundProgress.None, reason));
    }

    [Fact]
    public void WhyNot_CloseScoringShortOfReviewsWithAReason_IsEmpty()
    {
        var round = In(RoundState.Scoring);

        Assert.Empty(round.WhyNot(RoundTrigger.CloseScoring, new RoundProgress(0, ShortOfReviews: 1), "The panel agreed"));
    }
}
