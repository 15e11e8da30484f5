using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Account;

public sealed class PasswordResetTests
{
    private const string NewPassword = "a brand new password 2027";

    [Fact]
    public async Task ForgotPassword_ThenTheLinkInTheEmail_SetsANewPasswordAndTheOldOneStopsWorking()
    {
        using var factory = new FairFundFactory();
        using var client = SignedInClient.Anonymous(factory);

        using var asked = await client.PostFormAsync("/account/forgot-password", new() { ["Input.Email"] = SignedInClient.Applicant });

        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var sent = await client.GetStringAsync(asked.Headers.Location);
        Assert.Contains("If there is a FairFund account for <strong>applicant@demo.fairfund.test</strong>, we have sent it a link", sent);
        var mail = Mailbox.Message(factory, SignedInClient.Applicant, AccountForms.ResetSubject);
        var link = Mailbox.LinkTo(mail, "/account/reset-password");
        Assert.Matches("^/account/reset-password\\?code=[A-Za-z0-9_-]+&email=applicant(%40|@)demo\\.fairfund\\.test$", link.OriginalString);

        var form = await client.GetStringAsync(link);
        Assert.Contains("Choose a new password", form);
        Assert.Matches("id=\"Input_Password\" name=\"Input.Password\" type=\"password\"[^>]*autocomplete=\"new-password\"", form);
        using var reset = await client.PostFormAsync(link.OriginalString, new() { ["Input.Password"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword });

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal("/account/password-changed", reset.Headers.Location!.OriginalString);
        Assert.Contains("Your password has been changed", await client.GetStringAsync(reset.Headers.Location));
        using (var old = await AccountForms.SignInAsync(SignedInClient.Anonymous(factory), SignedInClient.Applicant, SignedInClient.Passwords[SignedInClient.Applicant]))
        {
            Assert.Equal(HttpStatusCode.OK, old.StatusCode);
            Assert.Contains(FairFund.Web.Pages.Account.SignInModel.WrongMessage, await old.Content.ReadAsStringAsync());
        }
        using var renewed = await AccountForms.SignInAsync(SignedInClient.Anonymous(factory), SignedInClient.Applicant, NewPassword);
        Assert.Equal(HttpStatusCode.Redirect, renewed.StatusCode);
    }

    [Fact]
    public async Task ResetPassword_LinkUsedTwice_WorksOnlyTheFirstTime()
    {
        using var factory = new FairFundFactory();
        using var client = SignedInClient.Anonymous(factory);
        using (await client.PostFormAsync("/account/forgot-password", new() { ["Input.Email"] = SignedInClient.Applicant })) { }
        var link = Mailbox.LinkTo(Mailbox.Message(factory, SignedInClient.Applicant, AccountForms.ResetSubject), "/account/reset-password");
        using (var first = await client.PostFormAsync(link.OriginalString, new() { ["Input.Password"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword }))
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        using var again = await client.GetAsync(link);

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        var page = await again.Content.ReadAsStringAsync();
        Assert.Contains("This link does not work", page);
        Assert.Contains("href=\"/account/forgot-password\"", page);
        Assert.DoesNotContain("Input.Password", page);
    }

    [Fact]
    public async Task ResetPassword_ExpiredLink_SaysSoAndDoesNotChangeThePassword()
    {
        using var factory = new FairFundFactory
        {
            WithServices = services => services.Configure<DataProtectionTokenProviderOptions>(options => options.TokenLifespan = TimeSpan.FromSeconds(-1)),
        };
        using var client = SignedInClient.Anonymous(factory);
        using (await client.PostFormAsync("/account/forgot-password", new() { ["Input.Email"] = SignedInClient.Applicant })) { }
        var link = Mailbox.LinkTo(Mailbox.Message(factory, SignedInClient.Applicant, AccountForms.ResetSubject), "/account/reset-password");

        using var shown = await client.GetAsync(link);
        Assert.Equal(HttpStatusCode.BadRequest, shown.StatusCode);
        Assert.Contains("This link does not work", await shown.Content.ReadAsStringAsync());
        // A form posted anyway (kept open in another tab, say) is refused the same way.
        using var posted = await PostWithTokenFrom(client, "/account/sign-in", link.OriginalString,
            new() { ["Input.Password"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword });

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Contains("This link does not work", await posted.Content.ReadAsStringAsync());
        using var old = await AccountForms.SignInAsync(client, SignedInClient.Applicant, SignedInClient.Passwords[SignedInClient.Applicant]);
        Assert.Equal(HttpStatusCode.Redirect, old.StatusCode);
    }

    [Theory]
    [InlineData("/account/reset-password")]
    [InlineData("/account/reset-password?code=bm90LWEtdG9rZW4&email=applicant%40demo.fairfund.test")]
    [InlineData("/account/reset-password?code=bm90LWEtdG9rZW4&email=nobody%40example.org")]
    [InlineData("/account/reset-password?code=%%%&email=applicant%40demo.fairfund.test")]
    public async Task ResetPassword_BrokenLink_SaysTheLinkDoesNotWork(string link)
    {
        using var factory = new FairFundFactory();
        using var client = SignedInClient.Anonymous(factory);

        using var response = await client.GetAsync(new Uri(link, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("This link does not work", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("short", "short", "Input_Password", "Your password must be at least 10 characters")]
    [InlineData(NewPassword, "something else entirely", "Input_ConfirmPassword", "The passwords do not match. Enter the same password twice")]
    [InlineData("", "", "Input_Password", "Enter a new password")]
    public async Task ResetPassword_BadNewPassword_ShowsTheErrorAtItsFieldAndTheLinkStillWorks(string password, string confirm, string fieldId, string message)
    {
        using var factory = new FairFundFactory();
        using var client = SignedInClient.Anonymous(factory);
        using (await client.PostFormAsync("/account/forgot-password", new() { ["Input.Email"] = SignedInClient.Applicant })) { }
        var link = Mailbox.LinkTo(Mailbox.Message(factory, SignedInClient.Applicant, AccountForms.ResetSubject), "/account/reset-password");

        using var response = await client.PostFormAsync(link.OriginalString, new() { ["Input.Password"] = password, ["Input.ConfirmPassword"] = confirm });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<title>Error: Choose a new password", page);
        Assert.Contains($"<a href=\"#{fieldId}\">{message}</a>", page);
        Assert.Contains($"<p id=\"{fieldId}-error\" class=\"govuk-error-message\">", page);
        using var reset = await client.PostFormAsync(link.OriginalString, new() { ["Input.Password"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
    }

    [Fact]
    public async Task ForgotPassword_NoSuchAccount_SaysTheSameAndSendsNothing()
    {
        using var factory = new FairFundFactory();
        using var client = SignedInClient.Anonymous(factory);

        using var known = await client.PostFormAsync("/account/forgot-password", new() { ["Input.Email"] = SignedInClient.Applicant });
        var knownPage = await client.GetStringAsync(known.Headers.Location);
        using var unknown = await client.PostFormAsync("/account/forgot-password", new() { ["Input.Email"] = "nobody@example.org" });
        var unknownPage = await client.GetStringAsync(unknown.Headers.Location);

        Assert.Equal(known.Headers.Location, unknown.Headers.Location);
        Assert.Equal(knownPage.Replace(SignedInClient.Applicant, "ADDRESS", StringComparison.Ordinal), unknownPage.Replace("nobody@example.org", "ADDRESS", StringComparison.Ordinal));
        Assert.Empty(Mailbox.To(factory, "nobody@example.org"));
        Assert.Single(Mailbox.All(factory));
    }

    [Fact]
    public async Task ForgotPassword_UnconfirmedAccount_ResettingAlsoConfirmsTheAddress()
    {
        const string email = "new.person@example.org";
        using var factory = new FairFundFactory();
        using var client = SignedInClient.Anonymous(factory);
        using (await AccountForms.RegisterAsync(client, email)) { }

        using (await client.PostFormAsync("/account/forgot-password", new() { ["Input.Email"] = email })) { }
        var link = Mailbox.LinkTo(Mailbox.Message(factory, email, AccountForms.ResetSubject), "/account/reset-password");
        using (var reset = await client.PostFormAsync(link.OriginalString, new() { ["Input.Password"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword }))
            Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);

        using var signedIn = await AccountForms.SignInAsync(client, email, NewPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    [Fact]
    public async Task Post_ForgotPassword_TooManyInAMinute_IsTurnedAway()
    {
        using var factory = new FairFundFactory { ForgotPasswordAttemptsPerMinute = 2 };
        using var client = SignedInClient.Anonymous(factory);
        var statuses = new List<HttpStatusCode>();

        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var response = await client.PostFormAsync("/account/forgot-password", new() { ["Input.Email"] = SignedInClient.Applicant });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(2, Mailbox.All(factory).Count);
    }

    [Fact]
    public async Task Get_SignIn_LinksToForgottenPasswordAndCreateAnAccount()
    {
        using var factory = new FairFundFactory();
        using var client = SignedInClient.Anonymous(factory);

        var page = await client.GetStringAsync(new Uri("/account/sign-in", UriKind.Relative));

        Assert.Contains("<a class=\"govuk-link\" href=\"/account/forgot-password\">Forgotten your password?</a>", page);
        Assert.Contains("<a class=\"govuk-link\" href=\"/account/register\">Create an account</a>", page);
    }

    /// <summary>Forged on purpose: posts a form to a page that will not show one, with an antiforgery token from a page that does.</summary>
    private static Task<HttpResponseMessage> PostWithTokenFrom(HttpClient client, string formPage, string path, Dictionary<string, string> fields) =>
        client.PostComposedAsync(path, fields, formPage);

    [Fact]
    public async Task ForgotPassword_WithAForgedHost_LinksToThePublicAddressOnly()
    {
        using var factory = new FairFundFactory { PublicBaseUrl = "https://grants.example.org" };
        using var client = SignedInClient.Anonymous(factory);
        client.DefaultRequestHeaders.Host = "attacker.example";

        using (await client.PostFormAsync("/account/forgot-password", new() { ["Input.Email"] = SignedInClient.Applicant })) { }

        var text = Assert.Single(Mailbox.To(factory, SignedInClient.Applicant)).TextBody;
        Assert.Contains("https://grants.example.org/account/reset-password?", text, StringComparison.Ordinal);
        Assert.DoesNotContain("attacker.example", text, StringComparison.Ordinal);
    }
}
