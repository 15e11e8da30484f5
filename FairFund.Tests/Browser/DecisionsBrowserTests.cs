using FairFund.Domain.Applications;
using FairFund.Tests.Web;
using FairFund.Tests.Web.Panel;
using FairFund.Web.Accounts;
using FairFund.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FairFund.Tests.Browser;

/// <summary>
/// Sending a round's decisions in a real browser: the decisions page with its previews, then a funded group's
/// status page with its letter, each accessible at 1280 px and never scrolling sideways at 320 px.
/// </summary>
public sealed class DecisionsBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Decisions = $"/fund/rounds/{PanelRounds.Round}/decisions";

    [Fact]
    public async Task Send_ThroughTheDecisionsPage_PagesAreAccessibleAndFitAPhone()
    {
        var seed = await DecidedRound.DecideAsync(browser.App);
        var funded = await browser.App.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var application = await db.Applications.Where(a => a.State == ApplicationState.Awarded).OrderBy(a => a.Reference).FirstAsync();
            var email = $"contact{seed.Applications.ToList().IndexOf(application.Reference) + 1}@group.fairfund.test";
            var users = services.GetRequiredService<UserManager<IdentityUser>>();
            var user = new IdentityUser(email) { Email = email, EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, PanelRounds.MemberPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Applicant)).Succeeded);
            db.OrganisationMembers.Add(new OrganisationMember { OrganisationId = application.OrganisationId, UserId = user.Id });
            await db.SaveChangesAsync();
            return (application.Reference, Email: email);
        });
        var manager = await browser.SignedInPageAsync(SignedInClient.Manager, 1280);
        await manager.GotoAsync(Decisions);
        await manager.GetByLabel("The grant's conditions").FillAsync("Spend the grant on the project you described.\nSend us a short report within a year.");
        await manager.GetByLabel("Day").FillAsync("30");
        await manager.GetByLabel("Month").FillAsync("9");
        await manager.GetByLabel("Year").FillAsync("2027");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Save and preview" }).ClickAsync();

        var onTheDecisionsPage = await Axe.ViolationsAsync(manager);
        Assert.True(onTheDecisionsPage.Count == 0, string.Join(Environment.NewLine, onTheDecisionsPage));
        Assert.Contains("Spend the grant on the project you described.", await manager.InnerTextAsync(".app-email-preview"), StringComparison.Ordinal);
        await AssertFitsAPhoneAsync(Decisions, SignedInClient.Manager);

        var another = seed.Applications[^1];
        await manager.GetByLabel("See the email about another application").SelectOptionAsync(another);
        await manager.GetByRole(AriaRole.Button, new() { Name = "Show the email" }).ClickAsync();
        await Assertions.Expect(manager.GetByText($"The email about {another}.")).ToBeVisibleAsync();
        Assert.Contains(another, await manager.InnerTextAsync(".app-email-preview"), StringComparison.Ordinal);

        await manager.GetByRole(AriaRole.Button, new() { Name = "Send 24 decision emails" }).ClickAsync();
        Assert.Contains("The decisions are being sent: 24 emails.", await manager.InnerTextAsync("#done"), StringComparison.Ordinal);

        var status = $"/apply/applications/{funded.Reference}/status";
        var group = await browser.SignedInPageAsync(funded.Email, 1280);
        await group.GotoAsync(status);
        var onTheStatusPage = await Axe.ViolationsAsync(group);
        Assert.True(onTheStatusPage.Count == 0, string.Join(Environment.NewLine, onTheStatusPage));
        Assert.Contains("Send us a short report within a year.", await group.InnerTextAsync("#decision-letter"), StringComparison.Ordinal);
        await AssertFitsAPhoneAsync(status, funded.Email);
    }

    private async Task AssertFitsAPhoneAsync(string path, string email)
    {
        var page = await browser.SignedInPageAsync(email, 320);
        await page.GotoAsync(path);
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 320, $"{path} is {scrollWidth} px wide at 320 px");
    }
}
