using FairFund.Domain.Reviews;
using FairFund.Tests.Web.Panel;
using FairFund.Web.Data;
using FairFund.Web.Invites;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FairFund.Tests.Browser;

/// <summary>The fund manager's panel page and the invite's join page in a real browser: accessible, without JavaScript too, and usable at 320 px.</summary>
public sealed class PanelInviteBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData(1280, true)]
    [InlineData(320, false)]
    public async Task PanelPage_WithMembersReviewsAndAnError_HasNoAxeViolationsAndFits(int width, bool javaScript)
    {
        await SeedOnceAsync();
        var page = await SignedInAsManagerAsync(width, javaScript);
        await page.GotoAsync(PanelInvitePages.PanelPage);
        await AssertAccessibleAsync(page, width, javaScript);

        await page.GetByLabel("Email address").FillAsync(PanelRounds.Member(1));
        await page.GetByRole(AriaRole.Button, new() { Name = "Send invite" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = $"{PanelRounds.Member(1)} is already on this round's panel" })).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, width, javaScript);
    }

    [Theory]
    [InlineData(1280, true)]
    [InlineData(320, false)]
    public async Task JoinPage_CreateAccountWithAnError_HasNoAxeViolationsAndFits(int width, bool javaScript)
    {
        var token = await InviteAsync($"browser-{width}@example.org");
        var page = await browser.NewPageAsync(width, javaScript);
        await page.GotoAsync($"/panel/join/{token}");
        await AssertAccessibleAsync(page, width, javaScript);

        await page.GetByRole(AriaRole.Button, new() { Name = "Create account and join" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Create a password" })).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, width, javaScript);
    }

    private static readonly SemaphoreSlim Seeding = new(1, 1);

    /// <summary>A round being scored with reviews, a waiting invite and a recorded conflict, made once for the class's tests.</summary>
    private async Task SeedOnceAsync()
    {
        await Seeding.WaitAsync();
        try
        {
            var seeded = await browser.App.WithScopeAsync(services => services.GetRequiredService<FairFundDbContext>().PanelMembers.AnyAsync(m => m.Email == PanelRounds.Member(1)));
            if (seeded) return;
            var seed = await PanelRounds.SeedAsync(browser.App, applications: 4, members: 3);
            await PanelRounds.AssignAsync(browser.App, seed.Applications[0], seed.Members[0]);
            await browser.App.WithScopeAsync(async services =>
            {
                var db = services.GetRequiredService<FairFundDbContext>();
                var review = await db.PanelReviews.SingleAsync(r => r.ReviewerId == seed.Members[0]);
                review.RecordConflict(ConflictKind.Other, "Lives next door to the group's chair, and has helped at their summer fair", browser.App.Clock.GetUtcNow(), "manager@demo.fairfund.test");
                await db.SaveChangesAsync();
            });
            await InviteAsync("a.rather.long.address.for.a.narrow.screen@example.org");
        }
        finally
        {
            Seeding.Release();
        }
    }

    private Task<string> InviteAsync(string email) => browser.App.WithScopeAsync(async services =>
    {
        var db = services.GetRequiredService<FairFundDbContext>();
        var round = await db.Rounds.SingleAsync(r => r.Reference == PanelRounds.Round);
        var token = PanelInvites.NewToken();
        db.PanelMembers.Add(new PanelMember(Guid.NewGuid(), round.Id, email, token.Hash, browser.App.Clock.GetUtcNow(), "manager@demo.fairfund.test"));
        await db.SaveChangesAsync();
        return token.Token;
    });

    private async Task<IPage> SignedInAsManagerAsync(int width, bool javaScript)
    {
        return await browser.SignedInPageAsync(Web.SignedInClient.Manager, width, javaScript);
    }

    /// <summary>No page scrolls sideways; axe-core runs only where scripts do, as in the other browser tests.</summary>
    private static async Task AssertAccessibleAsync(IPage page, int width, bool javaScript)
    {
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        if (javaScript)
        {
            var violations = await Axe.ViolationsAsync(page);
            Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        }
        Assert.True(scrollWidth <= width, $"{page.Url} is {scrollWidth} px wide at {width} px");
    }
}
