using FairFund.Domain.Grants;

namespace FairFund.Tests.Domain.Grants;

/// <summary>
/// Reminders before a report is due and when it is overdue: due at the boundaries exactly, and each exactly once
/// when the caller keeps what it has sent.
/// </summary>
public sealed class ReportReminderTests
{
    // The mid-year report of a grant accepted on 2 June 2027 is due by 2 December 2027: overdue from midnight
    // starting 3 December in London, which in winter is midnight UTC.
    private static readonly DateTimeOffset DueAt = new(2027, 12, 3, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset FourteenDaysBefore = DueAt.AddDays(-14);

    [Fact]
    public void DueAt_MidYearReport_IsTheEndOfItsDueDayInTheUk()
    {
        var grant = GrantInState.In(GrantState.Active);

        Assert.Equal(new DateOnly(2027, 12, 2), grant.Reports[0].DueOn);
        Assert.Equal(DueAt, grant.Reports[0].DueAt);
    }

    public static TheoryData<string, long, ReminderKind?> Boundaries() => new()
    {
        { "a second before the reminder's day", -14 * 86_400 - 1, null },
        { "exactly fourteen days before", -14 * 86_400, ReminderKind.BeforeDue },
        { "a second after that", -14 * 86_400 + 1, ReminderKind.BeforeDue },
        { "a second before it is due", -1, ReminderKind.BeforeDue },
        { "the due instant", 0, ReminderKind.Overdue },
        { "a second after", 1, ReminderKind.Overdue },
    };

    [Theory]
    [MemberData(nameof(Boundaries))]
    public void DueFor_NothingSentYet_GivesTheReminderThatAppliesAtTheBoundary(string when, long secondsFromDue, ReminderKind? expected)
    {
        Assert.True(expected == ReportReminders.DueFor(DueAt, 14, reportSent: false, DueAt.AddSeconds(secondsFromDue), []), when);
    }

    [Fact]
    public void RemindersDue_AskedEverySecondAcrossBothBoundaries_GivesEachReminderExactlyOnce()
    {
        var grant = GrantInState.In(GrantState.Active);
        var sent = new List<ReminderKey>();
        var instants = new[] { FourteenDaysBefore.AddSeconds(-1), FourteenDaysBefore, FourteenDaysBefore.AddSeconds(1), DueAt.AddSeconds(-1), DueAt, DueAt.AddSeconds(1), DueAt.AddDays(30) };

        var given = new List<(DateTimeOffset At, ReportReminder Reminder)>();
        foreach (var now in instants)
        {
            foreach (var reminder in grant.RemindersDue(now, sent))
            {
                given.Add((now, reminder));
                sent.Add(reminder.Key);
            }
        }

        Assert.Equal(
        [
            (FourteenDaysBefore, new ReportReminder(new ReminderKey(grant.Id, 1, ReminderKind.BeforeDue), "Mid-year report", new DateOnly(2027, 12, 2))),
            (DueAt, new ReportReminder(new ReminderKey(grant.Id, 1, ReminderKind.Overdue), "Mid-year report", new DateOnly(2027, 12, 2))),
        ], given);
    }

    [Fact]
    public void RemindersDue_SentKeysForAnotherGrant_DoNotStopThisGrantsReminder()
    {
        var grant = GrantInState.In(GrantState.Active);

        var due = grant.RemindersDue(DueAt, [new ReminderKey(Guid.NewGuid(), 1, ReminderKind.Overdue)]);

        Assert.Equal([new ReminderKey(grant.Id, 1, ReminderKind.Overdue)], due.Select(reminder => reminder.Key));
    }

    [Fact]
    public void RemindersDue_ReportAlreadySent_GivesNone()
    {
        var grant = GrantInState.In(GrantState.Active);
        grant.SendReport(1, GrantInState.FullReport, FourteenDaysBefore.AddDays(-1), GrantInState.Group);

        Assert.Empty(grant.RemindersDue(FourteenDaysBefore, []));
        Assert.Empty(grant.RemindersDue(DueAt, []));
        Assert.Empty(grant.OverdueReports(DueAt));
    }

    [Fact]
    public void RemindersDue_FirstAskedAfterTheDueInstant_GivesOnlyTheOverdueReminder()
    {
        var grant = GrantInState.In(GrantState.Active);

        Assert.Equal([ReminderKind.Overdue], grant.RemindersDue(DueAt.AddDays(3), []).Select(reminder => reminder.Key.Kind));
        Assert.Equal([1], grant.OverdueReports(DueAt).Select(report => report.Number));
        Assert.Empty(grant.OverdueReports(DueAt.AddSeconds(-1)));
    }

    [Theory]
    [InlineData(GrantState.Offered)]
    [InlineData(GrantState.Accepted)]
    [InlineData(GrantState.Withdrawn)]
    public void RemindersDue_GrantNotActive_GivesNone(GrantState state)
    {
        Assert.Empty(GrantInState.In(state).RemindersDue(DueAt, []));
    }
}
