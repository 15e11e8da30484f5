using FairFund.Domain.Messages;
using FairFund.Tests.Web;
using FairFund.Tests.Web.Apply;
using FairFund.Web.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FairFund.Tests.Browser;

/// <summary>
/// The deadline and message pages in a real browser: accessible (axe finds nothing) at 1280 px and fitting 320 px
/// with no sideways scroll, as they first show and with their errors; the group's status page with a message and
/// its own deadline; and the forms pressed as a person would.
/// </summary>
public sealed class DeadlinesAndMessagesBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Draft = Drafts.DemoRound + "-0001";
    private static readonly SemaphoreSlim Seeding = new(1, 1);

    /// <summary>The fixture's app is shared by the class's tests: one draft, given its own deadline, with one message on its record.</summary>
    private async Task SeedOnceAsync()
    {
        await Seeding.WaitAsync();
        try
        {
            var seeded = await browser.App.WithScopeAsync(services =>
                Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(services.GetRequiredService<FairFundDbContext>().Applications, a => a.Reference == Draft));
            if (seeded) return;
            await browser.App.StartAsync(complete: true);
            var round = await browser.App.RoundAsync();
            var now = browser.App.Clock.GetUtcNow();
            await browser.App.ChangeAsync(Draft, application => application.ExtendDeadline(round.State, round.ClosesAt, round.ClosesAt.AddDays(4),
                "Our treasurer was in hospital, and a very-long-word-that-must-wrap-rather-than-push-the-page-sideways-at-320-pixels-wide", now, SignedInClient.Manager));
            await browser.App.WithScopeAsync(async services =>
            {
                var db = services.GetRequiredService<FairFundDbContext>();
                var (application, _) = await browser.App.LoadAsync(Draft);
                db.FundMessages.Add(FundMessage.ToGroup(Guid.NewGuid(), Guid.NewGuid(), round.Id, application.Id, "Your budget",
                    "Please check line 2.\n\nThe cost looks high for a year of walks.", now, SignedInClient.Manager));
                await db.SaveChangesAsync();
            });
        }
        finally
        {
            Seeding.Release();
        }
    }

    public static TheoryData<string, int> ManagerPages => new()
    {
        { $"/fund/rounds/{Drafts.DemoRound}/deadlines", 1280 },
        { $"/fund/rounds/{Drafts.DemoRound}/deadlines", 320 },
        { $"/fund/rounds/{Drafts.DemoRound}/deadlines?handler=Group&application=nothing-like-this", 1280 },
        { $"/fund/rounds/{Drafts.DemoRound}/deadlines?handler=Group&application=nothing-like-this", 320 },
        { $"/fund/rounds/{Drafts.DemoRound}/applications/{Draft}/more-time", 1280 },
        { $"/fund/rounds/{Drafts.DemoRound}/applications/{Draft}/more-time", 320 },
        { $"/fund/rounds/{Drafts.DemoRound}/message?to=group&application={Draft}", 1280 },
        { $"/fund/rounds/{Drafts.DemoRound}/message?to=group&application={Draft}", 320 },
        { $"/fund/rounds/{Drafts.DemoRound}/message?to=groups&state=Draft", 1280 },
        { $"/fund/rounds/{Drafts.DemoRound}/message?to=groups&state=Draft", 320 },
        { $"/fund/rounds/{Drafts.DemoRound}/message?to=panel", 1280 },
        { $"/fund/rounds/{Drafts.DemoRound}/message?to=panel", 320 },
    };

    [Theory]
    [MemberData(nameof(ManagerPages))]
    public async Task Open_ManagerPage_HasNoAxeViolationsAndFitsItsWidth(string path, int width)
    {
        await SeedOnceAsync();
        var page = await browser.SignedInPageAsync(SignedInClient.Manager, width);

        await page.GotoAsync(path);

        await AssertAccessibleAndFitsAsync(page, path, width);
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(320)]
    public async Task Open_StatusPageWithAMessageAndItsOwnDeadline_HasNoAxeViolationsAndFitsItsWidth(int width)
    {
        await SeedOnceAsync();
        var page = await browser.SignedInPageAsync(SignedInClient.Applicant, width);
        var path = $"/apply/applications/{Draft}/status";

        await page.GotoAsync(path);

        Assert.Contains("The cost looks high", await page.Locator("#fund-messages").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Our treasurer was in hospital", await page.Locator("#extension").InnerTextAsync(), StringComparison.Ordinal);
        await AssertAccessibleAndFitsAsync(page, path, width);
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(320)]
    public async Task PressMoveTheClosingTime_WithoutAReason_ShowsTheErrorAccessibly(int width)
    {
        await SeedOnceAsync();
        var page = await browser.SignedInPageAsync(SignedInClient.Manager, width);
        await page.GotoAsync($"/fund/rounds/{Drafts.DemoRound}/deadlines");

        await page.GetByRole(AriaRole.Button, new() { Name = "Move the closing time" }).ClickAsync();

        await page.Locator(".govuk-error-summary").WaitForAsync();
        Assert.Contains("Enter the reason for giving more time", await page.Locator(".govuk-error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await AssertAccessibleAndFitsAsync(page, "the deadlines page with an error", width);
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(320)]
    public async Task PressSendTheMessage_Empty_ShowsBothErrorsAccessibly(int width)
    {
        await SeedOnceAsync();
        var page = await browser.SignedInPageAsync(SignedInClient.Manager, width);
        await page.GotoAsync($"/fund/rounds/{Drafts.DemoRound}/message?to=group&application={Draft}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Send the message" }).ClickAsync();

        await page.Locator(".govuk-error-summary").WaitForAsync();
        var summary = await page.Locator(".govuk-error-summary").InnerTextAsync();
        Assert.Contains("Enter a subject", summary, StringComparison.Ordinal);
        Assert.Contains("Enter the message", summary, StringComparison.Ordinal);
        await AssertAccessibleAndFitsAsync(page, "the message page with errors", width);
    }

    private static async Task AssertAccessibleAndFitsAsync(IPage page, string what, int width)
    {
        var violations = await Axe.ViolationsAsync(page);
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(violations.Count == 0, what + ": " + string.Join(Environment.NewLine, violations));
        Assert.True(scrollWidth <= width, $"{what} is {scrollWidth} px wide at {width} px");
    }
}
