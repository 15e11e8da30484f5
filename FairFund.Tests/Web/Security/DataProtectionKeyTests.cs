using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FairFund.Tests.Web.Account;
using FairFund.Web.Data;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Security;

/// <summary>
/// The keys that sign cookies and emailed links live with the data (the folder on SQLite, the shared database on
/// PostgreSQL), so a new server, or another instance, on the same data keeps them working.
/// </summary>
public sealed class DataProtectionKeyTests
{
    [Fact]
    public async Task ResetLinkAndSignInCookie_MadeByOneInstance_WorkInAnotherOnTheSameData()
    {
        using var first = new FairFundFactory();
        using var firstClient = SignedInClient.Anonymous(first);
        using (await firstClient.PostFormAsync("/account/forgot-password", new() { ["Input.Email"] = SignedInClient.Manager })) { }
        var link = Mailbox.LinkTo(Mailbox.Message(first, SignedInClient.Manager, AccountForms.ResetSubject), "/account/reset-password");
        string authCookie;
        using (var signedIn = await AccountForms.SignInAsync(SignedInClient.Anonymous(first), SignedInClient.Applicant, SignedInClient.Passwords[SignedInClient.Applicant]))
            authCookie = signedIn.Headers.GetValues("Set-Cookie").Single(cookie => cookie.StartsWith("FairFund.Auth=", StringComparison.Ordinal)).Split(';')[0];

        // The keys are with the data (the folder, or the database several servers share), not in the user profile another server would not have.
        Assert.NotEmpty(StoredKeys(first));
        using var second = first.AnotherInstance();
        using var secondClient = second.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var apply = new HttpRequestMessage(HttpMethod.Get, new Uri("/apply", UriKind.Relative));
        apply.Headers.Add("Cookie", authCookie);

        using var resetForm = await SignedInClient.Anonymous(second).GetAsync(link);
        using var applyPage = await secondClient.SendAsync(apply);

        Assert.Equal(HttpStatusCode.OK, resetForm.StatusCode);
        Assert.Contains("Choose a new password", await resetForm.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, applyPage.StatusCode);
    }

    [Fact]
    public async Task Keys_WithACertificateSet_AreEncryptedAtRestAndStillReadBack()
    {
        using var first = new FairFundFactory { Settings = CertificateSettings(Directory.CreateTempSubdirectory("fairfund-cert-")) };
        using var client = SignedInClient.Anonymous(first);
        using (await client.PostFormAsync("/account/forgot-password", new() { ["Input.Email"] = SignedInClient.Manager })) { }
        var link = Mailbox.LinkTo(Mailbox.Message(first, SignedInClient.Manager, AccountForms.ResetSubject), "/account/reset-password");

        var key = Assert.Single(StoredKeys(first));
        Assert.Contains("EncryptedData", key, StringComparison.Ordinal);
        Assert.DoesNotContain("<value>", key, StringComparison.Ordinal);
        using var second = first.AnotherInstance();
        using var resetForm = await SignedInClient.Anonymous(second).GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, resetForm.StatusCode);
    }

    /// <summary>The key ring as stored: files in the data folder on SQLite, rows of the shared database on PostgreSQL.</summary>
    private static List<string> StoredKeys(FairFundFactory app) => PostgreSqlTestDatabase.IsOn
        ? app.WithScope(services => services.GetRequiredService<PostgreSqlDbContext>().DataProtectionKeys.Select(key => key.Xml!).ToList())
        : [.. Directory.GetFiles(Path.Combine(app.DataDirectory.FullName, "keys"), "key-*.xml").Select(File.ReadAllText)];

    private static Dictionary<string, string> CertificateSettings(DirectoryInfo folder)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=FairFund keys", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(folder.FullName, "keys.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, "a test password"));
        return new() { ["FairFund:DataProtection:CertificatePath"] = path, ["FairFund:DataProtection:CertificatePassword"] = "a test password" };
    }
}
