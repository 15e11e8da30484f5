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
    public static AllocationResult Allocate(RoundSettings settings, IReadOnlyList<ApplicationEntry> applications)
    {
        var problems = RoundChecks.Check(settings, applications).ToList();
        if (problems.Count > 0) throw new InvalidRoundException(problems);

        var lottery = new LotteryKey(settings.Seed);
        var possible = Scores.PossiblePoints(settings.Criteria);
        var scored = new Candidate[applications.Count];
        var candidates = new List<Candidate>(applications.Count);
        for (var i = 0; i < applications.Count; i++)
        {
            scored[i] = Score(settings, lottery, possible, applications[i]);
            if (scored[i].Declined is null) candidates.Add(scored[i]);
        }

        Rank(settings, candidates);
        var pots = Fund(settings, candidates);
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

    /// <summary>Band, eligibility, review scores, base and final score, threshold and lottery key (sections 1 to 7).</summary>
    private static Candidate Score(RoundSettings settings, LotteryKey lottery, decimal possible, ApplicationEntry application)
    {
        var band = settings.IncomeBands.BandFor(application.Organisation.AnnualIncome);
        var candidate = new Candidate(application, band, lottery.For(application.Reference));

        var withinRange = application.Requested >= settings.GrantMin && application.Requested <= settings.GrantMax;
        if (!application.Eligible || !withinRange) return candidate.Decline(DeclineReason.Ineligible);

        var reviews = application.Reviews;
        var countedCount = 0;
        for (var r = 0; r < reviews.Count; r++) countedCount += reviews[r].Conflict ? 0 : 1;
        var counted = new decimal[countedCount];
        for (int r = 0, c = 0; r < reviews.Count; r++)
        {
            if (!reviews[r].Conflict) counted[c++] = Scores.ReviewScore(settings.Criteria, reviews[r].Scores, possible);
        }
        candidate.ReviewScores = counted;
        if (counted.Length < settings.MinReviews) return candidate.Decline(DeclineReason.InsufficientReviews);

        candidate.BaseScore = Scores.BaseScore(settings.Aggregation, counted);
        candidate.FinalScore = Scores.FinalScore(candidate.BaseScore.Value, settings.Rules, band, application.Organisation);
        return candidate.FinalScore >= settings.Threshold ? candidate : candidate.Decline(DeclineReason.BelowThreshold);
    }

    /// <summary>The order of merit (section 7), with the lottery band if the round has one.</summary>
    private static void Rank(RoundSettings settings, List<Candidate> candidates)
    {
        foreach (var candidate in candidates)
        {
            candidate.Tier = settings.LotteryBand switch
            {
                null => MeritTier.ByScore,
                var band when candidate.Merit >= band.To => MeritTier.AboveLotteryBand,
                var band when candidate.Merit >= band.From => MeritTier.InLotteryBand,
                _ => MeritTier.BelowLotteryBand,
            };
        }
        candidates.Sort(CompareMerit);
        for (var i = 0; i < candidates.Count; i++) candidates[i].Rank = i + 1;
    }

    private static int CompareMerit(Candidate a, Candidate b)
    {
        var byTier = TierOrder(a.Tier).CompareTo(TierOrder(b.Tier));
        if (byTier != 0) return byTier;
        if (a.Tier != MeritTier.InLotteryBand)
        {
            var byScore = b.Merit.CompareTo(a.Merit);
            if (byScore != 0) return byScore;
        }
        return string.CompareOrdinal(a.LotteryKey, b.LotteryKey);
    }

    private static int TierOrder(MeritTier tier) => tier switch
    {
        MeritTier.InLotteryBand => 1,
        MeritTier.BelowLotteryBand => 2,
        _ => 0,
    };

    /// <summary>Runs the ring-fenced pots in published order, then the general pot (section 8).</summary>
    private static List<PotResult> Fund(RoundSettings settings, List<Candidate> ranked)
    {
        var results = new List<PotResult>(settings.Pots.Count + 1);
        var ringFenced = 0m;
        var unspent = 0m;
        for (var index = 0; index < settings.Pots.Count; index++)
        {
            var pot = settings.Pots[index];
            var amount = pot.AmountOf(settings.Budget);
            var spent = FundFromPot(settings, ranked, index, pot.Key, amount, pot.When);
            ringFenced += amount;
            unspent += amount - spent;
            results.Add(new PotResult(pot.Key, pot.Name, amount, 0m, spent, IsGeneral: false));
        }

        var generalAmount = settings.Budget - ringFenced;
        var rollover = settings.Rollover ? unspent : 0m;
        var generalSpent = FundFromPot(settings, ranked, settings.Pots.Count, RoundSettings.GeneralPotKey, generalAmount + rollover, when: null);
        results.Add(new PotResult(RoundSettings.GeneralPotKey, RoundSettings.GeneralPotName, generalAmount, rollover, generalSpent, IsGeneral: true));
        return results;
    }

    private static decimal FundFromPot(RoundSettings settings, List<Candidate> ranked, int potIndex, string key, decimal available, Condition? when)
    {
        var remaining = available;
        foreach (var candidate in ranked)
        {
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

    /// <summary>One application's state while the allocation runs.</summary>
    private sealed class Candidate(ApplicationEntry application, string band, string lotteryKey)
    {
        private static readonly PotVisit[] NoVisits = [];
        private List<PotVisit>? _visits;

        public ApplicationEntry Application { get; } = application;
        public string Band { get; } = band;
        public string LotteryKey { get; } = lotteryKey;
        public IReadOnlyList<decimal> ReviewScores { get; set; } = [];
        public decimal? BaseScore { get; set; }
        public decimal? FinalScore { get; set; }
        /// <summary>The final score of a candidate, which has one by definition.</summary>
        public decimal Merit => FinalScore!.Value;
        public DeclineReason? Declined { get; private set; }
        public MeritTier Tier { get; set; }
        public int? Rank { get; set; }
        public string? Pot { get; private set; }
        public decimal Amount { get; private set; }
        public bool Partial { get; private set; }

        public Candidate Decline(DeclineReason reason)
        {
            Declined = reason;
            return this;
        }

        public void Visit(PotVisit visit) => (_visits ??= new List<PotVisit>(2)).Add(visit);

        public void Award(string pot, decimal amount, bool partial) => (Pot, Amount, Partial) = (pot, amount, partial);

        public ApplicationResult ToResult(RoundSettings round)
        {
            var decision = Declined is not null ? Decision.Decline : Pot is not null ? Decision.Award : Decision.Waitlist;
            var scored = Declined is not (DeclineReason.Ineligible or DeclineReason.InsufficientReviews);
            return new ApplicationResult(Application, Band, ReviewScores, scored ? BaseScore : null, scored ? FinalScore : null,
                Rank, Rank is null ? null : Tier, LotteryKey, decision, Declined, Amount, Pot, Partial, (IReadOnlyList<PotVisit>?)_visits ?? NoVisits)
            {
                Round = round,
            };
        }
    }
}
