using FairFund.Domain.Validation;

namespace FairFund.Domain.Grants;

/// <summary>
/// Who accepts the offer for the group: a named person, their role, the day they sign, and their word that they
/// may sign for the group.
/// </summary>
/// <param name="Name">Their full name.</param>
/// <param name="Role">Their role in the group: "Treasurer".</param>
/// <param name="SignedOn">The day they sign.</param>
/// <param name="MaySignForGroup">The ticked box: they confirm they may sign agreements for the group.</param>
public sealed record Signatory(string Name, string Role, DateOnly SignedOn, bool MaySignForGroup);

/// <summary>
/// One measure of an outcome: what is counted, in what unit, and the number the group aims for.
/// </summary>
/// <param name="WhatIsCounted">"People who say they feel less alone".</param>
/// <param name="Unit">"people", "sessions".</param>
/// <param name="Target">The number aimed for, a whole number from <see cref="GrantLimits.FewestTarget"/> to <see cref="GrantLimits.MostTarget"/>.</param>
public sealed record Indicator(string WhatIsCounted, string Unit, int Target);

/// <summary>A change the grant is for, in the group's words, and the indicators that show whether it happened.</summary>
public sealed record Outcome(string Description, IReadOnlyList<Indicator> Indicators);

/// <summary>
/// What the group gives to accept an offer: who signs, the outcomes it confirms, and the bank account to pay.
/// <see cref="Check"/> says everything wrong, located as the acceptance form names its fields.
/// </summary>
public sealed record Acceptance(Signatory Signatory, IReadOnlyList<Outcome> Outcomes, BankDetails Bank)
{
    /// <summary>
    /// Everything wrong with this acceptance of an offer made on <paramref name="offeredOn"/>, checked on
    /// <paramref name="today"/>: the signatory (<c>signatory.name</c>…) and the outcomes (<c>outcomes[0].indicators[1].target</c>).
    /// </summary>
    public IReadOnlyList<Problem> Check(DateOnly offeredOn, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(Signatory);
        ArgumentNullException.ThrowIfNull(Bank);
        var problems = new List<Problem>();
        var (name, role) = (FreeText.CleanLine(Signatory.Name), FreeText.CleanLine(Signatory.Role));
        if (name.Length == 0) problems.Add(new Problem("signatory.name", "Enter the full name of the person accepting for the group"));
        else if (FreeText.Check("signatory.name", "The name", name, GrantLimits.PersonName) is { } tooLong) problems.Add(tooLong);
        if (role.Length == 0) problems.Add(new Problem("signatory.role", "Enter their role in the group, like Treasurer"));
        else if (FreeText.Check("signatory.role", "The role", role, GrantLimits.Role) is { } roleTooLong) problems.Add(roleTooLong);
        if (Signatory.SignedOn > today) problems.Add(new Problem("signatory.signedOn", "The date signed must be today or in the past"));
        else if (Signatory.SignedOn < offeredOn) problems.Add(new Problem("signatory.signedOn", "The date signed must be on or after the day the grant was offered"));
        if (!Signatory.MaySignForGroup) problems.Add(new Problem("signatory.maySignForGroup", "Confirm that you may sign agreements for the group"));
        problems.AddRange(GrantLimits.CheckOutcomes("outcomes", Outcomes));
        return problems;
    }

    /// <summary>The acceptance as kept: names and outcome texts cleaned, as every typed text is.</summary>
    internal Acceptance Cleaned() => this with
    {
        Signatory = Signatory with { Name = FreeText.CleanLine(Signatory.Name), Role = FreeText.CleanLine(Signatory.Role) },
        Outcomes = GrantLimits.Cleaned(Outcomes),
    };
}

/// <summary>The limits on what a grant holds: every text has a character limit (and prose a word limit), every number a range.</summary>
public static class GrantLimits
{
    public const int MostOutcomes = 5;
    public const int MostIndicators = 5;
    public const int FewestTarget = 1;
    public const int MostTarget = 1_000_000;

    public static TextLimit PersonName { get; } = TextLimit.Name;
    public static TextLimit Role { get; } = new(100);
    public static TextLimit OutcomeDescription { get; } = new(600, 60);
    public static TextLimit WhatIsCounted { get; } = new(300, 30);
    public static TextLimit Unit { get; } = new(40);

    /// <summary>A reason: for withdrawing, declining, asking for more, asking for a change or deciding one.</summary>
    public static TextLimit Reason { get; } = TextLimit.Note;

    /// <summary>A payment's reference, as the bank's upload takes it (Bacs references are 18 characters).</summary>
    public static TextLimit PaymentReference { get; } = new(18);

    /// <summary>
    /// Outcomes to start the acceptance form from, made from the application's outcomes text: one outcome for each
    /// of its first <see cref="MostOutcomes"/> paragraphs, cut at a word to fit, with no indicators yet (the group adds them).
    /// </summary>
    public static IReadOnlyList<Outcome> StartingFrom(string? applicationOutcomes) =>
        [.. FreeText.Clean(applicationOutcomes).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Take(MostOutcomes).Select(paragraph => new Outcome(Fit(paragraph, OutcomeDescription), []))];

    /// <summary>Everything wrong with a list of outcomes, at <paramref name="at"/>: from one to five, each with from one to five indicators.</summary>
    public static IReadOnlyList<Problem> CheckOutcomes(string at, IReadOnlyList<Outcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var problems = new List<Problem>();
        if (outcomes.Count == 0) problems.Add(new Problem(at, "Enter at least one outcome: a change the grant is for"));
        if (outcomes.Count > MostOutcomes) problems.Add(new Problem(at, $"Enter up to {MostOutcomes} outcomes: the ones that matter most"));
        for (var index = 0; index < outcomes.Count; index++)
        {
            var outcomeAt = Location.Item(at, index);
            var outcome = outcomes[index];
            var which = $"outcome {index + 1}";
            var description = FreeText.Clean(outcome.Description);
            if (FreeText.WordsIn(description) == 0) problems.Add(new Problem(Location.Field(outcomeAt, "description"), $"Describe {which}"));
            else if (FreeText.Check(Location.Field(outcomeAt, "description"), $"The description of {which}", description, OutcomeDescription) is { } tooLong) problems.Add(tooLong);
            var indicators = outcome.Indicators ?? [];
            if (indicators.Count == 0) problems.Add(new Problem(Location.Field(outcomeAt, "indicators"), $"Enter at least one way to count {which}"));
            if (indicators.Count > MostIndicators) problems.Add(new Problem(Location.Field(outcomeAt, "indicators"), $"Enter up to {MostIndicators} ways to count {which}"));
            for (var number = 0; number < indicators.Count; number++)
            {
                var indicatorAt = Location.Item(Location.Field(outcomeAt, "indicators"), number);
                var indicator = indicators[number];
                var what = $"indicator {number + 1} of {which}";
                var counted = FreeText.Clean(indicator.WhatIsCounted);
                if (FreeText.WordsIn(counted) == 0) problems.Add(new Problem(Location.Field(indicatorAt, "whatIsCounted"), $"Enter what {what} counts"));
                else if (FreeText.Check(Location.Field(indicatorAt, "whatIsCounted"), $"What {what} counts", counted, WhatIsCounted) is { } countedTooLong) problems.Add(countedTooLong);
                var unit = FreeText.CleanLine(indicator.Unit);
                if (unit.Length == 0) problems.Add(new Problem(Location.Field(indicatorAt, "unit"), $"Enter the unit {what} counts in, like people or sessions"));
                else if (FreeText.Check(Location.Field(indicatorAt, "unit"), $"The unit of {what}", unit, Unit) is { } unitTooLong) problems.Add(unitTooLong);
                if (indicator.Target is < FewestTarget or > MostTarget)
                    problems.Add(new Problem(Location.Field(indicatorAt, "target"), $"The target for {what} must be a whole number from {FewestTarget:N0} to {MostTarget:N0}"));
            }
        }
        return problems;
    }

    /// <summary>Outcomes as kept: every text cleaned.</summary>
    internal static IReadOnlyList<Outcome> Cleaned(IReadOnlyList<Outcome> outcomes) =>
        [.. outcomes.Select(outcome => new Outcome(FreeText.Clean(outcome.Description),
            [.. (outcome.Indicators ?? []).Select(indicator => new Indicator(FreeText.Clean(indicator.WhatIsCounted), FreeText.CleanLine(indicator.Unit), indicator.Target))]))];

    /// <summary>What is wrong with a required reason at <paramref name="at"/>: missing, or over <see cref="Reason"/>; null when it can be given.</summary>
    public static Problem? CheckReason(string at, string? reason, string whatToEnter)
    {
        var clean = FreeText.Clean(reason);
        return clean.Length == 0 ? new Problem(at, whatToEnter) : FreeText.Check(at, "The reason", clean, Reason);
    }

    private static string Fit(string text, TextLimit limit)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var kept = string.Join(' ', words.Take(limit.Words ?? words.Length));
        while (kept.Length > limit.Characters && kept.LastIndexOf(' ') is > 0 and var cut) kept = kept[..cut];
        return kept.Length > limit.Characters ? kept[..limit.Characters] : kept;
    }
}
