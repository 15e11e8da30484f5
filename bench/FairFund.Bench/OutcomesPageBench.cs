using System.Diagnostics;
using System.Globalization;
using FairFund.Domain.Allocation;
using FairFund.Domain.Applications;
using FairFund.Domain.Grants;
using FairFund.Domain.Organisations;
using FairFund.Web.Data;
using FairFund.Web.Grants;
using FairFund.Web.Pages.Fund;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Bench;

/// <summary>
/// <c>outcomes-page [--grants 1000] [--runs 200]</c>: times the fund manager's outcomes page's server work for a round
/// of many grants with three reports each. In a temporary data folder it makes the database with FairFund.Web's own
/// migrations and services (bank details encrypted by its interceptor, under a key ring of its own), puts in one round
/// with <c>--grants</c> groups, each with an awarded application and a grant through the domain's intent methods:
/// accepted 14 months ago with two outcomes of two indicators (worded in a few ways, so grouping has work to do),
/// started, its first instalment paid, and three reports due at 3, 6 and 12 months: the first sent and accepted, the
/// second accepted for two grants in three and otherwise overdue, the third sent and waiting for one in two. Then it
/// times what the page's handler does for one request, each with a fresh scope and DbContext as a request has: load
/// the round, its grants with everything they own and their groups' names, ask the domain for the outcomes, and make
/// the page's view. It prints p50, p95 and p99 after a warm-up, the memory allocated per request, the process's peak
/// working set, and the load average before and after. Rendering the page's HTML is not included.
/// </summary>
public static class OutcomesPageBench
{
    public const string Command = "outcomes-page";
    private const string Actor = "FairFund.Bench outcomes-page";

    public static bool IsInvokedBy(string[] args) => args.Length > 0 && args[0] == Command;

    public static async Task<int> RunAsync(string[] args)
    {
        var count = BenchArgs.Int(args, "--grants", 1_000);
        var runs = BenchArgs.Int(args, "--runs", 200);
        var dataDirectory = Directory.CreateTempSubdirectory("fairfund-outcomes-bench-").FullName;
        try
        {
            await using var provider = Services(dataDirectory);
            await DataSetup.MigrateAsync(provider);
            var roundId = await SeedAsync(provider, count);

            Console.WriteLine($"Load average before: {LoadAverage()}");
            for (var warm = 0; warm < Math.Min(20, runs); warm++) await OneRequestAsync(provider, roundId);
            var times = new List<double>(runs);
            long allocated = 0;
            var grants = 0;
            for (var run = 0; run < runs; run++)
            {
                var before = GC.GetTotalAllocatedBytes(precise: true);
                var clock = Stopwatch.StartNew();
                grants = await OneRequestAsync(provider, roundId);
                times.Add(clock.Elapsed.TotalMilliseconds);
                allocated += GC.GetTotalAllocatedBytes(precise: true) - before;
            }
            times.Sort();
            using var process = Process.GetCurrentProcess();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Outcomes of {grants} grants: p50 {Rank(times, 0.50):0.0} ms, p95 {Rank(times, 0.95):0.0} ms, p99 {Rank(times, 0.99):0.0} ms ({runs} requests); " +
                $"{allocated / runs / 1024d / 1024d:0.0} MB allocated per request; peak working set {process.PeakWorkingSet64 / 1024d / 1024d:0} MB"));
            Console.WriteLine($"Load average after: {LoadAverage()}");
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    /// <summary>What the page's handler does for one request; returns how many grants it summed.</summary>
    private static async Task<int> OneRequestAsync(ServiceProvider provider, Guid roundId)
    {
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FairFundDbContext>();
        var round = await db.Rounds.AsNoTracking().Where(r => r.Id == roundId).Select(r => new { r.Id, r.Reference, r.Name }).SingleAsync();
        var now = DateTimeOffset.UtcNow;
        var outcomes = await RoundOutcomesQuery.OfRoundAsync(db, round.Id, now, CancellationToken.None);
        var view = RoundOutcomesModel.OutcomesView.Of(round.Reference, round.Name, outcomes, DecisionLetter.LongDate(UkCalendar.DateOf(now)));
        if (view.Indicators.Count == 0) throw new InvalidOperationException("The bench's grants have no indicators.");
        return view.Grants;
    }

    private static async Task<Guid> SeedAsync(ServiceProvider provider, int count)
    {
        var clock = Stopwatch.StartNew();
        var now = DateTimeOffset.UtcNow;
        var offeredAt = now.AddMonths(-14);
        var round = DemoData.ReadDemoRound(File.ReadAllBytes(Path.Combine(DemoData.DemoFolder, "round.json")), offeredAt.AddMonths(-2));
        var terms = new GrantTerms(
            [new Instalment(50m, ReleaseRule.OnAcceptance), new Instalment(50m, ReleaseRule.OnReportAccepted, ReportName: "Final report")],
            [new ExpectedReport("First report", null, 3, IsFinal: false), new ExpectedReport("Mid-year report", null, 6, IsFinal: false), new ExpectedReport("Final report", null, 12, IsFinal: true)],
            0m, 28, 14);
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FairFundDbContext>();
            db.Rounds.Add(round);
            await db.SaveChangesAsync();
        }
        var grants = new GrantRange(round.Rules.GrantMin, round.Rules.GrantMax);
        var window = new SubmissionWindow(RoundIsOpen: true, offeredAt.AddDays(1), offeredAt.AddDays(-30));
        string[] wordings = ["People who say they feel less alone", "people who say they feel LESS alone", "People who say they feel less  alone "];
        for (var first = 1; first <= count; first += 250)
        {
            await using var scope = provider.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<FairFundDbContext>();
            for (var number = first; number < first + 250 && number <= count; number++)
            {
                var group = new OrganisationProfile(Guid.NewGuid(), SeedModeration.GroupDetails(number));
                db.Organisations.Add(group);
                var amount = SeedModeration.AmountFor(number, grants);
                var application = new Application(Guid.NewGuid(), round.Id, group.Id, string.Create(CultureInfo.InvariantCulture, $"{round.Reference}-{number:00000}"));
                SeedModeration.AnswerEverything(application, number, amount);
                application.Submit(offeredAt.AddDays(-30), Actor, window, grants);
                application.MarkEligible(offeredAt.AddDays(-20), Actor);
                application.MarkScored(offeredAt.AddDays(-10), Actor);
                application.Award(offeredAt.AddDays(-5), Actor, new DecisionNotice(Decision.Award, amount, "General pot", false,
                    "Your application is funded.", [new TrailLine(1, "Decision: awarded")], []));
                db.Applications.Add(application);

                var grant = Grant.Offer(Guid.NewGuid(), application, terms, "Spend the grant on the project described.", offeredAt, Actor);
                var acceptedAt = offeredAt.AddDays(2);
                var bank = BankDetails.Parse(group.Name.Length > 60 ? group.Name[..60] : group.Name, "30-99-50", string.Create(CultureInfo.InvariantCulture, $"{10_000_000 + number}")).Details!;
                grant.Accept(new Acceptance(new Signatory($"Signatory {number}", "Treasurer", UkCalendar.DateOf(acceptedAt), true),
                    [
                        new Outcome("Fewer people feel isolated", [new Indicator(wordings[number % wordings.Length], "people", 20 + number % 40), new Indicator("Sessions run", "sessions", 40)]),
                        new Outcome("People gain confidence", [new Indicator("People who try a new activity", number % 2 == 0 ? "people" : "People", 10 + number % 15), new Indicator($"Volunteers trained in area {number % 7}", "volunteers", 5)]),
                    ], bank), acceptedAt, Actor);
                grant.Activate(acceptedAt.AddHours(2), Actor);
                grant.MarkPaid(1, UkCalendar.DateOf(acceptedAt.AddDays(3)), string.Create(CultureInfo.InvariantCulture, $"BACS-{number}"), acceptedAt.AddDays(3), Actor);
                Report(grant, 1, number, acceptedAt.AddMonths(3).AddDays(-5), accept: true);
                if (number % 3 != 0) Report(grant, 2, number, acceptedAt.AddMonths(6).AddDays(-2), accept: true);
                if (number % 2 == 0) Report(grant, 3, number, acceptedAt.AddMonths(12).AddDays(1), accept: false);
                db.Grants.Add(grant);
            }
            await db.SaveChangesAsync();
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Seeded {count} grants with 3 reports each in {clock.Elapsed.TotalSeconds:0.0} s."));
        return round.Id;
    }

    private static void Report(Grant grant, int report, int number, DateTimeOffset sentAt, bool accept)
    {
        var spent = grant.Budget.Select(line => (decimal?)line.Cost).ToList();
        grant.SendReport(report, new ReportContent(
            [[12 + number % 30, 10 * report], [5 + number % 9, 2]],
            string.Create(CultureInfo.InvariantCulture, $"Group {number}: people who came to the sessions say they have someone to talk to, and {number % 20} started volunteering themselves."),
            "People who use the sessions chose what we run and review it each term.", spent, ""), sentAt, Actor);
        if (accept) grant.AcceptReport(report, sentAt.AddDays(3), Actor);
    }

    private static ServiceProvider Services(string dataDirectory)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["FairFund:DataDirectory"] = dataDirectory })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddFairFundData(configuration);
        services.AddDataProtection().SetApplicationName("FairFund").PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = false });
    }

    private static double Rank(List<double> sorted, double share) => sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
