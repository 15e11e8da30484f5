using FairFund.Domain.Scoring;

namespace FairFund.Domain.Allocation;

/// <summary>
/// Rebuilds an application's explanation trail from its result and the round's settings, with the
/// same formulas the allocation used, so the trail cannot drift from the numbers.
/// </summary>
internal static class Explanation
{
    public static IReadOnlyList<TrailStep> For(RoundSettings round, ApplicationResult result)
    {
        var application = result.Application;
        var trail = new List<TrailStep>(24) { new BandStep(application.Organisation.AnnualIncome, result.Band) };

        var eligible = result.Reason is not DeclineReason.Ineligible;
        trail.Add(new EligibilityStep(eligible, application.Requested, round.GrantMin, round.GrantMax, !application.Eligible, application.IneligibleReason));
        if (!eligible) return Decided(trail, result);

        for (var r = 0; r < application.Reviews.Count; r++)
        {
            var review = application.Reviews[r];
            var score = review.Conflict ? 0m : Scores.ReviewScore(round.Criteria, review.Scores);
            trail.Add(new ReviewStep(r + 1, review.Reviewer, score, Counted: !review.Conflict));
        }
        trail.Add(new ReviewCountStep(result.ReviewScores.Count, round.MinReviews));
        if (result.Reason is DeclineReason.InsufficientReviews) return Decided(trail, result);

        var baseScore = Scores.BaseScore(round.Aggregation, result.ReviewScores, out var lowest, out var highest);
        trail.Add(new BaseScoreStep(round.Aggregation, result.ReviewScores, lowest, highest, baseScore));
        var finalScore = Scores.FinalScore(baseScore, round.Rules, result.Band, application.Organisation, trail);
        trail.Add(new ThresholdStep(finalScore, round.Threshold));
        trail.Add(new LotteryKeyStep(application.Reference, result.LotteryKey));
        if (result.Rank is not { } rank) return Decided(trail, result);

        trail.Add(new RankStep(rank, result.Tier ?? MeritTier.ByScore, round.LotteryBand));
        AddPotSteps(round, result, trail);
        return Decided(trail, result);
    }

    /// <summary>
    /// Each pot in the order they ran, until the one that funded the application. A pot that reached
    /// the application left a <see cref="PotVisit"/>; one that did not either was not for this
    /// organisation or had already stopped.
    /// </summary>
    private static void AddPotSteps(RoundSettings round, ApplicationResult result, List<TrailStep> trail)
    {
        var organisation = result.Application.Organisation;
        var requested = result.Application.Requested;
        for (var index = 0; index <= round.Pots.Count; index++)
        {
            var isGeneral = index == round.Pots.Count;
            var key = isGeneral ? RoundSettings.GeneralPotKey : round.Pots[index].Key;
            var name = isGeneral ? RoundSettings.GeneralPotName : round.Pots[index].Name;
            if (!isGeneral && !round.Pots[index].When.Holds(result.Band, organisation))
            {
                trail.Add(new PotStep(key, name, PotOutcome.NotEligibleForPot, requested, 0m, 0m, round.Pots[index].When.Evaluate(result.Band, organisation), null));
                continue;
            }
            if (Visit(result.PotVisits, index) is not { } visit)
            {
                trail.Add(new PotStep(key, name, PotOutcome.PotAlreadyStopped, requested, 0m, 0m, null, null));
                continue;
            }
            var awarded = visit.Outcome switch
            {
                PotOutcome.Awarded => requested,
                PotOutcome.PartialAward => visit.Remaining,
                _ => 0m,
            };
            var partialMinimum = visit.Outcome == PotOutcome.TooBigSkipped && round.WhenTooBig == WhenTooBig.Partial
                ? Allocator.PartialMinimum(round, requested)
                : (decimal?)null;
            trail.Add(new PotStep(key, name, visit.Outcome, requested, visit.Remaining, awarded, null, partialMinimum));
            if (awarded > 0) return;
        }
    }

    private static PotVisit? Visit(IReadOnlyList<PotVisit> visits, int potIndex)
    {
        for (var i = 0; i < visits.Count; i++)
        {
            if (visits[i].PotIndex == potIndex) return visits[i];
        }
        return null;
    }

    private static List<TrailStep> Decided(List<TrailStep> trail, ApplicationResult result)
    {
        var potName = result.Pot is null ? null
            : result.Pot == RoundSettings.GeneralPotKey ? RoundSettings.GeneralPotName
            : result.Round.Pots.First(pot => pot.Key == result.Pot).Name;
        trail.Add(new DecisionStep(result.Decision, result.Reason, result.Amount, result.Pot, potName, result.Partial));
        return trail;
    }
}
