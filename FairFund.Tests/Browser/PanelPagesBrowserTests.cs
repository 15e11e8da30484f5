using FairFund.Domain.Reviews;
using FairFund.Tests.Web;
using FairFund.Tests.Web.Panel;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FairFund.Tests.Browser;

/// <summary>
/// A panel member's round in a real browser: sign in, declare a conflict on one application, declare none on
/// another, save a draft, be refused a submission with a score missing, submit, and see the panel's spread.
/// axe-core checks every page on the way; the scoring page must not scroll sideways at 320 px.
/// </summary>
public sealed class PanelPagesBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private readonly List<string> _problems = [];

    [Fact]
    public async Task Panel_DeclareAConflictThenScoreAnother_EveryPageAccessibleAndTheSpreadShown()
    {
        var seed = await PanelRounds.SeedAsync(browser.App, applications: 2, members: 2);
        var (conflicted, scored) = (seed.Applications[0], seed.Applications[1]);
        foreach (var application in seed.Applications)
        {
            foreach (var member in seed.Members) await PanelRounds.AssignAsync(browser.App, application, member);
        }
        await SubmitForAsync(scored, seed.Members[1], "The second member's comment for the group");

        var page = await browser.SignedInPageAsync(seed.Members[0]);

        await page.GotoAsync("/panel");
        await CheckAsync(page, "Your panels");
        await page.GetByRole(AriaRole.Link, new() { Name = "Community Mental Health Fund 2027, round 1" }).ClickAsync();
        await CheckAsync(page, "Community Mental Health Fund 2027, round 1");

        // A conflict: the kind is revealed by choosing "Yes".
        await page.GetByRole(AriaRole.Link, new() { Name = $"{conflicted} from Group 1" }).ClickAsync();
        await CheckAsync(page, "Check for a conflict of interest");
        await page.GetByLabel("Yes, I have a conflict of interest").CheckAsync();
        await page.GetByLabel("Trustee").CheckAsync();
        await CheckAsync(page, "Check for a conflict of interest", "with the conflict's kind revealed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await CheckAsync(page, "Community Mental Health Fund 2027, round 1", "after declaring a conflict");
        await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync("conflict of interest");
        await Assertions.Expect(page.Locator("#applications")).ToContainTextAsync("Conflict declared");

        // No conflict, then a draft, a refused submission and a submission.
        await page.GetByRole(AriaRole.Link, new() { Name = $"{scored} from Group 2" }).ClickAsync();
        await page.GetByLabel("No, I do not have a conflict of interest").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await CheckAsync(page, "Group 2", "scoring page");
        await page.Locator("#scores-need-4").CheckAsync();
        await page.Locator("#scores-approach-3").CheckAsync();
        await page.Locator("#scores-outcomes-3").CheckAsync();
        await page.GetByLabel("Comment for the group").FillAsync("A clear plan, shaped by the people it is for.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save as draft" }).ClickAsync();
        await Assertions.Expect(page.Locator("#saved")).ToContainTextAsync("Your draft was saved");
        await CheckAsync(page, "Group 2", "scoring page with a draft saved");
        await CheckAt320Async(page, "scoring page");

        await page.GetByRole(AriaRole.Button, new() { Name = "Submit your scores" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter a score for Value for money");
        await CheckAsync(page, "Group 2", "scoring page refusing a submission");
        await page.Locator(".govuk-error-summary a[href='#scores-value']").ClickAsync();
        await page.Locator("#scores-value-3").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit your scores" }).ClickAsync();
        await Assertions.Expect(page.Locator("#saved")).ToContainTextAsync("Your scores have been submitted");
        await Assertions.Expect(page.Locator("#scores-table")).ToContainTextAsync("Panel member A");
        await Assertions.Expect(page.Locator("#range")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#standard-deviation")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("The second member's comment for the group")).ToBeVisibleAsync();
        await CheckAsync(page, "Group 2", "scores submitted, with the spread");
        await CheckAt320Async(page, "scores submitted");

        await page.GotoAsync(PanelPages.ReviewPath(conflicted));
        await CheckAsync(page, "You declared a conflict of interest", "a conflicted application opened by its address");

        Assert.True(_problems.Count == 0, string.Join(Environment.NewLine, _problems));
    }

    /// <summary>Another member's submitted review, made through the review's own intent methods.</summary>
    private Task SubmitForAsync(string application, string member, string comment) =>
        browser.App.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var id = await db.Applications.Where(a => a.Reference == application).Select(a => a.Id).SingleAsync();
            var round = await db.Rounds.AsNoTracking().SingleAsync(r => r.Reference == PanelRounds.Round);
            var review = await db.PanelReviews.SingleAsync(r => r.ApplicationId == id && r.ReviewerId == member);
            var now = browser.App.Clock.GetUtcNow();
            review.DeclareNoConflict(now, member, ApplicantPeople.NoneKnown);
            review.SaveDraft(new ScoreSheet(new Dictionary<string, int> { ["need"] = 2, ["approach"] = 2, ["outcomes"] = 1, ["value"] = 2 }, comment, ""), round.Rules.Criteria, now);
            review.Submit(round.Rules.Criteria, now, scoringOpen: true);
            await db.SaveChangesAsync();
        });

    /// <summary>Waits for the page with that main heading, then notes axe-core's violations on it.</summary>
    private async Task CheckAsync(IPage page, string heading, string? name = null)
    {
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true, Level = 1 })).ToBeVisibleAsync();
        _problems.AddRange((await Axe.ViolationsAsync(page)).Select(violation => $"{name ?? heading} ({new Uri(page.Url).AbsolutePath}): {violation}"));
    }

    private async Task CheckAt320Async(IPage page, string name)
    {
        await page.SetViewportSizeAsync(320, 900);
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        if (scrollWidth > 320)
        {
            var widest = await page.EvaluateAsync<string[]>(
                "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 320 && !e.closest('.app-table-wrapper'))" +
                ".slice(0, 5).map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className)");
            _problems.Add($"{name}: {scrollWidth} px wide at 320 px, widened by {string.Join(", ", widest)}");
        }
        _problems.AddRange((await Axe.ViolationsAsync(page)).Select(violation => $"{name} at 320 px: {violation}"));
        await page.SetViewportSizeAsync(1280, 900);
    }
}
