using FairFund.Domain.Rounds;
using FairFund.Tests.Web;
using FairFund.Tests.Web.Panel;

namespace FairFund.Tests.Browser;

/// <summary>
/// The equity report and reviewer calibration pages in a real browser: no axe violations at 1280 px, and at
/// 320 px the page never scrolls sideways (the wide tables scroll in their own regions).
/// </summary>
public sealed class EquityBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string EquityPage = $"/fund/rounds/{PanelRounds.Round}/equity";
    private const string CalibrationPage = $"/fund/rounds/{PanelRounds.Round}/calibration";

    /// <summary>The fixture's app is shared by the class's tests, so the round is taken to moderation once.</summary>
    private async Task EnsureModerationAsync()
    {
        if ((await Web.Apply.Drafts.RoundAsync(browser.App)).State != RoundState.Open) return;
        var seed = await PanelRounds.SeedAsync(browser.App, applications: 24, members: 3);
        await PanelRounds.ReviewAllAsync(browser.App, seed, (application, member) =>
            member == 2 ? null : [(application + member) % 5, (application * 3) % 5, 4 - application % 5, application % 2 == 0 ? 0 : 4]);
        await PanelPages.CloseScoringAsync(browser.App);
    }

    [Theory]
    [InlineData(EquityPage, 320)]
    [InlineData(EquityPage, 1280)]
    [InlineData(CalibrationPage, 320)]
    [InlineData(CalibrationPage, 1280)]
    public async Task Open_EquityOrCalibrationPage_HasNoAxeViolationsAndFitsItsWidth(string path, int width)
    {
        await EnsureModerationAsync();
        var page = await browser.SignedInPageAsync(SignedInClient.Manager, width);
        await page.GotoAsync(path);

        var tables = await page.Locator("main table").CountAsync();
        var violations = await Axe.ViolationsAsync(page);
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");

        Assert.True(tables > 0, $"{path} shows no tables");
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        Assert.True(scrollWidth <= width, $"{path} is {scrollWidth} px wide at {width} px");
    }
}
