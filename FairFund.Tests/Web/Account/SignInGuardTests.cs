using System.Net;
using System.Text.RegularExpressions;
using FairFund.Tests.Web.Security;
using FairFund.Web.Pages.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Account;

/// <summary>Wrong passwords are slowed per account and address, without locking the owner out or telling who has an account.</summary>
public sealed partial class SignInGuardTests
{
    private const string Unknown = "nobody.here@example.org";

    [Fact]
    public async Task SignIn_FiveWrongPasswordsThenTheRightOne_SignsIn()
    {
        using var factory = new FairFundFactory();
        using var client = SignedInClient.Anonymous(factory);
        for (var attempt = 0; attempt < 5; attempt++)
            using (await AccountForms.SignInAsync(client, SignedInClient.Applicant, "guess-" + attempt)) { }

        using var signedIn = await AccountForms.SignInAsync(client, SignedInClient.Applicant, SignedInClient.Passwords[SignedInClient.Applicant]);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    [Fact]
    public async Task SignIn_WrongPasswordsFromOneAddress_RefuseThatAddressButNotTheOwnerElsewhere()
    {
        using var factory = new FairFundFactory { Settings = new Dictionary<string, string> { ["FairFund:SignInFailuresPerAccount"] = "3" } };
        using var guesser = AddressedClient.From(factory, IPAddress.Parse("198.51.100.9"), "http://localhost");
        using var owner = AddressedClient.From(factory, IPAddress.Parse("203.0.113.7"), "http://localhost");
        for (var attempt = 0; attempt < 3; attempt++)
            using (await AccountForms.SignInAsync(guesser, SignedInClient.Applicant, "guess-" + attempt)) { }

        using var refused = await AccountForms.SignInAsync(guesser, SignedInClient.Applicant, SignedInClient.Passwords[SignedInClient.Applicant]);
        using var ownerSignsIn = await AccountForms.SignInAsync(owner, SignedInClient.Applicant, SignedInClient.Passwords[SignedInClient.Applicant]);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(SignInModel.RefusedMessage, await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, ownerSignsIn.StatusCode);
    }

    [Fact]
    public async Task SignIn_RepeatedWrongPasswords_ReadTheSameForAnAccountAndForAnAddressWithNone()
    {
        using var factory = new FairFundFactory();
        using var known = SignedInClient.Anonymous(factory);
        using var unknown = SignedInClient.Anonymous(factory);

        for (var attempt = 0; attempt < 12; attempt++)
        {
            using var forAccount = await AccountForms.SignInAsync(known, SignedInClient.Applicant, "guess-" + attempt);
            using var forNobody = await AccountForms.SignInAsync(unknown, Unknown, "guess-" + attempt);

            Assert.Equal(forAccount.StatusCode, forNobody.StatusCode);
            Assert.Equal(Comparable(await forAccount.Content.ReadAsStringAsync(), SignedInClient.Applicant),
                Comparable(await forNobody.Content.ReadAsStringAsync(), Unknown));
        }
    }

    [Fact]
    public async Task SignIn_AddressWithNoAccount_ChecksAPasswordHashAsAWrongPasswordDoes()
    {
        var hasher = new CountingHasher();
        using var factory = new FairFundFactory { WithServices = services => services.AddSingleton<IPasswordHasher<IdentityUser>>(hasher) };
        using var client = SignedInClient.Anonymous(factory);
        using (await client.GetAsync(new Uri("/account/sign-in", UriKind.Relative))) { }

        var before = hasher.Checks;
        using (await AccountForms.SignInAsync(client, SignedInClient.Applicant, "a wrong password")) { }
        var forAccount = hasher.Checks - before;
        before = hasher.Checks;
        using (await AccountForms.SignInAsync(client, Unknown, "a wrong password")) { }
        var forNobody = hasher.Checks - before;

        Assert.Equal(1, forAccount);
        Assert.Equal(forAccount, forNobody);
    }

    /// <summary>The page with the address typed and the antiforgery token taken out, which differ by design.</summary>
    private static string Comparable(string page, string email) =>
        Token().Replace(page.Replace(email, "ADDRESS", StringComparison.Ordinal).Replace(Uri.EscapeDataString(email), "ADDRESS", StringComparison.Ordinal), "TOKEN");

    [GeneratedRegex("value=\"CfDJ8[^\"]+\"")]
    private static partial Regex Token();

    private sealed class CountingHasher : IPasswordHasher<IdentityUser>
    {
        private readonly PasswordHasher<IdentityUser> _hasher = new();
        private int _checks;

        public int Checks => Volatile.Read(ref _checks);

        public string HashPassword(IdentityUser user, string password) => _hasher.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(IdentityUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _checks);
            return _hasher.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
