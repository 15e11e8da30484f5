namespace FairFund.Web.Data;

/// <summary>
/// SQLite lets one connection write at a time. Left to fight over that lock, each waiting writer blocks a
/// thread in SQLite (or, with no busy timeout, in Microsoft.Data.Sqlite's fixed 150 ms sleeps), and under a
/// deadline rush the blocked threads starve the thread pool. So the app's own writers queue here first, in
/// order and without holding a thread, and reach SQLite one at a time. Readers never queue: with write-ahead
/// logging they read beside the writer. One gate per app (a singleton), registered only for SQLite.
/// </summary>
public sealed class SqliteWriteGate : IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>Waits, without blocking a thread, until nobody else in this app is writing; dispose the turn to let the next writer in.</summary>
    public async ValueTask<WriteTurn> WaitAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        return new WriteTurn(_turn);
    }

    /// <summary>For the synchronous <c>SaveChanges</c>, which blocks its thread anyway.</summary>
    public WriteTurn Wait()
    {
        _turn.Wait();
        return new WriteTurn(_turn);
    }

    public void Dispose() => _turn.Dispose();
}

/// <summary>One writer's turn at the <see cref="SqliteWriteGate"/>; disposing it (once) lets the next writer in.</summary>
public sealed class WriteTurn : IDisposable
{
    private readonly SemaphoreSlim? _turn;
    private Action? _afterwards;
    private int _disposed;

    internal WriteTurn(SemaphoreSlim? turn) => _turn = turn;

    /// <summary>A turn that holds nothing: the provider has no gate, or this context already holds the turn.</summary>
    internal static WriteTurn None => new(null);

    internal WriteTurn OnDispose(Action afterwards)
    {
        _afterwards = afterwards;
        return this;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _afterwards?.Invoke();
        _turn?.Release();
    }
}
