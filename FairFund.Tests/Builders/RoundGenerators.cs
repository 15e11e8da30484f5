using CsCheck;
using FairFund.Domain.Allocation;
using FairFund.Domain.Organisations;
using FairFund.Domain.RoundFiles;
using FairFund.Domain.Scoring;

namespace FairFund.Tests.Builders;

/// <summary>
/// Random valid rounds for property tests, spread over the whole rule space: 1 to 4 criteria on
/// different scales and weights, every aggregation, thresholds 0 to 70, with and without a lottery
/// band, every <see cref="WhenTooBig"/> policy, up to 4 equity rules and 3 ring-fenced pots with
/// conditions on bands and flags, rollover on and off, and up to 40 applications with incomes in
/// every band (and on its edges), requests in and out of the grant range, screening failures and
/// 0 to 5 reviews each, some conflicted.
/// </summary>
/// <remarks>
/// Fixed size, so that shrinking means something. Every round is drawn from the same shape of raw
/// numbers (4 criterion slots, 4 rule slots, 3 pot slots, 40 application slots of 5 review slots
/// each, every review scoring 4 criterion slots); counts say how many slots are used, and scores
/// are mapped onto each criterion's scale afterwards. No draw depends on an earlier one (there is no
/// <c>SelectMany</c>), so a smaller count or a smaller number means a smaller round and never
/// reshuffles the rest. The size CsCheck shrinks by puts what the round uses first: the number of
/// applications, then the reviews, rules, pots and criteria they use, then the raw numbers.
/// </remarks>
public static class RoundGenerators
{
    public const int MaxCriteria = 4;
    public const int MaxRules = 4;
    public const int MaxPots = 3;
    public const int MaxApplications = 40;
    public const int MaxReviews = 5;

    /// <summary>Flags that rules, pots and organisations draw from: four FairFund knows and one it does not.</summary>
    private static readonly string[] FlagPool = [KnownFlags.LivedExperienceLed, KnownFlags.UserLed, KnownFlags.Rural, KnownFlags.DeprivedArea, "coastal"];

    /// <summary>The scales criteria are scored on.</summary>
    private static readonly (int Min, int Max)[] Scales = [(0, 4), (1, 5), (0, 10), (1, 3), (0, 1)];

    /// <summary>The lower bound of each default income band, in pounds, and a top for the last (open) one.</summary>
    private static readonly long[] BandEdges = [0, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];

    private static readonly Gen<ConditionDraw> ConditionDraws =
        Gen.Select(Gen.Int[0, 3], Gen.Int[1, 31], Gen.Int[0, FlagPool.Length - 1], Gen.Int[0, FlagPool.Length], (kind, bands, flag, second) => new ConditionDraw(kind, bands, flag, second));

    /// <summary>Weights are whole numbers half the time, so that review scores are often round and meet thresholds exactly.</summary>
    private static readonly Gen<CriterionDraw> CriterionDraws =
        Gen.Select(Gen.Int[0, Scales.Length - 1], Gen.Bool, Gen.Int[1, 5_000], (scale, whole, weight) => new CriterionDraw(scale, whole, weight));

    /// <summary>Factors run from 0.5 to 1.5 with up to 3 decimals and points from -2 to 15 with up to 2, or, half the time, round values (× 1.25, + 5).</summary>
    private static readonly Gen<RuleDraw> RuleDraws =
        Gen.Select(Gen.Bool, Gen.Bool, Gen.Int[500, 1_500], Gen.Int[-200, 1_500], ConditionDraws,
            (multiplier, round, factor, points, when) => new RuleDraw(multiplier, round ? 500 + factor % 5 * 250 : factor, round ? points / 100 * 100 : points, when));

    private static readonly Gen<PotDraw> PotDraws =
        Gen.Select(Gen.Int[1, 10_000], ConditionDraws, (share, when) => new PotDraw(share, when));

    private static readonly Gen<ReviewDraw> ReviewDraws =
        Gen.Select(Gen.FrequencyConst((5, false), (1, true)), Gen.Int[0, 10].Array[MaxCriteria], (conflict, scores) => new ReviewDraw(conflict, scores));

    private static readonly Gen<IncomeDraw> IncomeDraws =
        Gen.Select(Gen.Int[0, BandEdges.Length - 2], Gen.Int[0, 5], Gen.Int[0, 1_000_000], Gen.Int[0, (1 << FlagPool.Length) - 1],
            (band, place, fraction, flags) => new IncomeDraw(band, place, fraction, flags));

    private static readonly Gen<ApplicationDraw> ApplicationDraws =
        Gen.Select(IncomeDraws, Gen.Int[0, 19], Gen.Int[0, 1_000_000], Gen.FrequencyConst((9, true), (1, false)),
            Gen.OneOfConst<string?>(null, "Not a constituted group", "Outside the fund's area"), Gen.Int[0, MaxReviews], ReviewDraws.Array[MaxReviews],
            (income, requestKind, requestFraction, eligible, reason, reviewCount, reviews) =>
                new ApplicationDraw(income, requestKind, requestFraction, eligible, reason, reviewCount, reviews));

    /// <summary>Thresholds and band edges are multiples of 5 half the time, so that round scores land exactly on them.</summary>
    private static readonly Gen<ThresholdDraw> ThresholdDraws =
        Gen.Select(Gen.Bool, Gen.Int[0, 7_000], Gen.Bool, Gen.Int[0, 9_000], Gen.Int[1, 3_000],
            (whole, threshold, hasBand, bandFrom, bandWidth) => new ThresholdDraw(whole, threshold, hasBand, bandFrom, bandWidth));

    private static readonly Gen<ScoringDraw> ScoringDraws =
        Gen.Select(Gen.Int[1, MaxCriteria], CriterionDraws.Array[MaxCriteria], Gen.Enum<Aggregation>(), Gen.Int[1, 3], ThresholdDraws,
            (criteriaCount, criteria, aggregation, minReviews, thresholds) => new ScoringDraw(criteriaCount, criteria, aggregation, minReviews, thresholds));

    /// <summary>
    /// The budget is up to 10 times the largest grant, and sometimes an exact multiple of it; sometimes every grant is
    /// the same size. Then requests often fit what a pot has left exactly.
    /// </summary>
    private static readonly Gen<BudgetDraw> BudgetDraws =
        Gen.Select(Gen.Int[1, 500_000], Gen.FrequencyConst((7, false), (1, true)), Gen.Int[0, 5_000_000], Gen.Int[1, 1_000], Gen.Int[0, 99],
            Gen.FrequencyConst((3, false), (1, true)),
            (grantMin, oneSize, grantSpread, budgetFactor, budgetPennies, exact) =>
                new BudgetDraw(grantMin, oneSize ? 0 : grantSpread, budgetFactor, budgetPennies, exact));

    /// <summary>partialMinFraction is 0 or 1 about one time in twelve each, and otherwise has up to 3 decimals.</summary>
    private static readonly Gen<MoneyDraw> MoneyDraws =
        Gen.Select(BudgetDraws, Gen.Enum<WhenTooBig>(), Gen.Int[-100, 1_100], Gen.Bool, Gen.OneOfConst("round-", "sëed ", "2027/£ "),
            (budget, whenTooBig, partialFraction, rollover, seedPrefix) =>
                new MoneyDraw(budget, whenTooBig, Math.Clamp(partialFraction, 0, 1_000), rollover, seedPrefix));

    private static readonly Gen<RoundDraw> RoundDraws =
        Gen.Select(ScoringDraws, MoneyDraws, Gen.Int[0, MaxRules], RuleDraws.Array[MaxRules], Gen.Int[0, MaxPots], PotDraws.Array[MaxPots],
            Gen.FrequencyConst((4, false), (1, true)), Gen.Int[0, 9_999],
            (scoring, money, ruleCount, rules, potCount, pots, potsTakeWhole, seedNumber) =>
                new RoundDraw(scoring, money, ruleCount, rules, potCount, pots, potsTakeWhole, seedNumber));

    /// <summary>A valid round: its settings and applications, as a round file (so a failing case can be written out and re-run).</summary>
    public static Gen<RoundFile> Round { get; } = new SizedByRound<RoundFile>(
        Gen.Select(RoundDraws, Gen.Int[0, MaxApplications], ApplicationDraws.Array[MaxApplications], Build),
        file => file);

    /// <summary>A valid round with something else drawn beside it, still shrinking by the round first.</summary>
    public static Gen<(RoundFile Round, T Extra)> RoundWith<T>(Gen<T> extra) =>
        new SizedByRound<(RoundFile, T)>(Gen.Select(Round, extra), pair => pair.Item1);

    /// <summary>A random order for up to <see cref="MaxApplications"/> applications: a sort key per slot.</summary>
    public static Gen<int[]> Order { get; } = Gen.Int[0, 1_000_000].Array[MaxApplications];

    /// <summary>The applications in the order given by <paramref name="sortKeys"/> (ties keep their order).</summary>
    public static IReadOnlyList<ApplicationEntry> Reorder(IReadOnlyList<ApplicationEntry> applications, int[] sortKeys) =>
        [.. applications.Select((application, i) => (application, i)).OrderBy(pair => sortKeys[pair.i]).ThenBy(pair => pair.i).Select(pair => pair.application)];

    private static RoundFile Build(RoundDraw draw, int applicationCount, ApplicationDraw[] applications)
    {
        var settings = Settings(draw);
        var entries = new ApplicationEntry[applicationCount];
        for (var i = 0; i < applicationCount; i++) entries[i] = Application(settings, applications[i], i);
        return new RoundFile(settings, entries);
    }

    private static RoundSettings Settings(RoundDraw draw)
    {
        var scoring = draw.Scoring;
        var money = draw.Money;
        var criteria = new Criterion[scoring.CriteriaCount];
        for (var c = 0; c < criteria.Length; c++)
        {
            var (min, max) = Scales[scoring.Criteria[c].Scale];
            criteria[c] = new Criterion($"c{c + 1}", $"Criterion {c + 1}", Weight(scoring.Criteria[c]), min, max);
        }

        var thresholds = scoring.Thresholds;
        decimal Score(int hundredths) => thresholds.Whole ? hundredths / 500 * 5 : hundredths / 100m;
        var lotteryFrom = Score(thresholds.BandFromHundredths);
        var lotteryTo = lotteryFrom + Math.Max(thresholds.Whole ? 5m : 0.01m, Score(thresholds.BandWidthHundredths));
        var lotteryBand = thresholds.HasBand ? new LotteryBand(lotteryFrom, lotteryTo) : null;

        var budget = money.Budget;
        var grantMinPennies = (long)budget.GrantMinPennies;
        var grantMaxPennies = grantMinPennies + budget.GrantSpreadPennies;
        var budgetPennies = budget.ExactMultiple
            ? grantMaxPennies * Math.Max(1, budget.FactorHundredths / 100)
            : Math.Max(1, grantMaxPennies * budget.FactorHundredths / 100 + budget.Pennies);

        var rules = new EquityRule[draw.RuleCount];
        for (var r = 0; r < rules.Length; r++)
        {
            var rule = draw.Rules[r];
            var when = When(rule.When);
            rules[r] = rule.IsMultiplier
                ? EquityRule.Multiplier($"Rule {r + 1}", when, rule.FactorThousandths / 1_000m)
                : EquityRule.Bonus($"Rule {r + 1}", when, rule.PointsHundredths / 100m);
        }

        return new RoundSettings("PROP-ROUND", "Property round", "GBP", budgetPennies / 100m, $"{money.SeedPrefix}{draw.SeedNumber}",
            criteria, scoring.Aggregation, scoring.MinReviews, Score(thresholds.ThresholdHundredths), lotteryBand,
            grantMinPennies / 100m, grantMaxPennies / 100m, money.WhenTooBig, money.PartialFractionThousandths / 1_000m,
            IncomeBands.Default, rules, Pots(draw), money.Rollover);
    }

    /// <summary>
    /// Shares in ten-thousandths, each at least one and together at most the whole budget: each pot takes
    /// part of what is left after keeping one for every pot after it; sometimes the last takes all the rest.
    /// </summary>
    private static RingFencedPot[] Pots(RoundDraw draw)
    {
        const int whole = 10_000;
        var pots = new RingFencedPot[draw.PotCount];
        var used = 0;
        for (var p = 0; p < pots.Length; p++)
        {
            var laterPots = pots.Length - 1 - p;
            var left = whole - used - laterPots;
            var share = draw.PotsTakeWhole && laterPots == 0 ? left : 1 + (draw.Pots[p].ShareRaw - 1) % left;
            used += share;
            pots[p] = new RingFencedPot($"pot-{p + 1}", $"Ring-fenced pot {p + 1}", share / (decimal)whole, When(draw.Pots[p].When));
        }
        return pots;
    }

    private static decimal Weight(CriterionDraw draw) => draw.Whole ? 1 + draw.WeightThousandths % 3 : draw.WeightThousandths / 1_000m;

    private static Condition When(ConditionDraw draw)
    {
        var bandKeys = IncomeBands.Default.Bands.Select(band => band.Key).ToArray();
        IReadOnlyList<string>? bands = (draw.Kind & 1) == 0 ? null : [.. bandKeys.Where((_, i) => (draw.BandMask & (1 << i)) != 0)];
        IReadOnlyList<string>? flags = (draw.Kind & 2) == 0 ? null
            : draw.SecondFlag >= FlagPool.Length || draw.SecondFlag == draw.Flag ? [FlagPool[draw.Flag]]
            : [FlagPool[draw.Flag], FlagPool[draw.SecondFlag]];
        return new Condition(bands, flags);
    }

    private static ApplicationEntry Application(RoundSettings settings, ApplicationDraw draw, int index)
    {
        var income = draw.Income;
        var lower = BandEdges[income.Band] * 100;
        var upper = BandEdges[income.Band + 1] * 100;
        var incomePennies = income.Place switch
        {
            0 => lower,
            1 => upper - 1,
            _ => lower + (upper - lower) * income.Fraction / 1_000_000,
        };
        var flags = FlagPool.Where((_, i) => (income.FlagMask & (1 << i)) != 0).ToArray();
        var organisation = new Organisation($"Organisation {index + 1}", incomePennies / 100m, flags);

        var reviews = new Review[draw.ReviewCount];
        for (var r = 0; r < reviews.Length; r++)
        {
            var review = draw.Reviews[r];
            var scores = new int[settings.Criteria.Count];
            for (var c = 0; c < scores.Length; c++)
            {
                var criterion = settings.Criteria[c];
                scores[c] = criterion.Min + (review.Scores[c] * (criterion.Max - criterion.Min) + 5) / 10;
            }
            reviews[r] = new Review($"P{r + 1}", review.Conflict, scores);
        }

        var reason = draw.Eligible ? null : draw.IneligibleReason;
        return new ApplicationEntry($"APP-{index + 1:000}", organisation, Requested(settings, draw) / 100m, draw.Eligible, reason, reviews);
    }

    /// <summary>The request in pennies: inside the grant range (6 in 10), on its top (2 in 10) or bottom (1 in 10), or outside it.</summary>
    private static long Requested(RoundSettings settings, ApplicationDraw draw)
    {
        var min = (long)(settings.GrantMin * 100);
        var max = (long)(settings.GrantMax * 100);
        return draw.RequestKind switch
        {
            0 => Math.Max(1, min - 1 - draw.RequestFraction % 100_000),
            1 => max + 1 + draw.RequestFraction % 1_000_000,
            2 or 3 => min,
            4 or 5 or 6 or 7 => max,
            _ => min + (max - min) * draw.RequestFraction / 1_000_000,
        };
    }

    private sealed record ConditionDraw(int Kind, int BandMask, int Flag, int SecondFlag);

    private sealed record CriterionDraw(int Scale, bool Whole, int WeightThousandths);

    private sealed record RuleDraw(bool IsMultiplier, int FactorThousandths, int PointsHundredths, ConditionDraw When);

    private sealed record PotDraw(int ShareRaw, ConditionDraw When);

    private sealed record ReviewDraw(bool Conflict, int[] Scores);

    private sealed record IncomeDraw(int Band, int Place, int Fraction, int FlagMask);

    private sealed record ApplicationDraw(IncomeDraw Income, int RequestKind, int RequestFraction, bool Eligible, string? IneligibleReason,
        int ReviewCount, ReviewDraw[] Reviews);

    private sealed record ThresholdDraw(bool Whole, int ThresholdHundredths, bool HasBand, int BandFromHundredths, int BandWidthHundredths);

    private sealed record ScoringDraw(int CriteriaCount, CriterionDraw[] Criteria, Aggregation Aggregation, int MinReviews, ThresholdDraw Thresholds);

    private sealed record BudgetDraw(int GrantMinPennies, int GrantSpreadPennies, int FactorHundredths, int Pennies, bool ExactMultiple);

    private sealed record MoneyDraw(BudgetDraw Budget, WhenTooBig WhenTooBig, int PartialFractionThousandths, bool Rollover, string SeedPrefix);

    private sealed record RoundDraw(ScoringDraw Scoring, MoneyDraw Money, int RuleCount, RuleDraw[] Rules, int PotCount, PotDraw[] Pots,
        bool PotsTakeWhole, int SeedNumber);

    /// <summary>
    /// Reports a size that ranks rounds by what they use (applications first, then reviews, rules, pots
    /// and criteria) before the raw numbers, so CsCheck shrinks a failure towards the fewest applications.
    /// </summary>
    private sealed class SizedByRound<T>(Gen<T> inner, Func<T, RoundFile> roundOf) : Gen<T>
    {
        public override T Generate(PCG pcg, Size? min, out Size size)
        {
            var value = inner.Generate(pcg, null, out var drawn);
            var round = roundOf(value);
            var parts = round.Applications.Sum(application => application.Reviews.Count)
                + round.Round.Rules.Count + round.Round.Pots.Count + round.Round.Criteria.Count;
            size = new Size((ulong)round.Applications.Count, new Size((ulong)parts, drawn));
            return value;
        }
    }
}
