using FairFund.Domain.Auditing;

namespace FairFund.Domain.Rounds;

/// <summary>
/// The round's settings for the panel's work and for telling groups found not eligible (issue 18): the scoring
/// deadline the fund manager sets and the panel is reminded of, and whether a group found not eligible hears by email
/// when screening finishes or with every other group when the decisions are sent. Each change is recorded with who and
/// when, on the round and in its history.
/// </summary>
public sealed partial class Round
{
    /// <summary>The trigger name a change of the scoring deadline is recorded under in <see cref="History"/>; the state stays as it was.</summary>
    public const string ScoringDeadlineChanged = "SetScoringDeadline";

    /// <summary>The trigger name a change of when groups found not eligible are told is recorded under in <see cref="History"/>.</summary>
    public const string IneligibleNoticeChanged = "ChooseIneligibleNotice";

    /// <summary>
    /// How long before the scoring deadline each panel member with reviews still to do is reminded: two days, time
    /// enough for a volunteer to find an evening for the applications left.
    /// </summary>
    public static TimeSpan ScoringReminderBefore { get; } = TimeSpan.FromDays(2);

    /// <summary>When the panel is asked to have submitted its scores by; null until the fund manager sets it.</summary>
    public DateTimeOffset? ScoringDeadline { get; private set; }

    /// <summary>Who last set <see cref="ScoringDeadline"/>, and when.</summary>
    public string? ScoringDeadlineSetBy { get; private set; }

    public DateTimeOffset? ScoringDeadlineSetAt { get; private set; }

    /// <summary>
    /// Why the scoring deadline cannot be set now, as a sentence without its full stop; null while it can: until
    /// scoring closes, after which there is nothing left to score by it.
    /// </summary>
    public string? WhyScoringDeadlineCannotBeSet => State is RoundState.Draft or RoundState.Open or RoundState.Screening or RoundState.Scoring
        ? null
        : $"The scoring deadline cannot be set now: the round is {Describe(State)}";

    /// <summary>
    /// Sets the time the panel is asked to have scored by, recorded with who and when. Refused, changing nothing,
    /// once scoring has closed, or for a time not after <paramref name="now"/> (a deadline already passed would
    /// leave the panel no time and no reminder).
    /// </summary>
    public void SetScoringDeadline(DateTimeOffset deadline, DateTimeOffset now, string actor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (WhyScoringDeadlineCannotBeSet is { } closed) throw new DomainRuleException(closed + ".");
        if (deadline <= now) throw new DomainRuleException("The scoring deadline must be in the future.");
        (ScoringDeadline, ScoringDeadlineSetBy, ScoringDeadlineSetAt) = (deadline, actor, now);
        _history.Add(new StateChange(now, actor, State.ToString(), State.ToString(), ScoringDeadlineChanged, "The scoring deadline was set"));
    }

    /// <summary>
    /// Whether the panel's reminder of the scoring deadline is due at <paramref name="now"/>: while scoring is open,
    /// from <see cref="ScoringReminderBefore"/> before the deadline until the deadline itself (a reminder after it
    /// would remind nobody of anything they could still do on time).
    /// </summary>
    public bool IsScoringReminderDue(DateTimeOffset now) =>
        State == RoundState.Scoring && ScoringDeadline is { } deadline && now >= deadline - ScoringReminderBefore && now < deadline;

    /// <summary>
    /// Whether a group found not eligible is told by email when screening finishes (scoring starts), rather than with
    /// every other group when the decisions are sent. Off unless the fund manager chooses it: telling early is kinder
    /// when the wait is long, but means telling some groups before others.
    /// </summary>
    public bool TellsIneligibleAtScreening { get; private set; }

    /// <summary>
    /// Why the fund manager cannot change when groups found not eligible are told, as a sentence without its full
    /// stop; null while they can: until screening finishes, when the emails of that choice would go.
    /// </summary>
    public string? WhyIneligibleNoticeCannotChange => State is RoundState.Draft or RoundState.Open or RoundState.Screening
        ? null
        : $"When groups found not eligible are told cannot change now: screening has finished and the round is {Describe(State)}";

    /// <summary>Chooses when groups found not eligible are told (see <see cref="TellsIneligibleAtScreening"/>), recorded in the history with who and when.</summary>
    public void ChooseWhenIneligibleAreTold(bool atScreening, DateTimeOffset now, string actor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (WhyIneligibleNoticeCannotChange is { } closed) throw new DomainRuleException(closed + ".");
        if (TellsIneligibleAtScreening == atScreening) return;
        TellsIneligibleAtScreening = atScreening;
        _history.Add(new StateChange(now, actor, State.ToString(), State.ToString(), IneligibleNoticeChanged,
            atScreening ? "Groups found not eligible will be told by email when screening finishes" : "Groups found not eligible will be told with the decisions"));
    }

    /// <summary>
    /// Whether the decision emails sent with the round's decisions include the groups found not eligible: not when
    /// they were told when screening finished (<see cref="TellsIneligibleAtScreening"/>), so nobody is told twice.
    /// </summary>
    public bool DecisionsTellIneligible => !TellsIneligibleAtScreening;
}
