using FairFund.Web.Data;
using FairFund.Web.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;

namespace FairFund.Tests.Web.Email;

public sealed class OutboxTests
{
    private const string To = "sam@example.org";

    [Fact]
    public async Task Dispatch_QueuedMessage_ArrivesWithRecipientSubjectBothPartsAndTheRowsMessageId()
    {
        using var smtp = SmtpLoopback.Start();
        using var app = smtp.App();
        var id = await QueueAsync(app, "Your application <A-1> was received");

        Assert.Equal(1, app.DeliverMail());

        var mail = Assert.Single(smtp.Received());
        Assert.Equal(To, mail.To.Mailboxes.Single().Address);
        Assert.Equal("Your application <A-1> was received", mail.Subject);
        Assert.Equal(id, mail.MessageId);
        Assert.Contains("Thank you", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Thank you", mail.HtmlBody, StringComparison.Ordinal);
        var row = await RowAsync(app, id);
        Assert.Equal(1, row.Attempts);
        Assert.Equal(app.Clock.GetUtcNow(), row.SentAt);
        Assert.Null(row.LastError);
    }

    [Fact]
    public async Task Dispatch_DecisionEmails_ArriveWithRecipientSubjectBothPartsAmountAndTrail()
    {
        using var smtp = SmtpLoopback.Start();
        using var app = smtp.App();
        await app.WithScopeAsync(async services =>
        {
            var mailer = services.GetRequiredService<Mailer>();
            await mailer.QueueAsync<FairFund.Web.Email.Templates.DecisionEmail, DecisionMail>("award@example.org", MailTemplatesTests.Decision(FairFund.Domain.Allocation.Decision.Award, "<script>"), "A-1", "decision:A-1", CancellationToken.None);
            await mailer.QueueAsync<FairFund.Web.Email.Templates.DecisionEmail, DecisionMail>("waitlist@example.org", MailTemplatesTests.Decision(FairFund.Domain.Allocation.Decision.Waitlist, "<script>"), "A-2", "decision:A-2", CancellationToken.None);
            await mailer.QueueAsync<FairFund.Web.Email.Templates.DecisionEmail, DecisionMail>("decline@example.org", MailTemplatesTests.Decision(FairFund.Domain.Allocation.Decision.Decline, "<script>"), "A-3", "decision:A-3", CancellationToken.None);
            await services.GetRequiredService<FairFundDbContext>().SaveChangesAsync();
        });

        Assert.Equal(3, app.DeliverMail());

        var received = smtp.Received().ToDictionary(mail => mail.To.Mailboxes.Single().Address);
        Assert.Equal("Your application CW-MH-2027-R1-0007 is funded", received["award@example.org"].Subject);
        Assert.Equal("Your application CW-MH-2027-R1-0007 is on the waiting list", received["waitlist@example.org"].Subject);
        Assert.Equal("Your application CW-MH-2027-R1-0007 has not been funded", received["decline@example.org"].Subject);
        Assert.Contains("Grant: £2,500", received["award@example.org"].TextBody, StringComparison.Ordinal);
        Assert.Contains("<strong>Grant: £2,500</strong>", System.Net.WebUtility.HtmlDecode(received["award@example.org"].HtmlBody), StringComparison.Ordinal);
        Assert.All(received.Values, mail =>
        {
            Assert.Contains("2. The final score is 3.75.", mail.TextBody, StringComparison.Ordinal);
            Assert.Contains("The final score is 3.75.", mail.HtmlBody, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;", mail.HtmlBody, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>", mail.HtmlBody, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Dispatch_ServerDown_KeepsTheErrorBacksOffThenDeliversEachOnceWhenUp()
    {
        using var smtp = SmtpLoopback.Down();
        using var app = smtp.App();
        var ids = new[] { await QueueAsync(app, "One"), await QueueAsync(app, "Two"), await QueueAsync(app, "Three") };
        var start = app.Clock.GetUtcNow();

        Assert.Equal(0, app.DeliverMail());
        var first = await RowAsync(app, ids[0]);
        Assert.Equal(1, first.Attempts);
        Assert.Contains("refused", first.LastError, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(start + TimeSpan.FromMinutes(1), first.NextAttemptAt);
        Assert.Null(first.SentAt);

        // Not due yet: nothing is tried.
        app.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, app.DeliverMail());
        Assert.Equal(1, (await RowAsync(app, ids[0])).Attempts);

        app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, app.DeliverMail());
        var second = await RowAsync(app, ids[0]);
        Assert.Equal(2, second.Attempts);
        Assert.Equal(app.Clock.GetUtcNow() + TimeSpan.FromMinutes(2), second.NextAttemptAt);

        smtp.StartAgain();
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(3, app.DeliverMail());
        app.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, app.DeliverMail());

        Assert.Equal(ids.Order(StringComparer.Ordinal), smtp.Received().Select(mail => mail.MessageId).Order(StringComparer.Ordinal));
        Assert.All(ids, id => Assert.NotNull(RowAsync(app, id).Result.SentAt));
    }

    [Fact]
    public async Task Dispatch_FailsEveryTry_IsMarkedFailedAfterTheLastAndNotTriedAgain()
    {
        using var smtp = SmtpLoopback.Down();
        using var app = smtp.App(new() { ["FairFund:Mail:MaxAttempts"] = "3" });
        var id = await QueueAsync(app, "Doomed");

        for (var i = 0; i < 3; i++)
        {
            app.DeliverMail();
            app.Clock.Advance(TimeSpan.FromHours(1));
        }

        var row = await RowAsync(app, id);
        Assert.Equal(3, row.Attempts);
        Assert.NotNull(row.FailedAt);
        Assert.NotNull(row.LastError);
        smtp.StartAgain();
        app.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, app.DeliverMail());
        Assert.Equal(0, smtp.Count);
    }

    [Fact]
    public async Task Dispatch_CrashAfterTheServerAccepted_ResendsOnlyThatMessageWithTheSameMessageId()
    {
        using var smtp = SmtpLoopback.Start();
        using var crash = new CancellationTokenSource();
        CrashingTransport? crashing = null;
        using var app = smtp.App(withServices: services => services.AddSingleton<IMailTransport>(provider =>
            crashing = new CrashingTransport(new SmtpTransport(provider.GetRequiredService<IOptions<SmtpOptions>>()), crashAfter: 2, crash)));
        var ids = new List<string>();
        for (var i = 1; i <= 5; i++) ids.Add(await QueueAsync(app, $"Message {i}"));
        app.Clock.Advance(TimeSpan.FromSeconds(1));

        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dispatcher.SendDueAsync(crash.Token));
        Assert.Equal(2, smtp.Count);
        var inFlight = smtp.Received()[^1].MessageId;

        // The app starts again: a new dispatcher over the same database.
        using var restarted = ActivatorUtilities.CreateInstance<OutboxDispatcher>(app.Services);
        Assert.Equal(3, await restarted.SendDueAsync(CancellationToken.None));
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await restarted.SendDueAsync(CancellationToken.None));
        app.Clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal(0, await restarted.SendDueAsync(CancellationToken.None));

        var received = smtp.Received().Select(mail => mail.MessageId).ToList();
        Assert.Equal(6, received.Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), received.Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(inFlight, Assert.Single(received.GroupBy(id => id), group => group.Count() > 1).Key);
        Assert.NotNull(crashing);
    }

    [Fact]
    public async Task Queue_SameDedupKeyTwice_QueuesOnceAndSendsOnce()
    {
        using var smtp = SmtpLoopback.Start();
        using var app = smtp.App();

        await QueueAsync(app, "Decision", dedupKey: "decision:A-1");
        var again = await app.WithScopeAsync(async services =>
        {
            var message = services.GetRequiredService<MailComposer>().Compose(To, "Decision", Body("Thank you"));
            return await services.GetRequiredService<Outbox>().QueueAsync(message, MailKind.Award, "A-1", "decision:A-1", CancellationToken.None);
        });

        Assert.False(again);
        app.DeliverMail();
        Assert.Equal(1, smtp.Count);
    }

    [Fact]
    public async Task Queue_ChangeNeverSaved_SendsNothing()
    {
        using var smtp = SmtpLoopback.Start();
        using var app = smtp.App();

        await app.WithScopeAsync(async services =>
        {
            var message = services.GetRequiredService<MailComposer>().Compose(To, "Never", Body("x"));
            await services.GetRequiredService<Outbox>().QueueAsync(message, MailKind.Award, null, null, CancellationToken.None);
        });

        Assert.Equal(0, app.DeliverMail());
        Assert.Equal(0, smtp.Count);
    }

    [Fact]
    public async Task Worker_MessageQueued_IsSentAtOnceWithoutWaitingForThePoll()
    {
        using var smtp = SmtpLoopback.Start();
        using var app = smtp.App(runMailWorker: true);
        _ = app.Services;
        await Task.Delay(200);

        await QueueAsync(app, "Prompt");

        // The fake clock never moves, so only the wake-up can have sent it.
        for (var waited = 0; smtp.Count == 0 && waited < 100; waited++) await Task.Delay(100);
        Assert.Equal("Prompt", Assert.Single(smtp.Received()).Subject);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(6, 32)]
    [InlineData(7, 60)]
    [InlineData(40, 60)]
    public void RetryDelay_AfterFailedTries_DoublesFromOneMinuteUpToAnHour(int attempts, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), OutboxDispatcher.RetryDelay(attempts, new MailOptions()));

    private static Task<string> QueueAsync(FairFundFactory app, string subject, string? dedupKey = null) =>
        app.WithScopeAsync(async services =>
        {
            var message = services.GetRequiredService<MailComposer>().Compose(To, subject, Body("Thank you for your application."));
            Assert.True(await services.GetRequiredService<Outbox>().QueueAsync(message, MailKind.ApplicationReceived, "A-1", dedupKey, CancellationToken.None));
            await services.GetRequiredService<FairFundDbContext>().SaveChangesAsync();
            return message.MessageId!;
        });

    private static Task<OutboxMessage> RowAsync(FairFundFactory app, string messageId) =>
        app.WithScopeAsync(services => services.GetRequiredService<FairFundDbContext>().OutboxMessages.AsNoTracking().SingleAsync(m => m.MessageId == messageId));

    /// <summary>Passes messages to SMTP; after the given number is accepted, the app "crashes" before it can mark that one sent.</summary>
    private sealed class CrashingTransport(IMailTransport inner, int crashAfter, CancellationTokenSource crash) : IMailTransport
    {
        private int _accepted;

        public IMailSession OpenSession() => new Session(inner.OpenSession(), this);

        private async Task AfterAcceptedAsync()
        {
            if (Interlocked.Increment(ref _accepted) != crashAfter) return;
            await crash.CancelAsync();
            throw new OperationCanceledException(crash.Token);
        }

        private sealed class Session(IMailSession inner, CrashingTransport owner) : IMailSession
        {
            public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
            {
                await inner.SendAsync(message, cancellationToken);
                await owner.AfterAcceptedAsync();
            }

            public ValueTask DisposeAsync() => inner.DisposeAsync();
        }
    }

    private static RenderedMail Body(string text) => new($"<p>{System.Net.WebUtility.HtmlEncode(text)}</p>", text + "\n");
}
