using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FairFund.Tests.Web;

/// <summary>A browser-like client: keeps cookies, does not follow redirects, and posts forms with their antiforgery token.</summary>
public static partial class SignedInClient
{
    public const string Manager = "manager@demo.fairfund.test";
    public const string Panel = "panel.one@demo.fairfund.test";
    public const string Applicant = "applicant@demo.fairfund.test";

    public static readonly IReadOnlyDictionary<string, string> Passwords = new Dictionary<string, string>
    {
        [Manager] = "demo-manager-2027",
        [Panel] = "demo-panel-2027",
        [Applicant] = "demo-applicant-2027",
    };

    public static HttpClient Anonymous(FairFundFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public static async Task<HttpClient> As(FairFundFactory factory, string email)
    {
        var client = Anonymous(factory);
        using var response = await client.PostFormAsync("/account/sign-in", new() { ["Input.Email"] = email, ["Input.Password"] = Passwords.GetValueOrDefault(email, FairFund.Tests.Web.Panel.PanelRounds.MemberPassword) });
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Could not sign in as {email}: {(int)response.StatusCode}");
        return client;
    }

    /// <summary>Gets the page the form is on, then posts the form with the token that page gave.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string path, Dictionary<string, string> fields, string? formPage = null)
    {
        var page = await client.GetStringAsync(new Uri(formPage ?? path, UriKind.Relative));
        fields["__RequestVerificationToken"] = AntiforgeryToken().Match(page).Groups[1].Value;
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    /// <summary>The antiforgery token of a form on a page already fetched.</summary>
    public static string TokenIn(string page) => AntiforgeryToken().Match(page).Groups[1].Value;

    /// <summary>Posts a form with no fields but a token from a page fetched earlier, as a second press of its button would.</summary>
    public static async Task<HttpResponseMessage> PostWithTokenAsync(this HttpClient client, string path, string token)
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        return await client.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
