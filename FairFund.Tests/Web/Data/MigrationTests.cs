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
            "The model has changes no migration makes: dotnet ef migrations add NAME --project FairFund.Web --output-dir Data/Migrations/Sqlite");
    }
}
