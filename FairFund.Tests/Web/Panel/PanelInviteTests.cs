using System.Net;
using FairFund.Web;
using FairFund.Web.Accounts;
using FairFund.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static FairFund.Tests.Web.Panel.PanelInvitePages;

namespace FairFund.Tests.Web.Panel;

/// <summary>
/// Inviting people to a round's panel: the email, the link that only the invited address can use,
/// joining with a new or an existing account, and links that no longer work.
/// </summary>
public sealed class PanelInviteTests(SharedFairFundApp app) : IClassFixture<SharedFairFundApp>
{
    private const string Invited = "sam.okafor@example.org";
    private const string NewPassword = "a long walk by the canal";
    private readonly FairFundFactory _factory = app.ForNextTest();

    [Fact]
    public async Task Invite_ManagerWithoutAName_IsRefusedAskingForItAndSendsNothing()
    {
        await _factory.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<IdentityUser>>();
            var manager = (await users.FindByNameAsync(SignedInClient.Manager))!;
            foreach (var claim in (await users.GetClaimsAsync(manager)).Where(claim => claim.Type == AccountMail.NameClaim))
                await users.RemoveClaimAsync(manager, claim);
        });
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);

        using var response = await InviteAsync(client, Invited);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains(System.Net.WebUtility.HtmlEncode(FairFund.Web.Pages.Fund.PanelModel.NoNameMessage), page);
        Assert.Contains("href=\"/fund/your-name?returnUrl=", page);
        Assert.Empty(Mailbox.To(_factory, Invited));
        Assert.False(await _factory.WithScopeAsync(services => services.GetRequiredService<FairFundDbContext>().PanelMembers.AnyAsync(m => m.Email == Invited)));
    }

    [Fact]
    public async Task YourName_GivenThroughItsForm_IsTheNameTheInviteGives()
    {
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);

        using (var saved = await client.PostFormAsync($"/fund/your-name?returnUrl={Uri.EscapeDataString(PanelPage)}", new() { ["Name"] = "  Alex   Jones " }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            Assert.Equal(PanelPage, saved.Headers.Location!.OriginalString);
        }
        Assert.Contains("The invite says it is from Alex Jones.", await client.GetStringAsync(new Uri(PanelPage, UriKind.Relative)));
        using (var invited = await InviteAsync(client, Invited))
            Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);

        var mail = Mailbox.Message(_factory, Invited, InviteSubject);
        Assert.Contains("Alex Jones has invited you", mail.TextBody);
        Assert.DoesNotContain("Priya Shah", mail.TextBody);
    }

    [Theory]
    [InlineData("", "Enter your name")]
    [InlineData("Alexandra Josephine Montgomery-Smythe Llewellyn Jonesy", "Your name must be 50 characters or fewer (it has 54)")]
    [InlineData("A B C D E F G", "Your name must be 6 words or fewer (it has 7)")]
    [InlineData("Call 07700 900123", "Your name can only have letters, spaces, hyphens and apostrophes")]
    public async Task YourName_NotAPlainNameWithinItsLimits_IsRefusedAtTheFieldAndTheOldNameKept(string typed, string error)
    {
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);

        using var response = await client.PostFormAsync("/fund/your-name", new() { ["Name"] = typed });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"<a href=\"#your-name\">{System.Net.WebUtility.HtmlEncode(error)}</a>", await response.Content.ReadAsStringAsync());
        Assert.Contains("The invite says it is from Priya Shah.", await client.GetStringAsync(new Uri(PanelPage, UriKind.Relative)));
    }

    [Fact]
    public async Task Invite_NewPerson_EmailsALinkWithWhichTheyCreateAnAccountJoinAndSeeThePanel()
    {
        using (var manager = await SignedInClient.As(_factory, SignedInClient.Manager))
        {
            using var invited = await InviteAsync(manager, Invited);
            Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
            var page = await manager.GetStringAsync(invited.Headers.Location);
            Assert.Contains($"Invite sent to {Invited}", page);
            Assert.Contains("Not yet", page);
        }

        var mail = Mailbox.Message(_factory, Invited, InviteSubject);
        Assert.Contains(RoundName, mail.TextBody);
        Assert.Contains("Priya Shah has invited you", mail.TextBody);
        Assert.DoesNotContain(SignedInClient.Manager, mail.TextBody);
        Assert.Contains("score each one against the round's published criteria", mail.TextBody);
        Assert.Contains("Before you see any application, you will be asked whether you have a conflict of interest", mail.TextBody);
        var link = JoinLinkIn(mail);
        Assert.Matches("^/panel/join/[A-Za-z0-9_-]{43}$", link.OriginalString);
        var seat = await SeatAsync(_factory, Invited);
        Assert.DoesNotContain(seat.InviteTokenHash, mail.TextBody);
        Assert.Equal(FairFund.Web.Invites.PanelInvites.HashOf(link.OriginalString["/panel/join/".Length..]), seat.InviteTokenHash);

        using var person = SignedInClient.Anonymous(_factory);
        var form = await person.GetStringAsync(link);
        Assert.Contains("Create account and join", form);
        Assert.Contains(Invited, form);

        using var created = await person.PostFormAsync($"{link}?handler=Create",
            new() { ["Input.Name"] = "Sam Okafor", ["Input.Password"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword }, link.OriginalString);

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("/panel", created.Headers.Location!.OriginalString);
        using var panel = await person.GetAsync(created.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, panel.StatusCode);
        var joined = await SeatAsync(_factory, Invited);
        Assert.Equal(Invited, joined.UserName);
        Assert.Equal(_factory.Clock.GetUtcNow(), joined.JoinedAt);
        await _factory.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<IdentityUser>>();
            var user = await users.FindByEmailAsync(Invited);
            Assert.True(user!.EmailConfirmed);
            Assert.Equal([Roles.PanelMember], await users.GetRolesAsync(user));
        });
        using var manager2 = await SignedInClient.As(_factory, SignedInClient.Manager);
        Assert.Contains(UkTime.Format(_factory.Clock.GetUtcNow()), await manager2.GetStringAsync(new Uri(PanelPage, UriKind.Relative)));
    }

    [Fact]
    public async Task Join_NewAccountWithANameWithADirectionOverride_KeepsTheNameCleaned()
    {
        using (var manager = await SignedInClient.As(_factory, SignedInClient.Manager)) (await InviteAsync(manager, Invited)).Dispose();
        var link = JoinLink(_factory, Invited);
        using var person = SignedInClient.Anonymous(_factory);

        using var created = await person.PostFormAsync($"{link}?handler=Create",
            new() { ["Input.Name"] = "Sam \u202EOkafor\u200B", ["Input.Password"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword }, link.OriginalString);

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var name = await _factory.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<IdentityUser>>();
            var claims = await users.GetClaimsAsync((await users.FindByEmailAsync(Invited))!);
            return claims.Single(claim => claim.Type == FairFund.Web.Accounts.AccountMail.NameClaim).Value;
        });
        Assert.Equal("Sam Okafor", name);
    }

    [Fact]
    public async Task Join_NewAccountWithAShortPassword_IsRefusedAtThePasswordAndCreatesNothing()
    {
        using (var manager = await SignedInClient.As(_factory, SignedInClient.Manager)) (await InviteAsync(manager, Invited)).Dispose();
        var link = JoinLink(_factory, Invited);
        using var person = SignedInClient.Anonymous(_factory);

        using var refused = await person.PostFormAsync($"{link}?handler=Create",
            new() { ["Input.Password"] = "short", ["Input.ConfirmPassword"] = "short" }, link.OriginalString);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("href=\"#Input_Password\"", page);
        Assert.Contains("Your password must be at least 10 characters", page);
        Assert.Null((await SeatAsync(_factory, Invited)).UserName);
        Assert.Null(await _factory.WithScopeAsync(services => services.GetRequiredService<UserManager<IdentityUser>>().FindByEmailAsync(Invited)));
    }

    [Theory]
    [InlineData("Call 0800 000 000 to claim your grant", "Your name can only have letters, spaces, hyphens and apostrophes")]
    [InlineData("Visit fund-refunds.example", "Your name can only have letters, spaces, hyphens and apostrophes")]
    [InlineData("Alexandria Ocasio Wolfeschlegelsteinhausenbergerdorff", "Your name must be 50 characters or fewer")]
    public async Task Join_NewAccountWithANameThatIsNotAPlainName_IsRefusedAtTheNameAsAtRegistration(string name, string message)
    {
        using (var manager = await SignedInClient.As(_factory, SignedInClient.Manager)) (await InviteAsync(manager, Invited)).Dispose();
        var link = JoinLink(_factory, Invited);
        using var person = SignedInClient.Anonymous(_factory);

        using var refused = await person.PostFormAsync($"{link}?handler=Create",
            new() { ["Input.Name"] = name, ["Input.Password"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword }, link.OriginalString);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("href=\"#Input_Name\"", page);
        Assert.Contains(message, page);
        Assert.Null((await SeatAsync(_factory, Invited)).UserName);
        Assert.Null(await _factory.WithScopeAsync(services => services.GetRequiredService<UserManager<IdentityUser>>().FindByEmailAsync(Invited)));
    }

    [Fact]
    public async Task Join_ExistingAccount_SignsInThroughTheLinkAndJoins()
    {
        using (var manager = await SignedInClient.As(_factory, SignedInClient.Manager)) (await InviteAsync(manager, SignedInClient.Applicant)).Dispose();
        var link = JoinLink(_factory, SignedInClient.Applicant);
        using var person = SignedInClient.Anonymous(_factory);

        var page = await person.GetStringAsync(link);
        Assert.Contains("You already have a FairFund account with this address", page);
        var signInLink = $"/account/sign-in?returnUrl={Uri.EscapeDataString(link.OriginalString)}";
        Assert.Contains(System.Net.WebUtility.HtmlEncode(signInLink), page);

        using var signedIn = await person.PostFormAsync(signInLink,
            new() { ["Input.Email"] = SignedInClient.Applicant, ["Input.Password"] = SignedInClient.Passwords[SignedInClient.Applicant] });
        Assert.Equal(link.OriginalString, signedIn.Headers.Location!.OriginalString);
        using var joined = await person.GetAsync(signedIn.Headers.Location);

        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        Assert.Equal("/panel", joined.Headers.Location!.OriginalString);
        using var panel = await person.GetAsync(joined.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, panel.StatusCode);
        Assert.Equal(SignedInClient.Applicant, (await SeatAsync(_factory, SignedInClient.Applicant)).UserName);
        // Still an applicant too: joining a panel adds a role and takes none away.
        using var apply = await person.GetAsync(new Uri("/apply", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, apply.StatusCode);
    }

    [Fact]
    public async Task Join_SignedInAsAnotherAccount_IsRefusedAndOffersSignOut()
    {
        using (var manager = await SignedInClient.As(_factory, SignedInClient.Manager)) (await InviteAsync(manager, Invited)).Dispose();
        var link = JoinLink(_factory, Invited);
        using var other = await SignedInClient.As(_factory, SignedInClient.Applicant);

        using var response = await other.GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("This invite is for someone else", page);
        Assert.Contains(Invited, page);
        Assert.Contains(SignedInClient.Applicant, page);
        Assert.Null((await SeatAsync(_factory, Invited)).UserName);

        using var signedOut = await other.PostFormAsync($"{link}?handler=SignOut", [], link.OriginalString);
        Assert.Equal(link.OriginalString, signedOut.Headers.Location!.OriginalString);
        Assert.Contains("Create account and join", await other.GetStringAsync(signedOut.Headers.Location));
    }

    [Fact]
    public async Task SendAgain_ReplacesTheLinkSoTheOldOneIsNotValid()
    {
        using var manager = await SignedInClient.As(_factory, SignedInClient.Manager);
        (await InviteAsync(manager, Invited)).Dispose();
        var first = JoinLink(_factory, Invited);
        var seat = await SeatAsync(_factory, Invited);
        _factory.Clock.Advance(TimeSpan.FromDays(2));

        using var sent = await manager.PostFormAsync($"{PanelPage}?handler=SendAgain&member={seat.Id}", [], PanelPage);

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Contains("the one sent before no longer works", await manager.GetStringAsync(sent.Headers.Location));
        Assert.Equal(2, Mailbox.To(_factory, Invited).Count);
        var second = JoinLink(_factory, Invited);
        Assert.NotEqual(first, second);
        using var person = SignedInClient.Anonymous(_factory);
        using var old = await person.GetAsync(first);
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
        Assert.Contains("This invite link is not valid", await old.Content.ReadAsStringAsync());
        using var fresh = await person.GetAsync(second);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(_factory.Clock.GetUtcNow(), (await SeatAsync(_factory, Invited)).InvitedAt);
    }

    [Fact]
    public async Task SendAgain_ForgedAfterJoining_IsRefusedInWords()
    {
        var seed = await PanelRounds.SeedAsync(_factory, applications: 1, members: 1);
        var seat = await SeatAsync(_factory, seed.Members[0]);
        using var manager = await SignedInClient.As(_factory, SignedInClient.Manager);

        // Forged on purpose: the page offers "Send again" only to members who have not joined.
        using var refused = await manager.PostComposedAsync($"{PanelPage}?handler=SendAgain&member={seat.Id}", [], PanelPage);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains($"{seed.Members[0]} has already joined the panel.", await refused.Content.ReadAsStringAsync());
        Assert.Empty(Mailbox.To(_factory, seed.Members[0]));
    }

    [Fact]
    public async Task SendAgain_RoundCancelled_IsRefusedAsAnInviteIsAndSendsNothing()
    {
        using var manager = await SignedInClient.As(_factory, SignedInClient.Manager);
        (await InviteAsync(manager, Invited)).Dispose();
        var seat = await SeatAsync(_factory, Invited);
        await _factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var round = await db.Rounds.SingleAsync(r => r.Reference == PanelRounds.Round);
            round.Cancel(_factory.Clock.GetUtcNow(), SignedInClient.Manager, "The funder has withdrawn the money");
            await db.SaveChangesAsync();
        });
        var form = PageForms.Find(await manager.GetStringAsync(PanelPage), PanelPage, $"member={seat.Id}");

        using var refused = await form.SubmitAsync(manager);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("You cannot invite panel members now: the round is cancelled", await refused.Content.ReadAsStringAsync());
        Assert.Single(Mailbox.To(_factory, Invited));
        Assert.Equal(seat.InviteTokenHash, (await SeatAsync(_factory, Invited)).InviteTokenHash);
    }

    [Fact]
    public async Task Join_RoundCancelledAfterTheInvite_IsRefusedBeforeAnAccountIsMade()
    {
        using (var manager = await SignedInClient.As(_factory, SignedInClient.Manager)) (await InviteAsync(manager, Invited)).Dispose();
        var link = JoinLink(_factory, Invited);
        using var person = SignedInClient.Anonymous(_factory);
        var form = PageForms.Find(await person.GetStringAsync(link), link.OriginalString, "handler=Create");
        await _factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var round = await db.Rounds.SingleAsync(r => r.Reference == PanelRounds.Round);
            round.Cancel(_factory.Clock.GetUtcNow(), SignedInClient.Manager, "The funder has withdrawn the money");
            await db.SaveChangesAsync();
        });

        using var refused = await form.SubmitAsync(person, new Dictionary<string, string>
        {
            ["Input.Name"] = "Sam Okafor", ["Input.Password"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword,
        });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("This invite can no longer be accepted: the round is cancelled.", await refused.Content.ReadAsStringAsync());
        Assert.Null((await SeatAsync(_factory, Invited)).UserName);
        await _factory.WithScopeAsync(async services =>
            Assert.Null(await services.GetRequiredService<UserManager<IdentityUser>>().FindByEmailAsync(Invited)));
        using var again = await person.GetAsync(link);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Theory]
    [InlineData("/panel/join/not-a-real-token")]
    [InlineData("/panel/join/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Join_UnknownToken_SaysTheLinkIsNotValid(string path)
    {
        using var person = SignedInClient.Anonymous(_factory);

        using var response = await person.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("This invite link is not valid", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Invite_SameAddressTwice_IsRefusedWithAMessageAtTheField()
    {
        using var manager = await SignedInClient.As(_factory, SignedInClient.Manager);
        (await InviteAsync(manager, Invited)).Dispose();

        using var again = await InviteAsync(manager, "  Sam.Okafor@Example.org ");

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        var page = await again.Content.ReadAsStringAsync();
        Assert.Contains("href=\"#invite-email\"", page);
        Assert.Contains($"{Invited} has already been invited to this round", page);
        Assert.Single(Mailbox.To(_factory, Invited));
    }

    [Theory]
    [InlineData("", "Enter the email address of the person to invite")]
    [InlineData("not an address", "Enter an email address in the correct format, like name@example.com")]
    public async Task Invite_BadAddress_IsRefusedAtTheField(string email, string message)
    {
        using var manager = await SignedInClient.As(_factory, SignedInClient.Manager);

        using var refused = await InviteAsync(manager, email);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("href=\"#invite-email\"", page);
        Assert.Contains(message, page);
    }

    [Fact]
    public async Task Invite_WithAPublicBaseUrl_LinksThere()
    {
        using var factory = new FairFundFactory { PublicBaseUrl = "https://grants.example.org" };
        using var manager = await SignedInClient.As(factory, SignedInClient.Manager);

        (await InviteAsync(manager, Invited)).Dispose();

        Assert.Contains("https://grants.example.org/panel/join/", Mailbox.Message(factory, Invited, InviteSubject).TextBody);
    }
}
