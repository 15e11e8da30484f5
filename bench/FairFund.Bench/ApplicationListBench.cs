using System.Diagnostics;
using System.Globalization;
using FairFund.Domain.Applications;
using FairFund.Domain.Organisations;
using FairFund.Domain.Rounds;
using FairFund.Web.Data;
using FairFund.Web.Pages.Fund;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Bench;

/// <summary>
/// <c>application-list DATA_DIR [--applications 10000] [--runs 300]</c>: times the fund manager's list of a round's
/// applications over a large open round. On a data folder made by one start of FairFund.Web whose demo round has no
/// applications yet, it first puts in <c>--applications</c> groups, each with one application (a third drafts, some only
/// begun; most sent; one in twenty withdrawn), straight into the database through FairFund.Web's own mapping. Then, for
/// each of a few searches with filters, it does what the page's handler does for one request, each time with a fresh
/// DbContext as a request has: the counts by stage, the matching count and one page of 50 (queried in the database,
/// only the columns shown), and the domain's progress for the drafts on the page. It prints p50, p95 and p99 of that
/// server time per search, after a warm-up. Rendering the page's HTML is not included.
/// </summary>
public static class ApplicationListBench
{
    public const string Command = "application-list";
    private const string Actor = "FairFund.Bench application-list";

    public static bool IsInvokedBy(string[] args) => args.Length > 0 && args[0] == Command;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2 || args[1].StartsWith("--", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync($"Usage: {Command} DATA_DIR [--applications 10000] [--runs 300]");
            return 2;
        }
        var dataDirectory = Path.GetFullPath(args[1]);
        var count = BenchArgs.Int(args, "--applications", 10_000);
        var runs = BenchArgs.Int(args, "--runs", 300);
        if (!File.Exists(Path.Combine(dataDirectory, "fairfund.db")))
        {
            await Console.Error.WriteLineAsync($"No database in {dataDirectory}: start FairFund.Web once with FairFund__DataDirectory={dataDirectory} first.");
            return 2;
        }
        var builder = new DbContextOptionsBuilder<FairFundDbContext>();
        builder.UseFairFundSqlite(dataDirectory);
        var options = builder.Options;

        await using (var db = new FairFundDbContext(options))
        {
            var round = await db.Rounds.AsNoTracking().SingleAsync(r => r.Reference == SeedModeration.Round);
            var existing = await db.Applications.CountAsync(a => a.RoundId == round.Id);
            if (existing == 0) await SeedAsync(options, round, count);
            else Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{SeedModeration.Round} already has {existing} applications; timing those."));
        }

        (string Name, ApplicationListFilter Filter)[] searches =
        [
            ("search \"peer\" + state Sent", ApplicationListFilter.Everything with { Search = "peer", States = [ApplicationState.Submitted] }),
            ("search \"CV4\" (postcode) + band small", ApplicationListFilter.Everything with { Search = "CV4", IncomeBand = "small" }),
            ("search \"Foleshill\" + lived-experience-led, by amount, largest first", ApplicationListFilter.Everything with { Search = "Foleshill", Flags = [KnownFlags.LivedExperienceLed], Sort = ApplicationListSort.Amount, Descending = true }),
            ("search \"kitchen\" + drafts + £2,000 to £10,000", ApplicationListFilter.Everything with { Search = "kitchen", States = [ApplicationState.Draft], AmountFrom = 2_000m, AmountTo = 10_000m }),
            ("no search or filter, by group name, page 100", ApplicationListFilter.Everything with { Sort = ApplicationListSort.Group, Page = 100 }),
        ];
        Console.WriteLine($"Load average before: {LoadAverage()}");
        foreach (var (name, filter) in searches)
        {
            for (var warm = 0; warm < Math.Min(30, runs); warm++) await OneRequestAsync(options, filter);
            var times = new List<double>(runs);
            var matching = 0;
            for (var run = 0; run < runs; run++)
            {
                var clock = Stopwatch.StartNew();
                matching = await OneRequestAsync(options, filter);
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: {matching} match; p50 {Rank(times, 0.50):0.0} ms, p95 {Rank(times, 0.95):0.0} ms, p99 {Rank(times, 0.99):0.0} ms ({runs} requests)"));
        }
        Console.WriteLine($"Load average after: {LoadAverage()}");
        return 0;
    }

    /// <summary>What the page's handler reads and works out for one request; returns how many match.</summary>
    private static async Task<int> OneRequestAsync(DbContextOptions<FairFundDbContext> options, ApplicationListFilter filter)
    {
        await using var db = new FairFundDbContext(options);
        var round = await db.Rounds.AsNoTracking().SingleAsync(r => r.Reference == SeedModeration.Round);
        if (filter.Check(round.Rules.IncomeBands).Count > 0) throw new InvalidOperationException($"The bench's filter is refused: {filter}");
        var list = new ApplicationList(db);
        _ = await list.CountsAsync(round.Id, CancellationToken.None);
        var (matching, page) = await list.PageAsync(round.Id, round.Rules.IncomeBands, filter, CancellationToken.None);
        var grants = new GrantRange(round.Rules.GrantMin, round.Rules.GrantMax);
        foreach (var draft in await list.DraftsAsync(page.Where(row => row.State == ApplicationState.Draft).Select(row => row.Id), CancellationToken.None))
            _ = draft.Progress(round.Form, grants);
        return matching;
    }

    private static async Task SeedAsync(DbContextOptions<FairFundDbContext> options, Round round, int count)
    {
        if (round.State != RoundState.Open) throw new InvalidOperationException($"{SeedModeration.Round} is {round.State}; seed a fresh data folder.");
        var clock = Stopwatch.StartNew();
        var grants = new GrantRange(round.Rules.GrantMin, round.Rules.GrantMax);
        var now = DateTimeOffset.UtcNow < round.ClosesAt ? DateTimeOffset.UtcNow : round.ClosesAt.AddMinutes(-1);
        var window = new SubmissionWindow(RoundIsOpen: true, round.ClosesAt, now);
        for (var first = 1; first <= count; first += 1_000)
        {
            await using var db = new FairFundDbContext(options);
            for (var number = first; number < first + 1_000 && number <= count; number++)
            {
                var group = new OrganisationProfile(Guid.NewGuid(), SeedModeration.GroupDetails(number));
                db.Organisations.Add(group);
                var application = new Application(Guid.NewGuid(), round.Id, group.Id, string.Create(CultureInfo.InvariantCulture, $"{round.Reference}-{number:00000}"));
                if (number % 6 == 0) application.AnswerProject(new ProjectAnswers($"Begun by group {number}", "", null, null));
                else SeedModeration.AnswerEverything(application, number, SeedModeration.AmountFor(number, grants));
                if (number % 3 != 0) application.Submit(now, Actor, window, grants);
                if (number % 20 == 1) application.Withdraw(now, Actor);
                db.Applications.Add(application);
            }
            await db.SaveChangesAsync();
        }
        await using (var db = new FairFundDbContext(options))
        {
            await db.Rounds.Where(r => r.Id == round.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(r => EF.Property<int>(r, RoundConfiguration.LastApplicationNumber), count));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Seeded {count} applications to {round.Reference} in {clock.Elapsed.TotalSeconds:0.0} s."));
    }

    private static double Rank(List<double> sorted, double share) => sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
