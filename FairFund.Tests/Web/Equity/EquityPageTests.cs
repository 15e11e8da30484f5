using System.Net;
using FairFund.Domain.Applications;
using FairFund.Domain.Organisations;
using FairFund.Tests.Web.Fund;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Equity;

/// <summary>
/// The fund manager's equity report and the public summary on the results page, on a decided round whose
/// decisions are read back from the database: the page's figures must be the sums over those decisions, and
/// the public page must never show a group of fewer than 5.
/// </summary>
public sealed class EquityPageTests(SharedFairFundApp app) : IClassFixture<SharedFairFundApp>
{
    private const int Applications = 30;
    private const string EquityPage = $"/fund/rounds/{Moderating.Round}/equity";
    private const string ResultsPage = $"/rounds/{Moderating.Round}/results";
    private const string DecisionsPage = $"/fund/rounds/{Moderating.Round}/decisions";
    private readonly FairFundFactory _factory = app.ForNextTest();

    /// <summary>One stored decision with what the report groups it by, read from the database.</summary>
    private sealed record StoredDecision(string Band, string District, bool Unregistered, bool Eligible, bool Funded, decimal Asked, decimal Awarded);

    [Fact]
    public async Task EquityPage_DecidedRoundWithAChange_EachFigureIsTheSumOverTheStoredDecisions()
    {
        var (_, manager) = await Moderating.InModerationAsync(_factory, Applications, members: 3, Moderating.SpreadScores);
        var funded = Moderating.RankedRows(await manager.GetStringAsync(new Uri(Moderating.ModerationPage, UriKind.Relative))).First(row => row.Decision == "Award");
        using (var change = await Moderating.OverrideAsync(manager, funded.Reference, "ChangeAmount", "1000", null, "Only the first year is ready."))
            Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
        await Moderating.ApproveAsync(manager);

        var page = await manager.GetStringAsync(new Uri(EquityPage, UriKind.Relative));
        var stored = await StoredDecisionsAsync();

        Assert.Contains(stored, decision => decision.Awarded == 1000m);
        AssertSums(EquityTables.Rows(page, "equity-incomeBand"), stored, decision => decision.Band, "all");
        AssertSums(EquityTables.Rows(page, "equity-district"), stored, decision => decision.District, "all");
        AssertSums(EquityTables.Rows(page, "equity-flag-unregistered"), stored, decision => decision.Unregistered ? "yes" : "no", "all");
        manager.Dispose();
    }

    [Fact]
    public async Task EquityPage_BeforeScoringCloses_SaysWhenItStarts()
    {
        using var manager = await SignedInClient.As(_factory, SignedInClient.Manager);

        var page = await manager.GetStringAsync(new Uri(EquityPage, UriKind.Relative));

        Assert.Contains("The equity report starts when scoring closes", page);
        Assert.DoesNotContain("equity-incomeBand", page);
    }

    [Fact]
    public async Task EquityPage_ForSomeoneNotOnTheFundTeam_IsRefused()
    {
        using var anyone = _factory.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await anyone.GetAsync(new Uri(EquityPage, UriKind.Relative));

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Results_AfterTheDecisionsAreSent_ShowNoGroupOfFewerThanFive()
    {
        var (_, manager) = await Moderating.InModerationAsync(_factory, Applications, members: 3, Moderating.SpreadScores);
        await Moderating.ApproveAsync(manager);
        await SendDecisionsAsync(manager);
        var stored = await StoredDecisionsAsync();
        using var anyone = _factory.CreateClient();

        var page = await anyone.GetStringAsync(new Uri(ResultsPage, UriKind.Relative));

        // The seeded round has groups of 1 to 4 (the micro band has 3), so there is something to withhold.
        Assert.Contains(stored.GroupBy(decision => decision.Band), band => band.Count() is > 0 and < 5);
        var tables = EquityTables.TableIds(page, "public-equity-").Append("bands").ToList();
        Assert.Contains("public-equity-incomeBand", tables);
        var counts = tables.SelectMany(table => EquityTables.Rows(page, table).Values)
            .SelectMany(row => row.Where(cell => cell.Key is "applications" or "eligible" or "funded").Select(cell => cell.Value))
            .ToList();
        Assert.NotEmpty(counts);
        Assert.Contains("fewer than 5", counts);
        Assert.All(counts, text => Assert.True(
            text is "fewer than 5" or "not shown" || EquityTables.Count(text) is 0 or >= 5,
            $"The public results show a count of {text}."));
        manager.Dispose();
    }

    private static void AssertSums(
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> rows,
        IReadOnlyList<StoredDecision> stored,
        Func<StoredDecision, string> groupOf,
        string totalKey)
    {
        var groups = stored.GroupBy(groupOf).ToDictionary(group => group.Key, group => group.ToList());
        groups[totalKey] = [.. stored];
        foreach (var (key, row) in rows)
        {
            var inGroup = groups.GetValueOrDefault(key) ?? [];
            Assert.Equal(inGroup.Count, EquityTables.Count(row["applications"]));
            Assert.Equal(inGroup.Count(decision => decision.Eligible), EquityTables.Count(row["eligible"]));
            Assert.Equal(inGroup.Count(decision => decision.Funded), EquityTables.Count(row["funded"]));
            Assert.Equal(inGroup.Sum(decision => decision.Asked), EquityTables.Pounds(row["asked"]));
            Assert.Equal(inGroup.Sum(decision => decision.Awarded), EquityTables.Pounds(row["awarded"]));
        }
        // Every group that has applications is in the table, as is the total.
        Assert.All(groups.Keys, key => Assert.Contains(key, rows.Keys));
    }

    private Task<IReadOnlyList<StoredDecision>> StoredDecisionsAsync() =>
        _factory.WithScopeAsync<IReadOnlyList<StoredDecision>>(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var round = await db.Rounds.AsNoTracking().SingleAsync(r => r.Reference == Moderating.Round);
            var applications = await db.Applications.AsNoTracking().Where(a => a.RoundId == round.Id && a.State != ApplicationState.Draft && a.State != ApplicationState.Withdrawn).ToListAsync();
            var profiles = await db.Organisations.AsNoTracking().ToDictionaryAsync(profile => profile.Id);
            return [.. applications.Select(application =>
            {
                var profile = profiles[application.OrganisationId];
                var isFunded = application.State == ApplicationState.Awarded;
                return new StoredDecision(
                    round.Rules.IncomeBands.BandFor(profile.AnnualIncome),
                    Postcodes.District(profile.Postcode) ?? "notKnown",
                    profile.Type == OrganisationType.UnregisteredGroup,
                    application.State != ApplicationState.Ineligible,
                    isFunded,
                    application.AmountRequested,
                    isFunded ? application.Decision!.Amount : 0m);
            })];
        });

    private static async Task SendDecisionsAsync(HttpClient manager)
    {
        using (var saved = await manager.PostFormAsync(DecisionsPage + "?handler=Save", new()
        {
            ["Input.GrantConditions"] = "",
            ["Input.WaitingListUntil.Day"] = "30",
            ["Input.WaitingListUntil.Month"] = "9",
            ["Input.WaitingListUntil.Year"] = "2027",
        }, DecisionsPage)) Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        using var sent = await manager.PostFormAsync(DecisionsPage + "?handler=Send", [], DecisionsPage);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
    }
}
