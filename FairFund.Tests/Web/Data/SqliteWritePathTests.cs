using System.Data.Common;
using FairFund.Web.Data;
using FairFund.Web.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Data;

/// <summary>How the app writes to SQLite: in turn, without holding threads while it waits, and durably.</summary>
[Trait(PostgreSqlTestDatabase.Trait, PostgreSqlTestDatabase.SqliteOnly)]
public sealed class SqliteWritePathTests : IDisposable
{
    private readonly HoldingTransactions holder = new();
    private readonly FairFundFactory factory;

    public SqliteWritePathTests() =>
        factory = new FairFundFactory
        {
            RunRoundClock = false,
            RunMailWorker = false,
            WithServices = services => services.ConfigureDbContext<FairFundDbContext>(options => options.AddInterceptors(holder)),
        };

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task Save_WhileAnotherSaveHoldsTheWriteLock_WaitsItsTurnWithoutHoldingItsThreadAndBothAreStored()
    {
        _ = factory.Services;
        await using var firstScope = factory.Services.CreateAsyncScope();
        await using var secondScope = factory.Services.CreateAsyncScope();
        var first = firstScope.ServiceProvider.GetRequiredService<FairFundDbContext>();
        var second = secondScope.ServiceProvider.GetRequiredService<FairFundDbContext>();
        first.OutboxMessages.Add(Message("first"));
        // EF saves a single row without a transaction; this one must hold the lock in one.
        first.Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
        second.OutboxMessages.Add(Message("second"));

        // The first save stops inside its transaction, holding SQLite's write lock until the test lets it go.
        holder.HoldNext();
        var firstSave = first.SaveChangesAsync();
        await holder.Holding.WaitAsync(TimeSpan.FromSeconds(30));
        // Called on this thread: a save that waited for the lock by sleeping would only return once it gave up.
        var secondSave = second.SaveChangesAsync();
        var waitedWithoutItsThread = !secondSave.IsCompleted;
        holder.Release();
        await Task.WhenAll(firstSave, secondSave);

        Assert.True(waitedWithoutItsThread, "The second save held its thread until the lock came free (or it gave up).");
        var stored = await factory.WithScopeAsync(services => services.GetRequiredService<FairFundDbContext>().OutboxMessages
            .Select(message => message.Subject).OrderBy(subject => subject).ToListAsync());
        Assert.Equal(["first", "second"], stored);
    }

    [Fact]
    public async Task Connection_EveryOneTheAppOpens_FlushesEachCommitToDiskAndWaitsForALockInsteadOfSleeping()
    {
        // The same connection string twice: the second open comes from the pool, where SQLite keeps per-connection settings.
        for (var open = 0; open < 2; open++)
        {
            var (synchronous, busyTimeout) = await factory.WithScopeAsync(async services =>
            {
                var db = services.GetRequiredService<FairFundDbContext>();
                await db.Database.OpenConnectionAsync();
                try
                {
                    return (await ScalarAsync(db, "PRAGMA synchronous;"), await ScalarAsync(db, "PRAGMA busy_timeout;"));
                }
                finally
                {
                    await db.Database.CloseConnectionAsync();
                }
            });

            // 2 is FULL: in WAL mode, the log is flushed at every commit, so a commit survives a power cut.
            Assert.Equal(2, synchronous);
            Assert.Equal(SqliteConnectionSettings.BusyTimeoutSeconds * 1000, busyTimeout);
        }
    }

    private static async Task<long> ScalarAsync(FairFundDbContext db, string sql)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private OutboxMessage Message(string subject) =>
        new(Guid.NewGuid(), $"{Guid.NewGuid():N}@test", MailKind.ApplicationReceived, "someone@example.org", subject, "MIME", null, null, factory.Clock.GetUtcNow());

    /// <summary>Stops the next transaction the app begins just after it began, until <see cref="Release"/>.</summary>
    private sealed class HoldingTransactions : DbTransactionInterceptor
    {
        private readonly TaskCompletionSource holding = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int holdNext;

        public Task Holding => holding.Task;

        public void HoldNext() => Interlocked.Exchange(ref holdNext, 1);

        public void Release() => released.TrySetResult();

        public override async ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref holdNext, 0) == 1)
            {
                holding.TrySetResult();
                await released.Task;
            }
            return result;
        }
    }
}
