using FairFund.Domain.Applications;
using FairFund.Domain.Forms;
using FairFund.Domain.Organisations;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Data;

/// <summary>
/// The AnswersByQuestion migration moves every application's answers from their columns and budget and partner
/// rows into one JSON column by question key: each answer comes back the same, penny for penny, on a database
/// made at the migration before it with real rows in it.
/// </summary>
[Trait(PostgreSqlTestDatabase.Trait, PostgreSqlTestDatabase.SqliteOnly)]
public sealed class AnswersByQuestionMigrationTests : IDisposable
{
    private const string Before = "ApplicationNumbers";
    private const string DemoRound = "CW-MH-2027-R1";

    private readonly FairFundFactory factory = new() { RunRoundClock = false, RunMailWorker = false };

    public void Dispose() => factory.Dispose();

    /// <summary>What a group had answered before the migration, as the old columns and rows held it.</summary>
    private sealed record OldAnswers(
        string Title, string WhatYouWillDo, DateOnly? Start, DateOnly? End, string WhoBenefits, string Outcomes, string LivedExperience,
        bool? WorkingWithPartners, BudgetLine[] Budget, Partner[] Partners);

    private static readonly OldAnswers Full = new(
        "Peer support walks in Foleshill", "We will walk every week,\nrain or shine: \"come as you are\".", new(2027, 6, 1), new(2028, 5, 31),
        "Older people in Foleshill — about 40 of them", "Fewer lonely days; we'll count who comes", "Walkers plan the routes 🚶",
        true,
        [new("Room hire", 450.50m), new("Travel", 250m), new("Tea & biscuits", 0.01m), new("Big line", 999_999_999.99m), new("Refund", -12.34m), new("Pence", 1234.5m),
            // More digits than a double holds: stored before costs were checked, and kept exactly all the same.
            new("Odd", 98_765_432.123456789m)],
        [new("Foleshill school", "Lends the hall"), new("GP surgery", "Refers people,\nand hosts the first walk")]);

    private static readonly OldAnswers Partial = new("", "", new(2027, 6, 1), null, "Young carers", "", "", false, [new("", 40m), new("Paint", 0m)], []);

    private static readonly OldAnswers Empty = new("", "", null, null, "", "", "", null, [], []);

    [Fact]
    public async Task Migrate_ApplicationsFromBeforeTheMigration_EveryAnswerComesBackTheSamePennyForPenny()
    {
        var groups = await AddGroupsAsync(3);
        await MigrateAsync(Before);
        var written = new Dictionary<string, OldAnswers>
        {
            [$"{DemoRound}-0901"] = Full,
            [$"{DemoRound}-0902"] = Partial,
            [$"{DemoRound}-0903"] = Empty,
        };
        await factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var roundId = await db.Database.SqlQuery<Guid>($"SELECT Id AS Value FROM Rounds WHERE Reference = {DemoRound}").SingleAsync();
            var index = 0;
            foreach (var (reference, old) in written) await InsertTheOldWayAsync(db, roundId, groups[index++], reference, old);
        });

        await MigrateAsync(null);

        foreach (var (reference, old) in written)
        {
            var application = await LoadAsync(reference);
            Assert.Equal(old.Title, application.Title);
            Assert.Equal(old.WhatYouWillDo, application.WhatYouWillDo);
            Assert.Equal(old.Start, application.StartDate);
            Assert.Equal(old.End, application.EndDate);
            Assert.Equal(old.WhoBenefits, application.WhoBenefits);
            Assert.Equal(old.Outcomes, application.Outcomes);
            Assert.Equal(old.LivedExperience, application.LivedExperience);
            Assert.Equal(old.WorkingWithPartners, application.WorkingWithPartners);
            Assert.Equal(old.Budget, application.Budget);
            Assert.Equal(old.Partners, application.Partners);
            Assert.Equal(old.Budget.Sum(line => line.Cost), application.AmountRequested);
        }
        // Only what says something is kept, as FormAnswers keeps it: nothing at all for an empty draft.
        Assert.Equal(0, (await LoadAsync($"{DemoRound}-0903")).Answers.Count);
        Assert.Equal(["budget", "startDate", "whoBenefits", "workingWithPartners"], (await LoadAsync($"{DemoRound}-0902")).Answers.Keys);
    }

    [Fact]
    public async Task MigrateDownAndUp_ApplicationsAnsweredThroughTheForm_ComeBackTheSame()
    {
        var groups = await AddGroupsAsync(1);
        await factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var round = await db.Rounds.SingleAsync(round => round.Reference == DemoRound);
            var application = new Application(Guid.NewGuid(), round.Id, groups[0], $"{DemoRound}-0904");
            Assert.Empty(application.AnswerProject(new ProjectAnswers(Full.Title, Full.WhatYouWillDo, Full.Start, Full.End)));
            Assert.Empty(application.AnswerWhoBenefits(Full.WhoBenefits));
            Assert.Empty(application.AnswerBudget(Full.Budget));
            Assert.Empty(application.AnswerPartners(true, Full.Partners));
            db.Applications.Add(application);
            await db.SaveChangesAsync();
        });
        var before = AnswerJson.WriteAll((await LoadAsync($"{DemoRound}-0904")).Answers);

        await MigrateAsync(Before);
        await MigrateAsync(null);

        Assert.Equal(before, AnswerJson.WriteAll((await LoadAsync($"{DemoRound}-0904")).Answers));
    }

    private static async Task InsertTheOldWayAsync(FairFundDbContext db, Guid roundId, Guid group, string reference, OldAnswers old)
    {
        var id = Guid.NewGuid();
        // Parameters, as EF wrote them: a decimal as the provider's TEXT, a date as yyyy-MM-dd, a bool as 0 or 1.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO Applications (Id, RoundId, OrganisationId, Reference, State, Title, WhatYouWillDo, StartDate, EndDate, WhoBenefits, Outcomes, LivedExperience, WorkingWithPartners, Version)
            VALUES ({id}, {roundId}, {group}, {reference}, 'Draft', {old.Title}, {old.WhatYouWillDo}, {old.Start}, {old.End}, {old.WhoBenefits}, {old.Outcomes}, {old.LivedExperience}, {old.WorkingWithPartners}, {Guid.NewGuid()})
            """);
        foreach (var line in old.Budget)
            await db.Database.ExecuteSqlAsync($"INSERT INTO ApplicationBudgetLines (ApplicationId, Item, Cost) VALUES ({id}, {line.Item}, {line.Cost})");
        foreach (var partner in old.Partners)
            await db.Database.ExecuteSqlAsync($"INSERT INTO ApplicationPartners (ApplicationId, Name, Role) VALUES ({id}, {partner.Name}, {partner.Role})");
    }

    private Task MigrateAsync(string? target) => factory.WithScopeAsync(services =>
        services.GetRequiredService<FairFundDbContext>().GetService<IMigrator>().MigrateAsync(target));

    private Task<Application> LoadAsync(string reference) => factory.WithScopeAsync(services =>
        services.GetRequiredService<FairFundDbContext>().Applications.AsNoTracking().SingleAsync(application => application.Reference == reference));

    private Task<List<Guid>> AddGroupsAsync(int count) => factory.WithScopeAsync(async services =>
    {
        var db = services.GetRequiredService<FairFundDbContext>();
        var groups = Enumerable.Range(1, count).Select(number => new OrganisationProfile(Guid.NewGuid(), new ProfileDetails(
            $"Migration Group {number}", OrganisationType.UnregisteredGroup, null, null, null, 5_000m, new DateOnly(2026, 3, 31), "CV1 1AA",
            "Coventry", 5, 3, 3, [new Contact($"Contact {number}", "Coordinator", $"contact{number}@migration.fairfund.test")]))).ToList();
        db.Organisations.AddRange(groups);
        await db.SaveChangesAsync();
        return groups.Select(group => group.Id).ToList();
    });
}
