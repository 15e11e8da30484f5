using FairFund.Web;

namespace FairFund.Tests.Web.Security;

public sealed class SecurityHeaderTests(FairFundFactory factory) : IClassFixture<FairFundFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/account/sign-in")]
    [InlineData("/rounds/CW-MH-2027-R1")]
    public async Task Get_AnyPage_SendsTheSecurityHeaders(string path)
    {
        using var client = SignedInClient.Anonymous(factory);

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("script-src 'self';", SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Get_AnyPage_HasNoInlineScripts()
    {
        using var client = SignedInClient.Anonymous(factory);

        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", html);
    }
}
