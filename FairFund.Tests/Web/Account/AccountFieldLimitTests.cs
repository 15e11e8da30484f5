using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Account;

/// <summary>
/// Every typed field of the account forms has a character limit (issue 14): an address or password longer than any
/// real one is refused at its field, through the page's own form, before anything is looked up, queued or created.
/// </summary>
public sealed class AccountFieldLimitTests : IDisposable
{
    /// <summary>A well-formed address of 300 characters: longer than an address can be.</summary>
    private static readonly string LongEmail = new string('a', 288) + "@example.org";

    private const string EmailError = "Your email address must be 256 characters or fewer";
    private const string PasswordError = "Your password must be 256 characters or fewer";

    private readonly FairFundFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task SignIn_AnAddressLongerThanAnyAddress_IsRefusedAtTheField()
    {
        using var client = SignedInClient.Anonymous(_factory);

        using var response = await SubmitAsync(client, "/account/sign-in", new() { ["Input.Email"] = LongEmail, ["Input.Password"] = "any password at all" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<a href=\"#email\">{EmailError}</a>", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/account/forgot-password")]
    [InlineData("/account/resend-confirmation")]
    public async Task AccountMail_ForAnAddressLongerThanAnyAddress_IsRefusedAtTheFieldInsteadOfSent(string path)
    {
        using var client = SignedInClient.Anonymous(_factory);

        using var response = await SubmitAsync(client, path, new() { ["Input.Email"] = LongEmail });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<a href=\"#Input_Email\">{EmailError}</a>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Register_APasswordOverItsLimit_IsRefusedAtTheFieldAndNoAccountIsMade()
    {
        using var client = SignedInClient.Anonymous(_factory);
        var password = string.Join(' ', Enumerable.Repeat("correct horse battery staple", 10));

        using var response = await SubmitAsync(client, "/account/register",
            new() { ["Input.Email"] = "long.password@example.org", ["Input.Password"] = password, ["Input.ConfirmPassword"] = password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<a href=\"#Input_Password\">{PasswordError}</a>", await response.Content.ReadAsStringAsync());
        _factory.FinishAccountRequests();
        using var scope = _factory.Services.CreateScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().FindByEmailAsync("long.password@example.org"));
    }

    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string path, Dictionary<string, string> typed)
    {
        var form = PageForms.Find(await client.GetStringAsync(new Uri(path, UriKind.Relative)), path, path);
        return await form.SubmitAsync(client, typed);
    }
}
