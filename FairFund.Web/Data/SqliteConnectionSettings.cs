using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace FairFund.Web.Data;

/// <summary>
/// The settings SQLite keeps per connection, made the first time EF opens each database connection. EF opens and
/// closes the connection around every query, but the pool hands back the same SQLite connection, which keeps its
/// settings; setting them again would cost a statement on every query.
/// <list type="bullet">
/// <item><c>synchronous = FULL</c>: with write-ahead logging, a commit is flushed to disk before
/// <c>SaveChanges</c> returns, so an application the group was told is sent survives a power cut as well as
/// a crash. (<c>NORMAL</c> is about three times faster here but may lose the last commits on power loss.)</item>
/// <item><c>busy_timeout</c>: a writer that finds the database locked (by another process, such as a
/// bench or backup tool; the app's own writers queue at <see cref="SqliteWriteGate"/>) waits inside SQLite,
/// woken within milliseconds of the lock coming free, instead of failing into Microsoft.Data.Sqlite's
/// fixed 150 ms sleeps.</item>
/// </list>
/// </summary>
public sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    public const int BusyTimeoutSeconds = 30;

    public static readonly SqliteConnectionSettings Instance = new();

    private static readonly string Pragmas = $"PRAGMA synchronous = FULL; PRAGMA busy_timeout = {BusyTimeoutSeconds * 1000};";

    /// <summary>The SQLite connections already set, by their native handle, which the pool keeps from one open to the next.</summary>
    private readonly ConditionalWeakTable<sqlite3, object> _alreadySet = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!IsNew(connection)) return;
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!IsNew(connection)) return;
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Whether this is the first open of its SQLite connection; a connection of another kind is always set.</summary>
    private bool IsNew(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || _alreadySet.TryAdd(handle, handle);
}
