using System.Diagnostics;
using System.Globalization;

namespace FairFund.Bench;

/// <summary>Drives users as a load test does: each presses again as soon as it has its answer (a closed loop), or all press once together.</summary>
internal static class ClosedLoop
{
    /// <summary>Every user presses over and over until <paramref name="duration"/> has passed.</summary>
    public static async Task<Timings> RunAsync<TUser>(IReadOnlyList<TUser> users, TimeSpan duration, Func<TUser, Task<double?>> press)
    {
        var all = new List<double>();
        var errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(users.Select(user => Task.Run(async () =>
        {
            var mine = new List<double>();
            while (clock.Elapsed < duration)
            {
                if (await TryAsync(press, user) is { } took) mine.Add(took);
                else Interlocked.Increment(ref errors);
            }
            lock (all) all.AddRange(mine);
        })));
        return new Timings(all, errors, clock.Elapsed);
    }

    /// <summary>Every user presses once, all released at the same moment.</summary>
    public static async Task<Timings> AllAtOnceAsync<TUser>(IReadOnlyList<TUser> users, Func<TUser, Task<double?>> press)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var presses = users.Select(user => Task.Run(async () =>
        {
            await go.Task;
            return await TryAsync(press, user);
        })).ToList();
        var clock = Stopwatch.StartNew();
        go.SetResult();
        var results = await Task.WhenAll(presses);
        var elapsed = clock.Elapsed;
        return new Timings([.. results.OfType<double>()], results.Count(took => took is null), elapsed);
    }

    private static async Task<double?> TryAsync<TUser>(Func<TUser, Task<double?>> press, TUser user)
    {
        try
        {
            return await press(user);
        }
        catch (Exception problem) when (problem is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            return null;
        }
    }
}

/// <summary>Acknowledged presses' times in ms, the presses that were not acknowledged, and how long it all took.</summary>
internal sealed record Timings(IReadOnlyList<double> Milliseconds, int Errors, TimeSpan Elapsed)
{
    public double PerSecond => Milliseconds.Count / Elapsed.TotalSeconds;

    /// <summary>The nearest-rank percentile.</summary>
    public double Percentile(double p)
    {
        if (Milliseconds.Count == 0) return double.NaN;
        var sorted = Milliseconds.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Milliseconds.Count} in {Elapsed.TotalSeconds:0.00} s = {PerSecond:0.0}/s; p50 {Percentile(50):0.0} ms, p95 {Percentile(95):0.0} ms, p99 {Percentile(99):0.0} ms; not acknowledged {Errors}");

    /// <summary>The figures as shell assignments (<c>SAVE_PER_S=61.7</c>) for the bench script to source.</summary>
    public IEnumerable<string> AsResults(string prefix) =>
    [
        string.Create(CultureInfo.InvariantCulture, $"{prefix}_COUNT={Milliseconds.Count}"),
        string.Create(CultureInfo.InvariantCulture, $"{prefix}_ERRORS={Errors}"),
        string.Create(CultureInfo.InvariantCulture, $"{prefix}_SECONDS={Elapsed.TotalSeconds:0.00}"),
        string.Create(CultureInfo.InvariantCulture, $"{prefix}_PER_S={PerSecond:0.0}"),
        string.Create(CultureInfo.InvariantCulture, $"{prefix}_P50={Percentile(50):0.0}"),
        string.Create(CultureInfo.InvariantCulture, $"{prefix}_P95={Percentile(95):0.0}"),
        string.Create(CultureInfo.InvariantCulture, $"{prefix}_P99={Percentile(99):0.0}"),
    ];
}
