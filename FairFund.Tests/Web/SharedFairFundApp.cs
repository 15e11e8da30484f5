namespace FairFund.Tests.Web;

/// <summary>
/// One app for all the tests of a class, each test starting on a fresh copy of the template database with no mail
/// and no uploads, as on a new app: starting an app costs about a third of a second of CPU (and more on its first
/// requests), most of what a short web test costs. A class whose tests each made a <c>new FairFundFactory()</c> with
/// no settings of its own uses it like this:
/// <code>
/// public sealed class SomePageTests(SharedFairFundApp app) : IClassFixture&lt;SharedFairFundApp&gt;
/// {
///     private readonly FairFundFactory _factory = app.ForNextTest();
/// </code>
/// and no longer disposes the factory itself. xunit runs one class's tests one after another, never two at once.
/// What the app keeps in memory carries over from test to test (rate limits, counts of failed sign-ins, caches):
/// a class testing those, or needing settings of its own, keeps a factory per test. A test that moves the clock
/// gets the next test a new app, since a fake clock cannot go back. To rule sharing out when a test fails, or to
/// measure what it saves, set <c>FAIRFUND_TESTS_APP_PER_TEST=1</c> and every test gets a new app again.
/// </summary>
public sealed class SharedFairFundApp : IDisposable
{
    private readonly bool _appPerTest;
    private FairFundFactory? _app;

    public SharedFairFundApp()
        // On PostgreSQL each app has a database of its own, which the SQLite restore below cannot reset, so each test gets its own app.
        : this(Environment.GetEnvironmentVariable("FAIRFUND_TESTS_APP_PER_TEST") == "1" || PostgreSqlTestDatabase.IsOn)
    {
    }

    /// <param name="appPerTest">Whether every test gets a new app, as <c>FAIRFUND_TESTS_APP_PER_TEST=1</c> asks.</param>
    internal SharedFairFundApp(bool appPerTest) => _appPerTest = appPerTest;

    /// <summary>The app for the test about to run: on the template's data, its clock at <see cref="FairFundFactory.Start"/>.</summary>
    public FairFundFactory ForNextTest()
    {
        if (_app is not null && (_appPerTest || _app.Clock.GetUtcNow() != FairFundFactory.Start))
        {
            _app.Dispose();
            _app = null;
        }
        if (_app is null) return _app = new FairFundFactory();
        // Not started yet (the last test never used it): it will copy the template when it starts.
        if (File.Exists(DatabaseTemplate.DatabaseFile(_app.DataDirectory))) StartAgain(_app);
        return _app;
    }

    /// <summary><see cref="ForNextTest"/>, with the app already started, for a test that opens its database itself.</summary>
    public FairFundFactory StartedForNextTest()
    {
        var app = ForNextTest();
        app.CreateClient().Dispose();
        return app;
    }

    private static void StartAgain(FairFundFactory app)
    {
        // Let the last test's queued work finish first, so none of it lands in the next test's data.
        app.FinishAccountRequests();
        app.DeliverMail();
        DatabaseTemplate.RestoreInto(app.DataDirectory);
        Empty(app.MailFolder);
        Empty(Path.Combine(app.DataDirectory.FullName, "uploads"));
    }

    private static void Empty(string folder)
    {
        if (!Directory.Exists(folder)) return;
        foreach (var file in Directory.EnumerateFiles(folder)) File.Delete(file);
        foreach (var directory in Directory.EnumerateDirectories(folder)) Directory.Delete(directory, recursive: true);
    }

    public void Dispose() => _app?.Dispose();
}
