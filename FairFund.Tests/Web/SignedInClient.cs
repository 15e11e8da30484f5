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

    /// <summary>
    /// Gets the page the form is on (<paramref name="formPage"/>, or <paramref name="path"/> itself), finds its form
    /// that posts to <paramref name="path"/>, types <paramref name="fields"/> over the values the page gave and
    /// submits it with everything else the form holds (its token, its hidden fields). Fails the test when the page
    /// has no such form or the form could not send those fields: see <see cref="PageForm.CannotSend"/>.
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string path, Dictionary<string, string> fields, string? formPage = null)
    {
        var pagePath = formPage ?? path;
        var page = await client.GetStringAsync(new Uri(pagePath, UriKind.Relative));
        return await PageForms.For(page, pagePath, path, fields).SubmitAsync(client, fields);
    }

    /// <summary>
    /// The form on <paramref name="formPage"/> (or <paramref name="path"/>) that posts to <paramref name="path"/> and can
    /// send <paramref name="fields"/>, as the page gives it now: to submit later, as a tab kept open would, or twice,
    /// as a second press of its button would.
    /// </summary>
    internal static async Task<PageForm> FormAsync(this HttpClient client, string path, Dictionary<string, string> fields, string? formPage = null)
    {
        var pagePath = formPage ?? path;
        return PageForms.For(await client.GetStringAsync(new Uri(pagePath, UriKind.Relative)), pagePath, path, fields);
    }

    /// <summary>
    /// Posts exactly <paramref name="fields"/> and a token from <paramref name="formPage"/>: a request no form on the
    /// page makes. Only for tests whose point is that such a request (forged, tampered, for another's record) is refused.
    /// </summary>
    public static async Task<HttpResponseMessage> PostComposedAsync(this HttpClient client, string path, Dictionary<string, string> fields, string formPage)
    {
        var page = await client.GetStringAsync(new Uri(formPage, UriKind.Relative));
        var composed = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = AntiforgeryToken().Match(page).Groups[1].Value };
        using var content = new FormUrlEncodedContent(composed);
        return await client.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    /// <summary>The antiforgery token of a form on a page already fetched.</summary>
    public static string TokenIn(string page) => AntiforgeryToken().Match(page).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
