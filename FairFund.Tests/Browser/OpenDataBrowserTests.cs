using FairFund.Domain.Rounds;
using FairFund.Tests.Web;
using FairFund.Tests.Web.Panel;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FairFund.Tests.Browser;

/// <summary>
/// The open data page in a real browser, with problems to list and a postcode left out: accessible at 1280 px
/// and usable at 320 px, where the problems table scrolls in its own region.
/// </summary>
public sealed class OpenDataBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string OpenData = $"/fund/rounds/{PanelRounds.Round}/open-data";

    /// <summary>The fixture's app is shared by the class's tests, so the round is decided once, through the round page's button.</summary>
    private async Task<IPage> DecidedRoundPageAsync(int width)
    {
        var page = await browser.SignedInPageAsync(SignedInClient.Manager, width);
        if ((await Web.Apply.Drafts.RoundAsync(browser.App)).State != RoundState.Open) return page;
        var seed = await PanelRounds.SeedAsync(browser.App, applications: 6, members: 2);
        await PanelRounds.ReviewAllAsync(browser.App, seed, (_, member) => member < 2 ? [4, 3, 4, 3] : null);
        await page.GotoAsync($"/fund/rounds/{PanelRounds.Round}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Close scoring and reveal the seed" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve the allocation" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the decisions" }).WaitForAsync();
        await browser.App.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            await StoredRows.SetTextAnswerAsync(db, seed.Applications[0], "title", "Walks: write to sam.patel@example.org");
            var group = await db.Organisations.SingleAsync(group => group.Name == "Group 2");
            group.Update(group.Details with { PostcodeIsHomeAddress = true, CompanyNumber = "1234567" });
            await db.SaveChangesAsync();
        });
        return page;
    }

    [Theory]
    [InlineData(320)]
    [InlineData(1280)]
    public async Task Open_WithProblems_HasNoAxeViolationsAndFitsItsWidth(int width)
    {
        var page = await DecidedRoundPageAsync(width);
        await page.GotoAsync(OpenData);

        var violations = await Axe.ViolationsAsync(page);
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");

        Assert.True(await page.Locator("#problem-list").IsVisibleAsync());
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        Assert.True(scrollWidth <= width, $"{OpenData} is {scrollWidth} px wide at {width} px");
    }
}
