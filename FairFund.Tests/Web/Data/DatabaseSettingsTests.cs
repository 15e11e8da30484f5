using FairFund.Web.Data;
using Microsoft.Extensions.Configuration;

namespace FairFund.Tests.Web.Data;

public sealed class DatabaseSettingsTests
{
    [Fact]
    public void Read_NothingSet_IsSqlite()
    {
        var settings = DatabaseSettings.Read(Configuration([]));

        Assert.Equal(DatabaseProvider.Sqlite, settings.Provider);
        Assert.Null(settings.ConnectionString);
    }

    [Fact]
    public void Read_PostgreSqlWithAConnectionString_IsPostgreSql()
    {
        var settings = DatabaseSettings.Read(Configuration(new()
        {
            [DatabaseSettings.ProviderKey] = "postgresql",
            [DatabaseSettings.ConnectionStringKey] = "Host=db;Database=fairfund",
        }));

        Assert.Equal(DatabaseProvider.PostgreSql, settings.Provider);
        Assert.Equal("Host=db;Database=fairfund", settings.ConnectionString);
    }

    [Fact]
    public void Read_PostgreSqlWithoutAConnectionString_RefusesNamingTheSetting()
    {
        var refused = Assert.Throws<InvalidOperationException>(() =>
            DatabaseSettings.Read(Configuration(new() { [DatabaseSettings.ProviderKey] = "PostgreSql" })));

        Assert.Contains(DatabaseSettings.ConnectionStringKey, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MySql")]
    [InlineData("2")]
    public void Read_AnUnknownProvider_RefusesNamingTheSetting(string provider)
    {
        var refused = Assert.Throws<InvalidOperationException>(() =>
            DatabaseSettings.Read(Configuration(new() { [DatabaseSettings.ProviderKey] = provider })));

        Assert.Contains(DatabaseSettings.ProviderKey, refused.Message, StringComparison.Ordinal);
        Assert.Contains(provider, refused.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
