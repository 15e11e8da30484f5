using FairFund.Domain.Applications;
using FairFund.Domain.Scoring;
using FairFund.Tests.Builders;
using FairFund.Tests.Domain.Applications;
using FairFund.Tests.Web.Apply;
using Microsoft.Playwright;

namespace FairFund.Tests.Browser;

/// <summary>The withdraw and status pages in a real browser: accessible, and usable at 320 px, with a long trail.</summary>
public sealed class StatusPagesBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task WithdrawThenStatusAfterADecision_HaveNoAxeViolationsAndFitAt320Pixels()
    {
        var reference = await SeededApplications.SeedAsync(browser.App, ApplicationState.Scored);
        var page = await browser.NewPageAsync(width: 320);
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email address").FillAsync("applicant@demo.fairfund.test");
        await page.GetByLabel("Password").FillAsync("demo-applicant-2027");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/sign-in", StringComparison.Ordinal));

        await page.GotoAsync($"/apply/applications/{reference}/withdraw");
        await AssertAccessibleAndNarrowAsync(page);

        var result = new RoundBuilder().With(new ApplicationBuilder
        {
            Reference = reference,
            Requested = 1_500m,
            Reviews = [new Review("P1", false, [4]), new Review("P2", false, [3]), new Review("P3", Conflict: true, [1])],
        }).Allocate().Applications.Single();
        var notice = DecisionNotice.From(result, ["The budget is realistic and the walks are well planned."]);
        await SeededApplications.ChangeAsync(browser.App, reference, application => application.Award(browser.App.Clock.GetUtcNow(), ApplicationInState.Officer, notice));

        await page.GotoAsync($"/apply/applications/{reference}/status");
        await AssertAccessibleAndNarrowAsync(page);
        await AssertTheWorkingIsFoldedAsync(page);

        // With JavaScript off the working is still there: details is native HTML.
        var withoutScript = await browser.NewPageAsync(width: 320, javaScript: false);
        await withoutScript.GotoAsync("/account/sign-in");
        await withoutScript.GetByLabel("Email address").FillAsync("applicant@demo.fairfund.test");
        await withoutScript.GetByLabel("Password").FillAsync("demo-applicant-2027");
        await withoutScript.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await withoutScript.WaitForURLAsync(url => !url.Contains("/account/sign-in", StringComparison.Ordinal));
        await withoutScript.GotoAsync($"/apply/applications/{reference}/status");
        await AssertTheWorkingIsFoldedAsync(withoutScript);
    }

    /// <summary>The decision is read first; the working is folded under its summary and opens, whole, when pressed.</summary>
    private static async Task AssertTheWorkingIsFoldedAsync(IPage page)
    {
        var opening = page.Locator("#decision-opening");
        var working = page.Locator("#decision-working");
        var trail = page.Locator("#score-trail");
        await Assertions.Expect(opening).ToBeVisibleAsync();
        Assert.StartsWith("You have been awarded £1,500, the full amount you asked for.", await opening.InnerTextAsync(), StringComparison.Ordinal);
        await Assertions.Expect(trail).ToBeHiddenAsync();
        Assert.False(await working.EvaluateAsync<bool>("details => details.open"));

        await page.GetByText("How this decision was worked out").ClickAsync();

        await Assertions.Expect(trail).ToBeVisibleAsync();
        Assert.Contains("out of 100", await trail.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("£1,500.00", await trail.InnerTextAsync(), StringComparison.Ordinal);
    }

    private static async Task AssertAccessibleAndNarrowAsync(IPage page)
    {
        var violations = await Axe.ViolationsAsync(page);
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        Assert.True(scrollWidth <= 320, $"{page.Url} is {scrollWidth} px wide at 320 px");
    }
}
