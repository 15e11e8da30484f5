using FairFund.Domain.Allocation;
using FairFund.Domain.Equity;
using FairFund.Domain.Organisations;
using FairFund.Domain.RoundFiles;
using FairFund.Domain.Scoring;
using FairFund.Tests.Builders;
using FairFund.Tests.Domain.Allocation;

namespace FairFund.Tests.Domain.Equity;

/// <summary>The counterfactual allocation without the equity rules, and the difference it shows.</summary>
public sealed class EquityEffectTests
{
    public static TheoryData<string> Scenarios() => ScenarioTests.Scenarios();

    private static RoundFile Read(string scenario)
    {
        var read = RoundFileReader.Read(File.ReadAllText(Path.Combine(ScenarioTests.ScenarioFolder, scenario + ".round.json")));
        Assert.True(read.IsValid, string.Join(Environment.NewLine, read.Problems));
        return read.File!;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Compare_Scenario_WithRulesIsThePublishedAllocationUnchanged(string scenario)
    {
        var file = Read(scenario);

        var effect = WithoutEquityRules.Compare(file.Round, file.Applications);

        var published = file.Allocate();
        Assert.Equal(published.Allocated, effect.WithRules.Allocated);
        Assert.Equal(
            published.Applications.Select(application => (application.Reference, application.Decision, application.Amount, application.Pot, application.FinalScore)),
            effect.WithRules.Applications.Select(application => (application.Reference, application.Decision, application.Amount, application.Pot, application.FinalScore)));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Compare_Scenario_WithoutRulesScoresByBaseScoreFromOneGeneralPot(string scenario)
    {
        var file = Read(scenario);

        var effect = WithoutEquityRules.Compare(file.Round, file.Applications);

        var withoutRules = effect.WithoutRules;
        var pot = Assert.Single(withoutRules.Pots);
        Assert.True(pot.IsGeneral);
        Assert.Equal(file.Round.Budget, pot.Amount);
        Assert.All(withoutRules.Applications, application => Assert.Equal(application.BaseScore, application.FinalScore));
        // The same seed and references give the same lottery keys, so only the rules differ.
        Assert.Equal(effect.WithRules.Applications.Select(application => application.LotteryKey), withoutRules.Applications.Select(application => application.LotteryKey));
        Assert.Equal(effect.WithRules.Applications.Select(application => application.BaseScore), withoutRules.Applications.Select(application => application.BaseScore));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Compare_Scenario_BothAllocationsSpendWithinTheSameBudget(string scenario)
    {
        var file = Read(scenario);

        var effect = WithoutEquityRules.Compare(file.Round, file.Applications);

        Assert.Equal(file.Round.Budget, effect.WithRules.Budget);
        Assert.Equal(file.Round.Budget, effect.WithoutRules.Budget);
        Assert.InRange(effect.WithRules.Allocated, 0m, file.Round.Budget);
        Assert.InRange(effect.WithoutRules.Allocated, 0m, file.Round.Budget);
        Assert.Equal(effect.WithoutRules.Allocated, effect.WithoutRules.Applications.Sum(application => application.Amount));
        Assert.Equal(effect.WithRules.Allocated, effect.WithRules.Applications.Sum(application => application.Amount));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Compare_Scenario_MoneyMovedAcrossBandsAndUnallocatedSumsToZero(string scenario)
    {
        var file = Read(scenario);

        var effect = WithoutEquityRules.Compare(file.Round, file.Applications);

        Assert.Equal(file.Round.IncomeBands.Bands.Select(band => band.Key), effect.ByBand.Select(band => band.Group));
        Assert.Equal(effect.WithRules.Allocated, effect.ByBand.Sum(band => band.AwardedWithRules));
        Assert.Equal(effect.WithoutRules.Allocated, effect.ByBand.Sum(band => band.AwardedWithoutRules));
        Assert.Equal(file.Round.Budget, effect.ByBand.Sum(band => band.AwardedWithRules) + effect.Unallocated.AwardedWithRules);
        Assert.Equal(file.Round.Budget, effect.ByBand.Sum(band => band.AwardedWithoutRules) + effect.Unallocated.AwardedWithoutRules);
        Assert.Equal(0m, effect.ByBand.Sum(band => band.Moved) + effect.Unallocated.Moved);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Compare_Scenario_FlagFiguresAreSumsOverTheFlaggedApplications(string scenario)
    {
        var file = Read(scenario);

        var effect = WithoutEquityRules.Compare(file.Round, file.Applications);

        Assert.Equal(KnownFlags.All, effect.ByFlag.Select(flag => flag.Group).Take(KnownFlags.All.Count));
        foreach (var flag in effect.ByFlag)
        {
            decimal Awarded(AllocationResult allocation) => allocation.Applications
                .Where(application => application.Application.Organisation.Flags.Contains(flag.Group) && application.Decision == Decision.Award)
                .Sum(application => application.Amount);
            Assert.Equal(Awarded(effect.WithRules), flag.AwardedWithRules);
            Assert.Equal(Awarded(effect.WithoutRules), flag.AwardedWithoutRules);
            Assert.Equal(Awarded(effect.WithRules) - Awarded(effect.WithoutRules), flag.Moved);
        }
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Compare_Scenario_ListsExactlyTheApplicationsWhoseFundingTheRulesChanged(string scenario)
    {
        var file = Read(scenario);

        var effect = WithoutEquityRules.Compare(file.Round, file.Applications);

        var pairs = effect.WithRules.Applications.Zip(effect.WithoutRules.Applications).ToList();
        Assert.Equal(
            pairs.Where(pair => pair.First.Decision == Decision.Award && pair.Second.Decision != Decision.Award).Select(pair => pair.First.Reference),
            effect.FundedOnlyBecauseOfRules.Select(difference => difference.Reference));
        Assert.Equal(
            pairs.Where(pair => pair.First.Decision != Decision.Award && pair.Second.Decision == Decision.Award).Select(pair => pair.First.Reference),
            effect.NotFundedBecauseOfRules.Select(difference => difference.Reference));
        Assert.Equal(
            pairs.Count(pair => pair.First.Decision != pair.Second.Decision || pair.First.Amount != pair.Second.Amount),
            effect.Differences.Count);
        Assert.Equal(effect.ByBand.Sum(band => band.Moved), effect.Differences.Sum(difference => difference.AmountDifference));
    }

    [Fact]
    public void Compare_MultiplierLiftsMicroGroupAboveMediumOne_MicroFundedOnlyBecauseOfRules()
    {
        // Two reviews on 0..4: micro scores 50.00, × 1.30 = 65.00; medium scores 62.50. Room for one grant.
        var round = new RoundBuilder
        {
            Budget = 10_000m,
            Rules = [EquityRule.Multiplier("Micro organisation", new Condition(["micro"], null), 1.3m)],
        }.With(
            new ApplicationBuilder { Reference = "MICRO", AnnualIncome = 5_000m, Requested = 6_000m, Flags = [KnownFlags.UserLed] }.WithScores(2, 2),
            new ApplicationBuilder { Reference = "MEDIUM", AnnualIncome = 200_000m, Requested = 6_000m }.WithScores(3, 2));

        var effect = WithoutEquityRules.Compare(round.Settings(), round.Applications);

        Assert.Equal("MICRO", Assert.Single(effect.FundedOnlyBecauseOfRules).Reference);
        Assert.Equal("MEDIUM", Assert.Single(effect.NotFundedBecauseOfRules).Reference);
        var micro = effect.ByBand.Single(band => band.Group == "micro");
        var medium = effect.ByBand.Single(band => band.Group == "medium");
        Assert.Equal((1, 0, 6_000m, 0m, 6_000m), (micro.FundedWithRules, micro.FundedWithoutRules, micro.AwardedWithRules, micro.AwardedWithoutRules, micro.Moved));
        Assert.Equal(-6_000m, medium.Moved);
        Assert.Equal(0m, effect.Unallocated.Moved);
        Assert.Equal(6_000m, effect.ByFlag.Single(flag => flag.Group == KnownFlags.UserLed).Moved);
        Assert.Equal(0m, effect.ByFlag.Single(flag => flag.Group == KnownFlags.Rural).Moved);
    }

    [Fact]
    public void Compare_RingFencedPotWithoutRollover_UnspentMoneyShowsAsMovedToUnallocated()
    {
        // With the rules: the micro pot (5,000) funds MICRO's 3,000 and keeps 2,000 it cannot roll over; the
        // general pot (5,000) cannot fit MEDIUM's 6,000. Without them: one pot of 10,000 funds both.
        var round = new RoundBuilder
        {
            Budget = 10_000m,
            Rollover = false,
            Pots = [new RingFencedPot("micro", "Micro groups", 0.5m, new Condition(["micro"], null))],
        }.With(
            new ApplicationBuilder { Reference = "MEDIUM", AnnualIncome = 200_000m, Requested = 6_000m }.WithScores(4, 4),
            new ApplicationBuilder { Reference = "MICRO", AnnualIncome = 5_000m, Requested = 3_000m }.WithScores(2, 2));

        var effect = WithoutEquityRules.Compare(round.Settings(), round.Applications);

        Assert.Equal((3_000m, 9_000m), (effect.WithRules.Allocated, effect.WithoutRules.Allocated));
        Assert.Equal(0m, effect.ByBand.Single(band => band.Group == "micro").Moved);
        Assert.Equal(-6_000m, effect.ByBand.Single(band => band.Group == "medium").Moved);
        Assert.Equal((7_000m, 1_000m, 6_000m), (effect.Unallocated.AwardedWithRules, effect.Unallocated.AwardedWithoutRules, effect.Unallocated.Moved));
        Assert.Empty(effect.FundedOnlyBecauseOfRules);
        Assert.Equal("MEDIUM", Assert.Single(effect.NotFundedBecauseOfRules).Reference);
    }

    [Fact]
    public void SettingsFor_RoundWithRulesAndPots_RemovesOnlyThemAndKeepsEverythingElse()
    {
        var round = new RoundBuilder
        {
            LotteryBand = new LotteryBand(40m, 60m),
            WhenTooBig = WhenTooBig.Partial,
            PartialMinFraction = 0.6m,
            Threshold = 30m,
            Rollover = true,
            Rules = [EquityRule.Bonus("Lived experience", new Condition(null, [KnownFlags.LivedExperienceLed]), 5m)],
            Pots = [new RingFencedPot("lived", "Lived experience", 0.2m, new Condition(null, [KnownFlags.LivedExperienceLed]))],
        }.Settings();

        var without = WithoutEquityRules.SettingsFor(round);

        Assert.Empty(without.Rules);
        Assert.Empty(without.Pots);
        Assert.Equal(round with { Rules = without.Rules, Pots = without.Pots }, without);
    }

    [Fact]
    public void Compare_CustomFlagOnAnOrganisation_IsReportedAfterTheKnownFlags()
    {
        var round = new RoundBuilder().With(new ApplicationBuilder { Flags = ["zebraLed", "alphaLed"] });

        var effect = WithoutEquityRules.Compare(round.Settings(), round.Applications);

        Assert.Equal([.. KnownFlags.All, "alphaLed", "zebraLed"], effect.ByFlag.Select(flag => flag.Group));
    }
}
