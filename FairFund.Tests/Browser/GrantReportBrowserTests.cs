using FairFund.Domain.Grants;
using FairFund.Tests.Web;
using FairFund.Tests.Web.Apply;
using FairFund.Tests.Web.Grants;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FairFund.Tests.Browser;

/// <summary>
/// The pages after the award in a real browser: the group's report form (as given and with errors), the fund
/// manager's report, payments and grant terms pages, each with no axe violations at 1280 px and no sideways scroll
/// at 320 px; and the report written, saved and sent with JavaScript off.
/// </summary>
public sealed class GrantReportBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static async Task AssertAccessibleAsync(IPage page)
    {
        var violations = await Axe.ViolationsAsync(page);
        Assert.True(violations.Count == 0, $"{page.Url}: {string.Join(Environment.NewLine, violations)}");
    }

    private static async Task AssertNarrowAsync(IPage page)
    {
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 320, $"{page.Url} is {scrollWidth} px wide at 320 px");
    }

    [Fact]
    public async Task ReportAndFinancePages_At1280AndAt320_HaveNoAxeViolationsAndNoSidewaysScroll()
    {
        await GrantReportBrowserTestsSetup.ActiveGrantAsync(browser.App);
        var groupPages = new[] { GrantJourney.ReportPage(GrantOffers.Own, 2), GrantOffers.GrantPage(GrantOffers.Own) };
        var fundPages = new[] { GrantJourney.PaymentsPage, GrantJourney.FundReportPage(GrantOffers.Own, 1), GrantOffers.FundGrantPage(GrantOffers.Own), $"/fund/rounds/{GrantOffers.Round}/grant-terms", $"/fund/rounds/{GrantOffers.Round}/grants" };

        foreach (var width in new[] { 1280, 320 })
        {
            var group = await browser.SignedInPageAsync(SignedInClient.Applicant, width: width);
            foreach (var path in groupPages)
            {
                await group.GotoAsync(path);
                if (width == 1280) await AssertAccessibleAsync(group);
                else await AssertNarrowAsync(group);
            }
            // The report form with its errors.
            await group.GotoAsync(GrantJourney.ReportPage(GrantOffers.Own, 2));
            await group.GetByRole(AriaRole.Button, new() { Name = "Send the report" }).ClickAsync();
            await group.WaitForSelectorAsync(".govuk-error-summary");
            if (width == 1280) await AssertAccessibleAsync(group);
            else await AssertNarrowAsync(group);

            var manager = await browser.SignedInPageAsync(SignedInClient.Manager, width: width);
            foreach (var path in fundPages)
            {
                await manager.GotoAsync(path);
                if (width == 1280) await AssertAccessibleAsync(manager);
                else await AssertNarrowAsync(manager);
            }
        }
    }
}

/// <summary>The group writes, saves and sends its report in a browser with JavaScript off.</summary>
public sealed class GrantReportWithoutJavaScriptBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Report_JavaScriptOff_SavedThenSent()
    {
        await GrantReportBrowserTestsSetup.ActiveGrantAsync(browser.App);
        var page = await browser.SignedInPageAsync(SignedInClient.Applicant, javaScript: false);

        await page.GotoAsync(GrantOffers.GrantPage(GrantOffers.Own));
        await page.GetByRole(AriaRole.Link, new() { Name = "Mid-year report" }).ClickAsync();
        await page.GetByLabel("People who say they feel less alone").FillAsync("12");
        await page.GetByLabel("What changed for people, in your own words").FillAsync("Walkers meet every week now.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and come back later" }).ClickAsync();
        await page.WaitForSelectorAsync("#done");
        Assert.Contains("is saved", await page.InnerTextAsync("#done"), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Link, new() { Name = "Mid-year report" }).ClickAsync();
        Assert.Equal("Walkers meet every week now.", await page.GetByLabel("What changed for people, in your own words").InputValueAsync());
        await page.GetByLabel("How people with lived experience shaped and judged the work").FillAsync("Walkers chose the routes and judged each season.");
        await page.GetByLabel("Spent on Peer supporter expenses").FillAsync("400");
        await page.GetByLabel("Spent on Insurance").FillAsync("300");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the report" }).ClickAsync();
        await page.WaitForSelectorAsync("#done");

        Assert.Contains("You have sent your Mid-year report.", await page.InnerTextAsync("#done"), StringComparison.Ordinal);
        var state = await browser.App.WithScopeAsync(async services =>
            (await services.GetRequiredService<FairFundDbContext>().Grants.AsNoTracking().SingleAsync(g => g.Reference == GrantOffers.Own)).Reports.Single(r => r.Number == 2).State);
        Assert.Equal(ReportState.Sent, state);
    }
}

/// <summary>The state the browser tests of the pages after the award start from, made directly (their app has no test client).</summary>
internal static class GrantReportBrowserTestsSetup
{
    /// <summary>The demo group's grant active on two instalments, its mid-year report (2) to write; with the final report (1) sent.</summary>
    public static async Task ActiveGrantAsync(FairFundFactory app)
    {
        await app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var round = await db.Rounds.SingleAsync(r => r.Reference == GrantOffers.Round);
            round.SetGrantTerms(new GrantTerms(
                [new Instalment(50m, ReleaseRule.OnAcceptance), new Instalment(50m, ReleaseRule.OnReportAccepted, ReportName: "Mid-year report")],
                [new ExpectedReport("Final report", null, 12, IsFinal: true), new ExpectedReport("Mid-year report", null, 6, IsFinal: false)],
                1000m, 21, 10), app.Clock.GetUtcNow(), SignedInClient.Manager);
            await db.SaveChangesAsync();
        });
        await GrantOffers.SentDirectlyAsync(app);
        await app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var grant = await db.Grants.SingleAsync(g => g.Reference == GrantOffers.Own);
            var now = app.Clock.GetUtcNow();
            var bank = BankDetails.Parse("Foleshill Peer Support", GrantJourney.SortCode, GrantJourney.AccountNumber).Details!;
            grant.Accept(new Acceptance(new Signatory("Amina Hussain", "Treasurer", UkCalendar.DateOf(now), true),
                [new Outcome("Fewer people feel isolated", [new Indicator("People who say they feel less alone", "people", 40)])], bank), now, SignedInClient.Applicant);
            grant.Activate(now, SignedInClient.Manager);
            grant.SendReport(1, new ReportContent([[12]], "Walkers meet every week now.", "Walkers chose the routes.", [400m, 300m], ""), now, SignedInClient.Applicant);
            await db.SaveChangesAsync();
        });
    }

}
