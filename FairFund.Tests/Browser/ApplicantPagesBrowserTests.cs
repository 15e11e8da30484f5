using Microsoft.Playwright;

namespace FairFund.Tests.Browser;

/// <summary>The applicant's pages in a real browser: accessible, and usable at 320 px.</summary>
public sealed class ApplicantPagesBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private async Task<IPage> SignedInAsApplicantAsync(int width = 1280)
    {
        var page = await browser.NewPageAsync(width);
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email address").FillAsync("applicant@demo.fairfund.test");
        await page.GetByLabel("Password").FillAsync("demo-applicant-2027");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/sign-in", StringComparison.Ordinal));
        return page;
    }

    [Theory]
    [InlineData("/apply")]
    [InlineData("/apply/organisation")]
    public async Task Open_ApplicantPage_HasNoAxeViolationsAndFitsAt320Pixels(string path)
    {
        var page = await SignedInAsApplicantAsync(width: 320);
        await page.GotoAsync(path);

        var violations = await Axe.ViolationsAsync(page);
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        Assert.True(scrollWidth <= 320, $"{path} is {scrollWidth} px wide at 320 px");
    }
}
