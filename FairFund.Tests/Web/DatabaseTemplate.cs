using FairFund.Web.Data;
using Microsoft.Data.Sqlite;

namespace FairFund.Tests.Web;

/// <summary>
/// The database exactly as the app's own start-up leaves it on a first run (migrated, roles made, demo data
/// seeded), made once per test run by starting the real app, and copied into each test app's data folder before
/// it starts. Start-up then finds the database up to date and seeded, and its own migration and seeding do
/// nothing. Made afresh in every run, so a changed migration or demo file can never meet an old copy.
/// </summary>
internal static class DatabaseTemplate
{
    private static readonly Lazy<string> TemplateFile = new(Build);

    /// <summary>The database file the app opens in <paramref name="dataDirectory"/>.</summary>
    public static string DatabaseFile(DirectoryInfo dataDirectory) =>
        new SqliteConnectionStringBuilder(DataSetup.SqliteConnectionString(dataDirectory.FullName)).DataSource;

    /// <summary>Puts a copy of the template in <paramref name="dataDirectory"/>, which has no database yet.</summary>
    public static void CopyTo(DirectoryInfo dataDirectory) => File.Copy(TemplateFile.Value, DatabaseFile(dataDirectory));

    /// <summary>
    /// Puts the template's contents into the database of a running app in <paramref name="dataDirectory"/>, in place,
    /// through SQLite's backup: the app's open connections then read the template as if it were a new copy, and the
    /// database stays in write-ahead mode. For <see cref="SharedFairFundApp"/>, between one test and the next.
    /// </summary>
    public static void RestoreInto(DirectoryInfo dataDirectory)
    {
        using var template = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = TemplateFile.Value, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        using var live = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabaseFile(dataDirectory), Pooling = false, DefaultTimeout = 30 }.ToString());
        template.Open();
        live.Open();
        using (var wait = live.CreateCommand())
        {
            // Something of the last test's (a worker's pass, say) may still be reading or writing for a moment.
            wait.CommandText = "PRAGMA busy_timeout = 30000;";
            wait.ExecuteNonQuery();
        }
        template.BackupDatabase(live);
    }

    private static string Build()
    {
        var folder = Directory.CreateTempSubdirectory("fairfund-template-");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => folder.Delete(recursive: true);
        var template = Path.Combine(folder.FullName, "fairfund.db");
        // The background workers stay off so that the copy holds what start-up made and nothing a worker did after.
        using (var app = new FairFundFactory { StartFromTemplate = false, RunRoundClock = false, RunMailWorker = false })
        {
            _ = app.Services;
            using var started = new SqliteConnection(DataSetup.SqliteConnectionString(app.DataDirectory.FullName));
            using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = template, Pooling = false }.ToString());
            started.Open();
            started.BackupDatabase(copy);
            // One self-contained file, with no write-ahead log beside it to copy too; the app turns the log back on when it starts.
            copy.Open();
            using var journal = copy.CreateCommand();
            journal.CommandText = "PRAGMA journal_mode=DELETE;";
            journal.ExecuteNonQuery();
        }
        return template;
    }
}
