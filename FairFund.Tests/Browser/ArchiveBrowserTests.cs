using FairFund.Domain.Rounds;
using FairFund.Tests.Web;
using FairFund.Tests.Web.Apply;
using FairFund.Tests.Web.Panel;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FairFund.Tests.Browser;

/// <summary>
/// "Archive the round" pressed in Chromium by the fund manager, on a round whose decisions have gone: the last
/// move of a round's life, in a class of its own because it needs the demo round decided and notified.
/// </summary>
public sealed class ArchiveBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ArchiveTheRound_OnceTheDecisionsHaveGone_ArchivesItAndRecordsWhoAndWhen()
    {
        await DecidedRound.DecideAsync(browser.App);
        await browser.App.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var round = await db.Rounds.SingleAsync(r => r.Reference == PanelRounds.Round);
            round.Notify(browser.App.Clock.GetUtcNow(), SignedInClient.Manager);
            await db.SaveChangesAsync();
        });
        browser.App.Clock.Advance(TimeSpan.FromDays(30));
        var page = await browser.SignedInPageAsync(SignedInClient.Manager);
        await page.GotoAsync($"/fund/rounds/{PanelRounds.Round}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Archive the round" }).ClickAsync();

        await Assertions.Expect(page.Locator("p", new() { HasText = "This round is" }).Locator("strong.govuk-tag")).ToHaveTextAsync(nameof(RoundState.Archived));
        await Assertions.Expect(page.Locator("table.govuk-table tbody tr").First.Locator("td")).ToContainTextAsync([SignedInClient.Manager, "Notified to Archived"]);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Archive the round" })).ToHaveCountAsync(0);
        var round = await browser.App.RoundAsync();
        Assert.Equal(RoundState.Archived, round.State);
        var change = round.History.Single(change => change.To == nameof(RoundState.Archived));
        Assert.Equal((SignedInClient.Manager, browser.App.Clock.GetUtcNow()), (change.Actor, change.At));
    }
}
