using FairFund.Domain.Forms;
using FairFund.Domain.Rounds;
using FairFund.Web.Data;
using FairFund.Web.Forms;
using FairFund.Web.Rounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Rounds;

[Trait(PostgreSqlTestDatabase.Trait, PostgreSqlTestDatabase.SqliteOnly)]
public sealed class RoundPersistenceTests : IDisposable
{
    private const string DemoReference = "CW-MH-2027-R1";
    private readonly FairFundFactory _factory = new();

    public RoundPersistenceTests() => _factory.CreateClient().Dispose();

    /// <summary>A context of its own, as a second request or a second person would have.</summary>
    private FairFundDbContext NewContext() => new(new DbContextOptionsBuilder<FairFundDbContext>()
        .UseSqlite(DataSetup.SqliteConnectionString(_factory.DataDirectory.FullName)).Options);

    [Fact]
    public void FirstRun_MigratesARealSqliteFileAndOpensTheDemoRound()
    {
        using var db = NewContext();

        var round = db.Rounds.Single(r => r.Reference == DemoReference);

        Assert.True(File.Exists(Path.Combine(_factory.DataDirectory.FullName, "fairfund.db")));
        Assert.Equal(RoundState.Open, round.State);
        // The demo round asks the demo form (the default, and a section only asks over £10,000 answer), published with its rules.
        Assert.Equal(FormJson.Write(ApplicationForm.DemoForm), FormJson.Write(round.Form));
        Assert.Equal(PublishedRules.Of(round.Rules, ApplicationForm.DemoForm).Sha256, round.RulesHash);
        Assert.Equal(4, round.Rules.Criteria.Count);
        Assert.Equal(5, round.Rules.Criteria[0].Descriptors.Count);
        Assert.Equal([Round.FormChanged, "Open"], round.History.Select(change => change.Trigger));
        var opened = round.History[^1];
        Assert.Equal(("Draft", "Open", DemoData.Actor, FairFundFactory.Start), (opened.From, opened.To, opened.Actor, opened.At));
    }

    [Fact]
    public async Task SaveChanges_StaleSecondEdit_IsRefused()
    {
        using var first = NewContext();
        using var second = NewContext();
        var mine = await first.Rounds.SingleAsync(r => r.Reference == DemoReference);
        var theirs = await second.Rounds.SingleAsync(r => r.Reference == DemoReference);

        mine.Close(FairFundFactory.Start.AddHours(1), "manager-one");
        await first.SaveChangesAsync();
        theirs.Cancel(FairFundFactory.Start.AddHours(2), "manager-two", "Changed our plans");

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        using var check = NewContext();
        Assert.Equal(RoundState.Screening, (await check.Rounds.SingleAsync(r => r.Reference == DemoReference)).State);
    }

    [Fact]
    public async Task CloseScoring_RevealedSeedKeptInTheDatabase_MatchesTheCommitmentPublishedAtOpening()
    {
        using (var db = NewContext())
        {
            var round = await db.Rounds.SingleAsync(r => r.Reference == DemoReference);
            Assert.Null(round.RevealedSeed);
            round.Close(FairFundFactory.Start.AddDays(1), "manager");
            round.StartScoring(FairFundFactory.Start.AddDays(2), "manager", RoundProgress.None);
            round.CloseScoring(FairFundFactory.Start.AddDays(3), "manager", RoundProgress.None);
            await db.SaveChangesAsync();
        }

        using var reread = NewContext();
        var stored = await reread.Rounds.AsNoTracking().SingleAsync(r => r.Reference == DemoReference);
        Assert.NotNull(stored.RevealedSeed);
        Assert.True(Seed.Matches(stored.RevealedSeed!, stored.SeedCommitment!));
        Assert.Equal(["Draft>Draft", "Draft>Open", "Open>Screening", "Screening>Scoring", "Scoring>Moderation"], stored.History.Select(change => $"{change.From}>{change.To}"));
    }

    [Fact]
    public async Task CloseDueRounds_AtTheClosingInstant_ClosesAndRecordsIt()
    {
        using var db = NewContext();
        var closesAt = (await db.Rounds.SingleAsync(r => r.Reference == DemoReference)).ClosesAt;

        Assert.Equal(0, await RoundClock.CloseDueRoundsAsync(db, closesAt.AddTicks(-1)));
        Assert.Equal(1, await RoundClock.CloseDueRoundsAsync(db, closesAt));

        using var check = NewContext();
        var round = await check.Rounds.SingleAsync(r => r.Reference == DemoReference);
        Assert.Equal(RoundState.Screening, round.State);
        Assert.Equal((Round.ClosingTimeActor, closesAt), (round.History[^1].Actor, round.History[^1].At));
    }

    [Fact]
    public async Task PublicRoundPage_ShowsTheRulesInWordsWithTheirHash()
    {
        using var client = _factory.CreateClient();
        string hash;
        using (var db = NewContext()) hash = (await db.Rounds.SingleAsync(r => r.Reference == DemoReference)).RulesHash!;

        var page = await client.GetStringAsync(new Uri($"/rounds/{DemoReference}", UriKind.Relative));

        Assert.Contains("Community Mental Health Fund 2027, round 1", page);
        Assert.Contains("Run by Coventry and Warwickshire Mental Health Alliance (demo).", page);
        Assert.Contains(hash, page);
        Assert.Contains("Micro organisation: the score is multiplied by 1.20", page);
        Assert.Contains("Micro groups: £37,500.00 (15% of the budget)", page);
        Assert.Contains("Strong evidence, and the people most in need are reached", page);
        using var missing = await client.GetAsync(new Uri("/rounds/NO-SUCH-ROUND", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
    }

    public void Dispose() => _factory.Dispose();
}
