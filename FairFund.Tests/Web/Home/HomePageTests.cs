using Microsoft.AspNetCore.Mvc.Testing;

namespace FairFund.Tests.Web.Home;

public sealed class HomePageTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    [Fact]
    public async Task Get_HomePage_SaysWhatFairFundIsWithItsStylesheet()
    {
        using var client = factory.CreateClient();

        var page = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("<h1 class=\"heading-xl\">Grant funding you can check for yourself</h1>", page);
        Assert.Contains("lang=\"en-GB\"", page);
        Assert.Contains("Skip to main content", page);
        var stylesheet = System.Text.RegularExpressions.Regex.Match(page, "href=\"(/css/site[^\"]*\\.css)\"").Groups[1].Value;
        using var css = await client.GetAsync(new Uri(stylesheet, UriKind.Relative));
        Assert.True(css.IsSuccessStatusCode, $"{stylesheet} answered {(int)css.StatusCode}");
    }
}
