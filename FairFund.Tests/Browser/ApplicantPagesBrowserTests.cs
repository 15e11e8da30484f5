using Xunit.Abstractions;
using Microsoft.Playwright;

namespace FairFund.Tests.Browser;

/// <summary>The applicant's pages in a real browser: accessible, and usable at 320 px.</summary>
public sealed class ApplicantPagesBrowserTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    /// <summary>
    /// What a first visit to the task list may load, uncompressed, everything included. A published app
    /// sends its style sheet and scripts precompressed (about a fifth of this); the test host serves the
    /// build output, which does not, so the budget is on the uncompressed size.
    /// </summary>
    private const long TaskListBudgetBytes = 240 * 1024;

    private async Task<IPage> SignedInAsApplicantAsync(int width = 1280)
    {
        return await browser.SignedInPageAsync(Web.SignedInClient.Applicant, width);
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

    [Fact]
    public async Task Open_TaskList_LoadsLessThanItsBudgetOnAFirstVisit()
    {
        var taskList = $"/apply/applications/{await DraftAsync()}";
        var page = await SignedInAsApplicantAsync(width: 320);
        var fresh = await browser.NewPageAsync(width: 320);
        // A new browser context has an empty cache: only the sign-in cookie is carried over.
        var cookies = await page.Context.CookiesAsync();
        await fresh.Context.AddCookiesAsync(cookies.Select(cookie => new Cookie { Name = cookie.Name, Value = cookie.Value, Domain = cookie.Domain, Path = cookie.Path }));
        var transfers = new List<(string Url, long Bytes)>();
        fresh.RequestFinished += async (_, request) =>
        {
            var response = await request.ResponseAsync();
            var body = response is null ? [] : await response.BodyAsync();
            lock (transfers) transfers.Add((request.Url, body.LongLength));
        };

        await fresh.GotoAsync(taskList, new() { WaitUntil = WaitUntilState.NetworkIdle });

        long total;
        lock (transfers)
        {
            total = transfers.Sum(transfer => transfer.Bytes);
            foreach (var (url, bytes) in transfers) output.WriteLine($"{bytes,8:N0} B  {url}");
        }
        output.WriteLine($"{total,8:N0} B  in {transfers.Count} requests");
        Assert.True(total < TaskListBudgetBytes, $"The task list loaded {total:N0} bytes");
    }

    [Theory]
    [InlineData("project")]
    [InlineData("who-benefits")]
    [InlineData("outcomes")]
    [InlineData("lived-experience")]
    [InlineData("budget")]
    [InlineData("partners")]
    [InlineData("check")]
    public async Task Open_ApplicationPage_HasNoAxeViolationsAndFitsAt320Pixels(string page)
    {
        var reference = await DraftAsync();
        var tab = await SignedInAsApplicantAsync(width: 320);
        await tab.GotoAsync($"/apply/applications/{reference}/{page}");

        var violations = await Axe.ViolationsAsync(tab);
        var scrollWidth = await tab.EvaluateAsync<int>("() => document.documentElement.scrollWidth");

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        Assert.True(scrollWidth <= 320, $"{page} is {scrollWidth} px wide at 320 px");
    }

    [Fact]
    public async Task SaveAndContinue_WithErrors_ShowsAnAccessibleErrorSummary()
    {
        var reference = await DraftAsync();
        var tab = await SignedInAsApplicantAsync();
        await tab.GotoAsync($"/apply/applications/{reference}/budget");
        await tab.Locator("#budget-0-item").FillAsync("Room hire");
        await tab.Locator("#budget-0-cost").FillAsync("lots");
        await tab.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();

        await Assertions.Expect(tab.Locator(".govuk-error-summary")).ToContainTextAsync("Enter the cost of line 1 as an amount of money");
        var violations = await Axe.ViolationsAsync(tab);
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public async Task WordCount_WithJavaScript_CountsAsYouTypeInPlaceOfTheServersCount()
    {
        var reference = await DraftAsync();
        var tab = await SignedInAsApplicantAsync();
        await tab.GotoAsync($"/apply/applications/{reference}/who-benefits");

        await tab.Locator("#who-benefits").FillAsync("Adults in Foleshill who feel isolated");
        await Assertions.Expect(tab.Locator(".govuk-character-count__status")).ToHaveTextAsync("You have 194 words remaining");
        await tab.GetByRole(AriaRole.Button, new() { Name = "Save and come back later" }).ClickAsync();
        await tab.GotoAsync($"/apply/applications/{reference}/who-benefits");

        // The server's count is on the page, for browsers without JavaScript, but hidden where the script counts.
        await Assertions.Expect(tab.Locator(".app-word-count")).ToHaveCountAsync(1);
        await Assertions.Expect(tab.Locator(".app-word-count")).ToBeHiddenAsync();
        await Assertions.Expect(tab.Locator(".govuk-character-count__status")).ToHaveTextAsync("You have 194 words remaining");
    }

    /// <summary>The demo group's draft to the demo round, started once for the class's app.</summary>
    private async Task<string> DraftAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return reference ??= await FairFund.Tests.Web.Apply.Drafts.StartAsync(browser.App, number: "0042");
        }
        finally
        {
            Gate.Release();
        }
    }

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? reference;
}
