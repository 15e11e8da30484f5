using FairFund.Domain.Validation;

namespace FairFund.Domain.Deadlines;

/// <summary>One move of a round's closing time: from when to when, why, by whom and when it was moved.</summary>
public sealed record ClosingTimeExtension(DateTimeOffset From, DateTimeOffset To, string Reason, string By, DateTimeOffset At);

/// <summary>
/// The rules for moving deadlines, for a whole round and for one group: both need a reason that is kept and shown,
/// and both only ever give more time (a deadline brought forward would catch out groups planning to the one they were told).
/// </summary>
public static class DeadlineRules
{
    /// <summary>The limit on a reason for more time: a few sentences, shown on the public round page (a round's) or to the group (a group's).</summary>
    public static TextLimit ReasonLimit { get; } = new(1_000, 150);

    /// <summary>The fewest and most hours before its deadline a group with an unsent draft is reminded: an hour to two weeks.</summary>
    public const int FewestReminderHours = 1;

    public const int MostReminderHours = 14 * 24;

    /// <summary>Three days: enough to finish a draft, near enough to the deadline to be heeded.</summary>
    public const int DefaultReminderHours = 72;

    /// <summary>
    /// What is wrong with moving a deadline to <paramref name="newDeadline"/>: it must be later than now and later than
    /// <paramref name="currentDeadline"/>, and the reason must be given within <see cref="ReasonLimit"/>. Located at
    /// <c>closesAt</c> and <c>reason</c>.
    /// </summary>
    public static IReadOnlyList<Problem> CheckExtension(DateTimeOffset? newDeadline, DateTimeOffset currentDeadline, string? reason, DateTimeOffset now, string whose)
    {
        var problems = new List<Problem>();
        if (newDeadline is not { } until)
            problems.Add(new Problem("closesAt", "Enter the new closing date and time"));
        else if (until <= now)
            problems.Add(new Problem("closesAt", "The new closing time must be in the future"));
        else if (until <= currentDeadline)
            problems.Add(new Problem("closesAt", $"The new closing time must be later than {whose} current closing time"));
        var clean = FreeText.Clean(reason);
        if (clean.Length == 0) problems.Add(new Problem("reason", "Enter the reason for giving more time"));
        else if (FreeText.Check("reason", "The reason", clean, ReasonLimit) is { } tooLong) problems.Add(tooLong);
        return problems;
    }

    /// <summary>What is wrong with reminding groups <paramref name="hours"/> before their deadline; null when it is within the range.</summary>
    public static Problem? CheckReminderHours(int? hours) => hours switch
    {
        null => new Problem("reminderHours", "Enter how many hours before the deadline to remind groups"),
        < FewestReminderHours or > MostReminderHours => new Problem("reminderHours", $"The reminder must be between {FewestReminderHours} and {MostReminderHours} hours (two weeks) before the deadline"),
        _ => null,
    };
}
