using Microsoft.Playwright;

namespace FairFund.Tests.Browser;

/// <summary>The signed-in account pages in a real browser, pressing their own buttons.</summary>
public sealed class AccountBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task SignOutOfEveryDevice_Pressed_SignsOutHereAndThePageHasNoAxeViolations()
    {
        var page = await browser.SignedInPageAsync(Web.SignedInClient.Applicant);
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign out" }).ClickAsync();
        var violations = await Axe.ViolationsAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out of every device" }).ClickAsync();
        await page.GotoAsync("/apply");

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        Assert.Contains("/account/sign-in", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_UnknownAddress_ShowsTheNotFoundPageWithNoAxeViolations()
    {
        var page = await browser.NewPageAsync();

        var response = await page.GotoAsync("/no-such-page");
        var violations = await Axe.ViolationsAsync(page);

        Assert.Equal(404, response!.Status);
        Assert.Equal("Page not found", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }
}
