using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FairFund.Tests.Web;

/// <summary>
/// The real app on a real SQLite file in a folder of its own, with the real migrations and demo data,
/// and a clock the test controls.
/// </summary>
public sealed class FairFundFactory : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Start = new(2027, 3, 1, 9, 30, 0, TimeSpan.Zero);

    /// <summary>The app's data folder; a second factory given the first one's is the app restarted on the same data.</summary>
    public DirectoryInfo DataDirectory
    {
        get => _dataDirectory ??= Directory.CreateTempSubdirectory("fairfund-web-");
        init => _dataDirectory = value;
    }

    private DirectoryInfo? _dataDirectory;

    /// <summary>Development unless a test says otherwise; outside Development the app needs its production settings.</summary>
    public string EnvironmentName { get; init; } = "Development";

    public FakeTimeProvider Clock { get; } = new(Start);

    public int SignInAttemptsPerMinute { get; init; } = 1_000;

    public int RegisterAttemptsPerMinute { get; init; } = 1_000;

    public int ResendConfirmationAttemptsPerMinute { get; init; } = 1_000;

    public int ForgotPasswordAttemptsPerMinute { get; init; } = 1_000;

    /// <summary>Applications one person may send a minute; the demo applicant sends many across a class sharing one app.</summary>
    public int SendsPerMinute { get; init; } = 1_000;

    /// <summary>Changes to the app's services for one test, applied after the app's own.</summary>
    public Action<IServiceCollection>? WithServices { get; init; }

    /// <summary>Where the app writes the mail it sends, one <c>.eml</c> file a message.</summary>
    public string MailFolder => Path.Combine(DataDirectory.FullName, "mail");

    /// <summary>
    /// Whether the background clock that closes rounds runs. A test that moves the clock on by weeks turns it
    /// off: the fake clock would fire its one-minute timer once for every minute skipped. Pages close due
    /// rounds themselves whenever they load one, so closing still happens.
    /// </summary>
    public bool RunRoundClock { get; init; } = true;

    /// <summary>
    /// Whether the background deadline reminders run: off unless a test asks, since a test that moves the clock near a
    /// round's close would otherwise find reminders it did not ask for in its mailbox. Reminder tests call the clock's pass themselves.
    /// </summary>
    public bool RunDeadlineReminderClock { get; init; }

    /// <summary>
    /// Whether the background worker that sends queued mail runs. Tests of the outbox turn it off and run
    /// <see cref="DeliverMail"/> themselves, so each pass happens exactly when the test says.
    /// </summary>
    public bool RunMailWorker { get; init; } = true;

    /// <summary>Settings for the app under test, such as <c>FairFund:Mail:Smtp:Host</c>.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Sends every queued message that is due now, as the background worker would, and returns how many were
    /// accepted. Passes never overlap, so after this returns, everything due has been tried. Run on the
    /// thread pool so that tests reading the mailbox synchronously cannot deadlock on xunit's context.
    /// </summary>
    public int DeliverMail() => Task.Run(async () =>
    {
        await Services.GetRequiredService<FairFund.Web.Accounts.AccountRequests>().WhenAllDoneAsync();
        return await Services.GetRequiredService<FairFund.Web.Email.OutboxDispatcher>().SendDueAsync(CancellationToken.None);
    }).GetAwaiter().GetResult();

    /// <summary>
    /// Waits until the account forms' queued work (creating accounts, making their emails) is done, as a person
    /// reading their email a moment later would find it.
    /// </summary>
    public void FinishAccountRequests() =>
        Task.Run(() => Services.GetRequiredService<FairFund.Web.Accounts.AccountRequests>().WhenAllDoneAsync()).GetAwaiter().GetResult();

    /// <summary>The address the app is reached at, which links in its emails use; unset (Development only), they use the address it listens on.</summary>
    public string? PublicBaseUrl { get; init; }

    /// <summary>
    /// Iterations of the password hash in tests. Tests sign in thousands of times, and each full-cost hash
    /// takes about a tenth of a second of CPU; Identity stores the count in each hash, so verifying still works.
    /// </summary>
    public const int TestPasswordHashIterations = 1;

    /// <summary>Whether passwords are hashed at the app's own (production) cost rather than <see cref="TestPasswordHashIterations"/>.</summary>
    public bool FullCostPasswordHashing { get; init; }

    /// <summary>
    /// Whether the app starts on a copy of <see cref="DatabaseTemplate"/> when it would otherwise make that same
    /// database itself: Development, demo data, the clock at <see cref="Start"/>, no database yet. Off for a
    /// test of that first start.
    /// </summary>
    public bool StartFromTemplate { get; init; } = true;

    protected override Microsoft.Extensions.Hosting.IHostBuilder? CreateHostBuilder()
    {
        // Here rather than in ConfigureWebHost: this runs on the test's own thread before the app is built, and
        // the template may have to start an app of its own.
        if (PostgreSqlTestDatabase.IsOn)
        {
            if (!Settings.ContainsKey(FairFund.Web.Data.DatabaseSettings.ConnectionStringKey) && !PostgreSqlTestDatabase.Exists(AppDataDirectory))
            {
                PostgreSqlTestDatabase.Create(AppDataDirectory, fromTemplate: StartsAsTheTemplateWasMade());
                _createdPostgreSqlDatabase = !KeepsItsDatabase;
            }
        }
        else if (StartsAsTheTemplateWasMade())
        {
            DatabaseTemplate.CopyTo(AppDataDirectory);
        }
        return base.CreateHostBuilder();
    }

    // Whether this app made its PostgreSQL database, and so drops it when disposed; an app restarted on another's data leaves it.
    private bool _createdPostgreSqlDatabase;

    /// <summary>For the PostgreSQL template only: the database outlives the app that made it.</summary>
    internal bool KeepsItsDatabase { get; init; }

    /// <summary>The folder the app uses: <see cref="DataDirectory"/> unless the test's settings name another.</summary>
    private DirectoryInfo AppDataDirectory => Settings.TryGetValue("FairFund:DataDirectory", out var named) ? new(named) : DataDirectory;

    private bool StartsAsTheTemplateWasMade() =>
        StartFromTemplate && !FullCostPasswordHashing && EnvironmentName == "Development" && Clock.GetUtcNow() == Start
        && !Settings.ContainsKey(FairFund.Web.Deployment.DeploymentSettings.DemoDataKey)
        && (PostgreSqlTestDatabase.IsOn || !File.Exists(DatabaseTemplate.DatabaseFile(AppDataDirectory)));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("FairFund:DataDirectory", DataDirectory.FullName);
        // Tests sign in many times from one address; the limit itself is tested with its own setting.
        builder.UseSetting("FairFund:SignInAttemptsPerMinute", SignInAttemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("FairFund:RegisterAttemptsPerMinute", RegisterAttemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("FairFund:ResendConfirmationAttemptsPerMinute", ResendConfirmationAttemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("FairFund:ForgotPasswordAttemptsPerMinute", ForgotPasswordAttemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("FairFund:SendsPerMinute", SendsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (PublicBaseUrl is not null) builder.UseSetting("FairFund:PublicBaseUrl", PublicBaseUrl);
        if (PostgreSqlTestDatabase.IsOn)
        {
            builder.UseSetting(FairFund.Web.Data.DatabaseSettings.ProviderKey, nameof(FairFund.Web.Data.DatabaseProvider.PostgreSql));
            builder.UseSetting(FairFund.Web.Data.DatabaseSettings.ConnectionStringKey, PostgreSqlTestDatabase.ConnectionString(AppDataDirectory));
        }
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            if (!FullCostPasswordHashing)
                services.Configure<Microsoft.AspNetCore.Identity.PasswordHasherOptions>(options => options.IterationCount = TestPasswordHashIterations);
            WithServices?.Invoke(services);
            if (!RunRoundClock)
            {
                foreach (var roundClock in services.Where(service => service.ImplementationType == typeof(FairFund.Web.Rounds.RoundClock)).ToList())
                    services.Remove(roundClock);
            }
            if (!RunDeadlineReminderClock)
            {
                foreach (var reminders in services.Where(service => service.ImplementationType == typeof(FairFund.Web.Deadlines.DeadlineReminderClock)).ToList())
                    services.Remove(reminders);
            }
            if (!RunMailWorker)
            {
                foreach (var worker in services.Where(service => service.ImplementationType == typeof(FairFund.Web.Email.OutboxWorker)).ToList())
                    services.Remove(worker);
            }
        });
    }

    /// <summary>
    /// Another instance of the app on this one's database, as a second server would run: on SQLite (one server) in the
    /// same data folder; on PostgreSQL in a folder of its own, sharing only the database.
    /// </summary>
    public FairFundFactory AnotherInstance() => PostgreSqlTestDatabase.IsOn
        ? new FairFundFactory
        {
            Settings = new Dictionary<string, string>(Settings)
            {
                [FairFund.Web.Data.DatabaseSettings.ConnectionStringKey] = PostgreSqlTestDatabase.ConnectionString(AppDataDirectory),
            },
        }
        : new FairFundFactory { DataDirectory = DataDirectory, Settings = Settings };

    /// <summary>Adds <paramref name="interceptor"/> to the app's database context, whichever database it is on.</summary>
    public static void AddDatabaseInterceptor(IServiceCollection services, Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor interceptor)
    {
        services.ConfigureDbContext<FairFund.Web.Data.FairFundDbContext>(options => options.AddInterceptors(interceptor));
        services.ConfigureDbContext<FairFund.Web.Data.PostgreSqlDbContext>(options => options.AddInterceptors(interceptor));
    }

    public T WithScope<T>(Func<IServiceProvider, T> use)
    {
        using var scope = Services.CreateScope();
        return use(scope.ServiceProvider);
    }

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> use)
    {
        await using var scope = Services.CreateAsyncScope();
        return await use(scope.ServiceProvider);
    }

    public async Task WithScopeAsync(Func<IServiceProvider, Task> use)
    {
        await using var scope = Services.CreateAsyncScope();
        await use(scope.ServiceProvider);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_createdPostgreSqlDatabase) PostgreSqlTestDatabase.DropWithFolder(AppDataDirectory, folderDeletedNow: AppDataDirectory.FullName == DataDirectory.FullName);
        if (Directory.Exists(DataDirectory.FullName)) Directory.Delete(DataDirectory.FullName, recursive: true);
    }
}
