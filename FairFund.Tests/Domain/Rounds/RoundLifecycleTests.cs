using FairFund.Domain.Auditing;
using FairFund.Domain.Rounds;
using FairFund.Tests.Builders;

namespace FairFund.Tests.Domain.Rounds;

public sealed class RoundLifecycleTests
{
    private static readonly DateTimeOffset Monday = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static Round Draft(RoundBuilder? rules = null) =>
        new(Guid.NewGuid(), "CW-2027", "Community fund", "For local groups", Monday, Monday.AddDays(28), (rules ?? new RoundBuilder()).Settings() with { Seed = "" });

    [Fact]
    public void Open_WithoutCriteria_IsRefusedSayingWhy()
    {
        var round = Draft(new RoundBuilder { Criteria = [] });

        var refused = Assert.Throws<DomainRuleException>(() => round.Open(Monday, "manager@fund.example", Seed.Draw()));

        Assert.Equal("The round cannot open: it needs at least one criterion.", refused.Message);
        Assert.Equal(RoundState.Draft, round.State);
        Assert.Empty(round.History);
    }

    [Fact]
    public void WholeLifecycle_RecordsEveryChangeWithWhoWhenAndWhy()
    {
        var round = Draft();
        var seed = Seed.Draw();

        round.Open(Monday, "manager", seed);
        Assert.False(round.CloseIfDue(Monday.AddDays(27)));
        Assert.True(round.CloseIfDue(Monday.AddDays(28)));
        round.StartScoring(Monday.AddDays(30), "manager", RoundProgress.None);
        round.CloseScoring(Monday.AddDays(40), "manager", new RoundProgress(0, 2), "Two reviewers withdrew; the panel agreed to go ahead");
        round.Approve(Monday.AddDays(41), "manager");
        round.Notify(Monday.AddDays(42), "manager");
        round.Archive(Monday.AddDays(90), "manager");

        Assert.Equal(RoundState.Archived, round.State);
        Assert.Equal(
            ["Draft>Open", "Open>Screening", "Screening>Scoring", "Scoring>Moderation", "Moderation>Decided", "Decided>Notified", "Notified>Archived"],
            round.History.Select(change => $"{change.From}>{change.To}"));
        Assert.Equal(new StateChange(Monday.AddDays(28), Round.ClosingTimeActor, "Open", "Screening", "Close", null), round.History[1]);
        Assert.Equal("Two reviewers withdrew; the panel agreed to go ahead", round.History[3].Reason);
    }

    [Fact]
    public void Open_FixesTheRulesAndCommitsToTheSeed_WhichScoringRevealsAndAnyoneCanCheck()
    {
        var round = Draft();
        var seed = Seed.Draw();

        round.Open(Monday, "manager", seed);

        Assert.Equal(PublishedRules.Hash(round.RulesJson!), round.RulesHash);
        Assert.Null(round.RevealedSeed);
        var edit = Assert.Throws<DomainRuleException>(() => round.Edit("Changed", "", Monday, Monday.AddDays(10), round.Rules with { Budget = 1m }));
        Assert.StartsWith("The round's rules cannot change once it has opened", edit.Message);

        round.Close(Monday.AddDays(1), "manager");
        round.StartScoring(Monday.AddDays(2), "manager", RoundProgress.None);
        round.CloseScoring(Monday.AddDays(3), "manager", RoundProgress.None);

        Assert.Equal(seed, round.RevealedSeed);
        Assert.True(Seed.Matches(round.RevealedSeed!, round.SeedCommitment!));
        Assert.Equal(seed, round.RulesForAllocation().Seed);
    }

    [Fact]
    public void CloseScoring_ShortOfReviewsWithoutReason_IsRefusedSayingWhy()
    {
        var round = Draft();
        round.Open(Monday, "manager", Seed.Draw());
        round.Close(Monday.AddDays(1), "manager");
        round.StartScoring(Monday.AddDays(2), "manager", RoundProgress.None);

        var refused = Assert.Throws<DomainRuleException>(() => round.CloseScoring(Monday.AddDays(3), "manager", new RoundProgress(0, 3)));

        Assert.Equal("The round cannot close scoring: it needs every eligible application to have its minimum reviews, or a reason to close anyway.", refused.Message);
    }

    [Fact]
    public void PublishedRules_SameRulesWrittenDifferently_HaveTheSameHash()
    {
        var a = new RoundBuilder { Budget = 1_000.50m }.Settings();
        var b = new RoundBuilder { Budget = 1_000.500m }.Settings();

        Assert.Equal(PublishedRules.Of(a).Sha256, PublishedRules.Of(b).Sha256);
        Assert.NotEqual(PublishedRules.Of(a).Sha256, PublishedRules.Of(a with { Threshold = 1m }).Sha256);
    }
}
