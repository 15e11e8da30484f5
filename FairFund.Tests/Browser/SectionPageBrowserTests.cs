using FairFund.Domain.Applications;
using FairFund.Tests.Web;
using FairFund.Tests.Web.Apply;
using FairFund.Tests.Web.Fund;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FairFund.Tests.Browser;

/// <summary>
/// The page built from a round's form in Chromium: answered without JavaScript through a funder's own section,
/// checked with axe-core at desktop width and for sideways scroll at a phone's 320 px.
/// </summary>
public sealed class SectionPageBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    // One application per group per round: the journey has a round of its own, so the other tests' draft does not meet it.
    private const string Round = "BUILT-BROWSER-R1";
    private const string JourneyRound = "BUILT-BROWSER-R2";

    [Theory]
    [InlineData("sections/more")]
    [InlineData("sections/budget")]
    [InlineData("sections/whoBenefits")]
    public async Task Open_SectionPage_HasNoAxeViolationsAtDesktopWidthAndNoSidewaysScrollOnAPhone(string page)
    {
        var path = $"/apply/applications/{await DraftAsync(Round)}/{page}";
        var desktop = await browser.SignedInPageAsync(SignedInClient.Applicant, 1280);
        await desktop.GotoAsync(path);
        var violations = await Axe.ViolationsAsync(desktop);

        var phone = await browser.SignedInPageAsync(SignedInClient.Applicant, 320);
        await phone.GotoAsync(path);
        var scrollWidth = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth");

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        Assert.True(scrollWidth <= 320, $"{path} is {scrollWidth} px wide at 320 px");
    }

    [Fact]
    public async Task SectionPage_WithErrors_HasNoAxeViolations()
    {
        var reference = await DraftAsync(Round);
        var tab = await browser.SignedInPageAsync(SignedInClient.Applicant, 1280);
        await tab.GotoAsync($"/apply/applications/{reference}/sections/more");
        await tab.Locator("#people").FillAsync("lots");
        await tab.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();

        await Assertions.Expect(tab.Locator(".govuk-error-summary")).ToContainTextAsync("How many people take part each week must be a whole number, like 12");
        var violations = await Axe.ViolationsAsync(tab);
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public async Task SectionPage_WithoutJavaScript_IsAnsweredAfterItsErrorsAndTheTaskIsComplete()
    {
        var reference = await DraftAsync(JourneyRound);
        var tab = await browser.SignedInPageAsync(SignedInClient.Applicant, 320, javaScript: false);
        await tab.GotoAsync($"/apply/applications/{reference}");
        await tab.GetByRole(AriaRole.Link, new() { Name = "More about your group" }).ClickAsync();

        await tab.GetByLabel("What do people call your group?").FillAsync("Walkers");
        await tab.GetByLabel("How did your group start?").FillAsync("We began as a walking group in 2019.");
        await tab.GetByLabel("How many people take part each week?").FillAsync("12");
        await tab.GetByLabel("Day").FillAsync("1");
        await tab.GetByLabel("Month").FillAsync("3");
        await tab.GetByLabel("Year").FillAsync("2019");
        await tab.GetByRole(AriaRole.Group, new() { Name = "Is your group a registered charity?" }).GetByLabel("No").CheckAsync();
        await tab.GetByLabel("Rural").CheckAsync();
        await tab.GetByLabel("Older people").CheckAsync();
        await tab.GetByLabel("Where do you meet? Give the postcode").FillAsync("CV6 5FB");
        await tab.GetByLabel("An email address for the project").FillAsync("walkers@example.org");
        await tab.GetByLabel("A phone number for the project").FillAsync("07700 900123");
        await tab.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();

        // "Which villages?" is on the page, saying when it is needed, as no script reveals it.
        var summary = tab.Locator(".govuk-error-summary");
        await Assertions.Expect(summary).ToContainTextAsync("Enter an answer to “Which villages?”");
        await summary.GetByRole(AriaRole.Link, new() { Name = "Enter an answer to “Which villages?”" }).ClickAsync();
        Assert.EndsWith("#villages", tab.Url, StringComparison.Ordinal);
        await Assertions.Expect(tab.GetByLabel("What do people call your group?")).ToHaveValueAsync("Walkers");
        await tab.Locator("#villages").FillAsync("Brinklow");
        await tab.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();

        // A redirect keeps the address's #villages, as browsers do; the page is the task list.
        await tab.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/apply/applications/{reference}");
        await Assertions.Expect(tab.Locator("#status-more")).ToHaveTextAsync("Completed");
        var (saved, _) = await browser.App.LoadAsync(reference);
        Assert.Equal(new FairFund.Domain.Forms.Answer.Text("Brinklow"), saved.Answers["villages"]);
        Assert.Equal(new FairFund.Domain.Forms.Answer.Day(new DateOnly(2019, 3, 1)), saved.Answers["founded"]);
    }

    /// <summary>The demo group's draft to a round with the built form; each round is opened once for the class's app.</summary>
    private async Task<string> DraftAsync(string roundReference)
    {
        await Gate.WaitAsync();
        try
        {
            if (RoundForms.Stored(browser.App, roundReference) is null) await BuiltForms.OpenRoundAsync(browser.App, roundReference, BuiltForms.EveryKind());
            return await browser.App.WithScopeAsync(async services =>
            {
                var db = services.GetRequiredService<FairFundDbContext>();
                var reference = $"{roundReference}-0001";
                if (await db.Applications.AnyAsync(application => application.Reference == reference)) return reference;
                var round = await db.Rounds.SingleAsync(round => round.Reference == roundReference);
                var group = await db.Organisations.SingleAsync(organisation => organisation.Name == Drafts.DemoGroup);
                db.Applications.Add(new Application(Guid.NewGuid(), round.Id, group.Id, reference));
                await db.SaveChangesAsync();
                return reference;
            });
        }
        finally
        {
            Gate.Release();
        }
    }

    private static readonly SemaphoreSlim Gate = new(1, 1);
}
