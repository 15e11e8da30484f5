using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FairFund.Web.Email;

/// <summary>
/// Sends the outbox's due messages. A batch of due messages is claimed in one commit (one more attempt each, and
/// the time of the next should this one never finish); then each is sent, and only once the server has accepted
/// it is its row marked sent, in a commit of its own before the next is sent. So a crash between acceptance and
/// marking can send that one message again, with the same Message-Id, and nothing else is ever sent twice; the
/// claimed messages not yet tried wait for their retry time, or, when the app stops cleanly, are handed back at
/// once. That is one commit per message and one per batch, not two per message, which matters while a deadline
/// rush is writing too. A failure keeps its error and waits an exponentially longer time; after
/// <see cref="MailOptions.MaxAttempts"/> tries the message is marked failed for the fund manager to see. One pass
/// runs at a time.
/// </summary>
public sealed partial class OutboxDispatcher(IServiceScopeFactory scopes, IMailTransport transport, TimeProvider time, IOptions<MailOptions> options, ILogger<OutboxDispatcher> logger) : IDisposable
{
    private const int BatchSize = 100;

    private readonly SemaphoreSlim _onePassAtATime = new(1, 1);

    /// <summary>The wait after the given number of failed tries: the first delay, doubled each time, up to the longest.</summary>
    public static TimeSpan RetryDelay(int attempts, MailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var doublings = Math.Clamp(attempts - 1, 0, 30);
        var delay = options.FirstRetryDelay * Math.Pow(2, doublings);
        return delay < options.LongestRetryDelay ? delay : options.LongestRetryDelay;
    }

    /// <summary>Sends every message that is due now; returns how many the server accepted.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        await _onePassAtATime.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<FairFundDbContext>();
            await using var session = transport.OpenSession();
            var sent = 0;
            while (true)
            {
                var now = time.GetUtcNow();
                // A claim pushes NextAttemptAt past now, so each query finds only messages not yet tried in this pass.
                var due = await db.OutboxMessages.AsNoTracking()
                    .Where(m => m.SentAt == null && m.FailedAt == null && m.NextAttemptAt <= now)
                    .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.CreatedAt)
                    .Select(m => new DueMessage(m.Id, m.MessageId, m.Attempts, m.Mime))
                    .Take(BatchSize)
                    .ToListAsync(cancellationToken);
                if (due.Count == 0) return sent;
                var claimed = await ClaimAsync(db, due, now, cancellationToken);
                for (var next = 0; next < claimed.Count; next++)
                {
                    try
                    {
                        if (await SendOneAsync(db, session, claimed[next], now, cancellationToken)) sent++;
                    }
                    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                    {
                        await HandBackAsync(db, claimed.Skip(next + 1).ToList(), now);
                        throw;
                    }
                }
            }
        }
        finally
        {
            _onePassAtATime.Release();
        }
    }

    /// <summary>
    /// Claims the batch in one transaction: each message only if nobody else has tried it since it was read.
    /// Returns the messages claimed, in the order read, each with its attempt number.
    /// </summary>
    private async Task<List<DueMessage>> ClaimAsync(FairFundDbContext db, List<DueMessage> due, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.InOneWriteAsync(async inWrite =>
        {
            var claimed = new HashSet<Guid>();
            foreach (var tries in due.GroupBy(message => message.Attempts))
            {
                var ids = tries.Select(message => message.Id).ToList();
                var attempt = tries.Key + 1;
                var retryAt = now + RetryDelay(attempt, options.Value);
                var count = await db.OutboxMessages
                    .Where(m => ids.Contains(m.Id) && m.Attempts == tries.Key && m.SentAt == null && m.FailedAt == null)
                    .ExecuteUpdateAsync(set => set
                        .SetProperty(m => m.Attempts, attempt)
                        .SetProperty(m => m.LastAttemptAt, now)
                        .SetProperty(m => m.NextAttemptAt, retryAt), inWrite);
                if (count == ids.Count)
                {
                    claimed.UnionWith(ids);
                    continue;
                }
                // Another dispatcher (another app on the same database) took some: ours are the ones this claim stamped.
                claimed.UnionWith(await db.OutboxMessages.Where(m => ids.Contains(m.Id) && m.Attempts == attempt && m.LastAttemptAt == now)
                    .Select(m => m.Id).ToListAsync(inWrite));
            }
            return due.Where(message => claimed.Contains(message.Id)).Select(message => message with { Attempts = message.Attempts + 1 }).ToList();
        }, cancellationToken);

    /// <summary>On a clean stop, gives back the claimed messages never tried, so the next start sends them at once.</summary>
    private static async Task HandBackAsync(FairFundDbContext db, List<DueMessage> untried, DateTimeOffset claimedAt)
    {
        if (untried.Count == 0) return;
        var ids = untried.Select(message => message.Id).ToList();
        using var turn = await db.WriteTurnAsync(CancellationToken.None);
        await db.OutboxMessages
            .Where(m => ids.Contains(m.Id) && m.SentAt == null && m.FailedAt == null && m.LastAttemptAt == claimedAt)
            .ExecuteUpdateAsync(set => set
                .SetProperty(m => m.Attempts, m => m.Attempts - 1)
                .SetProperty(m => m.NextAttemptAt, claimedAt), CancellationToken.None);
    }

    /// <summary>Sends one claimed message (its <see cref="DueMessage.Attempts"/> counts this try) and records how it went.</summary>
    private async Task<bool> SendOneAsync(FairFundDbContext db, IMailSession session, DueMessage message, DateTimeOffset claimedAt, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var attempt = message.Attempts;
        try
        {
            await session.SendAsync(Outbox.Parse(message.Mime), cancellationToken);
        }
        catch (Exception problem) when (problem is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var failed = attempt >= settings.MaxAttempts;
            var error = Describe(problem);
            using (await db.WriteTurnAsync(CancellationToken.None))
            {
                await db.OutboxMessages.Where(m => m.Id == message.Id).ExecuteUpdateAsync(set => set
                    .SetProperty(m => m.LastError, error)
                    .SetProperty(m => m.FailedAt, failed ? claimedAt : null), CancellationToken.None);
            }
            var retryAt = claimedAt + RetryDelay(attempt, settings);
            if (failed) LogFailed(logger, message.MessageId, attempt, error);
            else LogWillRetry(logger, message.MessageId, attempt, retryAt, error);
            return false;
        }

        // Accepted: recorded even while the app is stopping, so that a clean stop never sends anything twice.
        var sentAt = time.GetUtcNow();
        using (await db.WriteTurnAsync(CancellationToken.None))
        {
            await db.OutboxMessages.Where(m => m.Id == message.Id).ExecuteUpdateAsync(set => set.SetProperty(m => m.SentAt, sentAt), CancellationToken.None);
        }
        return true;
    }

    private static string Describe(Exception problem)
    {
        var text = $"{problem.GetType().Name}: {problem.Message}";
        return text.Length <= 2000 ? text : text[..2000];
    }

    public void Dispose() => _onePassAtATime.Dispose();

    private sealed record DueMessage(Guid Id, string MessageId, int Attempts, string Mime);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email {MessageId} was not sent on try {Attempt}; trying again at {RetryAt}: {Error}")]
    private static partial void LogWillRetry(ILogger logger, string messageId, int attempt, DateTimeOffset retryAt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Email {MessageId} failed after {Attempt} tries and will not be tried again unless asked: {Error}")]
    private static partial void LogFailed(ILogger logger, string messageId, int attempt, string error);
}

/// <summary>Runs the dispatcher whenever a message is queued, and every <see cref="PollInterval"/> for retries that come due.</summary>
public sealed partial class OutboxWorker(OutboxDispatcher dispatcher, OutboxSignal signal, TimeProvider time, ILogger<OutboxWorker> logger) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await dispatcher.SendDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception problem) when (problem is DbUpdateException or Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
            {
                // The database was busy or unreachable: nothing was lost, and the next pass picks up where this stopped.
                LogPassFailed(logger, problem);
            }
            await signal.WaitAsync(PollInterval, time, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A pass of the outbox dispatcher stopped early")]
    private static partial void LogPassFailed(ILogger logger, Exception problem);
}
