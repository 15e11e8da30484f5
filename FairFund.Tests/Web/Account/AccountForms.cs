using System.Net;

namespace FairFund.Tests.Web.Account;

/// <summary>The account forms as a person fills them in, for tests that go through several of them.</summary>
internal static class AccountForms
{
    public const string Password = "a long new password";

    public static Task<HttpResponseMessage> RegisterAsync(HttpClient client, string email, string password = Password, string? confirm = null, string name = "") =>
        client.PostFormAsync("/account/register", new()
        {
            ["Input.Name"] = name,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = confirm ?? password,
        });

    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        client.PostFormAsync("/account/sign-in", new() { ["Input.Email"] = email, ["Input.Password"] = password });

    /// <summary>Registers, then follows the link in the confirmation email, as a new applicant does.</summary>
    public static async Task RegisterAndConfirmAsync(FairFundFactory factory, HttpClient client, string email, string password = Password)
    {
        using (var registered = await RegisterAsync(client, email, password))
            Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        var link = Mailbox.LinkTo(Mailbox.Message(factory, email, ConfirmSubject), "/account/confirm-email");
        using var confirmed = await client.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
    }

    public const string ConfirmSubject = "Confirm your email address for FairFund";
    public const string AlreadyRegisteredSubject = "You already have a FairFund account";
    public const string ResetSubject = "Reset your FairFund password";
}
