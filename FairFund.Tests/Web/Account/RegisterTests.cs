using System.Net;
using FairFund.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Account;

public sealed class RegisterTests
{
    private const string NewEmail = "sam.patel@example.org";

    [Fact]
    public async Task Register_NewEmail_MailsALinkThatConfirmsTheAccountSoTheApplicantCanSignIn()
    {
        using var factory = new FairFundFactory();
        using var client = SignedInClient.Anonymous(factory);

        using var registered = await AccountForms.RegisterAsync(client, NewEmail, name: "Sam Patel");

        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.Equal("/account/check-email", registered.Headers.Location!.OriginalString);
        var checkEmail = await client.GetStringAsync(registered.Headers.Location);
        Assert.Contains("Check your email", checkEmail);
        Assert.Contains(NewEmail, checkEmail);

        var mail = Mailbox.Message(factory, NewEmail, AccountForms.ConfirmSubject);
        Assert.Equal("Coventry and Warwickshire Mental Health Alliance (demo)", mail.From.Mailboxes.Single().Name);
        Assert.Equal("no-reply@fairfund.localhost", mail.From.Mailboxes.Single().Address);
        Assert.Equal("grants@demo.fairfund.test", mail.ReplyTo.Mailboxes.Single().Address);
        // Greeted plainly: whoever registers chooses the name, and the email goes to an address they may not own.
        Assert.Contains("\nHello,\n", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Sam Patel", mail.TextBody + mail.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("/account/resend-confirmation", Mailbox.LinkTo(mail, "/account/resend-confirmation").OriginalString);
        var link = Mailbox.LinkTo(mail, "/account/confirm-email");
        Assert.Matches("^/account/confirm-email\\?userId=[^&]+&code=[A-Za-z0-9_-]+$", link.OriginalString);

        using (var tooSoon = await AccountForms.SignInAsync(client, NewEmail, AccountForms.Password))
            Assert.Equal(HttpStatusCode.OK, tooSoon.StatusCode);

        using var confirmed = await client.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("Your email address is confirmed", await confirmed.Content.ReadAsStringAsync());

        using var signedIn = await AccountForms.SignInAsync(client, NewEmail, AccountForms.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        using var apply = await client.GetAsync(new Uri("/apply", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, apply.StatusCode);
        using var fund = await client.GetAsync(new Uri("/fund", UriKind.Relative));
        Assert.Equal("/account/access-denied", fund.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Register_NewEmail_GivesTheAccountTheApplicantRoleOnlyAndKeepsItUnconfirmed()
    {
        using var factory = new FairFundFactory();
        using var client = SignedInClient.Anonymous(factory);

        using var registered = await AccountForms.RegisterAsync(client, NewEmail);
        factory.FinishAccountRequests();

        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = await users.FindByEmailAsync(NewEmail);
        Assert.NotNull(user);
        Assert.False(user.EmailConfirmed);
        Assert.Equal([Roles.Applicant], await users.GetRolesAsync(user));
        Assert.True(await users.CheckPasswordAsync(user, AccountForms.Password));
    }

    [Fact]
    public async Task Register_EmailThatHasAnAccount_ShowsTheSamePageAndTellsOnlyTheOwner()
    {
        using var factory = new FairFundFactory();
        using var client = SignedInClient.Anonymous(factory);
        var accountsBefore = factory.WithScope(services => services.GetRequiredService<UserManager<IdentityUser>>().Users.Count());

        using var fresh = await AccountForms.RegisterAsync(client, NewEmail);
        var freshPage = await client.GetStringAsync(fresh.Headers.Location);
        using var taken = await AccountForms.RegisterAsync(client, SignedInClient.Manager, "an attempt to take it over");
        var takenPage = await client.GetStringAsync(taken.Headers.Location);

        Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);
        Assert.Equal(fresh.Headers.Location, taken.Headers.Location);
        Assert.Equal(Anonymised(freshPage, NewEmail), Anonymised(takenPage, SignedInClient.Manager));

        var toOwner = Mailbox.Message(factory, SignedInClient.Manager, AccountForms.AlreadyRegisteredSubject);
        Assert.Equal("/account/sign-in", Mailbox.LinkTo(toOwner, "/account/sign-in").OriginalString);
        Assert.Equal("/account/forgot-password", Mailbox.LinkTo(toOwner, "/account/forgot-password").OriginalString);
        Assert.Single(Mailbox.To(factory, SignedInClient.Manager));
        Assert.Equal(accountsBefore + 1, factory.WithScope(services => services.GetRequiredService<UserManager<IdentityUser>>().Users.Count()));
        using var owner = await AccountForms.SignInAsync(client, SignedInClient.Manager, SignedInClient.Passwords[SignedInClient.Manager]);
        Assert.Equal(HttpStatusCode.Redirect, owner.StatusCode);
        using var taker = await AccountForms.SignInAsync(SignedInClient.Anonymous(factory), SignedInClient.Manager, "an attempt to take it over");
        Assert.Equal(HttpStatusCode.OK, taker.StatusCode);
    }

    [Fact]
    public async Task Register_AgainBeforeConfirming_SendsTheConfirmationAgain()
    {
        using var factory = new FairFundFactory();
        using var client = SignedInClient.Anonymous(factory);

        using (await AccountForms.RegisterAsync(client, NewEmail)) { }
        using var again = await AccountForms.RegisterAsync(client, NewEmail);

        Assert.Equal("/account/check-email", again.Headers.Location!.OriginalString);
        var mails = Mailbox.To(factory, NewEmail);
        Assert.Equal(2, mails.Count);
        Assert.All(mails, mail => Assert.Equal(AccountForms.ConfirmSubject, mail.Subject));
        using var confirmed = await client.GetAsync(Mailbox.LinkTo(mails[^1], "/account/confirm-email"));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
    }

    public static TheoryData<string, string, string, string, string> BadInput() => new()
    {
        { "not-an-email", AccountForms.Password, AccountForms.Password, "Input_Email", "Enter an email address in the correct format, like name@example.com" },
        { "", AccountForms.Password, AccountForms.Password, "Input_Email", "Enter your email address" },
        { NewEmail, "too short", "too short", "Input_Password", "Your password must be at least 10 characters" },
        { NewEmail, "", "", "Input_Password", "Create a password" },
        { NewEmail, AccountForms.Password, "a different password", "Input_ConfirmPassword", "The passwords do not match. Enter the same password twice" },
        // Every problem at once: a short password is reported beside the mismatch and a bad address.
        { NewEmail, "short", "shorter", "Input_Password", "Your password must be at least 10 characters" },
        { "not-an-email", "short", "short", "Input_Password", "Your password must be at least 10 characters" },
        // The form's own check passed this one, and the account was created before its email failed with a 500.
        { "a b@x.test", AccountForms.Password, AccountForms.Password, "Input_Email", "Enter an email address in the correct format, like name@example.com" },
        { "name@example.org (Sam)", AccountForms.Password, AccountForms.Password, "Input_Email", "Enter an email address in the correct format, like name@example.com" },
        { NewEmail, "password123", "password123", "Input_Password", "Your password is one of the most common passwords, which are the first ones people guess. Choose a different one" },
        { NewEmail, "QwertyUiop", "QwertyUiop", "Input_Password", "Your password is one of the most common passwords, which are the first ones people guess. Choose a different one" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Register_BadInput_ShowsTheErrorAtItsFieldAndCreatesNothing(string email, string password, string confirm, string fieldId, string message)
    {
        using var factory = new FairFundFactory();
        using var client = SignedInClient.Anonymous(factory);

        using var response = await AccountForms.RegisterAsync(client, email, password, confirm);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<title>Error: Create an account", page);
        Assert.Contains($"<a href=\"#{fieldId}\">{message}</a>", page);
        Assert.Contains($"<p id=\"{fieldId}-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> {message}</p>", page);
        Assert.Matches($"<input class=\"govuk-input\\s+govuk-input--error\" id=\"{fieldId}\"", page);
        if (password.Length > 0) Assert.DoesNotContain("value=\"" + password, page, StringComparison.Ordinal);
        Assert.Empty(Mailbox.All(factory));
        Assert.Null(factory.WithScope(services => services.GetRequiredService<UserManager<IdentityUser>>().Users.FirstOrDefault(user => user.Email == email)));
    }

    [Theory]
    [InlineData("<b>Sam</b> & Co")]
    [InlineData("Your grant is cancelled, see https://evil.example")]
    [InlineData("Call 0800 123 456")]
    [InlineData("Abcdefghij Abcdefghij Abcdefghij Abcdefghij Abcdefghi")]
    public async Task Register_NameThatIsNotAPlainName_ShowsTheErrorAndCreatesNothing(string name)
    {
        using var factory = new FairFundFactory();
        using var client = SignedInClient.Anonymous(factory);

        using var response = await AccountForms.RegisterAsync(client, NewEmail, name: name);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<a href=\"#Input_Name\">", page);
        Assert.Empty(Mailbox.All(factory));
        Assert.Null(factory.WithScope(services => services.GetRequiredService<UserManager<IdentityUser>>().Users.FirstOrDefault(user => user.Email == NewEmail)));
    }

    [Theory]
    [InlineData("Siân O'Brien-Jones")]
    [InlineData("Zoë D’Arcy")]
    [InlineData("Ngozi")]
    public async Task Register_PlainName_IsKeptForLaterEmailsButNotEchoedInTheConfirmation(string name)
    {
        using var factory = new FairFundFactory();
        using var client = SignedInClient.Anonymous(factory);

        using (var registered = await AccountForms.RegisterAsync(client, NewEmail, name: name))
            Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);

        var mail = Mailbox.Message(factory, NewEmail, AccountForms.ConfirmSubject);
        Assert.DoesNotContain(name, mail.TextBody, StringComparison.Ordinal);
        var claims = await factory.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<IdentityUser>>();
            return await users.GetClaimsAsync((await users.FindByEmailAsync(NewEmail))!);
        });
        Assert.Equal(name, Assert.Single(claims, claim => claim.Type == AccountMail.NameClaim).Value);
    }

    [Fact]
    public async Task Register_ShortPasswordForAnEmailThatHasAnAccount_SaysTheSameAsForANewEmail()
    {
        using var factory = new FairFundFactory();
        using var client = SignedInClient.Anonymous(factory);

        using var taken = await AccountForms.RegisterAsync(client, SignedInClient.Manager, "short");
        using var fresh = await AccountForms.RegisterAsync(client, NewEmail, "short");

        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(WithoutToken(Anonymised(await fresh.Content.ReadAsStringAsync(), NewEmail)),
            WithoutToken(Anonymised(await taken.Content.ReadAsStringAsync(), SignedInClient.Manager)));
        Assert.Empty(Mailbox.All(factory));
    }

    [Fact]
    public async Task Register_EmailWithAnApostrophe_IsAccepted()
    {
        using var factory = new FairFundFactory();
        using var client = SignedInClient.Anonymous(factory);

        await AccountForms.RegisterAndConfirmAsync(factory, client, "o'brien@example.org");

        using var signedIn = await AccountForms.SignInAsync(client, "o'brien@example.org", AccountForms.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    [Fact]
    public async Task Post_Register_TooManyInAMinute_IsTurnedAwayButThePageStillShows()
    {
        using var factory = new FairFundFactory { RegisterAttemptsPerMinute = 3 };
        using var client = SignedInClient.Anonymous(factory);
        var statuses = new List<HttpStatusCode>();

        for (var attempt = 0; attempt < 4; attempt++)
        {
            using var response = await AccountForms.RegisterAsync(client, $"person{attempt}@example.org");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(3, Mailbox.All(factory).Count);
        using var page = await client.GetAsync(new Uri("/account/register", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        // Signing in has an allowance of its own.
        using var signIn = await AccountForms.SignInAsync(client, SignedInClient.Applicant, SignedInClient.Passwords[SignedInClient.Applicant]);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Fact]
    public async Task Get_Home_OffersCreateAnAccountOnlyToPeopleWhoAreSignedOut()
    {
        using var factory = new FairFundFactory();
        using var anonymous = SignedInClient.Anonymous(factory);
        using var applicant = await SignedInClient.As(factory, SignedInClient.Applicant);

        var signedOut = await anonymous.GetStringAsync(new Uri("/", UriKind.Relative));
        var signedIn = await applicant.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("<a class=\"govuk-service-navigation__link\" href=\"/account/register\">Create an account</a>", signedOut);
        Assert.Contains("<a class=\"govuk-link\" href=\"/account/register\">create an account</a>", signedOut);
        Assert.DoesNotContain("/account/register", signedIn);
    }

    [Fact]
    public async Task Get_Register_LabelsEveryFieldAndTellsTheBrowserWhatToFillIn()
    {
        using var factory = new FairFundFactory();
        using var client = SignedInClient.Anonymous(factory);

        var page = await client.GetStringAsync(new Uri("/account/register", UriKind.Relative));

        foreach (var (id, type, autocomplete) in new[] { ("Input_Name", "text", "name"), ("Input_Email", "email", "email"), ("Input_Password", "password", "new-password"), ("Input_ConfirmPassword", "password", "new-password") })
        {
            Assert.Contains($"<label class=\"govuk-label\" for=\"{id}\">", page);
            Assert.Matches($"id=\"{id}\" name=\"[^\"]+\" type=\"{type}\"[^>]*autocomplete=\"{autocomplete}\"", page);
        }
        Assert.Contains("at least 10 characters", page);
    }

    private static string WithoutToken(string page) =>
        System.Text.RegularExpressions.Regex.Replace(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"", "TOKEN");

    /// <summary>The page with the address it shows (as text or in a link) replaced, to compare what two people see.</summary>
    private static string Anonymised(string page, string email) =>
        page.Replace(email, "ADDRESS", StringComparison.Ordinal).Replace(Uri.EscapeDataString(email), "ADDRESS", StringComparison.Ordinal);
}
