using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using FairFund.Domain.Applications;
using FairFund.Domain.Organisations;
using FairFund.Web.Accounts;
using FairFund.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Tests.Web.Data;

/// <summary>
/// The app as it runs for real: FairFund.Web in a process of its own (Production) on a data folder of its own.
/// Groups press "Send application" all at once; the process is killed with SIGKILL as soon as the first send is
/// acknowledged; a restart on the same folder must find every acknowledged send, and SQLite its file sound.
/// </summary>
[Trait(PostgreSqlTestDatabase.Trait, PostgreSqlTestDatabase.SqliteOnly)]
public sealed class KillDuringRushTests
{
    private const int Groups = 24;
    private const string Round = "CW-MH-2027-R1";
    private const string Password = "kill-during-rush-2027";

    [Fact]
    public async Task Send_AppKilledWhileGroupsAreSending_EveryAcknowledgedSendIsStoredAfterARestart()
    {
        var data = Directory.CreateTempSubdirectory("fairfund-kill-");
        try
        {
            // The first start makes the database and the demo round.
            await using (await AppProcess.StartAsync(data.FullName))
            {
            }
            await SeedGroupsAsync(data.FullName);

            var acknowledged = new ConcurrentBag<string>();
            int tried;
            await using (var app = await AppProcess.StartAsync(data.FullName))
            {
                var groups = new List<Sender>();
                for (var number = 1; number <= Groups; number++) groups.Add(await Sender.ReadyAsync(app.BaseAddress, number));
                var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var sends = groups.Select(group => Task.Run(async () =>
                {
                    await go.Task;
                    if (!await group.SendAsync()) return;
                    acknowledged.Add(group.Reference);
                    app.Kill();
                })).ToList();
                go.SetResult();
                await Task.WhenAll(sends);
                tried = groups.Count;
                foreach (var group in groups) group.Dispose();
            }

            // A real start on the same folder: SQLite recovers its log, the app migrates and answers.
            await using (await AppProcess.StartAsync(data.FullName))
            {
            }
            var (stored, integrity) = await StoredAsync(data.FullName);

            Assert.NotEmpty(acknowledged);
            Assert.True(acknowledged.Count <= tried);
            Assert.All(acknowledged, reference => Assert.Equal(ApplicationState.Submitted, stored[reference]));
            Assert.Equal("ok", integrity);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            data.Delete(recursive: true);
        }
    }

    private static DbContextOptions<FairFundDbContext> Options(string dataDirectory)
    {
        var builder = new DbContextOptionsBuilder<FairFundDbContext>();
        builder.UseFairFundSqlite(dataDirectory);
        return builder.Options;
    }

    /// <summary>Confirmed applicants, each with a group and a draft ready to send, as seeded for the bench's rush.</summary>
    private static async Task SeedGroupsAsync(string dataDirectory)
    {
        await using var db = new FairFundDbContext(Options(dataDirectory));
        var round = await db.Rounds.AsNoTracking().SingleAsync(r => r.Reference == Round);
        var role = await db.Roles.Where(r => r.Name == Roles.Applicant).Select(r => r.Id).SingleAsync();
        var hash = new PasswordHasher<IdentityUser>().HashPassword(new IdentityUser(), Password);
        for (var number = 1; number <= Groups; number++)
        {
            var email = Sender.Email(number);
            var user = new IdentityUser(email)
            {
                Email = email, NormalizedEmail = email.ToUpperInvariant(), NormalizedUserName = email.ToUpperInvariant(),
                EmailConfirmed = true, PasswordHash = hash, SecurityStamp = Guid.NewGuid().ToString("N"),
            };
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = role });
            var group = new OrganisationProfile(Guid.NewGuid(), new ProfileDetails(
                $"Kill Test Group {number}", OrganisationType.UnregisteredGroup, null, null, null, 5_000m, new DateOnly(2026, 3, 31), "CV1 1AA",
                "Coventry", 5, 3, 3, [new Contact($"Contact {number}", "Coordinator", email)]));
            db.Organisations.Add(group);
            db.OrganisationMembers.Add(new OrganisationMember { OrganisationId = group.Id, UserId = user.Id });
            var application = new Application(Guid.NewGuid(), round.Id, group.Id, $"{Round}-{number:0000}");
            Apply.Drafts.AnswerEverything(application);
            db.Applications.Add(application);
        }
        await db.SaveChangesAsync();
    }

    private static async Task<(Dictionary<string, ApplicationState> Stored, string Integrity)> StoredAsync(string dataDirectory)
    {
        await using var db = new FairFundDbContext(Options(dataDirectory));
        var stored = await db.Applications.AsNoTracking().ToDictionaryAsync(application => application.Reference, application => application.State);
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        return (stored, (string)(await command.ExecuteScalarAsync())!);
    }

    /// <summary>A group's person in a browser of their own, signed in, with "Check your answers" open.</summary>
    private sealed class Sender : IDisposable
    {
        private readonly HttpClient http;
        private PageForm? send;

        private Sender(Uri baseAddress, int number)
        {
            http = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = baseAddress };
            Reference = $"{Round}-{number:0000}";
        }

        public string Reference { get; }

        public static string Email(int number) => $"kill{number}@applicant.fairfund.test";

        public static async Task<Sender> ReadyAsync(Uri baseAddress, int number)
        {
            var sender = new Sender(baseAddress, number);
            using var signIn = await sender.http.PostFormAsync("/account/sign-in", new() { ["Input.Email"] = Email(number), ["Input.Password"] = Password });
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            var check = $"/apply/applications/{sender.Reference}/check";
            sender.send = await sender.http.FormAsync(check, []);
            Assert.Contains(sender.send.Buttons, button => button.Text == "Send application");
            return sender;
        }

        /// <summary>Presses "Send application"; true only when the app answered that it was sent.</summary>
        public async Task<bool> SendAsync()
        {
            try
            {
                using var response = await send!.SubmitAsync(http);
                return response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.EndsWith("/sent", StringComparison.Ordinal);
            }
            catch (HttpRequestException)
            {
                // The app was killed before it answered: not acknowledged, so either outcome is correct.
                return false;
            }
        }

        public void Dispose() => http.Dispose();
    }

    /// <summary>FairFund.Web's own build, run with <c>dotnet FairFund.Web.dll</c> in Production; disposing kills it.</summary>
    private sealed class AppProcess : IAsyncDisposable
    {
        private readonly Process process;
        private readonly ConcurrentQueue<string> lastLines = new();

        private AppProcess(Process process, Uri baseAddress)
        {
            this.process = process;
            BaseAddress = baseAddress;
        }

        public Uri BaseAddress { get; }

        public static async Task<AppProcess> StartAsync(string dataDirectory)
        {
            var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
            var web = WebBuild();
            var start = new ProcessStartInfo("dotnet", [Path.Combine(web, "FairFund.Web.dll")])
            {
                WorkingDirectory = web,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                Environment =
                {
                    ["ASPNETCORE_ENVIRONMENT"] = "Production",
                    ["ASPNETCORE_URLS"] = baseAddress.ToString(),
                    ["FairFund__DataDirectory"] = dataDirectory,
                    ["FairFund__PublicBaseUrl"] = baseAddress.ToString(),
                    ["FairFund__DemoData"] = "true",
                    ["FairFund__SignInAttemptsPerMinute"] = "1000",
                },
            };
            var app = new AppProcess(Process.Start(start)!, baseAddress);
            app.process.OutputDataReceived += (_, line) => app.Keep(line.Data);
            app.process.ErrorDataReceived += (_, line) => app.Keep(line.Data);
            app.process.BeginOutputReadLine();
            app.process.BeginErrorReadLine();
            await app.ReadyAsync();
            return app;
        }

        public void Kill()
        {
            try
            {
                // SIGKILL on Linux: no shutdown code runs.
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }

        private async Task ReadyAsync()
        {
            using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
            var giveUpAt = DateTime.UtcNow.AddSeconds(120);
            while (DateTime.UtcNow < giveUpAt)
            {
                if (process.HasExited) break;
                try
                {
                    using var health = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
                    if (health.IsSuccessStatusCode) return;
                }
                catch (Exception problem) when (problem is HttpRequestException or TaskCanceledException)
                {
                    // Not listening yet.
                }
                await Task.Delay(250);
            }
            Kill();
            throw new InvalidOperationException("FairFund.Web did not become healthy:\n" + string.Join("\n", lastLines));
        }

        private void Keep(string? line)
        {
            if (line is null) return;
            lastLines.Enqueue(line);
            while (lastLines.Count > 40) lastLines.TryDequeue(out _);
        }

        public async ValueTask DisposeAsync()
        {
            Kill();
            await process.WaitForExitAsync();
            process.Dispose();
        }

        /// <summary>FairFund.Web's own output folder, built in the same configuration as these tests.</summary>
        private static string WebBuild()
        {
            var tests = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var (framework, configuration) = (tests.Name, tests.Parent!.Name);
            var root = tests;
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "FairFund.sln"))) root = root.Parent;
            if (root is null) throw new InvalidOperationException($"No FairFund.sln above {AppContext.BaseDirectory}.");
            return Path.Combine(root.FullName, "FairFund.Web", "bin", configuration, framework);
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
