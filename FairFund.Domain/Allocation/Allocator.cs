using System.Collections.Concurrent;
using FairFund.Domain.Scoring;
using FairFund.Domain.Validation;

namespace FairFund.Domain.Allocation;

/// <summary>Raised when the allocation is asked to run on inputs that break the published rules.</summary>
public sealed class InvalidRoundException(IReadOnlyList<Problem> problems)
    : Exception("The round cannot be allocated:" + Environment.NewLine + string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<Problem> Problems { get; } = problems;
}

/// <summary>
/// Turns a round's settings, applications and reviews into decisions, exactly as the published rules
/// say (spec sections 1 to 9). It is a pure function: the same inputs and seed always give the same
/// result, whatever order the applications come in. The web app, the <c>allocate</c> command and the
/// tests all call it.
/// </summary>
public static class Allocator
{
    /// <summary>Below this many applications, scoring in parallel costs more than it saves.</summary>
    private const int ScoreInParallelFrom = 4_096;

    public static AllocationResult Allocate(RoundSettings settings, IReadOnlyList<ApplicationEntry> applications)
    {
        var problems = RoundChecks.Check(settings, applications).ToList();
        if (problems.Count > 0) throw new InvalidRoundException(problems);

        var scored = ScoreAll(settings, applications);
        var ranked = Rank(settings, scored);
        var pots = Fund(settings, scored, ranked);

        var results = new ApplicationResult[scored.Length];
        for (var i = 0; i < scored.Length; i++) results[i] = scored[i].ToResult(settings);
        var allocated = 0m;
        foreach (var pot in pots) allocated += pot.Allocated;
        var result = new AllocationResult(settings.Reference, settings.Currency, settings.Budget, allocated, pots, results);
        CheckInvariants(result);
        return result;
    }

    /// <summary>The least a part award may be: the smallest grant, and the published share of the request.</summary>
    public static decimal PartialMinimum(RoundSettings settings, decimal requested) =>
        Math.Max(settings.GrantMin, Money.Round2(requested * settings.PartialMinFraction));

    /// <summary>
    /// Scores every application. Each one's score depends on nothing but itself and the settings, so a
    /// large round is scored on every core and the result is the same as one by one.
    /// </summary>
    private static Candidate[] ScoreAll(RoundSettings settings, IReadOnlyList<ApplicationEntry> applications)
    {
        var lottery = new LotteryDraw(settings.Seed);
        var possible = Scores.PossiblePoints(settings.Criteria);
        var scored = new Candidate[applications.Count];
        if (applications.Count < ScoreInParallelFrom)
        {
            for (var i = 0; i < scored.Length; i++) scored[i] = Score(settings, lottery, possible, applications[i]);
            return scored;
        }
        Parallel.ForEach(Partitioner.Create(0, scored.Length, 1_024), range =>
        {
            for (var i = range.Item1; i < range.Item2; i++) scored[i] = Score(settings, lottery, possible, applications[i]);
        });
        return scored;
    }

    /// <summary>Band, eligibility, review scores, base and final score, threshold and lottery key (sections 1 to 7).</summary>
    private static Candidate Score(RoundSettings settings, LotteryDraw lottery, decimal possible, ApplicationEntry application)
    {
        var band = settings.IncomeBands.BandFor(application.Organisation.AnnualIncome);
        var candidate = new Candidate(application, band, lottery.KeyFor(application.Reference));

        var withinRange = application.Requested >= settings.GrantMin && application.Requested <= settings.GrantMax;
        if (!application.Eligible || !withinRange) return candidate with { Declined = DeclineReason.Ineligible };

        var reviews = application.Reviews;
        var countedCount = 0;
        for (var r = 0; r < reviews.Count; r++) countedCount += reviews[r].Conflict ? 0 : 1;
        var counted = new decimal[countedCount];
        for (int r = 0, c = 0; r < reviews.Count; r++)
        {
            if (!reviews[r].Conflict) counted[c++] = Scores.ReviewScore(settings.Criteria, reviews[r].Scores, possible);
        }
        candidate = candidate with { ReviewScores = counted };
        if (counted.Length < settings.MinReviews) return candidate with { Declined = DeclineReason.InsufficientReviews };

        var baseScore = Scores.BaseScore(settings.Aggregation, counted);
        var finalScore = Scores.FinalScore(baseScore, settings.Rules, band, application.Organisation);
        candidate = candidate with { BaseScore = baseScore, FinalScore = finalScore };
        return finalScore >= settings.Threshold ? candidate : candidate with { Declined = DeclineReason.BelowThreshold };
    }

    /// <summary>The order of merit (section 7), with the lottery band if the round has one: candidates' indexes, best first.</summary>
    private static int[] Rank(RoundSettings settings, Candidate[] scored)
    {
        var ranked = new List<int>(scored.Length);
        for (var i = 0; i < scored.Length; i++)
        {
            ref var candidate = ref scored[i];
            if (candidate.Declined is not null) continue;
            candidate.Tier = settings.LotteryBand switch
            {
                null => MeritTier.ByScore,
                var band when candidate.Merit >= band.To => MeritTier.AboveLotteryBand,
                var band when candidate.Merit >= band.From => MeritTier.InLotteryBand,
                _ => MeritTier.BelowLotteryBand,
            };
            ranked.Add(i);
        }
        var order = ranked.ToArray();
        Array.Sort(order, (a, b) => CompareMerit(in scored[a], in scored[b]));
        for (var position = 0; position < order.Length; position++) scored[order[position]].Rank = position + 1;
        return order;
    }

    private static int CompareMerit(in Candidate a, in Candidate b)
    {
        var byTier = TierOrder(a.Tier).CompareTo(TierOrder(b.Tier));
        if (byTier != 0) return byTier;
        if (a.Tier != MeritTier.InLotteryBand)
        {
            var byScore = b.Merit.CompareTo(a.Merit);
            if (byScore != 0) return byScore;
        }
        return a.LotteryKey.CompareTo(b.LotteryKey);
    }

    private static int TierOrder(MeritTier tier) => tier switch
    {
        MeritTier.InLotteryBand => 1,
        MeritTier.BelowLotteryBand => 2,
        _ => 0,
    };

    /// <summary>Runs the ring-fenced pots in published order, then the general pot (section 8).</summary>
    private static List<PotResult> Fund(RoundSettings settings, Candidate[] scored, int[] ranked)
    {
        var results = new List<PotResult>(settings.Pots.Count + 1);
        var ringFenced = 0m;
        var unspent = 0m;
        for (var index = 0; index < settings.Pots.Count; index++)
        {
            var pot = settings.Pots[index];
            var amount = pot.AmountOf(settings.Budget);
            var spent = FundFromPot(settings, scored, ranked, index, pot.Key, amount, pot.When);
            ringFenced += amount;
            unspent += amount - spent;
            results.Add(new PotResult(pot.Key, pot.Name, amount, 0m, spent, IsGeneral: false));
        }

        var generalAmount = settings.Budget - ringFenced;
        var rollover = settings.Rollover ? unspent : 0m;
        var generalSpent = FundFromPot(settings, scored, ranked, settings.Pots.Count, RoundSettings.GeneralPotKey, generalAmount + rollover, when: null);
        results.Add(new PotResult(RoundSettings.GeneralPotKey, RoundSettings.GeneralPotName, generalAmount, rollover, generalSpent, IsGeneral: true));
        return results;
    }

    private static decimal FundFromPot(RoundSettings settings, Candidate[] scored, int[] ranked, int potIndex, string key, decimal available, Condition? when)
    {
        var remaining = available;
        foreach (var index in ranked)
        {
            ref var candidate = ref scored[index];
            if (candidate.Pot is not null) continue;
            if (when is not null && !when.Holds(candidate.Band, candidate.Application.Organisation)) continue;

            var requested = candidate.Application.Requested;
            if (requested <= remaining)
            {
                candidate.Visit(new PotVisit(potIndex, PotOutcome.Awarded, remaining));
                candidate.Award(key, requested, partial: false);
                remaining -= requested;
                continue;
            }

            switch (settings.WhenTooBig)
            {
                case WhenTooBig.Stop:
                    candidate.Visit(new PotVisit(potIndex, PotOutcome.TooBigStopped, remaining));
                    return available - remaining;
                case WhenTooBig.Partial when remaining >= PartialMinimum(settings, requested):
                    candidate.Visit(new PotVisit(potIndex, PotOutcome.PartialAward, remaining));
                    candidate.Award(key, remaining, partial: true);
                    return available;
                default:
                    candidate.Visit(new PotVisit(potIndex, PotOutcome.TooBigSkipped, remaining));
                    break;
            }
        }
        return available - remaining;
    }

    /// <summary>The spec's invariants. Breaking one is a bug in this code, never the user's mistake.</summary>
    private static void CheckInvariants(AllocationResult result)
    {
        if (result.Allocated > result.Budget)
            throw new InvalidOperationException($"Allocated {result.Allocated} is over the budget {result.Budget}.");
        foreach (var pot in result.Pots)
        {
            if (pot.Allocated > pot.Amount + pot.Rollover)
                throw new InvalidOperationException($"Pot {pot.Key} spent {pot.Allocated}, more than its {pot.Amount + pot.Rollover}.");
        }
        foreach (var application in result.Applications)
        {
            if (application.Amount > application.Requested)
                throw new InvalidOperationException($"{application.Reference} was awarded {application.Amount}, more than the {application.Requested} asked for.");
        }
    }

    /// <summary>
    /// One application's state while the allocation runs. A struct in one array, so that a large round
    /// does not leave the garbage collector a hundred thousand objects to move.
    /// </summary>
    private record struct Candidate(ApplicationEntry Application, string Band, LotteryKey LotteryKey)
    {
        private static readonly PotVisit[] NoVisits = [];

        public IReadOnlyList<decimal> ReviewScores { get; init; } = [];
        public decimal? BaseScore { get; init; }
        public decimal? FinalScore { get; init; }
        public DeclineReason? Declined { get; init; }
        public MeritTier Tier { get; set; }
        public int? Rank { get; set; }
        public string? Pot { get; private set; }
        public decimal Amount { get; private set; }
        public bool Partial { get; private set; }
        private List<PotVisit>? Visits { get; set; }

        /// <summary>The final score of a candidate, which has one by definition.</summary>
        public readonly decimal Merit => FinalScore!.Value;

        public void Visit(PotVisit visit) => (Visits ??= new List<PotVisit>(2)).Add(visit);

        public void Award(string pot, decimal amount, bool partial) => (Pot, Amount, Partial) = (pot, amount, partial);

        public readonly ApplicationResult ToResult(RoundSettings round)
        {
            var decision = Declined is not null ? Decision.Decline : Pot is not null ? Decision.Award : Decision.Waitlist;
            var scored = Declined is not (DeclineReason.Ineligible or DeclineReason.InsufficientReviews);
            return new ApplicationResult(Application, Band, ReviewScores, scored ? BaseScore : null, scored ? FinalScore : null,
                Rank, Rank is null ? null : Tier, LotteryKey, decision, Declined, Amount, Pot, Partial, (IReadOnlyList<PotVisit>?)Visits ?? NoVisits)
            {
                Round = round,
            };
        }
    }
}
