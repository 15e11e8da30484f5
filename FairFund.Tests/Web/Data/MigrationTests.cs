using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Tests.Web.Data;

/// <summary>
/// The app migrates only when a migration is missing from the database, so EF's own check at start-up (that the
/// model has no change without a migration) no longer runs on every start; this test makes it instead.
/// </summary>
public sealed class MigrationTests
{
    [Fact]
    public void Model_AsTheCodeHasIt_HasAMigrationForEveryChange()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(),
            "The model has changes no migration makes: dotnet ef migrations add NAME --project FairFund.Web --context FairFundDbContext --output-dir Data/Migrations/Sqlite");
    }

    [Fact]
    public void Model_OnPostgreSql_HasAMigrationForEveryChange()
    {
        using var db = new PostgreSqlDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(),
            "The model has changes no PostgreSQL migration makes: dotnet ef migrations add NAME --project FairFund.Web --context PostgreSqlDbContext --output-dir Data/Migrations/PostgreSql");
    }

    [Fact]
    public void Model_OnPostgreSql_KeepsJsonAsJsonAndTimesAsInstants()
    {
        using var db = new PostgreSqlDesignTimeFactory().CreateDbContext([]);
        var properties = db.Model.GetEntityTypes().SelectMany(type => type.GetProperties()).ToList();

        var answers = properties.Single(property => property.GetColumnName() == "AnswersJson");
        Assert.Equal(PostgreSqlDbContext.JsonColumnType, answers.GetColumnType());
        // The outbox keeps its times as UTC ticks on every database (OutboxMessageConfiguration); every other time is a timestamptz.
        var times = properties.Where(property => (property.ClrType == typeof(DateTimeOffset) || property.ClrType == typeof(DateTimeOffset?))
            && property.DeclaringType.ClrType != typeof(FairFund.Web.Email.OutboxMessage)).ToList();
        Assert.NotEmpty(times);
        Assert.All(times,
            property => Assert.Equal("timestamp with time zone", property.GetColumnType()));
        Assert.Equal("numeric", properties.First(property => property.ClrType == typeof(decimal)).GetColumnType());
    }
}
