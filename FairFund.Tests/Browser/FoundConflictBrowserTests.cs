using FairFund.Domain.Reviews;
using FairFund.Tests.Web;
using FairFund.Tests.Web.Panel;
using Microsoft.Playwright;

namespace FairFund.Tests.Browser;

/// <summary>
/// A panel member who said they had no conflict finds one while scoring, and presses "Record the conflict" in
/// Chromium: the review ends with their declaration, and the application leaves their list.
/// </summary>
public sealed class FoundConflictBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Note = "My sister turned out to chair this group.";

    [Fact]
    public async Task RecordTheConflict_AfterSayingThereWasNone_EndsTheReviewWithTheMembersDeclaration()
    {
        var seed = await PanelRounds.SeedAsync(browser.App, applications: 2, members: 2);
        var (application, member) = (seed.Applications[0], seed.Members[0]);
        await PanelRounds.AssignAsync(browser.App, application, member);
        var page = await browser.SignedInPageAsync(member);
        await page.GotoAsync(PanelPages.ReviewPath(application));
        await page.GetByLabel("No, I do not have a conflict of interest").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "tell us you have found a conflict of interest" }).ClickAsync();
        await page.GetByLabel("Family or friend").CheckAsync();
        await page.GetByLabel("Tell us about the conflict").FillAsync(Note);
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the conflict" }).ClickAsync();

        await page.WaitForURLAsync(url => url.EndsWith(PanelPages.RoundPath, StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync($"Your conflict of interest with {application} has been recorded.");
        var review = await PanelRounds.ReviewAsync(browser.App, application, member);
        Assert.Equal(ReviewState.Conflicted, review.State);
        Assert.Equal(new ConflictDeclaration(ConflictKind.FamilyOrFriend, Note, member, browser.App.Clock.GetUtcNow(), RecordedByFundManager: false), review.Conflict);
        Assert.Contains(review.History, change => change.To == nameof(ReviewState.Conflicted) && change.Actor == member);
    }
}
