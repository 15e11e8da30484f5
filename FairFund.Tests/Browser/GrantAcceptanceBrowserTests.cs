using FairFund.Tests.Web.Apply;
using Microsoft.Playwright;

namespace FairFund.Tests.Browser;

/// <summary>The grant acceptance page in a real browser: accessible, usable at 320 px, and usable after a refused press.</summary>
public sealed class GrantAcceptanceBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AcceptancePage_AsGivenAndWithErrors_HasNoAxeViolationsAndFitsAt320Pixels()
    {
        await GrantOffers.SentDirectlyAsync(browser.App);
        var page = await browser.SignedInPageAsync(Web.SignedInClient.Applicant, width: 320);

        await page.GotoAsync(GrantOffers.AcceptPage(GrantOffers.Own));
        await AssertAccessibleAndNarrowAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Add another outcome" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Accept the grant" }).ClickAsync();
        await page.WaitForSelectorAsync(".govuk-error-summary");
        await AssertAccessibleAndNarrowAsync(page);
    }

    private static async Task AssertAccessibleAndNarrowAsync(IPage page)
    {
        var violations = await Axe.ViolationsAsync(page);
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        Assert.True(scrollWidth <= 320, $"{page.Url} is {scrollWidth} px wide at 320 px");
    }
}
