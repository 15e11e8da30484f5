using FairFund.Domain.Rounds;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Rounds;

/// <summary>
/// Closes rounds at their closing time: checked every minute in the background, and by any page that
/// loads a round, so a round is never seen open after its closing instant.
/// </summary>
public sealed partial class RoundClock(IServiceScopeFactory scopes, TimeProvider time, ILogger<RoundClock> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    /// <summary>Closes every open round whose closing time has passed; returns how many it closed.</summary>
    public static async Task<int> CloseDueRoundsAsync(FairFundDbContext db, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        // Few rounds are open at once, and SQLite cannot compare DateTimeOffset in SQL, so the check runs here.
        var open = await db.Rounds.Where(round => round.State == RoundState.Open).ToListAsync(cancellationToken);
        var closed = open.Count(round => round.CloseIfDue(now));
        if (closed > 0) await db.SaveChangesAsync(cancellationToken);
        return closed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var closed = await CloseDueRoundsAsync(scope.ServiceProvider.GetRequiredService<FairFundDbContext>(), time.GetUtcNow(), stoppingToken);
                if (closed > 0) LogClosed(logger, closed);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone else changed the round in the same instant; the next tick sees their version.
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed {Count} rounds at their closing time")]
    private static partial void LogClosed(ILogger logger, int count);
}
