using FairFund.Tests.Web;
using FairFund.Tests.Web.Fund;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FairFund.Tests.Browser;

/// <summary>
/// The form builder and its preview in Chromium, checked with axe-core at desktop width and for sideways scroll at
/// a phone's 320 px, on a draft round whose form has a section only larger asks answer (the demo round's form).
/// </summary>
public sealed class FormBuilderBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Reference = "FB-BROWSER-R1";
    private const string Form = $"/fund/rounds/{Reference}/form";

    /// <summary>The fixture's app is shared by the class's tests, so the draft (a copy of the demo round, with its form) is made once.</summary>
    private async Task EnsureDraftAsync()
    {
        if (RoundForms.Stored(browser.App, Reference) is not null) return;
        await browser.App.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var demo = await db.Rounds.AsNoTracking().SingleAsync(r => r.Reference == "CW-MH-2027-R1");
            db.Rounds.Add(demo.CopyAsDraft(Guid.NewGuid(), Reference, "Form builder round", browser.App.Clock.GetUtcNow(), SignedInClient.Manager));
            await db.SaveChangesAsync();
            return Reference;
        });
    }

    [Theory]
    [InlineData(Form)]
    [InlineData(Form + "/preview")]
    [InlineData(Form + "/sections")]
    [InlineData(Form + "/sections/largerGrant")]
    [InlineData(Form + "/sections/project")]
    [InlineData(Form + "/sections/largerGrant/questions/largerGrantPlan")]
    [InlineData(Form + "/sections/project/questions/title")]
    [InlineData(Form + "/sections/project/questions")]
    [InlineData(Form + "/sections/project/questions?kind=OneChoice")]
    [InlineData(Form + "/from-round")]
    [InlineData($"/fund/rounds/{Reference}/copy")]
    [InlineData("/fund/rounds/CW-MH-2027-R1/form")]
    [InlineData("/fund/rounds/CW-MH-2027-R1/form/sections/largerGrant")]
    public async Task Open_BuilderPage_HasNoAxeViolationsAtDesktopWidthAndNoSidewaysScrollOnAPhone(string path)
    {
        await EnsureDraftAsync();
        var desktop = await browser.SignedInPageAsync(SignedInClient.Manager, 1280);
        await desktop.GotoAsync(path);
        var violations = await Axe.ViolationsAsync(desktop);

        var phone = await browser.SignedInPageAsync(SignedInClient.Manager, 320);
        await phone.GotoAsync(path);
        var scrollWidth = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth");

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        Assert.True(scrollWidth <= 320, $"{path} is {scrollWidth} px wide at 320 px");
    }

    [Fact]
    public async Task AddQuestion_WithoutJavaScript_ChoosesTheKindThenSavesItsSettingsAndCondition()
    {
        await EnsureDraftAsync();
        var page = await browser.SignedInPageAsync(SignedInClient.Manager, 1280, javaScript: false);
        await page.GotoAsync(Form + "/sections/largerGrant");

        await page.GetByRole(AriaRole.Link, new() { Name = "Add a question to this section" }).ClickAsync();
        await page.GetByLabel("Several choices").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.GetByLabel("The question", new() { Exact = true }).FillAsync("Who checks the accounts?");
        await page.GetByLabel("Key (optional)").FillAsync("checkers");
        await page.GetByLabel("The answers to choose from").FillAsync("Treasurer\nTrustees\nAn accountant");
        await page.GetByLabel("Only for an answer to an earlier question").CheckAsync();
        await page.GetByLabel("The answer that shows it").SelectOptionAsync(new SelectOptionValue { Label = "“Managed a larger grant before” is answered no" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Add question" }).ClickAsync();

        await Assertions.Expect(page.Locator("#question-checkers")).ToContainTextAsync("When the answer to “Managed a larger grant before” is no");
        var question = RoundForms.Stored(browser.App, Reference)!.Form.Find("checkers")!;
        Assert.Equal(["Treasurer", "Trustees", "An accountant"], question.Choices);
        Assert.Equal(new FairFund.Domain.Forms.ShowWhen.YesNoIs("managedLargerGrant", false), question.ShowWhen);
    }

    [Fact]
    public async Task RemoveSection_WithSavedAnswers_ShowsThemWithNoAxeViolationsOrSidewaysScroll_AndSavesOnlyWhenConfirmed()
    {
        const string risky = "FB-RISK-R1";
        if (RoundForms.Stored(browser.App, risky) is null) await FormBuilderAnswersAtRiskTests.SeedAsync(browser.App, risky);
        var desktop = await browser.SignedInPageAsync(SignedInClient.Manager, 1280);
        var phone = await browser.SignedInPageAsync(SignedInClient.Manager, 320);
        foreach (var page in (IPage[])[desktop, phone])
        {
            await page.GotoAsync($"/fund/rounds/{risky}/form");
            await page.Locator("#section-outcomes").GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
            await Assertions.Expect(page.Locator("#answers-at-risk")).ToContainTextAsync("People feel less alone; we ask them before and after.");
        }
        var violations = await Axe.ViolationsAsync(desktop);
        var scrollWidth = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.NotNull(RoundForms.Stored(browser.App, risky)!.Form.FindSection("outcomes"));

        await desktop.GetByRole(AriaRole.Button, new() { Name = "Change the form anyway" }).ClickAsync();
        await Assertions.Expect(desktop.Locator("#answers-at-risk")).ToHaveCountAsync(0);

        Assert.Null(RoundForms.Stored(browser.App, risky)!.Form.FindSection("outcomes"));
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        Assert.True(scrollWidth <= 320, $"the confirm step is {scrollWidth} px wide at 320 px");
    }
}
