using FairFund.Domain.Rounds;
using FairFund.Tests.Web;
using FairFund.Tests.Web.Panel;
using Microsoft.Playwright;

namespace FairFund.Tests.Browser;

/// <summary>
/// The moderation pages in a real browser: accessible at 1280 px and usable at 320 px (the wide tables scroll in
/// their own regions), including a refused change with its error summary.
/// </summary>
public sealed class ModerationBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Moderation = $"/fund/rounds/{PanelRounds.Round}/moderation";
    private const string OneApplication = $"{Moderation}/{PanelRounds.Round}-0003";

    /// <summary>The fixture's app is shared by the class's tests, so the round is taken to moderation once.</summary>
    private async Task EnsureModerationAsync()
    {
        if ((await Web.Apply.Drafts.RoundAsync(browser.App)).State != RoundState.Open) return;
        var seed = await PanelRounds.SeedAsync(browser.App, applications: 24, members: 3);
        await PanelRounds.ReviewAllAsync(browser.App, seed, (application, member) =>
            member == 2 ? null : [(application + member) % 5, (application * 3) % 5, 4 - application % 5, application % 2 == 0 ? 0 : 4]);
        await PanelPages.CloseScoringAsync(browser.App);
    }

    private async Task<IPage> SignedInAsManagerAsync(int width)
    {
        await EnsureModerationAsync();
        return await browser.SignedInPageAsync(SignedInClient.Manager, width);
    }

    [Theory]
    [InlineData(Moderation, 320)]
    [InlineData(Moderation, 1280)]
    [InlineData(OneApplication, 320)]
    [InlineData(OneApplication, 1280)]
    public async Task Open_ModerationPage_HasNoAxeViolationsAndFitsItsWidth(string path, int width)
    {
        var page = await SignedInAsManagerAsync(width);
        await page.GotoAsync(path);

        var violations = await Axe.ViolationsAsync(page);
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        Assert.True(scrollWidth <= width, $"{path} is {scrollWidth} px wide at {width} px");
    }

    [Fact]
    public async Task SaveThresholds_WithNewPoints_StoresThemAndTheFlaggingUsesThem()
    {
        var page = await SignedInAsManagerAsync(1280);
        await page.GotoAsync(Moderation);

        await page.GetByText("Change when reviewers count as disagreeing").ClickAsync();
        await page.GetByLabel("Range of review scores, in points").FillAsync("30");
        await page.GetByLabel("Standard deviation of review scores, in points").FillAsync("10.5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save thresholds" }).ClickAsync();

        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("more than 30 points apart, or their standard deviation is over 10.5 points");
        var round = await Web.Apply.Drafts.RoundAsync(browser.App);
        Assert.Equal((30m, 10.5m), (round.DisagreementRange, round.DisagreementDeviation));
    }

    [Fact]
    public async Task SaveThresholds_OverAHundredPoints_ShowsTheErrorAtTheOpenFieldAndKeepsTheStoredOnes()
    {
        var page = await SignedInAsManagerAsync(1280);
        var before = await Web.Apply.Drafts.RoundAsync(browser.App);
        await page.GotoAsync(Moderation);

        await page.GetByText("Change when reviewers count as disagreeing").ClickAsync();
        await page.GetByLabel("Range of review scores, in points").FillAsync("101");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save thresholds" }).ClickAsync();

        var error = page.Locator("#range-error");
        await Assertions.Expect(error).ToContainTextAsync("Enter the range as a number of points from 0 to 100, like 25");
        await Assertions.Expect(error).ToBeVisibleAsync();
        await page.Locator(".govuk-error-summary").GetByRole(AriaRole.Link, new() { Name = "Enter the range as a number of points from 0 to 100, like 25" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Range of review scores, in points")).ToBeFocusedAsync();
        var after = await Web.Apply.Drafts.RoundAsync(browser.App);
        Assert.Equal((before.DisagreementRange, before.DisagreementDeviation), (after.DisagreementRange, after.DisagreementDeviation));
    }

    [Fact]
    public async Task Change_WithoutAReason_ShowsTheErrorAtTheReasonAndStaysAccessible()
    {
        var page = await SignedInAsManagerAsync(1280);
        await page.GotoAsync(OneApplication);

        await page.GetByRole(AriaRole.Radio).First.CheckAsync();
        await page.GetByLabel("Amount", new() { Exact = true }).FillAsync("1000");
        if (await page.GetByRole(AriaRole.Radio, new() { Name = "General pot", Exact = false }).CountAsync() > 0)
            await page.GetByRole(AriaRole.Radio, new() { Name = "General pot", Exact = false }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record this change" }).ClickAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Enter the reason for this change" }).WaitForAsync();
        Assert.Empty(await Axe.ViolationsAsync(page));
        Assert.StartsWith("Error:", await page.TitleAsync(), StringComparison.Ordinal);
    }
}
