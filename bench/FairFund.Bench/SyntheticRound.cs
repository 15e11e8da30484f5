using FairFund.Domain.Allocation;
using FairFund.Domain.Organisations;
using FairFund.Domain.Scoring;

namespace FairFund.Bench;

/// <summary>
/// A round shaped like the shared Coventry and Warwickshire 2027 scenario, with as many generated
/// applications as a benchmark needs. The same count and seed always give the same round.
/// </summary>
public static class SyntheticRound
{
    /// <summary>Enough budget to fund roughly a third of the applications, whose requests average about 13,000.</summary>
    public const decimal BudgetPerApplication = 4_000m;

    private static readonly string[] Places =
        ["Foleshill", "Hillfields", "Canley", "Tile Hill", "Bell Green", "Binley", "Radford", "Kenilworth", "Nuneaton", "Leamington Spa", "Rugby", "Stratford-upon-Avon"];

    private static readonly string[] Kinds =
        ["Carers' Circle", "Men's Shed", "Peer Support", "Community Kitchen", "Sanctuary Walks", "Hearing Voices Group", "Women's Group", "Allotment Project", "Youth Club", "Talking Space"];

    /// <summary>How often each known flag is set, in the order of <see cref="KnownFlags.All"/>.</summary>
    private static readonly double[] FlagChances = [0.25, 0.30, 0.30, 0.20, 0.15, 0.20, 0.25];

    private const int PanelSize = 12;

    public static RoundSettings Settings(int applicationCount)
    {
        var micro = new Condition(["micro"], null);
        var livedExperienceLed = new Condition(null, [KnownFlags.LivedExperienceLed]);
        return new RoundSettings(
            Reference: "BENCH-COVENTRY-WARWICKSHIRE",
            Name: "Benchmark round shaped like Coventry Warwickshire 2027",
            Currency: "GBP",
            Budget: applicationCount * BudgetPerApplication,
            Seed: "coventry-warwickshire-2027-published-seed",
            Criteria:
            [
                new Criterion("need", "Local need and who benefits", 3m, 0, 4),
                new Criterion("approach", "Approach and coproduction", 2m, 0, 4),
                new Criterion("outcomes", "Clear, measurable outcomes", 2m, 0, 4),
                new Criterion("value", "Value for money", 1m, 0, 4),
            ],
            Aggregation: Aggregation.TrimmedMean,
            MinReviews: 2,
            Threshold: 50m,
            LotteryBand: new LotteryBand(55m, 65m),
            GrantMin: 1_000m,
            GrantMax: 25_000m,
            WhenTooBig: WhenTooBig.Partial,
            PartialMinFraction: 0.6m,
            IncomeBands: IncomeBands.Default,
            Rules:
            [
                EquityRule.Multiplier("Micro organisation", micro, 1.2m),
                EquityRule.Multiplier("Small organisation", new Condition(["small"], null), 1.1m),
                EquityRule.Multiplier("Large organisation", new Condition(["large", "major"], null), 0.9m),
                EquityRule.Bonus("Led by people with lived experience", livedExperienceLed, 5m),
                EquityRule.Bonus("First application to this funder", new Condition(null, [KnownFlags.FirstTimeApplicant]), 3m),
                EquityRule.Bonus("Partnership bid", new Condition(null, [KnownFlags.PartnershipBid]), 2.5m),
            ],
            Pots:
            [
                new RingFencedPot("micro", "Micro groups", 0.15m, micro),
                new RingFencedPot("lived", "Lived-experience-led", 0.2m, livedExperienceLed),
            ],
            Rollover: true);
    }

    /// <summary>
    /// Applications from organisations in every income band, with 2 to 6 reviews each. About 5% are
    /// screened out, about 4% ask for an amount outside the grant range, and about 5% of reviews are
    /// conflicted, so every decline reason occurs.
    /// </summary>
    public static List<ApplicationEntry> Applications(int count, int seed)
    {
        var random = new Random(seed);
        var applications = new List<ApplicationEntry>(count);
        for (var i = 0; i < count; i++)
        {
            var organisation = new Organisation(
                $"{Places[random.Next(Places.Length)]} {Kinds[random.Next(Kinds.Length)]}",
                AnnualIncome(random),
                Flags(random));
            var eligible = random.NextDouble() >= 0.05;
            applications.Add(new ApplicationEntry(
                $"APP-{i + 1:D6}",
                organisation,
                Requested(random),
                eligible,
                eligible ? null : "The group works outside Coventry and Warwickshire",
                Reviews(random)));
        }
        return applications;
    }

    /// <summary>Whole pounds, spread over the NCVO bands: most groups are micro or small, a few are major.</summary>
    private static decimal AnnualIncome(Random random) => random.NextDouble() switch
    {
        < 0.30 => random.Next(0, 10_000),
        < 0.65 => random.Next(10_000, 100_000),
        < 0.85 => random.Next(100_000, 1_000_000),
        < 0.95 => random.Next(1_000_000, 10_000_000),
        _ => random.Next(10_000_000, 50_000_000),
    };

    private static List<string> Flags(Random random)
    {
        var flags = new List<string>();
        for (var f = 0; f < KnownFlags.All.Count; f++)
        {
            if (random.NextDouble() < FlagChances[f]) flags.Add(KnownFlags.All[f]);
        }
        return flags;
    }

    /// <summary>Pounds and pence; about 4% fall outside the 1,000 to 25,000 grant range.</summary>
    private static decimal Requested(Random random) => random.NextDouble() switch
    {
        < 0.02 => random.Next(25_000, 100_000) / 100m,
        < 0.04 => random.Next(2_500_001, 4_000_001) / 100m,
        _ => random.Next(100_000, 2_500_001) / 100m,
    };

    /// <summary>
    /// Reviewers agree roughly: each application has an underlying quality, and every criterion's
    /// score is that quality give or take one point, kept on the 0..4 scale.
    /// </summary>
    private static List<Review> Reviews(Random random)
    {
        var quality = 0.5 + random.NextDouble() * 3.3;
        var count = random.Next(2, 7);
        var panel = Enumerable.Range(1, PanelSize).ToArray();
        random.Shuffle(panel);
        var reviews = new List<Review>(count);
        for (var r = 0; r < count; r++)
        {
            var scores = new int[4];
            for (var c = 0; c < scores.Length; c++)
                scores[c] = Math.Clamp((int)Math.Round(quality + random.NextDouble() * 2 - 1), 0, 4);
            reviews.Add(new Review($"P{panel[r]}", Conflict: random.NextDouble() < 0.05, scores));
        }
        return reviews;
    }
}
