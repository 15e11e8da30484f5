using FairFund.Web.Data;
using Npgsql;

namespace FairFund.Tests.Web;

/// <summary>
/// The web tests' PostgreSQL pass. When <see cref="ServerVariable"/> names a PostgreSQL server (test.sh starts a
/// throwaway one), every test app gets a database of its own on it instead of a SQLite file: a copy of a template
/// migrated and seeded once per run, as <see cref="DatabaseTemplate"/> does for SQLite.
/// </summary>
internal static class PostgreSqlTestDatabase
{
    /// <summary>A connection string to the server as a user that may create databases; unset, the tests run on SQLite.</summary>
    public const string ServerVariable = "FAIRFUND_TEST_POSTGRES";

    /// <summary>Tests of the SQLite file itself carry this trait (<c>[Trait(Trait, SqliteOnly)]</c>), and the PostgreSQL pass leaves them out.</summary>
    public const string Trait = "Database";

    public const string SqliteOnly = "SqliteOnly";

    private static readonly string? Server = Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server ? server : null;

    private static readonly Lazy<string> Template = new(BuildTemplate);

    public static bool IsOn => Server is not null;

    /// <summary>A time as the database gives it back: PostgreSQL keeps times to the microsecond, .NET to a tenth of one.</summary>
    public static DateTimeOffset AsStored(DateTimeOffset time) => IsOn ? time.AddTicks(-(time.UtcTicks % 10)) : time;

    /// <summary>The database of the app whose data folder is <paramref name="dataDirectory"/>: one name per folder, so an app restarted on the same folder finds its data.</summary>
    public static string DatabaseName(DirectoryInfo dataDirectory) =>
        "fairfund_" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(dataDirectory.FullName)))[..24];

    public static string ConnectionString(DirectoryInfo dataDirectory) => ConnectionString(DatabaseName(dataDirectory));

    public static bool Exists(DirectoryInfo dataDirectory)
    {
        using var connection = OpenServer();
        using var command = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", DatabaseName(dataDirectory));
        return command.ExecuteScalar() is not null;
    }

    /// <summary>Makes the app's database: a copy of the template, or empty for a test of the first start.</summary>
    public static void Create(DirectoryInfo dataDirectory, bool fromTemplate) =>
        Execute($"CREATE DATABASE \"{DatabaseName(dataDirectory)}\"" + (fromTemplate ? $" TEMPLATE \"{Template.Value}\"" : ""));

    /// <summary>
    /// Drops the database when its data folder goes: now, with the app's own folder, or at the end of the run for a
    /// folder the test named, which a later app may open again (an app restarted on the same data).
    /// </summary>
    public static void DropWithFolder(DirectoryInfo dataDirectory, bool folderDeletedNow)
    {
        if (folderDeletedNow) Drop(dataDirectory);
        else AppDomain.CurrentDomain.ProcessExit += (_, _) => Drop(dataDirectory);
    }

    private static void Drop(DirectoryInfo dataDirectory)
    {
        // The app's pooled connections would otherwise hold the database open.
        NpgsqlConnection.ClearAllPools();
        Execute($"DROP DATABASE IF EXISTS \"{DatabaseName(dataDirectory)}\" WITH (FORCE)");
    }

    private static string ConnectionString(string database) => new NpgsqlConnectionStringBuilder(Server) { Database = database }.ToString();

    private static string BuildTemplate()
    {
        var folder = Directory.CreateTempSubdirectory("fairfund-template-");
        using (var app = new FairFundFactory { DataDirectory = folder, KeepsItsDatabase = true, StartFromTemplate = false, RunRoundClock = false, RunMailWorker = false })
        {
            _ = app.Services;
        }
        var template = DatabaseName(folder);
        NpgsqlConnection.ClearAllPools();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            NpgsqlConnection.ClearAllPools();
            Execute($"DROP DATABASE IF EXISTS \"{template}\" WITH (FORCE)");
        };
        return template;
    }

    private static NpgsqlConnection OpenServer()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres", Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static void Execute(string sql)
    {
        using var connection = OpenServer();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
