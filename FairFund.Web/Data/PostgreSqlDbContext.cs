using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;

namespace FairFund.Web.Data;

/// <summary>
/// FairFund's model on PostgreSQL. A type of its own because EF Core finds a provider's migrations by the context
/// type they were made for: SQLite's are in <c>Data/Migrations/Sqlite</c>, these in <c>Data/Migrations/PostgreSql</c>.
/// Only how values are stored differs; what is stored is the same model.
/// </summary>
public sealed class PostgreSqlDbContext(DbContextOptions<PostgreSqlDbContext> options) : FairFundDbContext(options, writeGate: null), IDataProtectionKeyContext
{
    /// <summary>
    /// The keys that sign cookies and emailed links, here rather than in the data folder, so that a cookie or a link
    /// made by one instance works on every other (on SQLite there is one instance, and they stay with its data).
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>The column type of every JSON column: <c>json</c> keeps the text exactly as written (canonical JSON stays byte for byte), unlike <c>jsonb</c>.</summary>
    public const string JsonColumnType = "json";

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        base.ConfigureConventions(configurationBuilder);
        // A timestamptz holds an instant, and Npgsql refuses to write an offset other than zero; times entered in
        // UK local time are the same instant in UTC.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcInstant>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Every JSON value is kept in a column named for it (AnswersJson, FormJson, …): PostgreSQL checks it is JSON.
        foreach (var property in builder.Model.GetEntityTypes().SelectMany(type => type.GetProperties()))
        {
            if (property.GetColumnName().EndsWith("Json", StringComparison.Ordinal) && (property.GetValueConverter()?.ProviderClrType ?? property.ClrType) == typeof(string))
                property.SetColumnType(JsonColumnType);
        }
    }

    /// <summary>
    /// Several instances write side by side here, with no write gate: the blocks that read then write take one
    /// transaction-scoped lock instead, so they run one at a time across every instance, as on SQLite.
    /// </summary>
    protected override async Task TakeOneWriteLockAsync(CancellationToken cancellationToken) =>
        await Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({OneWriteLockKey})", cancellationToken);

    // An arbitrary number that no other advisory lock of FairFund's uses.
    private const long OneWriteLockKey = 4_611_203_771;

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        catch (DbUpdateException clash) when (IsUniqueClash(clash) && ChangedVersions().Any(changed => !Equals(changed.GetDatabaseValues()?[VersionColumn], changed.OriginalValues[VersionColumn])))
        {
            throw AsEditConflict(clash);
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        catch (DbUpdateException clash) when (IsUniqueClash(clash))
        {
            foreach (var changed in ChangedVersions())
            {
                var stored = await changed.GetDatabaseValuesAsync(cancellationToken);
                if (!Equals(stored?[VersionColumn], changed.OriginalValues[VersionColumn])) throw AsEditConflict(clash);
            }
            throw;
        }
    }

    /// <summary>
    /// Two saves of the same change at once (a double click on Send): writers run side by side here, and the second
    /// save's commands go to the server in one batch, so its new row can meet the first's on a unique key before
    /// EF sees that its version check matched nothing. When a record it changes has a newer version than it read,
    /// that is the edit conflict it is, and the pages' one way of handling a conflict applies; otherwise the unique
    /// key was simply broken, as on SQLite. (Inside a transaction of the caller's the records cannot be read again,
    /// and such work runs one at a time anyway: <see cref="TakeOneWriteLockAsync"/>.)
    /// </summary>
    private bool IsUniqueClash(DbUpdateException clash) =>
        clash is not DbUpdateConcurrencyException && Database.CurrentTransaction is null
        && clash.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    private List<Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry> ChangedVersions() =>
        [.. ChangeTracker.Entries().Where(entry => entry.State == EntityState.Modified && entry.Metadata.FindProperty(VersionColumn) is not null)];

    private static DbUpdateConcurrencyException AsEditConflict(DbUpdateException clash) =>
        new($"Another save changed the same records at the same time ({((PostgresException)clash.InnerException!).ConstraintName}).", clash);

    private sealed class UtcInstant() : ValueConverter<DateTimeOffset, DateTimeOffset>(value => value.ToUniversalTime(), value => value);
}

/// <summary>
/// Lets <c>dotnet ef migrations add NAME --context PostgreSqlDbContext --output-dir Data/Migrations/PostgreSql</c>
/// build the PostgreSQL model without a server or the app.
/// </summary>
public sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlDbContext>
{
    public PostgreSqlDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlDbContext>().UseNpgsql("Host=localhost;Database=fairfund_design_time").Options);
}
