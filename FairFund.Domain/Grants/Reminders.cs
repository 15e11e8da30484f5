namespace FairFund.Domain.Grants;

/// <summary>Which reminder about a report: the one a set number of days before it is due, or the one when it is overdue.</summary>
public enum ReminderKind { BeforeDue, Overdue }

/// <summary>Names one reminder for good: the outbox keeps the keys it has sent, so each reminder goes exactly once.</summary>
public sealed record ReminderKey(Guid GrantId, int ReportNumber, ReminderKind Kind);

/// <summary>A reminder to send now: which, about which report, and the day the report is due by.</summary>
public sealed record ReportReminder(ReminderKey Key, string ReportName, DateOnly DueOn);

/// <summary>
/// When a report's reminders fall due: a pure function of the instant, so the caller (a background job) decides
/// only when to ask. The reminder before the due date is due from <c>daysBefore</c> days before the report's due
/// instant (the end of its due day) until that instant; the overdue reminder from the due instant on. Neither is due
/// once the report has been sent, nor once it has been sent already (<c>alreadySent</c>), so each goes exactly once;
/// a report first asked for after its early reminder's time passed gets only the reminder that still applies.
/// </summary>
public static class ReportReminders
{
    /// <summary>The reminder due at <paramref name="now"/> for one report, or null.</summary>
    /// <param name="dueAt">The report's due instant (<see cref="GrantReport.DueAt"/>).</param>
    /// <param name="daysBefore">The round's <see cref="GrantTerms.ReminderDaysBefore"/>.</param>
    /// <param name="reportSent">Whether the group has sent the report.</param>
    /// <param name="now">The instant asked about.</param>
    /// <param name="alreadySent">Which of this report's reminders have gone.</param>
    public static ReminderKind? DueFor(DateTimeOffset dueAt, int daysBefore, bool reportSent, DateTimeOffset now, IReadOnlyCollection<ReminderKind> alreadySent)
    {
        ArgumentNullException.ThrowIfNull(alreadySent);
        if (reportSent) return null;
        if (now >= dueAt) return alreadySent.Contains(ReminderKind.Overdue) ? null : ReminderKind.Overdue;
        if (now >= dueAt.AddDays(-daysBefore)) return alreadySent.Contains(ReminderKind.BeforeDue) ? null : ReminderKind.BeforeDue;
        return null;
    }
}
