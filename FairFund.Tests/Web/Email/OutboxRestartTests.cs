using FairFund.Web.Data;
using FairFund.Web.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;

namespace FairFund.Tests.Web.Email;

/// <summary>
/// The outbox's promise across a real restart: the app's own background worker sends, the app stops while one
/// message is in flight, and a second app on the same database file finishes the job.
/// </summary>
public sealed class OutboxRestartTests
{
    private const int Queued = 20;
    private const int InFlight = 5;

    [Fact]
    public async Task Worker_RestartAfterTheServerAcceptedAMessageNotYetMarkedSent_DuplicatesOnlyThatMessage()
    {
        using var smtp = SmtpLoopback.Start();
        // Both apps are pointed at this folder, so the one after the restart opens the same SQLite file.
        var shared = Directory.CreateTempSubdirectory("fairfund-restart-");
        try
        {
            var sharedData = new Dictionary<string, string> { ["FairFund:DataDirectory"] = shared.FullName };
            var inFlight = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            using var before = smtp.App(sharedData, runMailWorker: true, withServices: services => services.AddSingleton<IMailTransport>(provider =>
                new DyingTransport(new SmtpTransport(provider.GetRequiredService<IOptions<SmtpOptions>>()), InFlight, inFlight)));

            var ids = await QueueAllAsync(before);
            var stalledOn = await inFlight.Task.WaitAsync(TimeSpan.FromSeconds(60));
            // Each was queued a moment after the last, so the worker sends them in that order.
            Assert.Equal(ids[InFlight - 1], stalledOn);
            Assert.Equal(InFlight, smtp.Count);
            Assert.Equal(InFlight - 1, await before.WithScopeAsync(services =>
                services.GetRequiredService<FairFundDbContext>().OutboxMessages.CountAsync(m => m.SentAt != null)));

            // The host stops with the send still under way: the row of the message in flight is never marked sent.
            var stoppedAt = before.Clock.GetUtcNow();
            before.Dispose();

            using var after = smtp.App(sharedData, runMailWorker: true);
            // It comes back once the unfinished try may be made again, so the worker's first pass sends everything.
            after.Clock.SetUtcNow(stoppedAt + new MailOptions().FirstRetryDelay);
            var unsent = await UnsentWithinAsync(after, TimeSpan.FromSeconds(60));

            Assert.Equal(0, unsent);
            Assert.Equal(Queued, await after.WithScopeAsync(services =>
                services.GetRequiredService<FairFundDbContext>().OutboxMessages.CountAsync(m => m.SentAt != null)));
            // Told apart by Message-Id, and named by their place in the queue (0 for one the test never queued) so a failure reads plainly.
            var timesReceived = smtp.Received()
                .GroupBy(mail => ids.IndexOf(mail.MessageId ?? "") + 1)
                .Select(group => (Queued: group.Key, Times: group.Count()))
                .OrderBy(received => received.Queued);
            var onceEachButTheOneInFlightTwice = Enumerable.Range(1, Queued).Select(queued => (Queued: queued, Times: queued == InFlight ? 2 : 1));
            Assert.Equal(onceEachButTheOneInFlightTwice, timesReceived);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            shared.Delete(recursive: true);
        }
    }

    /// <summary>Queues every message in one SaveChanges, as a round's decisions are, and returns their Message-Ids in order.</summary>
    private static Task<List<string>> QueueAllAsync(FairFundFactory app) =>
        app.WithScopeAsync(async services =>
        {
            var composer = services.GetRequiredService<MailComposer>();
            var outbox = services.GetRequiredService<Outbox>();
            var ids = new List<string>();
            for (var i = 1; i <= Queued; i++)
            {
                var message = composer.Compose($"applicant{i}@example.org", $"Message {i}", new RenderedMail($"<p>Message {i}</p>", $"Message {i}\n"));
                Assert.True(await outbox.QueueAsync(message, MailKind.ApplicationReceived, $"A-{i}", $"restart:{i}", CancellationToken.None));
                ids.Add(message.MessageId!);
                app.Clock.Advance(TimeSpan.FromMilliseconds(1));
            }
            await services.GetRequiredService<FairFundDbContext>().SaveChangesAsync();
            return ids;
        });

    /// <summary>Waits for the worker to mark every row sent, giving up after <paramref name="longest"/>; returns how many are left.</summary>
    private static async Task<int> UnsentWithinAsync(FairFundFactory app, TimeSpan longest)
    {
        var giveUpAt = DateTime.UtcNow + longest;
        while (true)
        {
            var unsent = await app.WithScopeAsync(services =>
                services.GetRequiredService<FairFundDbContext>().OutboxMessages.CountAsync(m => m.SentAt == null));
            if (unsent == 0 || DateTime.UtcNow > giveUpAt) return unsent;
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Delivers through SMTP; once the server has accepted message number <paramref name="dieAfter"/>, never returns,
    /// as if the process died between the server's "OK" and the row being marked sent. Only the host stopping ends it.
    /// </summary>
    private sealed class DyingTransport(IMailTransport inner, int dieAfter, TaskCompletionSource<string> inFlight) : IMailTransport
    {
        private int _accepted;

        public IMailSession OpenSession() => new Session(inner.OpenSession(), this);

        private async Task AfterAcceptedAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _accepted) < dieAfter) return;
            inFlight.TrySetResult(message.MessageId!);
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }

        private sealed class Session(IMailSession inner, DyingTransport owner) : IMailSession
        {
            public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
            {
                await inner.SendAsync(message, cancellationToken);
                await owner.AfterAcceptedAsync(message, cancellationToken);
            }

            public ValueTask DisposeAsync() => inner.DisposeAsync();
        }
    }
}
