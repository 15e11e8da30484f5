using System.Net;
using FairFund.Tests.Web.Account;

namespace FairFund.Tests.Web.Security;

/// <summary>
/// Behind a TLS proxy: the configured proxy is believed about the client's address and scheme (HSTS, Secure cookies,
/// limits per client); anyone else sending the same headers is not.
/// </summary>
public sealed class ProxyTests
{
    private static readonly IPAddress Stranger = IPAddress.Parse("10.0.0.99");

    [Fact]
    public async Task Get_ThroughTheConfiguredProxyOverHttps_SendsHstsAndSecureCookies()
    {
        using var factory = new FairFundFactory { EnvironmentName = "Production", Settings = AddressedClient.ProductionSettings() };
        using var client = AddressedClient.From(factory, AddressedClient.Proxy, "http://grants.example.org");
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");

        using var response = await client.GetAsync(new Uri("/account/sign-in", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, cookie => Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Get_ForwardedHeadersFromAnAddressThatIsNotAConfiguredProxy_AreIgnored()
    {
        using var factory = new FairFundFactory { EnvironmentName = "Production", Settings = AddressedClient.ProductionSettings() };
        using var client = AddressedClient.From(factory, Stranger, "http://grants.example.org");
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");

        using var response = await client.GetAsync(new Uri("/account/sign-in", UriKind.Relative));

        // Still plain HTTP, so it is sent to HTTPS, and nothing is believed.
        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("https://grants.example.org/account/sign-in", response.Headers.Location?.AbsoluteUri);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task SignIn_RateLimit_CountsEachForwardedClientSeparately()
    {
        var settings = AddressedClient.ProductionSettings();
        using var factory = new FairFundFactory { EnvironmentName = "Production", Settings = settings, SignInAttemptsPerMinute = 2 };
        using var first = ThroughProxy(factory, "203.0.113.7");
        using var second = ThroughProxy(factory, "198.51.100.20");
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var response = await AccountForms.SignInAsync(first, SignedInClient.Applicant, "guess-" + attempt);
            statuses.Add(response.StatusCode);
        }

        using var fromSecond = await AccountForms.SignInAsync(second, SignedInClient.Applicant, "guess");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, fromSecond.StatusCode);
    }

    [Fact]
    public async Task SignIn_RateLimit_HeadersFromAStrangerDoNotMakeNewClients()
    {
        using var factory = new FairFundFactory { EnvironmentName = "Production", Settings = AddressedClient.ProductionSettings(), SignInAttemptsPerMinute = 2 };
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var client = AddressedClient.From(factory, Stranger);
            client.DefaultRequestHeaders.Add("X-Forwarded-For", $"203.0.113.{attempt + 1}");
            using var response = await AccountForms.SignInAsync(client, SignedInClient.Applicant, "guess-" + attempt);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    /// <summary>A client behind the proxy, which has already ended TLS (the request to the app says https).</summary>
    private static HttpClient ThroughProxy(FairFundFactory factory, string clientAddress)
    {
        var client = AddressedClient.From(factory, AddressedClient.Proxy);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", clientAddress);
        return client;
    }
}
