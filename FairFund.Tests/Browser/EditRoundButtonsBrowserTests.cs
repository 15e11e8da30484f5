using FairFund.Tests.Web;
using FairFund.Tests.Web.Fund;
using Microsoft.Playwright;

namespace FairFund.Tests.Browser;

/// <summary>
/// The set-up page's buttons that change what is already there, pressed in Chromium by the fund manager on a draft
/// round: "Save rule", "Save pot", and the "Remove" buttons that post to their own handler from inside each card.
/// </summary>
public sealed class EditRoundButtonsBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task SaveAndRemoveButtons_InEachCard_ChangeOnlyThatCardsPartOfTheRules()
    {
        var reference = await Screenings.OtherRoundAsync(browser.App);
        var before = RoundForms.Stored(browser.App, reference)!.Rules;
        var page = await browser.SignedInPageAsync(SignedInClient.Manager);
        await page.GotoAsync($"/fund/rounds/{reference}/edit");

        var rule = Card(page, "Save rule").First;
        await rule.GetByLabel("Name", new() { Exact = true }).FillAsync("Run by a very small group");
        await rule.GetByRole(AriaRole.Button, new() { Name = "Save rule" }).ClickAsync();
        await Assertions.Expect(Card(page, "Save rule").First.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("Run by a very small group");
        var savedRule = RoundForms.Stored(browser.App, reference)!.Rules.Rules[0];
        Assert.Equal(("Run by a very small group", before.Rules[0].Kind, before.Rules[0].Factor), (savedRule.Name, savedRule.Kind, savedRule.Factor));

        var pot = Card(page, "Save pot").First;
        await pot.GetByLabel("Share of the budget").FillAsync("10");
        await pot.GetByRole(AriaRole.Button, new() { Name = "Save pot" }).ClickAsync();
        await Assertions.Expect(Card(page, "Save pot").First.GetByLabel("Share of the budget")).ToHaveValueAsync("10");
        var savedPot = RoundForms.Stored(browser.App, reference)!.Rules.Pots[0];
        Assert.Equal((before.Pots[0].Key, before.Pots[0].Name, 0.10m), (savedPot.Key, savedPot.Name, savedPot.Share));

        await Card(page, "Remove criterion").Last.GetByRole(AriaRole.Button, new() { Name = "Remove criterion" }).ClickAsync();
        await Assertions.Expect(Card(page, "Remove criterion")).ToHaveCountAsync(before.Criteria.Count - 1);
        Assert.Equal(before.Criteria.SkipLast(1).Select(criterion => criterion.Key), RoundForms.Stored(browser.App, reference)!.Rules.Criteria.Select(criterion => criterion.Key));

        await Card(page, "Remove pot").First.GetByRole(AriaRole.Button, new() { Name = "Remove pot" }).ClickAsync();
        await Assertions.Expect(Card(page, "Remove pot")).ToHaveCountAsync(before.Pots.Count - 1);
        var after = RoundForms.Stored(browser.App, reference)!.Rules;
        Assert.Equal(before.Pots.Skip(1).Select(p => p.Key), after.Pots.Select(p => p.Key));
        Assert.Equal(before.Rules.Count, after.Rules.Count);
    }

    /// <summary>The set-up page's cards that have a button named <paramref name="button"/>.</summary>
    private static ILocator Card(IPage page, string button) =>
        page.Locator(".govuk-summary-card").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = button }) });
}
