using FairFund.Domain.Reviews;
using FairFund.Tests.Web;
using FairFund.Tests.Web.Panel;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FairFund.Tests.Browser;

/// <summary>
/// The panel page's buttons pressed in Chromium by the fund manager, in the order a manager uses them: assign one
/// review by hand, record a conflict a member did not declare, then assign the rest automatically around both.
/// One test, because each press changes what the next one may do.
/// </summary>
public sealed class PanelAssignmentBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string PanelPage = $"/fund/rounds/{PanelRounds.Round}/panel";

    [Fact]
    public async Task AssignByHandRecordTheConflictAndAssignAutomatically_PressedInTurn_EachIsStoredWithWhoAndWhen()
    {
        var seed = await PanelRounds.SeedAsync(browser.App, applications: 4, members: 4);
        var now = browser.App.Clock.GetUtcNow();
        var page = await browser.SignedInPageAsync(SignedInClient.Manager);
        await page.GotoAsync(PanelPage);

        await page.Locator("#assign-member").SelectOptionAsync(seed.Members[0]);
        await page.Locator("#assign-application").SelectOptionAsync(seed.Applications[0]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Assign", Exact = true }).ClickAsync();

        await Assertions.Expect(Banner(page)).ToHaveTextAsync($"{seed.Applications[0]} was assigned to {seed.Members[0]}");
        var byHand = await ReviewAsync(seed.Applications[0], seed.Members[0]);
        Assert.Equal((ReviewState.AwaitingDeclaration, SignedInClient.Manager, now), (byHand.State, byHand.AssignedBy, byHand.AssignedAt));

        await page.Locator("#conflict-member").SelectOptionAsync(seed.Members[1]);
        await page.Locator("#conflict-application").SelectOptionAsync(seed.Applications[1]);
        await page.GetByLabel("Trustee", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Note", new() { Exact = true }).FillAsync("Sits on the group's board, as its annual report shows.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the conflict" }).ClickAsync();

        await Assertions.Expect(Banner(page)).ToHaveTextAsync($"A conflict of interest between {seed.Members[1]} and {seed.Applications[1]} was recorded");
        await Assertions.Expect(page.Locator("#conflicts tbody tr").First.Locator("td")).ToContainTextAsync([seed.Members[1], seed.Applications[1], "Trustee", SignedInClient.Manager]);
        var recorded = await ReviewAsync(seed.Applications[1], seed.Members[1]);
        Assert.Equal(ReviewState.Conflicted, recorded.State);
        Assert.Equal(new ConflictDeclaration(ConflictKind.Trustee, "Sits on the group's board, as its annual report shows.", SignedInClient.Manager, now, RecordedByFundManager: true), recorded.Conflict);

        await page.GetByRole(AriaRole.Button, new() { Name = "Assign automatically" }).ClickAsync();

        await Assertions.Expect(Banner(page)).ToHaveTextAsync("7 reviews were assigned");
        var reviews = await ReviewsAsync();
        foreach (var application in seed.Applications)
            Assert.Equal(2, reviews.Count(review => review.Application == application && review.State != ReviewState.Conflicted));
        Assert.Single(reviews, review => review.Application == seed.Applications[1] && review.Member == seed.Members[1]);
        Assert.All(reviews.Where(review => review.State != ReviewState.Conflicted && review != (seed.Applications[0], seed.Members[0], ReviewState.AwaitingDeclaration, SignedInClient.Manager)),
            review => Assert.Equal($"{SignedInClient.Manager} (automatic)", review.AssignedBy));

        // With reviews assigned, the page lists who is behind by address, and still fits a phone.
        await page.SetViewportSizeAsync(320, 800);
        await page.GotoAsync(PanelPage);
        await Assertions.Expect(page.Locator("#behind-list li")).ToHaveCountAsync(4);
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 320, $"{page.Url} is {scrollWidth} px wide at 320 px");
    }

    private static ILocator Banner(IPage page) => page.Locator(".govuk-notification-banner__heading");

    private Task<PanelReview> ReviewAsync(string application, string member) => PanelRounds.ReviewAsync(browser.App, application, member);

    private Task<List<(string Application, string Member, ReviewState State, string AssignedBy)>> ReviewsAsync() =>
        browser.App.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var rows = await db.PanelReviews.AsNoTracking()
                .Join(db.Applications, review => review.ApplicationId, application => application.Id, (review, application) => new { application.Reference, review.ReviewerId, review.State, review.AssignedBy })
                .ToListAsync();
            return rows.Select(row => (row.Reference, row.ReviewerId, row.State, row.AssignedBy)).ToList();
        });
}
