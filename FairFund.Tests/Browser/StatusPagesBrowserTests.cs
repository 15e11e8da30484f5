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
    }

    private static async Task AssertAccessibleAndNarrowAsync(IPage page)
    {
        var violations = await Axe.ViolationsAsync(page);
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        Assert.True(scrollWidth <= 320, $"{page.Url} is {scrollWidth} px wide at 320 px");
    }
}
