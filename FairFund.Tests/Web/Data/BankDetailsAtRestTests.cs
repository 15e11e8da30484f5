using System.Net;
using FairFund.Tests.Web.Apply;
using FairFund.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Data;

/// <summary>
/// A grant's bank details are encrypted at rest: the database holds only Data Protection's text, never the sort
/// code or account number, and the app reads them back whole; every page, the group's and the fund manager's, shows
/// them only masked.
/// </summary>
[Trait(PostgreSqlTestDatabase.Trait, PostgreSqlTestDatabase.SqliteOnly)]
public sealed class BankDetailsAtRestTests : IDisposable
{
    private const string SortCode = "30-99-50";
    private const string SortDigits = "309950";
    private const string AccountNumber = "71234568";

    private readonly FairFundFactory factory = new();

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task Accept_BankDetails_AreEncryptedInTheDatabaseAndShownOnlyMasked()
    {
        using var manager = await GrantOffers.SentAsync(factory);
        using var group = await SignedInClient.As(factory, SignedInClient.Applicant);
        using (var accepted = await GrantOffers.AcceptAsync(group, GrantOffers.Own, GrantOffers.GoodAcceptance(SortCode, AccountNumber)))
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);

        // Every text in every grant table, read straight from the file.
        var stored = ReadAllGrantText();
        var protectedBank = Assert.Single(stored, cell => cell.Column == GrantConfiguration.BankColumn && cell.Value.Length > 0).Value;
        Assert.DoesNotContain(stored, cell => cell.Value.Contains(AccountNumber, StringComparison.Ordinal) || cell.Value.Contains(SortDigits, StringComparison.Ordinal)
            || cell.Value.Contains(SortCode, StringComparison.Ordinal));
        Assert.DoesNotContain("Foleshill Peer Support", protectedBank, StringComparison.Ordinal);

        var read = await factory.WithScopeAsync(services => services.GetRequiredService<FairFundDbContext>().Grants.AsNoTracking().SingleAsync(g => g.Reference == GrantOffers.Own));
        Assert.Equal((SortDigits, AccountNumber), (read.Bank!.SortCode, read.Bank.AccountNumber));

        var pages = new List<string>
        {
            await group.GetStringAsync(new Uri(GrantOffers.GrantPage(GrantOffers.Own), UriKind.Relative)),
            await group.GetStringAsync(new Uri($"/apply/applications/{GrantOffers.Own}/status", UriKind.Relative)),
            await manager.GetStringAsync(new Uri(GrantOffers.FundGrantsPage, UriKind.Relative)),
            await manager.GetStringAsync(new Uri(GrantOffers.FundGrantPage(GrantOffers.Own), UriKind.Relative)),
        };
        Assert.All(pages, page =>
        {
            Assert.DoesNotContain(AccountNumber, page, StringComparison.Ordinal);
            Assert.DoesNotContain(SortDigits, page, StringComparison.Ordinal);
            Assert.DoesNotContain(SortCode, page, StringComparison.Ordinal);
        });
        Assert.Contains("Foleshill Peer Support, **-**-50, ****4568", pages[0], StringComparison.Ordinal);
        Assert.Contains("Foleshill Peer Support, **-**-50, ****4568", pages[3], StringComparison.Ordinal);
    }

    private List<(string Table, string Column, string Value)> ReadAllGrantText()
    {
        var cells = new List<(string, string, string)>();
        using var connection = new SqliteConnection(DataSetup.SqliteConnectionString(factory.DataDirectory.FullName));
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'Grant%'";
            using var reader = list.ExecuteReader();
            while (reader.Read()) tables.Add(reader.GetString(0));
        }
        Assert.Contains("Grants", tables);
        foreach (var table in tables)
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                for (var column = 0; column < reader.FieldCount; column++)
                    cells.Add((table, reader.GetName(column), reader.IsDBNull(column) ? "" : Convert.ToString(reader.GetValue(column), System.Globalization.CultureInfo.InvariantCulture) ?? ""));
            }
        }
        return cells;
    }
}
