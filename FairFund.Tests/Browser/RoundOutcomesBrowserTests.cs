using FairFund.Tests.Web;
using FairFund.Tests.Web.Apply;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FairFund.Tests.Browser;

/// <summary>
/// The round's outcomes at a glance in a real browser, with a grant under way, a payment made, a report accepted and
/// the group's words long enough to wrap: the fund manager's outcomes page and the public results page, each with no
/// axe violations at 1280 px and no sideways scroll at 320 px.
/// </summary>
public sealed class RoundOutcomesBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task OutcomesAndResultsPages_At1280AndAt320_HaveNoAxeViolationsAndNoSidewaysScroll()
    {
        await GrantReportBrowserTestsSetup.ActiveGrantAsync(browser.App);
        await browser.App.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var grant = await db.Grants.SingleAsync(g => g.Reference == GrantOffers.Own);
            var now = browser.App.Clock.GetUtcNow();
            grant.MarkPaid(1, FairFund.Domain.Grants.UkCalendar.DateOf(now), "BACS-0001", now, SignedInClient.Manager);
            grant.AcceptReport(1, now, SignedInClient.Manager);
            await db.SaveChangesAsync();
        });
        var outcomesPage = $"/fund/rounds/{GrantOffers.Round}/outcomes";
        var resultsPage = $"/rounds/{GrantOffers.Round}/results";

        foreach (var width in new[] { 1280, 320 })
        {
            var manager = await browser.SignedInPageAsync(SignedInClient.Manager, width: width);
            await manager.GotoAsync(outcomesPage);
            Assert.Equal("Outcomes at a glance", (await manager.InnerTextAsync("h1")).Trim());
            await manager.WaitForSelectorAsync("#indicators");
            await CheckAsync(manager, width);

            var anyone = await browser.NewPageAsync(width: width);
            await anyone.GotoAsync(resultsPage);
            await anyone.WaitForSelectorAsync("#public-indicators");
            await CheckAsync(anyone, width);
        }
    }

    private static async Task CheckAsync(IPage page, int width)
    {
        if (width == 1280)
        {
            var violations = await Axe.ViolationsAsync(page);
            Assert.True(violations.Count == 0, $"{page.Url}: {string.Join(Environment.NewLine, violations)}");
        }
        else
        {
            var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(scrollWidth <= 320, $"{page.Url} is {scrollWidth} px wide at 320 px");
        }
    }
}
