using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using CsCheck;
using FairFund.Domain.Allocation;
using FairFund.Domain.Organisations;
using FairFund.Domain.RoundFiles;
using FairFund.Domain.Scoring;
using FairFund.Tests.Builders;

namespace FairFund.Tests.Domain.Allocation;

/// <summary>
/// The invariants of spec section 9, and the rules of sections 7 and 8 they rest on, checked on random
/// valid rounds from <see cref="RoundGenerators"/>. A failure prints the shrunk round as a round file,
/// which <c>allocate</c> can re-run, and the seed that reproduces it.
/// </summary>
public sealed class AllocationPropertyTests
{
    /// <summary>Rounds per property: about 20 applications each, so some 20,000 applications.</summary>
    private const long Iterations = 1_000;

    /// <summary>Rounds for the properties that allocate each round twice.</summary>
    private const long TwiceIterations = 500;

    /// <summary>Enough rounds that the rarest feature (a score exactly on the lottery band's top, in about 1 round in 125) is all but certain.</summary>
    private const long CoverageIterations = 2_000;

    [Fact]
    public void Generate_AnyRound_PassesRoundChecks() =>
        Sample(round => Assert.Empty(RoundChecks.Check(round.Round, round.Applications)));

    /// <summary>Guards the generator itself: a property that never meets a partial award proves nothing about one.</summary>
    [Fact]
    public void Generate_ManyRounds_ReachEveryRuleAndOutcome()
    {
        var seen = new ConcurrentDictionary<string, bool>();
        Sample(round =>
        {
            foreach (var feature in Features(round, Allocate(round))) seen.TryAdd(feature, true);
        }, CoverageIterations);

        string[] expected =
        [
            .. Enum.GetNames<Aggregation>().Select(name => $"aggregation {name}"),
            .. Enum.GetNames<WhenTooBig>().Select(name => $"whenTooBig {name}"),
            .. Enum.GetNames<DeclineReason>().Select(name => $"declined {name}"),
            .. Enum.GetNames<PotOutcome>().Select(name => $"pot outcome {name}"),
            .. Enum.GetNames<MeritTier>().Select(name => $"tier {name}"),
            .. IncomeBands.Default.Bands.Select(band => $"band {band.Key}"),
            "award", "partial award", "ring-fenced award", "waitlist", "rollover", "shares take the whole budget", "no applications",
            "screened out", "requested below grantMin", "requested above grantMax", "conflicted review", "trimmed", "multiplier applied",
            "bonus applied", "rule not applied", "final score on the threshold", "final score on the lottery band's top", "request fills the pot exactly",
        ];
        var missing = expected.Where(feature => !seen.ContainsKey(feature)).ToList();
        Assert.True(missing.Count == 0, "Never generated: " + string.Join(", ", missing));
    }

    [Fact]
    public void Allocate_AnyRound_NeverSpendsMoreThanTheBudget() => Sample(round =>
    {
        var result = Allocate(round);
        var awarded = result.Applications.Where(application => application.Decision == Decision.Award).Sum(application => application.Amount);

        Assert.Equal(round.Round.Budget, result.Budget);
        Assert.Equal(awarded, result.Allocated);
        Assert.Equal(result.Pots.Sum(pot => pot.Allocated), result.Allocated);
        Assert.True(result.Allocated <= result.Budget, $"Allocated {result.Allocated} is over the budget {result.Budget}.");
    });

    [Fact]
    public void Allocate_AnyRound_KeepsEveryPotWithinItsAmount() => Sample(round =>
    {
        var settings = round.Round;
        var result = Allocate(round);
        Assert.Equal(settings.Pots.Count + 1, result.Pots.Count);

        var ringFenced = 0m;
        var unspent = 0m;
        for (var p = 0; p < settings.Pots.Count; p++)
        {
            var pot = result.Pots[p];
            Assert.Equal(settings.Pots[p].Key, pot.Key);
            Assert.False(pot.IsGeneral);
            Assert.Equal(Math.Floor(settings.Budget * settings.Pots[p].Share * 100m) / 100m, pot.Amount);
            Assert.Equal(0m, pot.Rollover);
            AssertSpentOnlyOnItsAwards(result, pot);
            ringFenced += pot.Amount;
            unspent += pot.Amount - pot.Allocated;
        }

        var general = result.Pots[^1];
        Assert.Equal(RoundSettings.GeneralPotKey, general.Key);
        Assert.True(general.IsGeneral);
        Assert.Equal(settings.Budget - ringFenced, general.Amount);
        Assert.Equal(settings.Rollover ? unspent : 0m, general.Rollover);
        AssertSpentOnlyOnItsAwards(result, general);
    });

    [Fact]
    public void Allocate_AnyRound_AwardsNoMoreThanAskedAndPartOnlyUnderPartial() => Sample(round =>
    {
        var settings = round.Round;
        var result = Allocate(round);
        foreach (var application in result.Applications)
        {
            var who = application.Reference;
            if (application.Decision != Decision.Award)
            {
                Assert.False(application.Partial, $"{who} is marked partial but is not an award.");
                continue;
            }
            Assert.True(application.Amount > 0m, $"{who} was awarded {application.Amount}.");
            Assert.True(application.Amount <= application.Requested, $"{who} was awarded {application.Amount}, more than the {application.Requested} asked for.");
            if (!application.Partial)
            {
                Assert.Equal(application.Requested, application.Amount);
                continue;
            }
            Assert.Equal(WhenTooBig.Partial, settings.WhenTooBig);
            Assert.True(application.Amount < application.Requested, $"{who} is a part award of all {application.Requested} asked for.");
            Assert.True(application.Amount >= settings.GrantMin, $"{who}'s part award {application.Amount} is under grantMin {settings.GrantMin}.");
            var fraction = Math.Round(application.Requested * settings.PartialMinFraction, 2, MidpointRounding.AwayFromZero);
            Assert.True(application.Amount >= fraction, $"{who}'s part award {application.Amount} is under {fraction}, the part of the request it must reach.");
        }

        // A pot stops after a part award, so it makes at most one.
        Assert.All(result.Applications.Where(application => application.Partial).GroupBy(application => application.Pot), pot => Assert.Single(pot));
    });

    [Fact]
    public void Allocate_SameInputsTwice_GivesTheSameResult() => Sample(round =>
    {
        var first = Allocate(round);
        var second = Allocate(round);

        AssertSameRoundTotals(first, second);
        Assert.Equal(first.Applications.Count, second.Applications.Count);
        for (var i = 0; i < first.Applications.Count; i++) AssertSameApplication(first.Applications[i], second.Applications[i]);
        Assert.Equal(ResultJson.Write(first), ResultJson.Write(second));
    }, TwiceIterations);

    [Fact]
    public void Allocate_AnyRound_GivesEachApplicationOneDecisionInInputOrder() => Sample(round =>
    {
        var settings = round.Round;
        var result = Allocate(round);
        Assert.Equal(round.Applications.Count, result.Applications.Count);

        for (var i = 0; i < round.Applications.Count; i++)
        {
            var entry = round.Applications[i];
            var application = result.Applications[i];
            Assert.Equal(entry.Reference, application.Reference);
            Assert.Equal(entry.Requested, application.Requested);
            Assert.Equal(application.Decision == Decision.Decline, application.Reason is not null);
            if (application.Decision == Decision.Award) Assert.NotNull(application.Pot);
            else
            {
                Assert.Equal(0m, application.Amount);
                Assert.Null(application.Pot);
            }

            // The first two gates (spec sections 3 and 5) need nothing but the inputs.
            var eligible = entry.Eligible && entry.Requested >= settings.GrantMin && entry.Requested <= settings.GrantMax;
            var counted = entry.Reviews.Count(review => !review.Conflict);
            if (!eligible) Assert.Equal(DeclineReason.Ineligible, application.Reason);
            else if (counted < settings.MinReviews) Assert.Equal(DeclineReason.InsufficientReviews, application.Reason);
            else Assert.True(application.Reason is null or DeclineReason.BelowThreshold, $"{entry.Reference} was declined as {application.Reason}.");

            Assert.NotEmpty(application.Explain());
            Assert.Single(application.Explain().OfType<DecisionStep>());
            var decision = Assert.IsType<DecisionStep>(application.Explain()[^1]);
            Assert.Equal(application.Decision, decision.Decision);
            Assert.Equal(application.Reason, decision.Reason);
            Assert.Equal(application.Amount, decision.Amount);
            Assert.Equal(application.Pot, decision.Pot);
            Assert.Equal(application.Partial, decision.Partial);
        }
    });

    [Fact]
    public void Allocate_ShuffledApplications_GivesEveryApplicationTheSameResult() =>
        RoundGenerators.RoundWith(RoundGenerators.Order).Sample((round, order) =>
        {
            var shuffled = RoundGenerators.Reorder(round.Applications, order);
            var expected = Allocate(round);
            var actual = Allocator.Allocate(round.Round, shuffled);

            AssertSameRoundTotals(expected, actual);
            Assert.Equal(shuffled.Select(application => application.Reference), actual.Applications.Select(application => application.Reference));
            var byReference = actual.Applications.ToDictionary(application => application.Reference, StringComparer.Ordinal);
            foreach (var application in expected.Applications) AssertSameApplication(application, byReference[application.Reference]);
        }, iter: TwiceIterations, print: pair => Print(pair.Item1) + Environment.NewLine + "Shuffled to: "
            + string.Join(", ", RoundGenerators.Reorder(pair.Item1.Applications, pair.Item2).Select(application => application.Reference)));

    [Fact]
    public void Allocate_AnyRound_RanksCandidatesOneToKInMeritOrder() => Sample(round =>
    {
        var settings = round.Round;
        var result = Allocate(round);

        foreach (var application in result.Applications.Where(application => application.Decision == Decision.Decline))
        {
            Assert.Null(application.Rank);
            if (application.Reason == DeclineReason.BelowThreshold)
                Assert.True(application.FinalScore < settings.Threshold, $"{application.Reference} scored {application.FinalScore}, not below {settings.Threshold}.");
        }

        var candidates = result.Applications.Where(application => application.Decision != Decision.Decline).OrderBy(application => application.Rank).ToList();
        Assert.Equal(Enumerable.Range(1, candidates.Count).Select(rank => (int?)rank), candidates.Select(application => application.Rank));
        foreach (var candidate in candidates)
        {
            Assert.True(candidate.FinalScore >= settings.Threshold, $"{candidate.Reference} scored {candidate.FinalScore}, under the threshold {settings.Threshold}.");
        }
        for (var i = 1; i < candidates.Count; i++)
        {
            Assert.True(ComesBefore(settings.LotteryBand, candidates[i - 1], candidates[i]),
                $"{candidates[i - 1].Reference} ({candidates[i - 1].FinalScore}, {candidates[i - 1].LotteryKey}) is ranked above "
                + $"{candidates[i].Reference} ({candidates[i].FinalScore}, {candidates[i].LotteryKey}).");
        }
    });

    [Fact]
    public void Allocate_RenamedSeed_ChangesOnlyTheLotteryKeysAndWhatFollowsFromThem() =>
        RoundGenerators.RoundWith(Gen.Int[0, 99_999]).Sample((round, number) =>
        {
            var renamed = round.Round with { Seed = $"renamed-{number}" };
            var before = Allocate(round);
            var after = Allocator.Allocate(renamed, round.Applications);

            Assert.Equal(before.Budget, after.Budget);
            Assert.Equal(before.Pots.Select(pot => (pot.Key, pot.Amount)), after.Pots.Select(pot => (pot.Key, pot.Amount)));
            for (var i = 0; i < round.Applications.Count; i++)
            {
                var (was, now) = (before.Applications[i], after.Applications[i]);
                var reference = round.Applications[i].Reference;
                Assert.Equal(PublishedLotteryKey(round.Round.Seed, reference), was.LotteryKey.ToString());
                Assert.Equal(PublishedLotteryKey(renamed.Seed, reference), now.LotteryKey.ToString());

                Assert.Equal((was.Reference, was.OrganisationName, was.Band, was.Requested), (now.Reference, now.OrganisationName, now.Band, now.Requested));
                Assert.Equal(was.ReviewScores, now.ReviewScores);
                Assert.Equal((reference, was.BaseScore, was.FinalScore, was.Reason), (reference, now.BaseScore, now.FinalScore, now.Reason));
                Assert.Equal((reference, was.Decision == Decision.Decline), (reference, now.Decision == Decision.Decline));
                Assert.Equal(StepsBeforeTheLottery(was), StepsBeforeTheLottery(now));
            }
        }, iter: TwiceIterations, print: pair => Print(pair.Item1) + Environment.NewLine + $"Renamed seed: renamed-{pair.Item2}");

    private static void Sample(Action<RoundFile> property, long iterations = Iterations) =>
        RoundGenerators.Round.Sample(property, iter: iterations, print: Print);

    private static string Print(RoundFile round) => RoundFileWriter.Write(round);

    private static AllocationResult Allocate(RoundFile round) => Allocator.Allocate(round.Round, round.Applications);

    /// <summary>The published lottery key (spec section 7), worked out here rather than trusted to the code under test.</summary>
    private static string PublishedLotteryKey(string seed, string reference) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}:{reference}")));

    /// <summary>Spec section 7: above the lottery band by score, inside it by lottery key, under it by score; ties by key.</summary>
    private static bool ComesBefore(LotteryBand? band, ApplicationResult higher, ApplicationResult lower)
    {
        static int Tier(LotteryBand? band, decimal score) => band is null || score >= band.To ? 0 : score >= band.From ? 1 : 2;

        var (higherScore, lowerScore) = (higher.FinalScore!.Value, lower.FinalScore!.Value);
        var (higherTier, lowerTier) = (Tier(band, higherScore), Tier(band, lowerScore));
        if (higherTier != lowerTier) return higherTier < lowerTier;
        if (higherTier != 1 && higherScore != lowerScore) return higherScore > lowerScore;
        return string.CompareOrdinal(higher.LotteryKey.ToString(), lower.LotteryKey.ToString()) < 0;
    }

    private static List<string> StepsBeforeTheLottery(ApplicationResult application) =>
        [.. application.Explain().TakeWhile(step => step is not (LotteryKeyStep or RankStep or PotStep or DecisionStep)).Select(step => step.Describe())];

    private static void AssertSpentOnlyOnItsAwards(AllocationResult result, PotResult pot)
    {
        var awarded = result.Applications.Where(application => application.Decision == Decision.Award && application.Pot == pot.Key).Sum(application => application.Amount);
        Assert.Equal(awarded, pot.Allocated);
        Assert.True(pot.Allocated <= pot.Amount + pot.Rollover, $"Pot {pot.Key} spent {pot.Allocated}, more than its {pot.Amount} and rollover {pot.Rollover}.");
    }

    private static void AssertSameRoundTotals(AllocationResult expected, AllocationResult actual)
    {
        Assert.Equal((expected.Round, expected.Currency), (actual.Round, actual.Currency));
        AssertSameDecimal(expected.Budget, actual.Budget, "budget");
        AssertSameDecimal(expected.Allocated, actual.Allocated, "allocated");
        Assert.Equal(expected.Pots.Count, actual.Pots.Count);
        for (var p = 0; p < expected.Pots.Count; p++)
        {
            var (was, now) = (expected.Pots[p], actual.Pots[p]);
            Assert.Equal((was.Key, was.Name, was.IsGeneral), (now.Key, now.Name, now.IsGeneral));
            AssertSameDecimal(was.Amount, now.Amount, $"pot {was.Key} amount");
            AssertSameDecimal(was.Rollover, now.Rollover, $"pot {was.Key} rollover");
            AssertSameDecimal(was.Allocated, now.Allocated, $"pot {was.Key} allocated");
        }
    }

    /// <summary>Field by field, the explanation by each step's kind, number and words.</summary>
    private static void AssertSameApplication(ApplicationResult expected, ApplicationResult actual)
    {
        var who = expected.Reference;
        Assert.Equal((expected.Reference, expected.OrganisationName, expected.Band), (actual.Reference, actual.OrganisationName, actual.Band));
        AssertSameDecimal(expected.Requested, actual.Requested, $"{who} requested");
        Assert.Equal((who, expected.ReviewScores.Count), (who, actual.ReviewScores.Count));
        for (var r = 0; r < expected.ReviewScores.Count; r++) AssertSameDecimal(expected.ReviewScores[r], actual.ReviewScores[r], $"{who} review score {r + 1}");
        AssertSameDecimal(expected.BaseScore, actual.BaseScore, $"{who} base score");
        AssertSameDecimal(expected.FinalScore, actual.FinalScore, $"{who} final score");
        Assert.Equal((who, expected.Rank, expected.LotteryKey, expected.Decision, expected.Reason), (who, actual.Rank, actual.LotteryKey, actual.Decision, actual.Reason));
        AssertSameDecimal(expected.Amount, actual.Amount, $"{who} amount");
        Assert.Equal((who, expected.Pot, expected.Partial), (who, actual.Pot, actual.Partial));

        Assert.Equal((who, expected.Explain().Count), (who, actual.Explain().Count));
        for (var s = 0; s < expected.Explain().Count; s++)
        {
            var (was, now) = (expected.Explain()[s], actual.Explain()[s]);
            Assert.Equal((who, s + 1, was.GetType(), was.Kind), (who, s + 1, now.GetType(), now.Kind));
            AssertSameDecimal(was.Value, now.Value, $"{who} step {s + 1} ({was.Kind})");
            Assert.Equal((who, s + 1, was.Describe()), (who, s + 1, now.Describe()));
        }
    }

    /// <summary>Exactly: the same value and the same scale, so the published JSON is the same too.</summary>
    private static void AssertSameDecimal(decimal? expected, decimal? actual, string what) =>
        Assert.True(expected == actual && expected?.Scale == actual?.Scale, $"{what}: expected {expected}, got {actual}.");

    private static IEnumerable<string> Features(RoundFile round, AllocationResult result)
    {
        var settings = round.Round;
        yield return $"aggregation {settings.Aggregation}";
        yield return $"whenTooBig {settings.WhenTooBig}";
        if (round.Applications.Count == 0) yield return "no applications";
        if (settings.Pots.Count > 0 && settings.Pots.Sum(pot => pot.Share) == 1m) yield return "shares take the whole budget";
        if (result.Pots[^1].Rollover > 0m) yield return "rollover";
        foreach (var entry in round.Applications)
        {
            if (!entry.Eligible) yield return "screened out";
            if (entry.Requested < settings.GrantMin) yield return "requested below grantMin";
            if (entry.Requested > settings.GrantMax) yield return "requested above grantMax";
        }
        foreach (var application in result.Applications)
        {
            yield return $"band {application.Band}";
            if (application.Reason is { } reason) yield return $"declined {reason}";
            if (application.Decision == Decision.Waitlist) yield return "waitlist";
            if (application.Decision == Decision.Award) yield return "award";
            if (application.Partial) yield return "partial award";
            if (application.Pot is { } pot && pot != RoundSettings.GeneralPotKey) yield return "ring-fenced award";
            if (application.FinalScore == settings.Threshold) yield return "final score on the threshold";
            if (settings.LotteryBand is { } band && application.FinalScore == band.To) yield return "final score on the lottery band's top";
            foreach (var step in application.Explain())
            {
                switch (step)
                {
                    case PotStep { Outcome: PotOutcome.Awarded } potStep when potStep.Requested == potStep.Remaining:
                        yield return $"pot outcome {potStep.Outcome}";
                        yield return "request fills the pot exactly";
                        break;
                    case PotStep potStep: yield return $"pot outcome {potStep.Outcome}"; break;
                    case RankStep rankStep: yield return $"tier {rankStep.Tier}"; break;
                    case ReviewStep { Counted: false }: yield return "conflicted review"; break;
                    case BaseScoreStep { DroppedLowest: not null }: yield return "trimmed"; break;
                    case MultiplierStep: yield return "multiplier applied"; break;
                    case BonusStep: yield return "bonus applied"; break;
                    case RuleNotAppliedStep: yield return "rule not applied"; break;
                }
            }
        }
    }
}
