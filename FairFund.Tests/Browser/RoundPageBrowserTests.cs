using FairFund.Tests.Web;
using Microsoft.Playwright;

namespace FairFund.Tests.Browser;

/// <summary>The fund manager's round page in a real browser: its lifecycle drawn as SVG, accessible and fitting a phone's width.</summary>
public sealed class RoundPageBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string RoundPage = "/fund/rounds/CW-MH-2027-R1";

    [Theory]
    [InlineData(320)]
    [InlineData(1280)]
    public async Task Open_RoundPage_HasNoAxeViolationsFitsItsWidthAndShowsTheLifecycleWithoutAScript(int width)
    {
        var page = await browser.SignedInPageAsync(SignedInClient.Manager, width);
        var scripts = new List<string>();
        page.Request += (_, request) => { if (request.ResourceType == "script") scripts.Add(request.Url); };

        await page.GotoAsync(RoundPage);

        var diagram = page.GetByRole(AriaRole.Img, new() { Name = "The round's lifecycle" });
        await Assertions.Expect(diagram).ToBeVisibleAsync();
        var box = await diagram.BoundingBoxAsync();
        var violations = await Axe.ViolationsAsync(page);
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        Assert.True(scrollWidth <= width, $"{RoundPage} is {scrollWidth} px wide at {width} px");
        Assert.True(box!.Width <= width && box.Height > 200, $"the diagram is {box.Width} by {box.Height} px");
        Assert.DoesNotContain(scripts, url => url.Contains("mermaid", StringComparison.OrdinalIgnoreCase));
    }
}
