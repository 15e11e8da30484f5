namespace FairFund.Web.Data;

/// <summary>Which database FairFund keeps its data in.</summary>
public enum DatabaseProvider
{
    /// <summary>One file in the data folder, nothing else to install: one app on one server.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, which several app instances can share.</summary>
    PostgreSql,
}

/// <summary>
/// The database settings, read and checked once at start: a provider FairFund does not know, or PostgreSQL without
/// a connection string, stops the app with a message naming the setting.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string? ConnectionString)
{
    public const string ProviderKey = "FairFund:Database:Provider";

    /// <summary>Given in the environment (<c>FairFund__Database__ConnectionString</c>) or a secrets store, never in the repository.</summary>
    public const string ConnectionStringKey = "FairFund:Database:ConnectionString";

    public static DatabaseSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var named = configuration[ProviderKey]?.Trim();
        var provider = string.IsNullOrEmpty(named) ? DatabaseProvider.Sqlite
            : Enum.GetValues<DatabaseProvider>().Cast<DatabaseProvider?>().FirstOrDefault(known => string.Equals(known.ToString(), named, StringComparison.OrdinalIgnoreCase))
              ?? throw new InvalidOperationException($"{ProviderKey} is \"{named}\": it must be Sqlite (the default) or PostgreSql.");
        var connectionString = configuration[ConnectionStringKey];
        if (provider == DatabaseProvider.PostgreSql && string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"{ProviderKey} is PostgreSql, so FairFund needs {ConnectionStringKey}, such as " +
                "\"Host=db.example.org;Database=fairfund;Username=fairfund;Password=…\". Give it in the environment " +
                "(FairFund__Database__ConnectionString), not in a file in the repository.");
        }
        return new DatabaseSettings(provider, provider == DatabaseProvider.PostgreSql ? connectionString : null);
    }
}
