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
public sealed class PostgreSqlDbContext(DbContextOptions<PostgreSqlDbContext> options) : FairFundDbContext(options, writeGate: null)
{
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
        catch (DbUpdateException clash) when (AsEditConflict(clash) is { } conflict)
        {
            throw conflict;
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        catch (DbUpdateException clash) when (AsEditConflict(clash) is { } conflict)
        {
            throw conflict;
        }
    }

    /// <summary>
    /// Two saves of the same change at once (a double click on Send): with writers side by side, the second can meet
    /// the first's new row on a unique key before its version check, and it is the same edit conflict, so the pages'
    /// one way of handling a conflict applies.
    /// </summary>
    private static DbUpdateConcurrencyException? AsEditConflict(DbUpdateException clash) =>
        clash is not DbUpdateConcurrencyException && clash.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique
            ? new DbUpdateConcurrencyException($"Another save changed the same records at the same time ({unique.ConstraintName}).", clash)
            : null;

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
