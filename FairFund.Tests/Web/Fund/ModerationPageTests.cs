using System.Net;
using FairFund.Domain.Applications;
using FairFund.Domain.Rounds;
using FairFund.Tests.Web.Panel;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Fund;

/// <summary>
/// Moderation through the fund manager's pages on a real database: 30 applications, each reviewed twice, so
/// the £250,000 budget runs out and some groups wait; overrides with reasons, and approval's guards.
/// </summary>
public sealed partial class ModerationPageTests(SharedFairFundApp app) : IClassFixture<SharedFairFundApp>
{
    private const int Applications = 30;
    private readonly FairFundFactory _factory = app.ForNextTest();

    private Task<(PanelRoundSeed Seed, HttpClient Manager)> InModerationAsync() =>
        Moderating.InModerationAsync(_factory, Applications, members: 3, Moderating.SpreadScores);

    private Task<int> OverrideCountAsync() =>
        _factory.WithScopeAsync(services => services.GetRequiredService<FairFundDbContext>().AllocationOverrides.CountAsync());

    [Fact]
    public async Task CloseScoring_ComputesTheAllocation_ShownRankedWithFundingLineAndPots()
    {
        var (_, manager) = await InModerationAsync();

        var page = await manager.GetStringAsync(new Uri(Moderating.ModerationPage, UriKind.Relative));

        var rows = Moderating.RankedRows(page);
        Assert.Equal(Applications, rows.Count);
        Assert.Contains(rows, row => row.Decision == "Award");
        Assert.Contains(rows, row => row.Decision == "Waitlist");
        Assert.Contains("id=\"funding-line\"", page);
        Assert.Contains("Micro groups", page);
        Assert.Contains("Lived-experience-led groups", page);
        // Every fifth application has one review at the top and one at the bottom of the scale.
        Assert.Contains("Reviewers disagree", page);
        var round = await Apply.Drafts.RoundAsync(_factory);
        Assert.Equal(RoundState.Moderation, round.State);
        Assert.NotNull(round.RevealedSeed);
    }

    [Fact]
    public async Task RoundFile_Exported_GivesThroughAllocateTheAllocationTheModerationPageShows()
    {
        var (_, manager) = await InModerationAsync();
        var page = await manager.GetStringAsync(new Uri(Moderating.ModerationPage, UriKind.Relative));

        using var export = await manager.GetAsync(new Uri($"/fund/rounds/{Moderating.Round}/round-file", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal($"{Moderating.Round}.round.json", export.Content.Headers.ContentDisposition!.FileNameStar ?? export.Content.Headers.ContentDisposition.FileName);
        var json = await export.Content.ReadAsStringAsync();
        Assert.DoesNotContain("@panel.fairfund.test", json);
        Assert.Contains("reviewer-01", json);
        var shown = Moderating.RankedRows(page).OrderBy(row => row.Reference, StringComparer.Ordinal).ToList();
        var recomputed = Moderating.Allocate(json).OrderBy(row => row.Reference, StringComparer.Ordinal).ToList();
        Assert.Equal(Applications, recomputed.Count);
        Assert.Equal(recomputed, shown);
    }

    [Fact]
    public async Task Override_WithoutAReason_IsRefusedAndNothingIsRecorded()
    {
        var (_, manager) = await InModerationAsync();
        var page = await manager.GetStringAsync(new Uri(Moderating.ModerationPage, UriKind.Relative));
        var waiting = Moderating.RankedRows(page).First(row => row.Decision == "Waitlist");

        using var response = await Moderating.OverrideAsync(manager, waiting.Reference, "Fund", "1000", "general", reason: "  ");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("Enter the reason for this change", body);
        Assert.Contains("href=\"#reason\"", body);
        Assert.Equal(0, await OverrideCountAsync());
    }

    [Theory]
    [InlineData(-301, "The reason must be 300 words or fewer (it has 301)")]
    [InlineData(5_000, "The reason must be 2,000 characters or fewer (it has 5,000)")]
    public async Task Override_ReasonOverItsLimit_IsRefusedAtTheReasonAndNothingIsRecorded(int size, string error)
    {
        var (_, manager) = await InModerationAsync();
        var page = await manager.GetStringAsync(new Uri(Moderating.ModerationPage, UriKind.Relative));
        var funded = Moderating.RankedRows(page).First(row => row.Decision == "Award");
        var reason = size >= 0 ? new string('r', size) : string.Join(' ', Enumerable.Repeat("word", -size));

        using var response = await ModerationChangeForm.SubmitAsync(manager, funded.Reference, "Decline", null, null, reason);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains($"<a href=\"#reason\">{error}</a>", body);
        Assert.Contains($"<span class=\"govuk-visually-hidden\">Error:</span> {error}</p>", body);
        Assert.Equal(0, await OverrideCountAsync());
    }

    [Fact]
    public async Task Override_WithAReason_IsRecordedWithWhoAndShownWhereverTheAllocationIs()
    {
        var (_, manager) = await InModerationAsync();
        var page = await manager.GetStringAsync(new Uri(Moderating.ModerationPage, UriKind.Relative));
        var funded = Moderating.RankedRows(page).First(row => row.Decision == "Award");

        using var response = await Moderating.OverrideAsync(manager, funded.Reference, "Decline", null, null, "The group has since closed.");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await manager.GetStringAsync(new Uri(Moderating.ModerationPage, UriKind.Relative));
        Assert.Equal("Decline", Moderating.RankedRows(after).Single(row => row.Reference == funded.Reference).Decision);
        Assert.Contains("The group has since closed.", after);
        Assert.Contains(SignedInClient.Manager, after);
        var csv = await manager.GetStringAsync(new Uri($"/fund/rounds/{Moderating.Round}/overrides", UriKind.Relative));
        Assert.Contains($"{funded.Reference},Decline,0.00,,The group has since closed.,{SignedInClient.Manager},", csv);
        Assert.Equal(1, await OverrideCountAsync());
    }

    [Fact]
    public async Task Override_MoreThanIsLeft_IsRefusedBesideTheAmountWithTheMoneyLeft_AndNothingIsSaved()
    {
        var (_, manager) = await InModerationAsync();
        var page = await manager.GetStringAsync(new Uri(Moderating.ModerationPage, UriKind.Relative));
        var left = Left(page);
        var requests = await RequestsAsync();
        // A waiting group that asked for more than is left (the lottery's seed decides how much that is): funding it in full would overspend the budget.
        var waiting = Moderating.RankedRows(page).First(row => row.Decision == "Waitlist" && requests[row.Reference] > left);

        using var response = await ModerationChangeForm.SubmitAsync(manager, waiting.Reference, "Fund",
            requests[waiting.Reference].ToString(System.Globalization.CultureInfo.InvariantCulture), "general", "The panel wants this group funded in full.");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var message = $"That is more than the money left: {FairFund.Domain.Scoring.Money.Pounds(left)} is left in the budget and ";
        var beside = System.Text.RegularExpressions.Regex.Match(body, "<p id=\"amount-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> ([^<]*)</p>").Groups[1].Value;
        Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(message)}£[0-9,.]+ in the General pot, so {waiting.Reference} (can be given at most £[0-9,.]+|cannot be funded until another award is lowered or stopped)$", beside);
        Assert.Contains("href=\"#amount\"", body);
        Assert.Equal(0, await OverrideCountAsync());
        var after = await manager.GetStringAsync(new Uri(Moderating.ModerationPage, UriKind.Relative));
        Assert.Equal(left, Left(after));
        Assert.Equal("Waitlist", Moderating.RankedRows(after).Single(row => row.Reference == waiting.Reference).Decision);
    }

    [Fact]
    public async Task Approve_WhileChangesRecordedEarlierOverspend_IsRefusedWithTheReasonsAndTheOverspendWrittenWithAMinus()
    {
        var (_, manager) = await InModerationAsync();
        var page = await manager.GetStringAsync(new Uri(Moderating.ModerationPage, UriKind.Relative));
        var waiting = Moderating.RankedRows(page).Where(row => row.Decision == "Waitlist").ToList();
        // Changes saved before moderation refused an overspend: the page can no longer make them, but a database may hold them.
        await _factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var round = await db.Rounds.SingleAsync(r => r.Reference == Moderating.Round);
            foreach (var row in waiting)
                db.AllocationOverrides.Add(new FairFund.Domain.Moderation.AllocationOverride(Guid.NewGuid(), round.Id, row.Reference, FairFund.Domain.Moderation.OverrideKind.Fund,
                    1_000m, "general", "The panel wants to fund every waiting group.", SignedInClient.Manager, _factory.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        });
        var moderation = await manager.GetStringAsync(new Uri(Moderating.ModerationPage, UriKind.Relative));
        Assert.Contains("Not yet:", moderation);
        Assert.Contains("General pot is overspent by", moderation);
        Assert.True(Left(moderation) < 0);
        Assert.Contains($"id=\"remaining\">\u2212£", moderation);
        Assert.DoesNotContain("£-", moderation);

        // Forged on purpose: the page's approve button is disabled ("Not yet"), so only a forged post can ask.
        using var approve = await Moderating.ForgedActAsync(manager, RoundTrigger.Approve);

        Assert.Equal(HttpStatusCode.BadRequest, approve.StatusCode);
        var refusal = await approve.Content.ReadAsStringAsync();
        Assert.Contains("The round cannot be approved: it needs this put right: The awards come to", refusal);
        Assert.Contains("it needs this put right: The General pot is overspent by", refusal);
        Assert.Equal(RoundState.Moderation, (await Apply.Drafts.RoundAsync(_factory)).State);
        Assert.All(await StatesAsync(), state => Assert.Equal(ApplicationState.Scored, state));
    }

    [Fact]
    public async Task Approve_FixesEveryDecisionWithItsNotice_AndRefusesChangesAfter()
    {
        var (_, manager) = await InModerationAsync();
        var page = await manager.GetStringAsync(new Uri(Moderating.ModerationPage, UriKind.Relative));
        var rows = Moderating.RankedRows(page);
        var changed = rows.First(row => row.Decision == "Award");
        using (var response = await Moderating.OverrideAsync(manager, changed.Reference, "ChangeAmount", "1000", null, "Only the first year is ready."))
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        using var approve = await Moderating.ActAsync(manager, RoundTrigger.Approve);

        Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        Assert.Equal(RoundState.Decided, (await Apply.Drafts.RoundAsync(_factory)).State);
        foreach (var row in rows)
        {
            var (application, _) = await Apply.Drafts.LoadAsync(_factory, row.Reference);
            var expected = row.Decision switch { "Award" => ApplicationState.Awarded, "Waitlist" => ApplicationState.Waitlisted, _ => ApplicationState.Declined };
            Assert.Equal(expected, application.State);
            Assert.Equal(row.Reference == changed.Reference ? 1000m : row.Amount, application.Decision!.Amount);
            Assert.Equal(2, application.Decision.PanelComments.Count);
        }
        var overridden = (await Apply.Drafts.LoadAsync(_factory, changed.Reference)).Application.Decision!;
        var change = Assert.Single(overridden.Changes);
        Assert.Equal(("Only the first year is ready.", changed.Amount, 1000m), (change.Reason, change.Was.Amount, change.Became.Amount));
        Assert.Contains($"the panel changed the award from {FairFund.Domain.Scoring.Money.PoundsAndPence(changed.Amount)} to £1,000.00, because: Only the first year is ready.", overridden.Trail[^2].Text);
        Assert.StartsWith("Final decision, after moderation: an award of £1,000.00", overridden.Trail[^1].Text);

        var decided = await manager.GetStringAsync(new Uri(Moderating.ApplicationPage(changed.Reference), UriKind.Relative));
        Assert.DoesNotContain("Record this change", decided);
        // Forged on purpose: a decided round's pages offer no change; one made up must be refused.
        using var late = await Moderating.ForgedOverrideAsync(manager, changed.Reference, "ChangeAmount", "1200", null, "Too late.");
        Assert.Equal(1, await OverrideCountAsync());
    }

    [Fact]
    public async Task Thresholds_Lowered_FlagEveryApplicationWhoseReviewersDiffer()
    {
        var (_, manager) = await InModerationAsync();
        using var response = await manager.PostFormAsync($"{Moderating.ModerationPage}?handler=Thresholds",
            new() { ["Input.Range"] = "0", ["Input.Deviation"] = "0" }, Moderating.ModerationPage);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var page = await manager.GetStringAsync(new Uri(Moderating.ModerationPage, UriKind.Relative));

        // Member 2 scores one level above member 1 except where they are far apart, so every application is flagged.
        Assert.Equal(Applications, CountOf(page, "govuk-tag--orange\">Reviewers disagree"));
        // Who changed what is flagged, and when, is kept in the round's history.
        var history = WebUtility.HtmlDecode(await manager.GetStringAsync(new Uri(Moderating.RoundPage, UriKind.Relative)));
        Assert.Contains($"{SignedInClient.Manager}</td>", history);
        Assert.Contains("Disagreement thresholds changed from 25 to 0 points apart and from 12.5 to 0 points of standard deviation", history);
        using var bad = await manager.PostFormAsync($"{Moderating.ModerationPage}?handler=Thresholds",
            new() { ["Input.Range"] = "lots", ["Input.Deviation"] = "101" }, Moderating.ModerationPage);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var body = await bad.Content.ReadAsStringAsync();
        Assert.Contains("Enter the range as a number of points from 0 to 100", body);
        Assert.Contains("Enter the standard deviation as a number of points from 0 to 100", body);
    }

    /// <summary>The money left in the budget, as the moderation page shows it.</summary>
    private static decimal Left(string moderationPage)
    {
        var shown = WebUtility.HtmlDecode(LeftShown().Match(moderationPage).Groups[1].Value);
        var negative = shown.StartsWith('\u2212');
        var pounds = decimal.Parse(shown.TrimStart('\u2212').TrimStart('£'), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture);
        return negative ? -pounds : pounds;
    }

    private Task<Dictionary<string, decimal>> RequestsAsync() =>
        _factory.WithScopeAsync(async services => (await services.GetRequiredService<FairFundDbContext>().Applications.AsNoTracking().AsSplitQuery().ToListAsync())
            .ToDictionary(application => application.Reference, application => application.AmountRequested));

    [System.Text.RegularExpressions.GeneratedRegex("id=\"remaining\">([^<]+)<")]
    private static partial System.Text.RegularExpressions.Regex LeftShown();

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    private Task<List<ApplicationState>> StatesAsync() =>
        _factory.WithScopeAsync(services => services.GetRequiredService<FairFundDbContext>().Applications.Select(a => a.State).ToListAsync());
}
