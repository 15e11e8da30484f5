using System.Data.Common;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Data;

/// <summary>
/// Watches the app's own database work from inside EF: statements that failed (such as an INSERT refused by a
/// unique index) and commits, counting a write outside a transaction as the commit it is.
/// </summary>
internal sealed class DatabaseCounters : DbCommandInterceptor, IDbTransactionInterceptor
{
    private int _failedCommands;
    private int _commits;

    public int FailedCommands => Volatile.Read(ref _failedCommands);

    public int Commits => Volatile.Read(ref _commits);

    /// <summary>Adds the counters to the app's DbContext, as a test's <see cref="FairFundFactory.WithServices"/>.</summary>
    public void AddTo(IServiceCollection services) =>
        FairFundFactory.AddDatabaseInterceptor(services, this);

    public void Reset()
    {
        Interlocked.Exchange(ref _failedCommands, 0);
        Interlocked.Exchange(ref _commits, 0);
    }

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Interlocked.Increment(ref _failedCommands);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _failedCommands);
        return Task.CompletedTask;
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        CountIfAutocommitWrite(command);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        CountIfAutocommitWrite(command);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Interlocked.Increment(ref _commits);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _commits);
        return Task.CompletedTask;
    }

    private void CountIfAutocommitWrite(DbCommand command)
    {
        if (command.Transaction is not null) return;
        var verb = command.CommandText.TrimStart();
        if (verb.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase) || verb.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase)
            || verb.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase))
            Interlocked.Increment(ref _commits);
    }
}
