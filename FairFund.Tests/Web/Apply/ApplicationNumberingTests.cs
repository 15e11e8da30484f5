using FairFund.Domain.Organisations;
using FairFund.Tests.Web.Data;
using FairFund.Web.Data;
using FairFund.Web.Pages.Apply;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Apply;

/// <summary>Application references: the round's reference and the next number, with no gaps, no clashes and no retries.</summary>
public sealed class ApplicationNumberingTests : IDisposable
{
    private const string DemoRound = "CW-MH-2027-R1";

    private readonly DatabaseCounters counters = new();
    private readonly FairFundFactory factory;

    public ApplicationNumberingTests() =>
        factory = new FairFundFactory { RunRoundClock = false, RunMailWorker = false, WithServices = counters.AddTo };

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task Start_FiftyGroupsAtOnce_NumbersThem0001To0050WithNoFailedInsert()
    {
        var groups = await AddGroupsAsync(50);
        counters.Reset();

        // Each start in a request scope of its own, as fifty people pressing "Start" at the same moment would be.
        var started = await Task.WhenAll(groups.Select(group => Task.Run(() => StartAsync(group))));

        Assert.Equal(Enumerable.Range(1, 50).Select(number => $"{DemoRound}-{number:0000}"), started.Order());
        Assert.Equal(0, counters.FailedCommands);
    }

    [Fact]
    public async Task Start_AfterSixNumbersWentMissing_TakesTheNextNumberWithNoFailedInsert()
    {
        var groups = await AddGroupsAsync(13);
        foreach (var group in groups.Take(12)) await StartAsync(group);
        // Six applications gone (0001 to 0006): numbers that no row holds any more.
        var gone = Enumerable.Range(1, 6).Select(number => $"{DemoRound}-{number:0000}").ToList();
        await factory.WithScopeAsync(services => services.GetRequiredService<FairFundDbContext>().Applications
            .Where(application => gone.Contains(application.Reference)).ExecuteDeleteAsync());
        counters.Reset();

        var reference = await StartAsync(groups[12]);

        Assert.Equal($"{DemoRound}-0013", reference);
        Assert.Equal(0, counters.FailedCommands);
    }

    [Fact]
    [Trait(PostgreSqlTestDatabase.Trait, PostgreSqlTestDatabase.SqliteOnly)]
    public async Task Migrate_ARoundWithApplicationsFromBeforeTheCounter_CarriesOnFromItsHighestNumber()
    {
        var groups = await AddGroupsAsync(8);
        // Seven applications numbered the old way, straight into the table, with 0004 missing.
        await factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var round = await db.Rounds.SingleAsync(round => round.Reference == DemoRound);
            foreach (var number in Enumerable.Range(1, 7).Where(number => number != 4))
                db.Applications.Add(new FairFund.Domain.Applications.Application(Guid.NewGuid(), round.Id, groups[number - 1], $"{DemoRound}-{number:0000}"));
            await db.SaveChangesAsync();
        });
        // Back to the schema before the counter, and up again, as an existing database is migrated.
        await factory.WithScopeAsync(async services =>
        {
            var migrator = services.GetRequiredService<FairFundDbContext>().GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>();
            await migrator.MigrateAsync("AfterTheDecision");
            await migrator.MigrateAsync();
        });
        counters.Reset();

        var reference = await StartAsync(groups[7]);

        Assert.Equal($"{DemoRound}-0008", reference);
        Assert.Equal(0, counters.FailedCommands);
    }

    private Task<string> StartAsync(Guid group) => factory.WithScopeAsync(async services =>
        (await services.GetRequiredService<ApplicantRecords>().StartAsync(group, DemoRound, CancellationToken.None))!.Reference);

    private Task<List<Guid>> AddGroupsAsync(int count) => factory.WithScopeAsync(async services =>
    {
        var db = services.GetRequiredService<FairFundDbContext>();
        var groups = Enumerable.Range(1, count).Select(number => new OrganisationProfile(Guid.NewGuid(), new ProfileDetails(
            $"Numbering Group {number}", OrganisationType.UnregisteredGroup, null, null, null, 5_000m, new DateOnly(2026, 3, 31), "CV1 1AA",
            "Coventry", 5, 3, 3, [new Contact($"Contact {number}", "Coordinator", $"contact{number}@numbering.fairfund.test")]))).ToList();
        db.Organisations.AddRange(groups);
        await db.SaveChangesAsync();
        return groups.Select(group => group.Id).ToList();
    });
}
