using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Email;

/// <summary>
/// A background clock that queues the reminders due, at start and then every <c>interval</c>: each through the outbox,
/// exactly once by its once-only key (which the outbox's unique index enforces). A reminder says what is due with its
/// <c>queueDue</c> (which tests call directly, at the time they choose); the loop, the scope and the race with another
/// instance are here, once for every kind of reminder.
/// </summary>
public abstract partial class ReminderClock(IServiceScopeFactory scopes, TimeProvider time, ILogger logger, TimeSpan interval, string what,
    Func<IServiceProvider, DateTimeOffset, CancellationToken, Task<int>> queueDue) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var queued = await queueDue(scope.ServiceProvider, time.GetUtcNow(), stoppingToken);
                if (queued > 0) LogQueued(logger, queued, what);
            }
            catch (DbUpdateException)
            {
                // Another instance queued the same reminder in the same instant; its once-only key stands, and the next tick moves on.
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued {Count} {What}")]
    private static partial void LogQueued(ILogger logger, int count, string what);
}
