using FairFund.Domain.Rounds;
using FairFund.Tests.Web;
using FairFund.Tests.Web.Apply;
using FairFund.Tests.Web.Fund;
using FairFund.Tests.Web.Panel;
using Microsoft.Playwright;

namespace FairFund.Tests.Browser;

/// <summary>
/// The round's own buttons pressed in Chromium, as the fund manager presses them: each move from draft to
/// decided, and "Approve the allocation" on the moderation page, where the panel's work is read before approving.
/// </summary>
public sealed class RoundButtonsBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Moderation = $"/fund/rounds/{PanelRounds.Round}/moderation";

    [Fact]
    public async Task ApproveTheAllocation_OnTheModerationPage_DecidesTheRound()
    {
        var seed = await PanelRounds.SeedAsync(browser.App, applications: 6, members: 2);
        await PanelRounds.ReviewAllAsync(browser.App, seed, Moderating.SpreadScores);
        var page = await browser.SignedInPageAsync(SignedInClient.Manager);
        await page.GotoAsync($"/fund/rounds/{PanelRounds.Round}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Close scoring and reveal the seed" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Moderation: the ranked allocation, changes and approval" }).ClickAsync();

        var approval = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Approve the allocation" }).ClickAsync(),
            response => response.Request.Method == "POST");

        Assert.Equal(302, approval.Status);
        await Assertions.Expect(StateTag(page)).ToHaveTextAsync(nameof(RoundState.Decided));
        Assert.Equal(RoundState.Decided, (await browser.App.RoundAsync()).State);
    }

    [Fact]
    public async Task RoundPageButtons_FromDraft_OpenCloseStartAndCloseScoringEachMoveTheRound()
    {
        var reference = await Screenings.OtherRoundAsync(browser.App);
        var page = await browser.SignedInPageAsync(SignedInClient.Manager);
        await page.GotoAsync($"/fund/rounds/{reference}");

        foreach (var (button, after) in new[]
        {
            ("Open the round", RoundState.Open),
            ("Close the round now", RoundState.Screening),
            ("Start scoring", RoundState.Scoring),
            ("Close scoring and reveal the seed", RoundState.Moderation),
        })
        {
            await page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
            await Assertions.Expect(StateTag(page)).ToHaveTextAsync(after.ToString());
            Assert.Equal(after, RoundForms.Stored(browser.App, reference)!.State);
        }
    }

    [Fact]
    public async Task CancelTheRound_WithAReason_CancelsItAndRecordsTheReasonWhoAndWhenInItsHistory()
    {
        const string reason = "The funder withdrew this round's money; it will run again next year.";
        var reference = await Screenings.OtherRoundAsync(browser.App, "CW-MH-2027-R3", "Round 3");
        var page = await browser.SignedInPageAsync(SignedInClient.Manager);
        await page.GotoAsync($"/fund/rounds/{reference}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel the round" }).ClickAsync();
        await page.GetByLabel("Why are you cancelling the round?").FillAsync(reason);
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel the round" }).ClickAsync();

        await Assertions.Expect(StateTag(page)).ToHaveTextAsync(nameof(RoundState.Cancelled));
        await Assertions.Expect(page.Locator("table.govuk-table tbody tr").First.Locator("td")).ToContainTextAsync([SignedInClient.Manager, "Draft to Cancelled", reason]);
        var stored = RoundForms.Stored(browser.App, reference)!;
        Assert.Equal(RoundState.Cancelled, stored.State);
        var change = stored.History.Single(change => change.To == nameof(RoundState.Cancelled));
        Assert.Equal((SignedInClient.Manager, reason, browser.App.Clock.GetUtcNow()), (change.Actor, change.Reason, change.At));
    }

    [Fact]
    public async Task CancelTheRound_WithoutAReason_IsRefusedInWordsAndTheRoundStaysAsItWas()
    {
        var reference = await Screenings.OtherRoundAsync(browser.App, "CW-MH-2027-R4", "Round 4");
        var page = await browser.SignedInPageAsync(SignedInClient.Manager);
        await page.GotoAsync($"/fund/rounds/{reference}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel the round" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel the round" }).ClickAsync();

        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("a reason for cancelling");
        await Assertions.Expect(StateTag(page)).ToHaveTextAsync(nameof(RoundState.Draft));
        var stored = RoundForms.Stored(browser.App, reference)!;
        Assert.Equal(RoundState.Draft, stored.State);
        Assert.DoesNotContain(stored.History, change => change.To == nameof(RoundState.Cancelled));
    }

    /// <summary>The tag in "This round is …" on the round page.</summary>
    private static ILocator StateTag(IPage page) => page.Locator("p", new() { HasText = "This round is" }).Locator("strong.govuk-tag");
}
