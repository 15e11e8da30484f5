using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Account;

public sealed class ConfirmEmailTests
{
    private const string NewEmail = "asha.khan@example.org";

    [Fact]
    public async Task SignIn_UnconfirmedWithTheRightPassword_SaysToConfirmAndOffersToResend()
    {
        using var factory = new FairFundFactory();
        using var client = SignedInClient.Anonymous(factory);
        using (await AccountForms.RegisterAsync(client, NewEmail)) { }
        factory.FinishAccountRequests();

        using var response = await AccountForms.SignInAsync(client, NewEmail, AccountForms.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Confirm your email address before you sign in", page);
        Assert.Contains("href=\"/account/resend-confirmation?email=asha.khan%40example.org\"", page);
        Assert.DoesNotContain("FairFund.Auth", string.Join(";", response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : []));
    }

    [Fact]
    public async Task SignIn_UnconfirmedWithAWrongPassword_SaysWhatItSaysForAnyWrongPassword()
    {
        using var factory = new FairFundFactory();
        using var client = SignedInClient.Anonymous(factory);
        using (await AccountForms.RegisterAsync(client, NewEmail)) { }
        factory.FinishAccountRequests();

        using var response = await AccountForms.SignInAsync(client, NewEmail, "not the password at all");

        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains(FairFund.Web.Pages.Account.SignInModel.WrongMessage, page);
        Assert.DoesNotContain("Confirm your email address", page);
    }

    [Fact]
    public async Task ResendConfirmation_Unconfirmed_MailsANewLinkThatWorks()
    {
        using var factory = new FairFundFactory();
        using var client = SignedInClient.Anonymous(factory);
        using (await AccountForms.RegisterAsync(client, NewEmail)) { }

        var form = await client.GetStringAsync(new Uri("/account/resend-confirmation?email=asha.khan%40example.org", UriKind.Relative));
        Assert.Contains("value=\"asha.khan@example.org\"", form);
        using var resent = await client.PostFormAsync("/account/resend-confirmation", new() { ["Input.Email"] = NewEmail });

        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        Assert.Equal("/account/check-email", resent.Headers.Location!.OriginalString);
        var mails = Mailbox.To(factory, NewEmail);
        Assert.Equal(2, mails.Count);
        using var confirmed = await client.GetAsync(Mailbox.LinkTo(mails[^1], "/account/confirm-email"));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        using var signedIn = await AccountForms.SignInAsync(client, NewEmail, AccountForms.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    [Theory]
    [InlineData("nobody@example.org")]
    [InlineData(SignedInClient.Applicant)]
    public async Task ResendConfirmation_NoAccountOrAlreadyConfirmed_SaysTheSameAndSendsNothing(string email)
    {
        using var factory = new FairFundFactory();
        using var client = SignedInClient.Anonymous(factory);

        using var response = await client.PostFormAsync("/account/resend-confirmation", new() { ["Input.Email"] = email });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/check-email", response.Headers.Location!.OriginalString);
        Assert.Empty(Mailbox.All(factory));
    }

    [Fact]
    public async Task ResendConfirmation_BadEmail_ShowsTheErrorAtTheField()
    {
        using var factory = new FairFundFactory();
        using var client = SignedInClient.Anonymous(factory);

        using var response = await client.PostFormAsync("/account/resend-confirmation", new() { ["Input.Email"] = "not an email" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<a href=\"#Input_Email\">Enter an email address in the correct format, like name@example.com</a>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_ResendConfirmation_TooManyInAMinute_IsTurnedAway()
    {
        using var factory = new FairFundFactory { ResendConfirmationAttemptsPerMinute = 2 };
        using var client = SignedInClient.Anonymous(factory);
        var statuses = new List<HttpStatusCode>();

        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var response = await client.PostFormAsync("/account/resend-confirmation", new() { ["Input.Email"] = NewEmail });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], statuses);
    }

    public static TheoryData<string> BrokenLinks() => new()
    {
        "/account/confirm-email",
        "/account/confirm-email?userId=USER",
        "/account/confirm-email?userId=USER&code=bm90LWEtdG9rZW4",
        "/account/confirm-email?userId=USER&code=%%%",
        "/account/confirm-email?userId=00000000-0000-0000-0000-000000000000&code=CODE",
        "/account/confirm-email?userId=USER&code=CODE_CUT_SHORT",
    };

    [Theory]
    [MemberData(nameof(BrokenLinks))]
    public async Task ConfirmEmail_BrokenLink_SaysTheLinkDoesNotWorkAndLeavesTheAccountUnconfirmed(string brokenLink)
    {
        using var factory = new FairFundFactory();
        using var client = SignedInClient.Anonymous(factory);
        using (await AccountForms.RegisterAsync(client, NewEmail)) { }
        var good = Mailbox.LinkTo(Mailbox.Message(factory, NewEmail, AccountForms.ConfirmSubject), "/account/confirm-email").OriginalString;
        var query = System.Web.HttpUtility.ParseQueryString(good[(good.IndexOf('?', StringComparison.Ordinal) + 1)..]);
        var link = brokenLink.Replace("USER", query["userId"], StringComparison.Ordinal)
            .Replace("CODE_CUT_SHORT", query["code"]![..^6], StringComparison.Ordinal).Replace("CODE", query["code"], StringComparison.Ordinal);

        using var response = await client.GetAsync(new Uri(link, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("This link does not work", page);
        Assert.Contains("href=\"/account/resend-confirmation\"", page);
        Assert.False(factory.WithScope(services => services.GetRequiredService<UserManager<IdentityUser>>().Users.Single(user => user.Email == NewEmail).EmailConfirmed));
    }

    [Fact]
    public async Task ConfirmEmail_ExpiredLink_SaysTheLinkDoesNotWork()
    {
        using var factory = new FairFundFactory
        {
            WithServices = services => services.Configure<DataProtectionTokenProviderOptions>(options => options.TokenLifespan = TimeSpan.FromSeconds(-1)),
        };
        using var client = SignedInClient.Anonymous(factory);
        using (await AccountForms.RegisterAsync(client, NewEmail)) { }

        using var response = await client.GetAsync(Mailbox.LinkTo(Mailbox.Message(factory, NewEmail, AccountForms.ConfirmSubject), "/account/confirm-email"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("This link does not work", await response.Content.ReadAsStringAsync());
    }
}
