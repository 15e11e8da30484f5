using Microsoft.Playwright;

namespace FairFund.Tests.Browser;

/// <summary>The public pages in a real browser: accessible to axe-core's WCAG 2.2 AA rules, and usable at 320 px.</summary>
public sealed class PublicPagesBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/rounds/CW-MH-2027-R1")]
    [InlineData("/account/sign-in")]
    [InlineData("/account/register")]
    [InlineData("/account/check-email")]
    [InlineData("/account/resend-confirmation")]
    [InlineData("/account/confirm-email")]
    [InlineData("/account/forgot-password")]
    [InlineData("/account/forgot-password/sent")]
    [InlineData("/account/reset-password")]
    [InlineData("/account/password-changed")]
    public async Task Open_PublicPage_HasNoAxeViolations(string path)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(path);

        var violations = await Axe.ViolationsAsync(page);

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public async Task Axe_PageWithAnImageWithoutAlt_ReportsIt()
    {
        var page = await browser.NewPageAsync();
        await page.SetContentAsync("<!DOCTYPE html><html lang=\"en\"><head><title>t</title></head><body><main><img src=\"x.png\"></main></body></html>");

        var violations = await Axe.ViolationsAsync(page);

        Assert.Contains(violations, violation => violation.StartsWith("image-alt", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/rounds/CW-MH-2027-R1")]
    [InlineData("/account/sign-in")]
    [InlineData("/account/register")]
    [InlineData("/account/forgot-password")]
    public async Task Open_PublicPage_At320Pixels_NeverScrollsSideways(string path)
    {
        var page = await browser.NewPageAsync(width: 320);
        await page.GotoAsync(path);

        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");

        Assert.True(scrollWidth <= 320, $"{path} is {scrollWidth} px wide at 320 px");
    }

    [Fact]
    public async Task Register_WithMistakes_ShowsAccessibleErrorsThatLeadToTheFields()
    {
        var page = await browser.NewPageAsync(width: 320);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Create an account" }).First.ClickAsync();

        await page.GetByLabel("Email address").FillAsync("not-an-email");
        await page.GetByLabel("Create a password").FillAsync("short");
        await page.GetByLabel("Enter the password again").FillAsync("shorter");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        Assert.StartsWith("Error: Create an account", await page.TitleAsync(), StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Link, new() { Name = "Enter an email address in the correct format, like name@example.com" }).ClickAsync();
        Assert.Equal("Input_Email", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        var violations = await Axe.ViolationsAsync(page);
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 320, $"the register page with errors is {scrollWidth} px wide at 320 px");
    }

    [Fact]
    public async Task SignIn_AsFundManager_WithJavaScriptOff_ReachesTheRoundAndItsLifecycle()
    {
        var page = await browser.NewPageAsync(width: 320, javaScript: false);
        await page.GotoAsync("/fund");
        Assert.EndsWith("/account/sign-in?ReturnUrl=%2Ffund", page.Url, StringComparison.Ordinal);

        await page.GetByLabel("Email address").FillAsync("manager@demo.fairfund.test");
        await page.GetByLabel("Password").FillAsync("demo-manager-2027");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Community Mental Health Fund 2027, round 1" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Community Mental Health Fund 2027, round 1", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Close the round now" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "The round's lifecycle" })).ToBeVisibleAsync();
    }
}
