using FairFund.Domain.Allocation;
using FairFund.Domain.Moderation;
using FairFund.Domain.Rounds;
using FairFund.Tests.Web;
using FairFund.Tests.Web.Panel;
using FairFund.Web.Data;
using FairFund.Web.Allocation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Browser;

/// <summary>
/// A decided round's public results page in a real browser, with one change the panel made: accessible at 1280 px,
/// and at 320 px neither it nor the round's public page scrolls sideways (the hashes wrap, the tables scroll in their own regions).
/// </summary>
public sealed class ResultsBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string RoundPage = $"/rounds/{PanelRounds.Round}";
    private const string Results = $"{RoundPage}/results";

    /// <summary>The fixture's app is shared by the class's tests, so the round is decided and its decisions sent once: the results are public only then.</summary>
    private async Task EnsureDecidedAsync()
    {
        if ((await Web.Apply.Drafts.RoundAsync(browser.App)).State != RoundState.Open) return;
        await DecidedRound.DecideAsync(browser.App);
        await browser.App.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var round = await db.Rounds.SingleAsync(r => r.Reference == PanelRounds.Round);
            round.Notify(browser.App.Clock.GetUtcNow(), SignedInClient.Manager);
            await db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task Open_ResultsPage_At1280Pixels_HasNoAxeViolations()
    {
        await EnsureDecidedAsync();
        var page = await browser.NewPageAsync(width: 1280);
        await page.GotoAsync(Results);

        var violations = await Axe.ViolationsAsync(page);

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        Assert.Contains("Changed", await page.InnerTextAsync("#awards"), StringComparison.Ordinal);
    }

    /// <summary>The public round page too: once decided it shows the revealed seed and the command that checks it, which must wrap.</summary>
    [Theory]
    [InlineData(Results)]
    [InlineData(RoundPage)]
    public async Task Open_DecidedRoundsPublicPage_At320Pixels_NeverScrollsSideways(string path)
    {
        await EnsureDecidedAsync();
        var page = await browser.NewPageAsync(width: 320);
        await page.GotoAsync(path);

        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");

        Assert.True(scrollWidth <= 320, $"{path} is {scrollWidth} px wide at 320 px");
    }
}
