using FairFund.Domain.Allocation;
using FairFund.Domain.Organisations;
using FairFund.Domain.Scoring;
using FairFund.Tests.Builders;

namespace FairFund.Tests.Domain.Allocation;

public sealed class OrderAndPotTests
{
    private static readonly ApplicationBuilder First = new ApplicationBuilder { Reference = "A", Requested = 8_000m }.WithScores(4, 4);
    private static readonly ApplicationBuilder Second = new ApplicationBuilder { Reference = "B", Requested = 5_000m }.WithScores(3, 3);
    private static readonly ApplicationBuilder Third = new ApplicationBuilder { Reference = "C", Requested = 2_000m }.WithScores(2, 2);

    [Fact]
    public void LotteryKey_IsSha256OfSeedColonReference()
    {
        // printf '%s' 'small-round-published-seed:APP-0001' | sha256sum
        Assert.Equal("ca1e3d3bc872742c5db2439e80ac8dbbf0f204c264d093b36fe8c44fa5ddaa3b", LotteryKey.For("small-round-published-seed", "APP-0001").ToString());
    }

    [Fact]
    public void Rank_EqualScores_TiesBrokenByLotteryKeyAscending()
    {
        var applications = Enumerable.Range(1, 6).Select(i => new ApplicationBuilder { Reference = $"TIE-{i}", Requested = 1_000m }.Build()).ToArray();

        var result = new RoundBuilder().With(applications).Allocate();

        var byRank = result.Applications.OrderBy(application => application.Rank).Select(application => application.LotteryKey.ToString()).ToList();
        Assert.Equal(byRank.Order(StringComparer.Ordinal), byRank);
    }

    [Fact]
    public void Rank_LotteryBand_AboveByScoreThenBandByKeyThenBelowByScore()
    {
        // Four 0..4 reviews give scores in steps of 6.25: 100, 87.5, 75, 62.5, 50, 37.5.
        var round = new RoundBuilder { LotteryBand = new LotteryBand(40m, 80m), Threshold = 30m }.With(
            new ApplicationBuilder { Reference = "top" }.WithScores(4, 4),
            new ApplicationBuilder { Reference = "band-high" }.WithScores(3, 3),
            new ApplicationBuilder { Reference = "band-mid" }.WithScores(3, 2),
            new ApplicationBuilder { Reference = "band-low" }.WithScores(2, 2),
            new ApplicationBuilder { Reference = "below" }.WithScores(2, 1),
            new ApplicationBuilder { Reference = "at-top-of-band" }.WithScores(4, 3));

        var result = round.Allocate();

        var ranked = result.Applications.OrderBy(application => application.Rank).Select(application => application.Reference).ToList();
        Assert.Equal(["top", "at-top-of-band"], ranked.Take(2));
        var inBand = result.Applications.Where(application => application.Reference.StartsWith("band", StringComparison.Ordinal))
            .OrderBy(application => application.LotteryKey.ToString(), StringComparer.Ordinal).Select(application => application.Reference);
        Assert.Equal(inBand, ranked.Skip(2).Take(3));
        Assert.Equal("below", ranked[^1]);
        Assert.All(result.Applications.Where(application => application.Reference.StartsWith("band", StringComparison.Ordinal)),
            application => Assert.Equal(MeritTier.InLotteryBand, application.Explain().OfType<RankStep>().Single().Tier));
    }

    [Fact]
    public void Fund_Skip_PassesOverWhatDoesNotFitAndGoesOn()
    {
        var result = new RoundBuilder { Budget = 10_000m, WhenTooBig = WhenTooBig.Skip }.With(First, Second, Third).Allocate();

        Assert.Equal([Decision.Award, Decision.Waitlist, Decision.Award], result.Applications.Select(application => application.Decision));
        Assert.Equal(10_000m, result.Allocated);
    }

    [Fact]
    public void Fund_Stop_StopsThePotAtTheFirstThatDoesNotFit()
    {
        var result = new RoundBuilder { Budget = 10_000m, WhenTooBig = WhenTooBig.Stop }.With(First, Second, Third).Allocate();

        Assert.Equal([Decision.Award, Decision.Waitlist, Decision.Waitlist], result.Applications.Select(application => application.Decision));
        Assert.Equal(PotOutcome.PotAlreadyStopped, result.Applications[2].Explain().OfType<PotStep>().Single().Outcome);
        Assert.Equal(8_000m, result.Allocated);
    }

    [Fact]
    public void Fund_Partial_AwardsWhatIsLeftWhenItIsEnoughThenStops()
    {
        var result = new RoundBuilder { Budget = 10_000m, WhenTooBig = WhenTooBig.Partial, PartialMinFraction = 0.4m }.With(First, Second, Third).Allocate();

        var partial = result.Applications[1];
        Assert.Equal((Decision.Award, 2_000m, true), (partial.Decision, partial.Amount, partial.Partial));
        Assert.Equal(Decision.Waitlist, result.Applications[2].Decision);
        Assert.Equal(10_000m, result.Allocated);
    }

    [Theory]
    // 2,000 left: under 50% of 5,000 (2,500), so no part award.
    [InlineData("0.5", "1000")]
    // 2,000 left: 40% of 5,000 would do, but the smallest grant is 2,500.
    [InlineData("0.4", "2500")]
    public void Fund_Partial_TooLittleLeft_SkipsInstead(string fraction, string grantMin)
    {
        var round = new RoundBuilder { Budget = 10_000m, WhenTooBig = WhenTooBig.Partial, PartialMinFraction = D(fraction), GrantMin = D(grantMin) };

        var result = round.With(First, Second).Allocate();

        var skipped = result.Applications[1];
        Assert.Equal((Decision.Waitlist, false), (skipped.Decision, skipped.Partial));
        var step = skipped.Explain().OfType<PotStep>().Single();
        Assert.Equal((PotOutcome.TooBigSkipped, 2_000m, 2_500m), (step.Outcome, step.Remaining, step.PartialMinimum));
    }

    [Theory]
    [InlineData(true, "3000", "7000")]
    [InlineData(false, "0", "5000")]
    public void Fund_RingFencedPot_UnspentRollsOverOnlyWhenAllowed(bool rollover, string expectedRollover, string expectedGeneralSpend)
    {
        // Budget 10,000: 40% (4,000) ring-fenced for micro groups, 6,000 general.
        var microPot = new RingFencedPot("grassroots", "Grassroots", 0.4m, new Condition(["micro"], null));
        var round = new RoundBuilder { Budget = 10_000m, Pots = [microPot], Rollover = rollover }.With(
            new ApplicationBuilder { Reference = "micro", AnnualIncome = 5_000m, Requested = 1_000m }.WithScores(4, 4),
            new ApplicationBuilder { Reference = "large-1", AnnualIncome = 2_000_000m, Requested = 5_000m }.WithScores(3, 3),
            new ApplicationBuilder { Reference = "large-2", AnnualIncome = 2_000_000m, Requested = 2_000m }.WithScores(2, 2));

        var result = round.Allocate();

        var grassroots = result.Pots[0];
        var general = result.Pots[1];
        Assert.Equal((4_000m, 1_000m), (grassroots.Amount, grassroots.Allocated));
        Assert.Equal((6_000m, D(expectedRollover), D(expectedGeneralSpend)), (general.Amount, general.Rollover, general.Allocated));
        Assert.Equal("grassroots", result.Applications[0].Pot);
        Assert.Equal(PotOutcome.NotEligibleForPot, result.Applications[1].Explain().OfType<PotStep>().First().Outcome);
    }

    [Fact]
    public void PotAmount_IsRoundedDownToThePenny()
    {
        var pot = new RingFencedPot("p", "Pot", 0.333m, Condition.Always);

        // 10,000.99 × 0.333 = 3,330.32967.
        Assert.Equal(3_330.32m, pot.AmountOf(10_000.99m));
    }

    [Fact]
    public void Allocate_ResultKeepsInputOrderAndOneDecisionEach()
    {
        var result = new RoundBuilder { Budget = 10_000m }.With(Third, First, Second).Allocate();

        Assert.Equal(["C", "A", "B"], result.Applications.Select(application => application.Reference));
        Assert.All(result.Applications, application => Assert.IsType<DecisionStep>(application.Explain()[^1]));
    }

    private static decimal D(string text) => decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Rounds large enough to be scored on every core must come out as if scored one by one.</summary>
public sealed class LargeRoundTests
{
    [Fact]
    public void Allocate_LargeRound_ScoresEachApplicationAsIfItWereAlone()
    {
        var random = new Random(11);
        string[] flags = [KnownFlags.LivedExperienceLed, KnownFlags.Rural, KnownFlags.UserLed];
        var applications = Enumerable.Range(1, 6_000).Select(i => new ApplicationBuilder
        {
            Reference = $"APP-{i:00000}",
            AnnualIncome = random.Next(0, 2_000_000),
            Flags = flags.Where(_ => random.Next(3) == 0).ToList(),
            Requested = random.Next(500, 30_000),
        }.WithScores([.. Enumerable.Range(0, random.Next(1, 5)).Select(_ => random.Next(0, 5))]).Build()).ToArray();
        var round = new RoundBuilder
        {
            Budget = 20_000_000m,
            Rules = [EquityRule.Multiplier("Micro", new Condition(["micro"], null), 1.2m), EquityRule.Bonus("Rural", new Condition(null, [KnownFlags.Rural]), 3m)],
            Pots = [new RingFencedPot("lived", "Lived experience", 0.2m, new Condition(null, [KnownFlags.LivedExperienceLed]))],
        };

        var result = round.With(applications).Allocate();

        Assert.Equal(applications.Length, result.Applications.Count);
        for (var i = 0; i < applications.Length; i += 97)
        {
            var alone = round.With(applications[i]).Allocate().Applications.Single();
            var inRound = result.Applications[i];
            Assert.Equal((alone.Reference, alone.Band, alone.BaseScore, alone.FinalScore, alone.LotteryKey, alone.Reason),
                (inRound.Reference, inRound.Band, inRound.BaseScore, inRound.FinalScore, inRound.LotteryKey, inRound.Reason));
            Assert.Equal(alone.ReviewScores, inRound.ReviewScores);
        }
        var shuffled = round.With([.. applications.OrderBy(_ => random.Next())]).Allocate();
        var byReference = shuffled.Applications.ToDictionary(application => application.Reference);
        Assert.All(result.Applications, application =>
            Assert.Equal((application.Rank, application.Decision, application.Amount, application.Pot),
                (byReference[application.Reference].Rank, byReference[application.Reference].Decision, byReference[application.Reference].Amount, byReference[application.Reference].Pot)));
    }
}
