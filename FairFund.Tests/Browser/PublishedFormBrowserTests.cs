using FairFund.Tests.Domain.Forms;
using FairFund.Tests.Web.Rounds;
using Microsoft.Playwright;

namespace FairFund.Tests.Browser;

/// <summary>
/// A round's published form in Chromium: the public round page and the printable form, with a form of every kind
/// and a conditional section, accessible at 1280 px, never scrolling sideways at 320 px, and printable to PDF.
/// </summary>
public sealed class PublishedFormBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private const string Round = "CW-MH-2027-R1";

    public async Task InitializeAsync() => await PublishedForms.PublishAsync(browser.App, Round, FormJsonTests.EveryKind());

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Where screenshots and the PDF go, for a person to look at; outside the repository.</summary>
    private static string Shots => Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "fairfund-published-form")).FullName;

    [Theory]
    [InlineData($"/rounds/{Round}", "round")]
    [InlineData($"/rounds/{Round}/form", "print")]
    public async Task Open_PublishedForm_HasNoAxeViolationsAt1280AndFits320(string path, string name)
    {
        var wide = await browser.NewPageAsync(width: 1280);
        await wide.GotoAsync(path);
        var violations = await Axe.ViolationsAsync(wide);
        await wide.ScreenshotAsync(new() { Path = Path.Combine(Shots, $"{name}-1280.png"), FullPage = true });

        var narrow = await browser.NewPageAsync(width: 320);
        await narrow.GotoAsync(path);
        var scrollWidth = await narrow.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        await narrow.ScreenshotAsync(new() { Path = Path.Combine(Shots, $"{name}-320.png"), FullPage = true });

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        Assert.True(scrollWidth <= 320, $"{path} is {scrollWidth} px wide at 320 px");
    }

    [Fact]
    public async Task RoundPage_PrintLink_LeadsToTheFormWhichPrintsWithoutNavigationASectionAPage()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/rounds/{Round}");

        await page.GetByRole(AriaRole.Link, new() { Name = "Print the form, or save it as PDF, to prepare your answers" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Application form:");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        var navigationShown = await page.Locator(".govuk-service-navigation").IsVisibleAsync();
        var breakBefore = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.app-print-section')).breakBefore");
        var pdf = await page.PdfAsync(new() { Path = Path.Combine(Shots, "form.pdf"), Format = "A4", PrintBackground = true });

        Assert.False(navigationShown);
        Assert.Equal("page", breakBefore);
        Assert.True(pdf.Length > 10_000, $"the PDF is {pdf.Length} bytes");
    }
}
