using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Claims;
using FairFund.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FairFund.Bench.StackFloor;

/// <summary>
/// The stack floor for the deadline rush: the least an app on FairFund's fixed stack (ASP.NET Core Razor Pages,
/// cookie authentication, antiforgery, EF Core on SQLite) can do for one "Save and continue", to set the rush
/// beside something fairer than a bare commit. <c>stack-floor-server DATA_DIR</c> (on ASPNETCORE_URLS) serves
/// <c>POST /sign-in/{user}</c>, which makes the user's row if it is missing and issues the cookie, and one Razor
/// Page, <c>/answers/{user}</c> (<see cref="Pages.AnswerModel"/>), with FairFund's SQLite settings (WAL,
/// <c>synchronous = FULL</c>, its busy timeout, writers queued at a <see cref="SqliteWriteGate"/>).
/// <c>stack-floor-load BASE_URL --users 50 --seconds 20 --results FILE [--server-pid PID]</c> signs the users in,
/// then each keeps opening the page and pressing its button, with the rush's client and timing: only the POST is
/// timed, and a save counts when it is answered with the redirect.
/// </summary>
public static class StackFloorBench
{
    public const string ServerCommand = "stack-floor-server";
    public const string LoadCommand = "stack-floor-load";

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

        // The content root is the data folder, so no settings file lying in the folder the bench was started from is read.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = dataDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<SqliteWriteGate>();
        // FairFund's own connection string and per-connection settings, with the options built once as the app builds them.
        builder.Services.AddDbContext<FloorDbContext>(options => options.UseFairFundSqlite(dataDirectory), optionsLifetime: ServiceLifetime.Singleton);
        builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys"))).SetApplicationName("FairFund.StackFloor");
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
        builder.Services.AddAuthorization();
        var pages = typeof(StackFloorBench).Assembly;
        builder.Services.AddRazorPages(options => options.RootDirectory = "/StackFloor/Pages")
            // Only this assembly's page: MVC would otherwise find FairFund.Web, a dependency, and route its pages too.
            .ConfigureApplicationPartManager(parts =>
            {
                parts.ApplicationParts.Clear();
                foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(pages).GetApplicationParts(pages)) parts.ApplicationParts.Add(part);
            });

        var app = builder.Build();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FloorDbContext>();
            await db.Database.EnsureCreatedAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }

        app.UseAuthentication();
        app.UseAuthorization();
        // Preparation, not timed: no password to check, as the floor is what a save costs once signed in.
        app.MapPost("/sign-in/{user:int}", async (int user, HttpContext http, FloorDbContext db) =>
        {
            var owner = Owner(user);
            if (await db.Answers.FindAsync(user) is null)
            {
                db.Answers.Add(new FloorAnswer { Id = user, Owner = owner, Text = "" });
                await db.SaveChangesAsync();
            }
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, owner)], CookieAuthenticationDefaults.AuthenticationScheme);
            await http.SignInAsync(new ClaimsPrincipal(identity));
            return Results.Redirect($"/answers/{user}");
        });
        app.MapRazorPages();
        app.MapGet("/healthz", () => "ok");
        await app.RunAsync();
        return 0;
    }

    private static string Owner(int user) => string.Create(CultureInfo.InvariantCulture, $"user-{user}");

    private static async Task<int> LoadAsync(string[] args)
    {
        if (args.Length < 2 || args[1].StartsWith("--", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync($"Usage: {LoadCommand} BASE_URL --users 50 --seconds 20 --results FILE [--server-pid PID]");
            return 2;
        }
        var baseAddress = new Uri(args[1]);
        var count = BenchArgs.Int(args, "--users", 50);
        var seconds = BenchArgs.Int(args, "--seconds", 20);
        var resultsFile = BenchArgs.Text(args, "--results") ?? throw new ArgumentException("--results FILE is needed.");
        var serverCpu = new ProcessCpu(BenchArgs.Int(args, "--server-pid", 0));
        var users = Enumerable.Range(1, count).Select(number => new FloorUser(number, baseAddress)).ToList();
        try
        {
            foreach (var user in users) await user.SignInAsync();
            // Warmed up as the rush is, for as long as it is timed (up to 10 s), so the JIT's second tier has compiled the paths.
            var warm = await ClosedLoop.RunAsync(users, TimeSpan.FromSeconds(Math.Min(10, seconds)), user => user.SaveAsync());
            if (warm.Errors > 0) throw new InvalidOperationException($"{warm.Errors} saves failed while warming up.");
            var cpuBefore = serverCpu.Used();
            var floor = await ClosedLoop.RunAsync(users, TimeSpan.FromSeconds(seconds), user => user.SaveAsync());
            var cpu = serverCpu.Used() - cpuBefore;
            await File.WriteAllLinesAsync(resultsFile, [.. floor.AsResults("FLOOR"),
                string.Create(CultureInfo.InvariantCulture, $"FLOOR_CPU_MS={cpu.TotalMilliseconds / Math.Max(1, floor.Milliseconds.Count):0.00}")]);
            Console.WriteLine($"   stack floor: {floor.Describe()}; the server's CPU {cpu.TotalSeconds:0.00} s");
            return floor.Errors == 0 ? 0 : 1;
        }
        finally
        {
            foreach (var user in users) user.Dispose();
        }
    }

    /// <summary>One user in a browser of their own, as in the rush: cookies kept, redirects not followed.</summary>
    private sealed class FloorUser(int number, Uri baseAddress) : IDisposable
    {
        private readonly HttpClient http = new(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = baseAddress };
        private readonly Uri page = new($"/answers/{number}", UriKind.Relative);
        private int saves;

        public async Task SignInAsync()
        {
            using var signIn = await http.PostAsync(new Uri($"/sign-in/{number}", UriKind.Relative), null);
            if (signIn.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Sign-in as user {number} answered {(int)signIn.StatusCode}.");
        }

        /// <summary>Opens the page and presses its button; the POST's time in ms, or null when it was not answered with the redirect.</summary>
        public async Task<double?> SaveAsync()
        {
            var html = await http.GetStringAsync(page);
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Answer"] = string.Create(CultureInfo.InvariantCulture, $"Adults in ward {number} who feel isolated, and their carers (save {++saves})."),
                ["Version"] = RushClient.Version(html),
                ["action"] = "continue",
                ["__RequestVerificationToken"] = RushClient.Token(html),
            });
            var started = Stopwatch.GetTimestamp();
            using var response = await http.PostAsync(page, form);
            var took = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            return response.StatusCode == HttpStatusCode.Redirect ? took : null;
        }

        public void Dispose() => http.Dispose();
    }
}
