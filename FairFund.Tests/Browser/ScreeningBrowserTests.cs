using FairFund.Domain.Applications;
using FairFund.Domain.Rounds;
using FairFund.Tests.Web;
using FairFund.Tests.Web.Panel;
using Microsoft.Playwright;

namespace FairFund.Tests.Browser;

/// <summary>
/// The screening pages in a real browser: accessible, usable at 320 px (the table scrolls in its own region),
/// and the reason for "Not eligible" revealed by GOV.UK Frontend with JavaScript and always shown without it.
/// </summary>
public sealed class ScreeningBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Screening = $"/fund/rounds/{PanelRounds.Round}/screening";

    private static string ApplicationPage(int number) => $"/fund/rounds/{PanelRounds.Round}/applications/{PanelRounds.Round}-{number:0000}";

    /// <summary>The fixture's app is shared by the class's tests, so the round is taken to screening once.</summary>
    private async Task EnsureScreeningAsync()
    {
        var round = await Web.Apply.Drafts.RoundAsync(browser.App);
        if (round.State == RoundState.Open) await PanelRounds.SeedAsync(browser.App, applications: 6, members: 0, PanelRoundStage.Screening);
    }

    private async Task<IPage> SignedInAsManagerAsync(int width = 1280, bool javaScript = true)
    {
        await EnsureScreeningAsync();
        return await browser.SignedInPageAsync(SignedInClient.Manager, width, javaScript);
    }

    [Theory]
    [InlineData(Screening, 320)]
    [InlineData(Screening, 1280)]
    [InlineData("/fund/rounds/CW-MH-2027-R1/applications/CW-MH-2027-R1-0001", 320)]
    [InlineData("/fund/rounds/CW-MH-2027-R1/applications/CW-MH-2027-R1-0001", 1280)]
    public async Task Open_ScreeningPage_HasNoAxeViolationsAndFitsItsWidth(string path, int width)
    {
        var page = await SignedInAsManagerAsync(width);
        await page.GotoAsync(path);

        var violations = await Axe.ViolationsAsync(page);
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        Assert.True(scrollWidth <= width, $"{path} is {scrollWidth} px wide at {width} px");
    }

    [Fact]
    public async Task NotEligible_WithJavaScript_RevealsTheReasonAndSavesTheDecision()
    {
        var page = await SignedInAsManagerAsync(width: 320);
        await page.GotoAsync(ApplicationPage(2));
        var reason = page.GetByLabel("Why is it not eligible?");
        Assert.False(await reason.IsVisibleAsync());

        var notEligible = page.GetByRole(AriaRole.Radio, new() { Name = "Not eligible", Exact = true });
        await notEligible.CheckAsync();
        await reason.FillAsync("The group works outside Coventry and Warwickshire.");
        // Revealed, the reason is still tied to its radio for screen readers, and still passes axe.
        Assert.Equal("conditional-decision-2", await notEligible.GetAttributeAsync("aria-controls"));
        var violations = await Axe.ViolationsAsync(page);
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save decision" }).ClickAsync();

        await page.GetByText($"{PanelRounds.Round}-0002 is marked not eligible").WaitForAsync();
        var stored = await Web.Apply.SeededApplications.LoadAsync(browser.App, $"{PanelRounds.Round}-0002");
        Assert.Equal(ApplicationState.Ineligible, stored.State);
    }

    [Fact]
    public async Task NotEligible_WithoutJavaScript_ShowsTheReasonAndLinksTheErrorToIt()
    {
        var page = await SignedInAsManagerAsync(javaScript: false);
        await page.GotoAsync(ApplicationPage(3));
        var reason = page.GetByLabel("Why is it not eligible?");
        Assert.True(await reason.IsVisibleAsync());

        await page.GetByRole(AriaRole.Radio, new() { Name = "Not eligible", Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save decision" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Enter why the application is not eligible" }).ClickAsync();

        Assert.EndsWith("#reason", page.Url, StringComparison.Ordinal);
        Assert.Equal(ApplicationState.Submitted, (await Web.Apply.SeededApplications.LoadAsync(browser.App, $"{PanelRounds.Round}-0003")).State);
    }
}
