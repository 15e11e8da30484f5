using System.Diagnostics;
using System.Net;
using FairFund.Web.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace FairFund.Bench;

/// <summary>
/// The machine's limit for the deadline rush: the most requests a second that can each commit one row to SQLite.
/// <c>commit-limit-server DATA_DIR</c> is a bare Kestrel endpoint (on ASPNETCORE_URLS): <c>POST /commit</c> inserts
/// the posted text as one row of a fresh database in DATA_DIR and answers 204 once it is committed, with the app's
/// own SQLite settings: write-ahead logging, <c>synchronous = FULL</c>, its busy timeout, and writers queued at a
/// <see cref="SqliteWriteGate"/>. <c>commit-load URL --users 50 --seconds 20 --results FILE</c> drives it with the
/// rush's client: one HttpClient per user, each posting a form as soon as the last was answered.
/// </summary>
public static class CommitLimit
{
    public const string ServerCommand = "commit-limit-server";
    public const string LoadCommand = "commit-load";

    public static bool IsInvokedBy(string[] args) => args.Length > 0 && args[0] is ServerCommand or LoadCommand;

    public static Task<int> RunAsync(string[] args) => args[0] == ServerCommand ? ServeAsync(args) : LoadAsync(args);

    private static async Task<int> ServeAsync(string[] args)
    {
        if (args.Length < 2)
        {
            await Console.Error.WriteLineAsync($"Usage: {ServerCommand} DATA_DIR (listens on ASPNETCORE_URLS)");
            return 2;
        }
        var dataDirectory = Path.GetFullPath(args[1]);
        Directory.CreateDirectory(dataDirectory);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, "limit.db"),
            Pooling = true,
            DefaultTimeout = SqliteConnectionSettings.BusyTimeoutSeconds,
        }.ToString();
        await using (var setup = new SqliteConnection(connectionString))
        {
            await setup.OpenAsync();
            await ExecuteAsync(setup, "PRAGMA journal_mode = WAL; CREATE TABLE IF NOT EXISTS Hits (Id INTEGER PRIMARY KEY, Body TEXT NOT NULL, At TEXT NOT NULL);");
        }

        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        using var gate = new SqliteWriteGate();
        var pragmas = $"PRAGMA synchronous = FULL; PRAGMA busy_timeout = {SqliteConnectionSettings.BusyTimeoutSeconds * 1000};";
        app.MapPost("/commit", async (HttpRequest request, CancellationToken cancellationToken) =>
        {
            var form = await request.ReadFormAsync(cancellationToken);
            using var turn = await gate.WaitAsync(cancellationToken);
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await ExecuteAsync(connection, pragmas);
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO Hits (Body, At) VALUES ($body, $at);";
            insert.Parameters.AddWithValue("$body", form["Body"].ToString());
            insert.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O"));
            await insert.ExecuteNonQueryAsync(cancellationToken);
            return Results.NoContent();
        });
        app.MapGet("/healthz", () => "ok");
        await app.RunAsync();
        return 0;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<int> LoadAsync(string[] args)
    {
        if (args.Length < 2 || args[1].StartsWith("--", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync($"Usage: {LoadCommand} URL --users 50 --seconds 20 --results FILE");
            return 2;
        }
        var url = new Uri(args[1]);
        var count = BenchArgs.Int(args, "--users", 50);
        var seconds = BenchArgs.Int(args, "--seconds", 20);
        var resultsFile = BenchArgs.Text(args, "--results") ?? throw new ArgumentException("--results FILE is needed.");
        var serverCpu = new ProcessCpu(BenchArgs.Int(args, "--server-pid", 0));
        var clients = Enumerable.Range(1, count)
            .Select(_ => new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }))
            .ToList();
        try
        {
            var pressed = 0;
            async Task<double?> Press(HttpClient client)
            {
                using var form = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["Body"] = $"Adults in ward {Interlocked.Increment(ref pressed)} who feel isolated, and their carers.",
                });
                var started = Stopwatch.GetTimestamp();
                using var response = await client.PostAsync(url, form);
                var took = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                return response.StatusCode == HttpStatusCode.NoContent ? took : null;
            }

            await ClosedLoop.RunAsync(clients, TimeSpan.FromSeconds(2), Press);
            var cpuBefore = serverCpu.Used();
            var limit = await ClosedLoop.RunAsync(clients, TimeSpan.FromSeconds(seconds), Press);
            var cpu = serverCpu.Used() - cpuBefore;
            await File.WriteAllLinesAsync(resultsFile, [.. limit.AsResults("LIMIT"),
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"LIMIT_CPU_MS={cpu.TotalMilliseconds / Math.Max(1, limit.Milliseconds.Count):0.00}")]);
            Console.WriteLine($"   limit: {limit.Describe()}; the server's CPU {cpu.TotalSeconds:0.00} s");
            return limit.Errors == 0 ? 0 : 1;
        }
        finally
        {
            foreach (var client in clients) client.Dispose();
        }
    }
}
