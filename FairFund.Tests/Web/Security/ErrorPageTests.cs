using System.Net;

namespace FairFund.Tests.Web.Security;

/// <summary>An unknown address or a request the app cannot use gets the app's own page, with its status code.</summary>
public sealed class ErrorPageTests(FairFundFactory factory) : IClassFixture<FairFundFactory>
{
    [Theory]
    [InlineData("/no-such-page")]
    [InlineData("/rounds/NO-SUCH-ROUND/nothing-here")]
    public async Task Get_UnknownAddress_ShowsTheNotFoundPageWith404(string path)
    {
        using var client = SignedInClient.Anonymous(factory);

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<title>Page not found – FairFund</title>", page);
        Assert.Contains("<h1 class=\"govuk-heading-l\">Page not found</h1>", page);
        Assert.Contains("If you typed the web address, check it is correct.", page);
    }

    [Fact]
    public async Task Post_FormWhoseTokenIsMissing_ShowsTheBadRequestPageWith400()
    {
        using var client = SignedInClient.Anonymous(factory);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = SignedInClient.Applicant });

        // Composed on purpose, with no token: as a form left open until its token no longer matches would arrive.
        using var response = await client.PostAsync(new Uri("/account/forgot-password", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1 class=\"govuk-heading-l\">Sorry, there is a problem with your request</h1>", page);
        Assert.Contains("Go back, reload the page, and try again.", page);
    }
}
