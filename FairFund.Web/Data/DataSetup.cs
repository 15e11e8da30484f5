using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace FairFund.Web.Data;

/// <summary>Where FairFund keeps its data, and how the database is opened and brought up to date.</summary>
public static class DataSetup
{
    /// <summary>The data folder: <c>FairFund:DataDirectory</c>, by default <c>data</c> in the folder the app was started from.</summary>
    public static string DataDirectory(IConfiguration configuration) =>
        Path.GetFullPath(configuration["FairFund:DataDirectory"] is { Length: > 0 } configured ? configured : "data");

    public static string SqliteConnectionString(string dataDirectory) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(dataDirectory, "fairfund.db"),
        ForeignKeys = true,
        Pooling = true,
        // How long a command may wait for a lock, counted by Microsoft.Data.Sqlite; SQLite's own busy timeout matches it.
        DefaultTimeout = SqliteConnectionSettings.BusyTimeoutSeconds,
    }.ToString();

    /// <summary>
    /// The database the settings name (<see cref="DatabaseSettings"/>). On SQLite, the write path that suits it: the
    /// app's writers queue at one <see cref="SqliteWriteGate"/>, and every connection is set up by
    /// <see cref="SqliteConnectionSettings"/>; a sent application is committed with <c>synchronous = FULL</c>, so it
    /// is kept through a power cut. On PostgreSQL the server orders the writers itself.
    /// </summary>
    public static IServiceCollection AddFairFundData(this IServiceCollection services, IConfiguration configuration)
    {
        var database = DatabaseSettings.Read(configuration);
        services.AddSingleton(database);
        var dataDirectory = DataDirectory(configuration);
        Directory.CreateDirectory(dataDirectory);
        // The options are the same for every request, so they are built once rather than on each request's first query.
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            services.AddDbContext<FairFundDbContext, PostgreSqlDbContext>(
                options => options.UseNpgsql(database.ConnectionString).AddInterceptors(BankDetailsProtection.Instance),
                optionsLifetime: ServiceLifetime.Singleton);
            // The Data Protection key store asks for the context by its own type.
            services.AddScoped(provider => (PostgreSqlDbContext)provider.GetRequiredService<FairFundDbContext>());
            return services;
        }
        services.AddSingleton<SqliteWriteGate>();
        services.AddDbContext<FairFundDbContext>(options => options.UseFairFundSqlite(dataDirectory).AddInterceptors(BankDetailsProtection.Instance),
            optionsLifetime: ServiceLifetime.Singleton);
        return services;
    }

    /// <summary>FairFund's SQLite database in <paramref name="dataDirectory"/>, with its per-connection settings; for tools that open it too.</summary>
    public static DbContextOptionsBuilder UseFairFundSqlite(this DbContextOptionsBuilder options, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.UseSqlite(SqliteConnectionString(dataDirectory)).AddInterceptors(SqliteConnectionSettings.Instance);
    }

    /// <summary>Creates or migrates the database if it lacks a migration, and turns on write-ahead logging so readers never wait for a writer.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FairFundDbContext>();
        // Migrate compares the whole model with the last migration's snapshot, a tenth of a second of CPU even with
        // nothing to apply, and the app starts hundreds of times in its tests. Whether every model change has its
        // migration is checked by a test instead (MigrationTests).
        if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any()) await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }
}

/// <summary>
/// Lets <c>dotnet ef migrations add NAME --project FairFund.Web --context FairFundDbContext --output-dir Data/Migrations/Sqlite</c>
/// build the SQLite model without starting the app. PostgreSQL has its own set beside it (<see cref="PostgreSqlDesignTimeFactory"/>),
/// as EF Core needs one migration set per provider.
/// </summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<FairFundDbContext>
{
    public FairFundDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<FairFundDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
