using System.Net;
using FairFund.Tests.Web.Apply;
using FairFund.Tests.Web.Email;
using FairFund.Web.Deadlines;
using static FairFund.Tests.Web.Deadlines.DeadlinePages;

namespace FairFund.Tests.Web.Deadlines;

/// <summary>
/// The deadline emails go through the outbox to a real SMTP server, each once: the news that the round closes later,
/// to everyone in each group with an unsent draft; and the reminder a set time before a group's own deadline, however
/// often the clock asks.
/// </summary>
public sealed class DeadlineMailTests
{
    private const string Reason = "The library that lends laptops was shut for a week";

    private static Task<int> QueueRemindersAsync(FairFundFactory app) =>
        app.WithScopeAsync(services => DeadlineReminderClock.QueueDueAsync(services, app.Clock.GetUtcNow(), CancellationToken.None));

    [Fact]
    public async Task ExtendRound_GroupsWithDrafts_EachToldOnceWithTheReason()
    {
        using var smtp = SmtpLoopback.Start();
        using var app = smtp.App();
        var draft = await app.StartAsync(complete: false);
        var round = await app.RoundAsync();
        using var manager = await SignedInClient.As(app, SignedInClient.Manager);
        var (fields, newClose) = UkTimeFields("Input.Closes", UkDayAfter(round.ClosesAt, 7), new TimeOnly(12, 0));

        using var response = await ExtendRoundAsync(manager, fields, Reason);
        app.DeliverMail();
        app.DeliverMail();

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var told = Assert.Single(smtp.Received(), mail => mail.Subject == "More time to send your application to " + round.Name);
        Assert.Equal(SignedInClient.Applicant, told.To.Mailboxes.Single().Address);
        Assert.Contains($"until {FairFund.Web.UkTime.Format(newClose)} (UK time)", told.TextBody, StringComparison.Ordinal);
        Assert.Contains("Why: " + Reason, told.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/apply/applications/{draft}", told.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtendRound_SentApplication_IsNotTold()
    {
        using var smtp = SmtpLoopback.Start();
        using var app = smtp.App();
        var sent = await app.StartAsync(complete: true);
        var round = await app.RoundAsync();
        await app.ChangeAsync(sent, application => application.Submit(app.Clock.GetUtcNow(), SignedInClient.Applicant,
            application.WindowIn(round.State, round.ClosesAt, app.Clock.GetUtcNow()), Grants(round)));
        using var manager = await SignedInClient.As(app, SignedInClient.Manager);
        var (fields, _) = UkTimeFields("Input.Closes", UkDayAfter(round.ClosesAt, 7), new TimeOnly(12, 0));

        using var response = await ExtendRoundAsync(manager, fields, Reason);
        app.DeliverMail();

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain(smtp.Received(), mail => (mail.Subject ?? "").StartsWith("More time", StringComparison.Ordinal));
    }

    private static FairFund.Domain.Applications.GrantRange Grants(FairFund.Domain.Rounds.Round round) => new(round.Rules.GrantMin, round.Rules.GrantMax);

    [Fact]
    public async Task Reminder_SetOnTheDeadlinesPage_GoesOnceAtThatManyHoursBeforeTheDeadline()
    {
        using var smtp = SmtpLoopback.Start();
        using var app = smtp.App();
        var draft = await app.StartAsync(complete: false);
        var round = await app.RoundAsync();
        using (var manager = await SignedInClient.As(app, SignedInClient.Manager))
        {
            var page = await manager.GetStringAsync(new Uri(RoundDeadlines(), UriKind.Relative));
            using var saved = await PageForms.Find(page, RoundDeadlines(), "handler=Reminder").SubmitAsync(manager, new Dictionary<string, string> { ["ReminderHours"] = "24" });
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }
        var remindFrom = round.ClosesAt.AddHours(-24);

        app.Clock.SetUtcNow(remindFrom.AddSeconds(-1));
        Assert.Equal(0, await QueueRemindersAsync(app));
        app.Clock.SetUtcNow(remindFrom);
        Assert.Equal(1, await QueueRemindersAsync(app));
        app.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await QueueRemindersAsync(app));
        app.DeliverMail();
        app.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await QueueRemindersAsync(app));
        app.DeliverMail();

        var reminder = Assert.Single(smtp.Received(), mail => (mail.Subject ?? "").Contains("is not sent yet", StringComparison.Ordinal));
        Assert.Equal(SignedInClient.Applicant, reminder.To.Mailboxes.Single().Address);
        Assert.Equal($"Your application {draft} is not sent yet: send it by {FairFund.Web.UkTime.Format(round.ClosesAt)}", reminder.Subject);
        Assert.Contains("you have 1 day 0 hours left", reminder.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reminder_GroupGivenMoreTime_ComesBeforeItsOwnDeadlineNotTheRounds()
    {
        using var smtp = SmtpLoopback.Start();
        using var app = smtp.App();
        var draft = await app.StartAsync(complete: false);
        var round = await app.RoundAsync();
        var until = round.ClosesAt.AddDays(5);
        await app.ChangeAsync(draft, application => application.ExtendDeadline(round.State, round.ClosesAt, until, "A bereavement", app.Clock.GetUtcNow(), SignedInClient.Manager));

        app.Clock.SetUtcNow(round.ClosesAt.AddHours(-1));
        Assert.Equal(0, await QueueRemindersAsync(app));
        app.Clock.SetUtcNow(until.AddHours(-72));
        Assert.Equal(1, await QueueRemindersAsync(app));
        Assert.Equal(0, await QueueRemindersAsync(app));
        app.DeliverMail();

        var reminder = Assert.Single(smtp.Received(), mail => (mail.Subject ?? "").Contains("is not sent yet", StringComparison.Ordinal));
        Assert.Contains(FairFund.Web.UkTime.Format(until), reminder.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reminder_SentApplication_NoneGoes()
    {
        using var smtp = SmtpLoopback.Start();
        using var app = smtp.App();
        var sent = await app.StartAsync(complete: true);
        var round = await app.RoundAsync();
        await app.ChangeAsync(sent, application => application.Submit(app.Clock.GetUtcNow(), SignedInClient.Applicant,
            application.WindowIn(round.State, round.ClosesAt, app.Clock.GetUtcNow()), Grants(round)));

        app.Clock.SetUtcNow(round.ClosesAt.AddHours(-1));

        Assert.Equal(0, await QueueRemindersAsync(app));
    }
}
