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

        var working = new Working[applications.Count];
        var candidates = new List<Working>(applications.Count);
        for (var i = 0; i < applications.Count; i++)
        {
            working[i] = Score(settings, applications[i]);
            if (working[i].Declined is null) candidates.Add(working[i]);
        }

        var ranked = Rank(settings, candidates);
        var pots = Fund(settings, ranked);
        var results = new ApplicationResult[working.Length];
        for (var i = 0; i < working.Length; i++) results[i] = working[i].ToResult();

        var result = new AllocationResult(settings.Reference, settings.Currency, settings.Budget, pots.Sum(pot => pot.Allocated), pots, results);
        CheckInvariants(result);
        return result;
    }

    /// <summary>Band, eligibility, reviews, base and final score, threshold and lottery key for one application.</summary>
    private static Working Score(RoundSettings settings, ApplicationEntry application)
    {
        var band = settings.IncomeBands.BandFor(application.Organisation.AnnualIncome);
        var item = new Working(application, band, LotteryKey.For(settings.Seed, application.Reference));
        var trail = item.Trail;
        trail.Add(new BandStep(application.Organisation.AnnualIncome, band));

        var withinRange = application.Requested >= settings.GrantMin && application.Requested <= settings.GrantMax;
        var eligible = application.Eligible && withinRange;
        trail.Add(new EligibilityStep(eligible, application.Requested, settings.GrantMin, settings.GrantMax, !application.Eligible, application.IneligibleReason));
        if (!eligible) return item.Decline(DeclineReason.Ineligible);

        var counted = new List<decimal>(application.Reviews.Count);
        for (var r = 0; r < application.Reviews.Count; r++)
        {
            var review = application.Reviews[r];
            var score = review.Conflict ? 0m : Scores.ReviewScore(settings.Criteria, review.Scores);
            if (!review.Conflict) counted.Add(score);
            trail.Add(new ReviewStep(r + 1, review.Reviewer, score, Counted: !review.Conflict));
        }
        item.ReviewScores = counted;
        trail.Add(new ReviewCountStep(counted.Count, settings.MinReviews));
        if (counted.Count < settings.MinReviews) return item.Decline(DeclineReason.InsufficientReviews);

        var baseScore = Scores.BaseScore(settings.Aggregation, counted, out var dropped);
        trail.Add(new BaseScoreStep(settings.Aggregation, counted, dropped, baseScore));
        item.BaseScore = baseScore;
        var finalScore = Scores.FinalScore(baseScore, settings.Rules, band, application.Organisation, trail);
        item.FinalScore = finalScore;

        trail.Add(new ThresholdStep(finalScore, settings.Threshold));
        trail.Add(new LotteryKeyStep(application.Reference, item.LotteryKey));
        return finalScore >= settings.Threshold ? item : item.Decline(DeclineReason.BelowThreshold);
    }

    /// <summary>The order of merit (spec section 7), with the lottery band if the round has one.</summary>
    private static List<Working> Rank(RoundSettings settings, List<Working> candidates)
    {
        foreach (var candidate in candidates)
        {
            candidate.Tier = settings.LotteryBand switch
            {
                null => MeritTier.ByScore,
                var band when candidate.FinalScore >= band.To => MeritTier.AboveLotteryBand,
                var band when candidate.FinalScore >= band.From => MeritTier.InLotteryBand,
                _ => MeritTier.BelowLotteryBand,
            };
        }
        candidates.Sort(CompareMerit);
        for (var i = 0; i < candidates.Count; i++)
        {
            candidates[i].Rank = i + 1;
            candidates[i].Trail.Add(new RankStep(i + 1, candidates[i].Tier, settings.LotteryBand));
        }
        return candidates;
    }

    private static int CompareMerit(Working a, Working b)
    {
        var byTier = TierOrder(a.Tier).CompareTo(TierOrder(b.Tier));
        if (byTier != 0) return byTier;
        if (a.Tier != MeritTier.InLotteryBand)
        {
            var byScore = b.FinalScore!.Value.CompareTo(a.FinalScore!.Value);
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

    /// <summary>Runs the ring-fenced pots in published order, then the general pot (spec section 8).</summary>
    private static List<PotResult> Fund(RoundSettings settings, List<Working> ranked)
    {
        var results = new List<PotResult>(settings.Pots.Count + 1);
        var ringFenced = 0m;
        var unspent = 0m;
        foreach (var pot in settings.Pots)
        {
            var amount = pot.AmountOf(settings.Budget);
            var spent = FundFromPot(settings, ranked, pot.Key, pot.Name, amount, pot.When);
            ringFenced += amount;
            unspent += amount - spent;
            results.Add(new PotResult(pot.Key, pot.Name, amount, 0m, spent, IsGeneral: false));
        }

        var generalAmount = settings.Budget - ringFenced;
        var rollover = settings.Rollover ? unspent : 0m;
        var generalSpent = FundFromPot(settings, ranked, RoundSettings.GeneralPotKey, "General pot", generalAmount + rollover, when: null);
        results.Add(new PotResult(RoundSettings.GeneralPotKey, "General pot", generalAmount, rollover, generalSpent, IsGeneral: true));
        return results;
    }

    private static decimal FundFromPot(RoundSettings settings, List<Working> ranked, string key, string name, decimal available, Condition? when)
    {
        var remaining = available;
        var stopped = false;
        foreach (var candidate in ranked)
        {
            if (candidate.Pot is not null) continue;
            var requested = candidate.Entry.Requested;
            if (when is not null)
            {
                var outcome = when.Evaluate(candidate.Band, candidate.Entry.Organisation);
                if (!outcome.Holds)
                {
                    candidate.Trail.Add(new PotStep(key, name, PotOutcome.NotEligibleForPot, requested, remaining, 0m, outcome, null));
                    continue;
                }
            }
            if (stopped)
            {
                candidate.Trail.Add(new PotStep(key, name, PotOutcome.PotAlreadyStopped, requested, remaining, 0m, null, null));
                continue;
            }

            if (requested <= remaining)
            {
                candidate.Trail.Add(new PotStep(key, name, PotOutcome.Awarded, requested, remaining, requested, null, null));
                candidate.Award(key, name, requested, partial: false);
                remaining -= requested;
                continue;
            }

            switch (settings.WhenTooBig)
            {
                case WhenTooBig.Stop:
                    candidate.Trail.Add(new PotStep(key, name, PotOutcome.TooBigStopped, requested, remaining, 0m, null, null));
                    stopped = true;
                    break;
                case WhenTooBig.Partial:
                    var partialMinimum = Math.Max(settings.GrantMin, Money.Round2(requested * settings.PartialMinFraction));
                    if (remaining >= partialMinimum)
                    {
                        candidate.Trail.Add(new PotStep(key, name, PotOutcome.PartialAward, requested, remaining, remaining, null, null));
                        candidate.Award(key, name, remaining, partial: true);
                        remaining = 0m;
                        stopped = true;
                    }
                    else candidate.Trail.Add(new PotStep(key, name, PotOutcome.TooBigSkipped, requested, remaining, 0m, null, partialMinimum));
                    break;
                default:
                    candidate.Trail.Add(new PotStep(key, name, PotOutcome.TooBigSkipped, requested, remaining, 0m, null, null));
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
    private sealed class Working(ApplicationEntry entry, string band, string lotteryKey)
    {
        public ApplicationEntry Entry { get; } = entry;
        public string Band { get; } = band;
        public string LotteryKey { get; } = lotteryKey;
        public List<TrailStep> Trail { get; } = new(16);
        public IReadOnlyList<decimal> ReviewScores { get; set; } = [];
        public decimal? BaseScore { get; set; }
        public decimal? FinalScore { get; set; }
        public DeclineReason? Declined { get; private set; }
        public MeritTier Tier { get; set; }
        public int? Rank { get; set; }
        public string? Pot { get; private set; }
        public string? PotName { get; private set; }
        public decimal Amount { get; private set; }
        public bool Partial { get; private set; }

        public Working Decline(DeclineReason reason)
        {
            Declined = reason;
            return this;
        }

        public void Award(string pot, string potName, decimal amount, bool partial) => (Pot, PotName, Amount, Partial) = (pot, potName, amount, partial);

        public ApplicationResult ToResult()
        {
            var decision = Declined is not null ? Decision.Decline : Pot is not null ? Decision.Award : Decision.Waitlist;
            Trail.Add(new DecisionStep(decision, Declined, Amount, Pot, PotName, Partial));
            return new ApplicationResult(Entry.Reference, Entry.Organisation.Name, Band, Entry.Requested, ReviewScores,
                Declined is DeclineReason.Ineligible or DeclineReason.InsufficientReviews ? null : BaseScore,
                Declined is DeclineReason.Ineligible or DeclineReason.InsufficientReviews ? null : FinalScore,
                Rank, LotteryKey, decision, Declined, Amount, Pot, Partial, Trail);
        }
    }
}
