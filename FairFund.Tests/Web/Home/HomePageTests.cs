using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FairFund.Tests.Web.Home;

public sealed partial class HomePageTests(FairFundFactory factory) : IClassFixture<FairFundFactory>
{
    [GeneratedRegex("<link rel=\"stylesheet\" href=\"(/lib/govuk/app[^\"]*\\.css)\"")]
    private static partial Regex StylesheetLink();

    [Fact]
    public async Task Get_HomePage_SaysWhatFairFundIsWithItsStylesheet()
    {
        using var client = factory.CreateClient();

        var page = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("<h1 class=\"govuk-heading-xl\">Grant funding you can check for yourself</h1>", page);
        Assert.Contains("lang=\"en-GB\"", page);
        Assert.Contains("Skip to main content", page);
        var stylesheet = StylesheetLink().Match(page).Groups[1].Value;
        Assert.NotEmpty(stylesheet);
        using var css = await client.GetAsync(new Uri(stylesheet, UriKind.Relative));
        Assert.True(css.IsSuccessStatusCode, $"{stylesheet} answered {(int)css.StatusCode}");
    }

    [Fact]
    public async Task Get_HomePage_UsesTheGovukFrontendBuiltWithoutGovukBranding()
    {
        using var client = factory.CreateClient();

        var page = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        var css = await client.GetStringAsync(new Uri("/lib/govuk/app.css", UriKind.Relative));
        using var script = await client.GetAsync(new Uri("/lib/govuk/govuk-frontend.min.js", UriKind.Relative));

        Assert.Contains("class=\"govuk-generic-header__homepage-link\">FairFund</a>", page);
        Assert.DoesNotContain("GOV.UK", page, StringComparison.Ordinal);
        Assert.DoesNotContain("crown", page, StringComparison.OrdinalIgnoreCase);
        var init = System.Text.RegularExpressions.Regex.Match(page, "<script type=\"module\" src=\"(/js/init[^\"]*)\"").Groups[1].Value;
        Assert.Contains("import { initAll } from '/lib/govuk/govuk-frontend.min.js'", await client.GetStringAsync(new Uri(init, UriKind.Relative)));
        Assert.Contains("font-family:system-ui,arial,sans-serif", css);
        Assert.DoesNotContain("GDS Transport", css);
        Assert.DoesNotContain("@font-face", css);
        Assert.True(script.IsSuccessStatusCode, $"govuk-frontend.min.js answered {(int)script.StatusCode}");
    }

    [Fact]
    public async Task Get_HomePage_ListsTheOpenDemoRoundWithItsClosingTimeInUkTime()
    {
        using var client = factory.CreateClient();

        var page = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("<a class=\"govuk-link\" href=\"/rounds/CW-MH-2027-R1\">Community Mental Health Fund 2027, round 1</a>", page);
        // The factory's clock starts on 1 March 2027; the demo round closes 28 days later at midday UK time, in British Summer Time.
        Assert.Contains("Closes at midday on Monday 29 March 2027", page);
        Assert.Contains("href=\"/account/sign-in\">Sign in</a>", page);
    }
}
