using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web;

/// <summary>An app started on <see cref="DatabaseTemplate"/> must be indistinguishable from one that made its own database.</summary>
[Trait(PostgreSqlTestDatabase.Trait, PostgreSqlTestDatabase.SqliteOnly)]
public sealed class DatabaseTemplateTests
{
    [Fact]
    public async Task Start_OnTheTemplate_HoldsWhatAFirstStartMakesInEveryTableAndFolder()
    {
        using var firstStart = new FairFundFactory { StartFromTemplate = false };
        using var fromTemplate = new FairFundFactory();
        using var againFromTemplate = new FairFundFactory();

        var made = await ContentsAsync(firstStart);
        var copied = await ContentsAsync(fromTemplate);

        Assert.Equal(made.Rows, copied.Rows);
        Assert.Equal(made.Entries, copied.Entries);
        // Two copies of the one template share the demo round's generated id; the first start drew its own.
        Assert.Equal(copied.RoundId, (await ContentsAsync(againFromTemplate)).RoundId);
        Assert.NotEqual(made.RoundId, copied.RoundId);
    }

    private sealed record Contents(IReadOnlyList<string> Rows, IReadOnlyList<string> Entries, Guid RoundId);

    private static Task<Contents> ContentsAsync(FairFundFactory app) => app.WithScopeAsync(async services =>
    {
        var db = services.GetRequiredService<FairFundDbContext>();
        var tables = await db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE type = 'table' ORDER BY name").ToListAsync();
        var rows = new List<string>();
        foreach (var table in tables)
#pragma warning disable EF1003 // The names come from sqlite_master, not from anyone's input.
            rows.Add($"{table}: {await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS Value FROM \"" + table + "\"").SingleAsync()}");
#pragma warning restore EF1003
        var entries = app.DataDirectory.EnumerateFileSystemInfos().Select(entry => entry.Name).Order().ToList();
        return new Contents(rows, entries, await db.Rounds.Select(round => round.Id).SingleAsync());
    });
}
