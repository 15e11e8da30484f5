using FairFund.Domain.Scoring;

namespace FairFund.Domain.Allocation;

/// <summary>
/// One step in the explanation of an application's result. The trail is data: a page, a workbook
/// and an email each render it their own way, and <see cref="Describe"/> gives the plain words.
/// </summary>
public abstract record TrailStep
{
    /// <summary>The number after this step (a score, a running factor, an amount), where there is one.</summary>
    public virtual decimal? Value => null;

    /// <summary>A short name for the step, for a column in the workbook.</summary>
    public abstract string Kind { get; }

    /// <summary>The step in plain words, without reviewer names.</summary>
    public abstract string Describe();

    /// <summary>
    /// The step as the group reads it in its decision letter: addressed to the group, a sentence that explains before
    /// it shows, money in pounds and pence (£4,000.00) and scores out of 100, with every number <see cref="Describe"/>
    /// gives, so the letter is as checkable as the workbook.
    /// </summary>
    public abstract string ForTheGroup();

    /// <summary>A score as the group reads it: "72.50 out of 100", or above 100, which only the fund's equity rules can make, said so.</summary>
    protected static string OutOf100(decimal score) => score <= 100m
        ? $"{Money.Score(score)} out of 100"
        : $"{Money.Score(score)} (above 100 because of the fund's equity rules; the panel scores out of 100)";

    protected static string Pence(decimal amount) => Money.PoundsAndPence(amount);

    /// <summary>A pot named in a sentence: "the General pot", and "the "Micro groups" pot" for a name that does not say it is one.</summary>
    protected static string ThePot(string? name) => name is null ? "the pot"
        : name.EndsWith(" pot", StringComparison.OrdinalIgnoreCase) ? $"the {name}" : $"the \"{name}\" pot";

    /// <summary>Words at the start of a sentence.</summary>
    protected static string Capital(string words) => words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];
}

public sealed record BandStep(decimal AnnualIncome, string Band) : TrailStep
{
    public override string Kind => "Income band";
    public override string Describe() => $"Annual income {Money.Format(AnnualIncome)} puts the organisation in band {Band}";
    public override string ForTheGroup() => $"Your group's yearly income of {Pence(AnnualIncome)} puts it in the {Band} income band.";
}

public sealed record EligibilityStep(bool Eligible, decimal Requested, decimal GrantMin, decimal GrantMax, bool ScreenedOut, string? ScreenerReason) : TrailStep
{
    public override string Kind => "Eligibility";
    public override string Describe()
    {
        if (ScreenedOut)
            return ScreenerReason is { Length: > 0 } reason ? $"Not eligible: screening found \"{reason}\"" : "Not eligible: marked ineligible at screening";
        if (Requested < GrantMin) return $"Not eligible: the request of {Money.Format(Requested)} is below the smallest grant, {Money.Format(GrantMin)}";
        if (Requested > GrantMax) return $"Not eligible: the request of {Money.Format(Requested)} is above the largest grant, {Money.Format(GrantMax)}";
        return $"Eligible: the request of {Money.Format(Requested)} is within the grant range {Money.Format(GrantMin)} to {Money.Format(GrantMax)}";
    }

    public override string ForTheGroup()
    {
        if (ScreenedOut)
            return ScreenerReason is { Length: > 0 } reason
                ? $"Not eligible: when the fund checked your application, it found: \"{reason}\""
                : "Not eligible: the fund found your application did not meet its rules when it checked it.";
        if (Requested < GrantMin) return $"Not eligible: you asked for {Pence(Requested)}, and the smallest grant this round gives is {Pence(GrantMin)}.";
        if (Requested > GrantMax) return $"Not eligible: you asked for {Pence(Requested)}, and the largest grant this round gives is {Pence(GrantMax)}.";
        return $"Eligible: you asked for {Pence(Requested)}, which is within this round's grants of {Pence(GrantMin)} to {Pence(GrantMax)}.";
    }
}

/// <summary>One review's score, or why it was not counted. <see cref="Position"/> is 1-based in the file's order.</summary>
public sealed record ReviewStep(int Position, string Reviewer, decimal Score, bool Counted) : TrailStep
{
    public override decimal? Value => Counted ? Score : null;
    public override string Kind => "Review";
    public override string Describe() => Counted
        ? $"Review {Position} scores {Money.Score(Score)} out of 100"
        : $"Review {Position} is not counted: the reviewer declared a conflict of interest";
    public override string ForTheGroup() => Counted
        ? $"Review {Position} gave your application {OutOf100(Score)}."
        : $"Review {Position} does not count, because the reviewer declared a conflict of interest.";
}

public sealed record ReviewCountStep(int Counted, int Required) : TrailStep
{
    public override decimal? Value => Counted;
    public override string Kind => "Reviews counted";
    public override string Describe() => Counted >= Required
        ? $"{Counted} {Plural(Counted)} counted; the round needs at least {Required}"
        : $"Only {Counted} {Plural(Counted)} counted; the round needs at least {Required}, so the application cannot be scored fairly";
    public override string ForTheGroup() => Counted >= Required
        ? $"{Counted} {Plural(Counted)} count, and the round needs at least {Required} to score an application fairly."
        : $"Only {Counted} {Plural(Counted)} count, and the round needs at least {Required} to score an application fairly, so your application could not be scored.";

    private static string Plural(int count) => count == 1 ? "review" : "reviews";
}

/// <summary>The base score: the counted review scores combined by the round's aggregation.</summary>
public sealed record BaseScoreStep(Aggregation Aggregation, IReadOnlyList<decimal> Scores, decimal? DroppedLowest, decimal? DroppedHighest, decimal BaseScore) : TrailStep
{
    public override decimal? Value => BaseScore;
    public override string Kind => "Base score";
    public override string Describe()
    {
        var listed = string.Join(", ", Scores.Select(Money.Score));
        var how = Aggregation switch
        {
            Aggregation.Median => $"median of {Scores.Count} reviews: {listed}",
            Aggregation.TrimmedMean when DroppedLowest is { } lowest && DroppedHighest is { } highest =>
                $"trimmed mean of {Scores.Count} reviews: {listed}, dropping the highest ({Money.Score(highest)}) and the lowest ({Money.Score(lowest)})",
            Aggregation.TrimmedMean => $"mean of {Scores.Count} reviews, too few to trim: {listed}",
            _ => $"mean of {Scores.Count} reviews: {listed}",
        };
        return $"Base score {Money.Score(BaseScore)} ({how})";
    }

    public override string ForTheGroup()
    {
        var listed = Listed(Scores.Select(Money.Score).ToList());
        var how = Aggregation switch
        {
            Aggregation.Median => $"the middle score (the median) of the {Scores.Count} reviews: {listed}",
            Aggregation.TrimmedMean when DroppedLowest is { } lowest && DroppedHighest is { } highest =>
                $"the average of the {Scores.Count} reviews ({listed}) after leaving out the highest ({Money.Score(highest)}) and the lowest ({Money.Score(lowest)})",
            Aggregation.TrimmedMean => $"the average of the {Scores.Count} reviews ({listed}); with so few, none is left out",
            _ => $"the average of the {Scores.Count} reviews: {listed}",
        };
        return $"Your score from the reviews is {OutOf100(BaseScore)}: {how}.";
    }

    private static string Listed(List<string> items) =>
        items.Count <= 1 ? string.Concat(items) : string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1];
}

/// <summary>A multiplier that applied, with the running product of the factors so far.</summary>
public sealed record MultiplierStep(string Rule, decimal Factor, decimal RunningFactor) : TrailStep
{
    public override decimal? Value => RunningFactor;
    public override string Kind => "Multiplier";
    public override string Describe() => $"{Rule} applies: × {Factor} (factors so far: × {RunningFactor})";
    public override string ForTheGroup() => $"The fund's rule \"{Rule}\" applies to your group, so your score is multiplied by {Factor} (all the multipliers so far come to × {RunningFactor}).";
}

/// <summary>The base score times every factor, rounded once.</summary>
public sealed record AdjustedScoreStep(decimal BaseScore, decimal Factor, decimal Adjusted) : TrailStep
{
    public override decimal? Value => Adjusted;
    public override string Kind => "Adjusted score";
    public override string Describe() => Factor == 1m
        ? $"Adjusted score {Money.Score(Adjusted)} (no multiplier applies)"
        : $"Adjusted score {Money.Score(Adjusted)} ({Money.Score(BaseScore)} × {Factor}, rounded to 2 places)";
    public override string ForTheGroup() => Factor == 1m
        ? $"No multiplier applies, so your score stays {Money.Score(Adjusted)}."
        : $"Your score after the multipliers: {Money.Score(BaseScore)} × {Factor} = {Money.Score(Adjusted)}, rounded to 2 decimal places.";
}

/// <summary>A bonus that applied, with the score after adding it.</summary>
public sealed record BonusStep(string Rule, decimal Points, decimal RunningScore) : TrailStep
{
    public override decimal? Value => RunningScore;
    public override string Kind => "Bonus";
    public override string Describe() => $"{Rule} applies: + {Points} points, giving {Money.Score(RunningScore)}";
    public override string ForTheGroup() => $"The fund's rule \"{Rule}\" applies to your group, so {Points} points are added, giving {Money.Score(RunningScore)}.";
}

/// <summary>An equity rule that did not apply, and why.</summary>
public sealed record RuleNotAppliedStep(string Rule, EquityRuleKind RuleKind, ConditionOutcome Outcome) : TrailStep
{
    public override string Kind => RuleKind == EquityRuleKind.Multiplier ? "Multiplier" : "Bonus";
    public override string Describe() => $"{Rule} does not apply: {Outcome.Why()}";
    public override string ForTheGroup() => $"The fund's rule \"{Rule}\" does not apply, as {Outcome.WhyForTheGroup()}.";
}

public sealed record FinalScoreStep(decimal FinalScore) : TrailStep
{
    public override decimal? Value => FinalScore;
    public override string Kind => "Final score";
    public override string Describe() => $"Final score {Money.Score(FinalScore)}";
    public override string ForTheGroup() => $"Your final score is {OutOf100(FinalScore)}.";
}

public sealed record ThresholdStep(decimal FinalScore, decimal Threshold) : TrailStep
{
    public bool Passed => FinalScore >= Threshold;
    public override decimal? Value => Threshold;
    public override string Kind => "Threshold";
    public override string Describe() => Passed
        ? $"At or above the quality threshold of {Money.Score(Threshold)}, so it is a candidate for funding"
        : $"Below the quality threshold of {Money.Score(Threshold)}, so it cannot be funded";
    public override string ForTheGroup() => Passed
        ? $"An application needed at least {Money.Score(Threshold)} to be funded in this round, so yours could be."
        : $"An application needed at least {Money.Score(Threshold)} to be funded in this round, so yours could not be.";
}

/// <summary>The lottery key, which anyone can check: <c>printf '%s' 'SEED:REF' | sha256sum</c>.</summary>
public sealed record LotteryKeyStep(string Reference, LotteryKey Key) : TrailStep
{
    public override string Kind => "Lottery key";
    public override string Describe() => $"Lottery key {Key} (SHA-256 of the round's seed, a colon and {Reference})";

    /// <summary>What the key is for comes first; the key itself, which only a checker needs, last.</summary>
    public override string ForTheGroup() =>
        $"Where the rules treat applications as equal, a lottery decides their order, using each application's lottery key. Anyone can check yours: it is the SHA-256 of the round's published seed, a colon and {Reference}, which gives {Key}.";
}

public sealed record RankStep(int Rank, MeritTier Tier, LotteryBand? Band) : TrailStep
{
    public override decimal? Value => Rank;
    public override string Kind => "Rank";
    public override string Describe() => Tier switch
    {
        MeritTier.InLotteryBand => $"Rank {Rank}: the score is in the lottery band {Money.Score(Band!.From)} to under {Money.Score(Band.To)}, where the order is drawn by lottery key",
        MeritTier.AboveLotteryBand => $"Rank {Rank}: above the lottery band, ordered by score (ties by lottery key)",
        MeritTier.BelowLotteryBand => $"Rank {Rank}: below the lottery band, ordered by score (ties by lottery key)",
        _ => $"Rank {Rank}: ordered by score (ties by lottery key)",
    };
    public override string ForTheGroup() => Tier switch
    {
        MeritTier.InLotteryBand => $"Your application is number {Rank} in the order of merit, the order in which the money is given out. Its score is in the lottery band, from {Money.Score(Band!.From)} to under {Money.Score(Band.To)}, where applications are put in order by their lottery keys rather than their scores.",
        MeritTier.AboveLotteryBand => $"Your application is number {Rank} in the order of merit, the order in which the money is given out: above the lottery band, applications are in order of score (equal scores by lottery key).",
        MeritTier.BelowLotteryBand => $"Your application is number {Rank} in the order of merit, the order in which the money is given out: below the lottery band, applications are in order of score (equal scores by lottery key).",
        _ => $"Your application is number {Rank} in the order of merit, the order in which the money is given out, which is the order of score (equal scores by lottery key).",
    };
}

public enum PotOutcome
{
    /// <summary>Funded in full from this pot.</summary>
    Awarded,
    /// <summary>Funded with what the pot had left; the pot stops.</summary>
    PartialAward,
    /// <summary>The organisation does not meet the ring-fenced pot's condition.</summary>
    NotEligibleForPot,
    /// <summary>The request is more than the pot had left; the pot went on to the next candidate.</summary>
    TooBigSkipped,
    /// <summary>The request is more than the pot had left; under the stop policy the pot stopped here.</summary>
    TooBigStopped,
    /// <summary>The pot had stopped at a higher-ranked candidate before reaching this one.</summary>
    PotAlreadyStopped,
}

/// <summary>What one pot did for this candidate, with what it had left when it got there.</summary>
public sealed record PotStep(
    string Pot,
    string PotName,
    PotOutcome Outcome,
    decimal Requested,
    decimal Remaining,
    decimal Awarded,
    ConditionOutcome? Condition,
    decimal? PartialMinimum) : TrailStep
{
    public override decimal? Value => Outcome is PotOutcome.Awarded or PotOutcome.PartialAward ? Awarded : null;
    public override string Kind => "Pot";
    public override string Describe() => Outcome switch
    {
        PotOutcome.Awarded => $"{PotName}: awarded the full {Money.Format(Awarded)} ({Money.Format(Remaining)} was left)",
        PotOutcome.PartialAward => $"{PotName}: awarded the {Money.Format(Awarded)} left, part of the {Money.Format(Requested)} asked for",
        PotOutcome.NotEligibleForPot => $"{PotName}: not for this organisation, as {Condition!.Why()}",
        PotOutcome.TooBigStopped => $"{PotName}: {Money.Format(Requested)} asked for but only {Money.Format(Remaining)} left; this pot stops here",
        PotOutcome.PotAlreadyStopped => $"{PotName}: had stopped at a higher-ranked application before reaching this one",
        _ when PartialMinimum is { } minimum =>
            $"{PotName}: {Money.Format(Requested)} asked for but only {Money.Format(Remaining)} left, less than the {Money.Format(minimum)} a part award needs",
        _ => $"{PotName}: {Money.Format(Requested)} asked for but only {Money.Format(Remaining)} left",
    };
    public override string ForTheGroup() => Outcome switch
    {
        PotOutcome.Awarded => $"{Capital(ThePot(PotName))} had {Pence(Remaining)} left when it reached your application, enough for the full {Pence(Awarded)}.",
        PotOutcome.PartialAward => $"{Capital(ThePot(PotName))} had {Pence(Awarded)} left when it reached your application, part of the {Pence(Requested)} you asked for, and gave you that.",
        PotOutcome.NotEligibleForPot => $"{Capital(ThePot(PotName))} is not for your group, as {Condition!.WhyForTheGroup()}.",
        PotOutcome.TooBigStopped => $"{Capital(ThePot(PotName))} had {Pence(Remaining)} left when it reached your application, less than the {Pence(Requested)} you asked for, so it stopped there.",
        PotOutcome.PotAlreadyStopped => $"{Capital(ThePot(PotName))} had already stopped at an application ranked above yours.",
        _ when PartialMinimum is { } minimum =>
            $"{Capital(ThePot(PotName))} had {Pence(Remaining)} left when it reached your application: less than the {Pence(Requested)} you asked for, and less than the {Pence(minimum)} a part award needs.",
        _ => $"{Capital(ThePot(PotName))} had {Pence(Remaining)} left when it reached your application, less than the {Pence(Requested)} you asked for, so it went on to the next application.",
    };
}

public sealed record DecisionStep(Decision Decision, DeclineReason? Reason, decimal Amount, string? Pot, string? PotName, bool Partial) : TrailStep
{
    public override decimal? Value => Amount;
    public override string Kind => "Decision";
    public override string Describe() => Decision switch
    {
        Decision.Award when Partial => $"Decision: a part award of {Money.Format(Amount)} from {PotName}",
        Decision.Award => $"Decision: awarded {Money.Format(Amount)} from {PotName}",
        Decision.Waitlist => "Decision: waitlisted. A candidate for funding that no pot could fund; offered money in rank order if any is returned",
        _ => Reason switch
        {
            DeclineReason.Ineligible => "Decision: declined, as the application is not eligible",
            DeclineReason.InsufficientReviews => "Decision: declined, as it had too few reviews to score",
            _ => "Decision: declined, as the final score is below the threshold",
        },
    };
    public override string ForTheGroup() => Decision switch
    {
        Decision.Award when Partial => $"So the rules gave your application {Pence(Amount)} from {ThePot(PotName)}, part of what you asked for.",
        Decision.Award => $"So the rules gave your application {Pence(Amount)} from {ThePot(PotName)}.",
        Decision.Waitlist => "So the rules put your application on the waiting list: it could be funded, but no pot had enough left. If money comes back, it is offered in this order.",
        _ => Reason switch
        {
            DeclineReason.Ineligible => "So the rules could not fund your application, as it is not eligible.",
            DeclineReason.InsufficientReviews => "So the rules could not fund your application, as it had too few reviews to be scored.",
            _ => "So the rules could not fund your application, as its final score is below the score needed.",
        },
    };
}
