using FairFund.Tests.Web.Apply;
using FairFund.Tests.Web.Email;
using FairFund.Web.Data;
using FairFund.Web.Grants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Grants;

/// <summary>
/// Report reminders go through the outbox to a real SMTP server, each exactly once: the one a set number of days
/// before a report is due from that instant on, the overdue one from the end of its due day (UK time), queued once
/// however often the clock asks, and sent once, with the server down at first and then back.
/// </summary>
public sealed class ReportReminderMailTests
{
    // The group accepted on 1 March 2027, so its mid-year report (report 2) is due by 1 September 2027, the end of
    // that day in British Summer Time; the round reminds 10 days before.
    private static readonly DateTimeOffset DueAt = new(2027, 9, 1, 23, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset RemindFrom = DueAt.AddDays(-10);

    private static Task<int> QueueDueAsync(FairFundFactory app) =>
        app.WithScopeAsync(services => ReportReminderClock.QueueDueAsync(services, app.Clock.GetUtcNow(), CancellationToken.None));

    private static Task<List<string>> QueuedSubjectsAsync(FairFundFactory app) =>
        app.WithScopeAsync(async services => await services.GetRequiredService<FairFundDbContext>().OutboxMessages
            .Where(m => m.DedupKey != null && m.DedupKey.StartsWith("report-reminder:")).Select(m => m.Subject).ToListAsync());

    [Fact]
    public async Task Reminders_BeforeDueAndOverdueWithTheServerDownThenBack_EachArrivesExactlyOnce()
    {
        using var smtp = SmtpLoopback.Down();
        using var app = smtp.App(withServices: services =>
        {
            // The test asks at the instants it chooses, rather than the hourly clock.
            foreach (var clock in services.Where(service => service.ImplementationType == typeof(ReportReminderClock)).ToList()) services.Remove(clock);
        });
        var (manager, group) = await GrantJourney.ActiveAsync(app);
        manager.Dispose();
        group.Dispose();

        app.Clock.SetUtcNow(RemindFrom.AddTicks(-1));
        Assert.Equal(0, await QueueDueAsync(app));

        app.Clock.SetUtcNow(RemindFrom);
        Assert.Equal(1, await QueueDueAsync(app));
        app.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await QueueDueAsync(app));

        // The server is down: nothing arrives, and the reminder waits in the outbox.
        app.DeliverMail();
        Assert.Equal(0, smtp.Count);
        smtp.StartAgain();
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        app.DeliverMail();

        app.Clock.SetUtcNow(DueAt.AddTicks(-1));
        Assert.Equal(0, await QueueDueAsync(app));
        app.Clock.SetUtcNow(DueAt);
        Assert.Equal(1, await QueueDueAsync(app));
        Assert.Equal(0, await QueueDueAsync(app));
        app.DeliverMail();
        app.Clock.Advance(TimeSpan.FromDays(30));
        Assert.Equal(0, await QueueDueAsync(app));
        app.DeliverMail();

        var reminders = smtp.Received().Where(mail => (mail.Subject ?? "").Contains("Mid-year report", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            ["Your Mid-year report for grant CW-MH-2027-R1-0001 is due by 1 September 2027", "Your Mid-year report for grant CW-MH-2027-R1-0001 is overdue"],
            reminders.Select(mail => mail.Subject));
        Assert.All(reminders, mail => Assert.Equal(SignedInClient.Applicant, mail.To.Mailboxes.Single().Address));
        Assert.Contains($"{GrantJourney.ReportPage(GrantOffers.Own, 2)}", reminders[0].TextBody, StringComparison.Ordinal);
        Assert.Contains("was due by 1 September 2027, and we have not received it yet", reminders[1].TextBody, StringComparison.Ordinal);
        Assert.Equal(2, (await QueuedSubjectsAsync(app)).Count);
    }

    [Fact]
    public async Task Reminders_ReportSentBeforeItsTime_NoneGo()
    {
        using var smtp = SmtpLoopback.Start();
        using var app = smtp.App(withServices: services =>
        {
            foreach (var clock in services.Where(service => service.ImplementationType == typeof(ReportReminderClock)).ToList()) services.Remove(clock);
        });
        var (manager, group) = await GrantJourney.ActiveAsync(app);
        using var _ = manager;
        using var __ = group;
        await app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var grant = await db.Grants.SingleAsync(g => g.Reference == GrantOffers.Own);
            grant.SendReport(2, new FairFund.Domain.Grants.ReportContent([[12]], "Walkers meet every week.", "Walkers chose the routes.", [400m, 300m], ""), app.Clock.GetUtcNow(), SignedInClient.Applicant);
            await db.SaveChangesAsync();
        });

        app.Clock.SetUtcNow(DueAt.AddDays(1));

        Assert.Equal(0, await QueueDueAsync(app));
        Assert.Empty(await QueuedSubjectsAsync(app));
    }
}
