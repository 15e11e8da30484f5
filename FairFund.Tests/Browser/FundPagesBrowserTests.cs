using Microsoft.Playwright;

namespace FairFund.Tests.Browser;

/// <summary>The fund manager's pages in a real browser, signed in, checked with axe-core's WCAG 2.2 AA rules.</summary>
public sealed class FundPagesBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private async Task<IPage> SignedInAsManagerAsync()
    {
        return await browser.SignedInPageAsync(Web.SignedInClient.Manager);
    }

    [Theory]
    [InlineData("/fund")]
    [InlineData("/fund/rounds/CW-MH-2027-R1")]
    [InlineData("/fund/rounds/CW-MH-2027-R1/edit")]
    [InlineData("/fund/rounds/new")]
    [InlineData("/fund/mail")]
    public async Task Open_FundPage_HasNoAxeViolations(string path)
    {
        var page = await SignedInAsManagerAsync();
        await page.GotoAsync(path);

        var violations = await Axe.ViolationsAsync(page);

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public async Task Open_RoundPage_RunsOnlyFairFundsOwnScriptsAndBreaksNoSecurityPolicy()
    {
        var page = await SignedInAsManagerAsync();
        var refused = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error") refused.Add(message.Text);
        };

        await page.GotoAsync("/fund/rounds/CW-MH-2027-R1");
        await page.Locator(".app-diagram svg").First.WaitForAsync();

        Assert.Empty(refused);
        Assert.True(await page.EvaluateAsync<bool>("() => document.body.classList.contains('govuk-frontend-supported')"));
    }
}
