using FairFund.Tests.Web;
using FairFund.Tests.Web.Fund;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FairFund.Tests.Browser;

/// <summary>
/// The round's list of applications in a real browser: accessible at 1280 and 320 px with no sideways scroll
/// (the table scrolls in its own region), with an error as well as with results, and searched by pressing its button.
/// </summary>
public sealed class ApplicationListBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly SemaphoreSlim Seeding = new(1, 1);

    /// <summary>The fixture's app is shared by the class's tests, so the applications are seeded once: enough for two pages.</summary>
    private async Task<IPage> SignedInAsManagerAsync(int width = 1280)
    {
        await Seeding.WaitAsync();
        try
        {
            var listed = await browser.App.WithScopeAsync(services =>
                Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(
                    services.GetRequiredService<FairFund.Web.Data.FairFundDbContext>().Applications, a => a.Reference.EndsWith("-9001")));
            if (!listed) await ApplicationListSeed.SeedAsync(browser.App, 60);
        }
        finally
        {
            Seeding.Release();
        }
        return await browser.SignedInPageAsync(SignedInClient.Manager, width);
    }

    [Theory]
    [InlineData("", 1280)]
    [InlineData("", 320)]
    [InlineData("?area=CV&sort=Amount&order=desc", 1280)]
    [InlineData("?area=CV&sort=Amount&order=desc", 320)]
    [InlineData("?amountFrom=lots&area=Coventry", 1280)]
    [InlineData("?amountFrom=lots&area=Coventry", 320)]
    public async Task Open_ApplicationList_HasNoAxeViolationsAndFitsItsWidth(string query, int width)
    {
        var page = await SignedInAsManagerAsync(width);
        await page.GotoAsync(ApplicationListSeed.ListPage + query);

        var violations = await Axe.ViolationsAsync(page);
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        Assert.True(scrollWidth <= width, $"{query} is {scrollWidth} px wide at {width} px");
    }

    [Fact]
    public async Task ShowApplications_SearchTyped_ListsOnlyTheMatchingGroup()
    {
        var page = await SignedInAsManagerAsync(320);
        await page.GotoAsync(ApplicationListSeed.ListPage);

        await page.GetByLabel("Search by reference, group name or postcode").FillAsync("50% food");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show applications" }).ClickAsync();

        await page.GetByRole(AriaRole.Heading, new() { Name = "1 application match, showing 1 to 1" }).WaitForAsync();
        var rows = page.Locator("#applications tbody tr");
        Assert.Equal(1, await rows.CountAsync());
        Assert.Contains("Hillfields 50% Food Bank", await rows.First.InnerTextAsync());
    }
}
