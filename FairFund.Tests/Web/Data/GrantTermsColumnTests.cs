using System.Text.Json;
using FairFund.Domain.Grants;
using FairFund.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Data;

/// <summary>
/// A round made before grants has its grant terms from the migration's default for the new column: they must read
/// back as <see cref="GrantTerms.Default"/>, or every grant such a round offers would be on other terms.
/// </summary>
[Trait(PostgreSqlTestDatabase.Trait, PostgreSqlTestDatabase.SqliteOnly)]
public sealed class GrantTermsColumnTests : IDisposable
{
    private readonly FairFundFactory factory = new();

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task RoundFromBeforeGrants_HoldingTheColumnsDefault_ReadsAsTheDefaultTerms()
    {
        _ = factory.Services;
        using (var connection = new SqliteConnection(DataSetup.SqliteConnectionString(factory.DataDirectory.FullName)))
        {
            connection.Open();
            using var column = connection.CreateCommand();
            column.CommandText = "SELECT dflt_value FROM pragma_table_info('Rounds') WHERE name = 'GrantTermsJson'";
            var quoted = Assert.IsType<string>(column.ExecuteScalar());
            // As SQLite keeps a default: the SQL literal, quoted.
            using var reset = connection.CreateCommand();
            reset.CommandText = $"UPDATE Rounds SET GrantTermsJson = {quoted}";
            Assert.True(reset.ExecuteNonQuery() > 0);
        }

        var terms = await factory.WithScopeAsync(async services =>
            (await services.GetRequiredService<FairFundDbContext>().Rounds.AsNoTracking().FirstAsync()).GrantTerms);

        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Assert.Equal(JsonSerializer.Serialize(GrantTerms.Default, web), JsonSerializer.Serialize(terms, web));
        Assert.Empty(terms.Check());
    }
}
