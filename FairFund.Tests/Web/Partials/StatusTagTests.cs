using FairFund.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FairFund.Tests.Web.Partials;

public sealed class StatusTagTests(FairFundFactory factory) : IClassFixture<FairFundFactory>
{
    private const string Path = "/Pages/Shared/_StatusTag.cshtml";

    [Theory]
    [InlineData(TagColour.Blue, "<strong class=\"govuk-tag\">Open</strong>")]
    [InlineData(TagColour.Green, "<strong class=\"govuk-tag govuk-tag--green\">Open</strong>")]
    [InlineData(TagColour.Grey, "<strong class=\"govuk-tag govuk-tag--grey\">Open</strong>")]
    [InlineData(TagColour.Magenta, "<strong class=\"govuk-tag govuk-tag--magenta\">Open</strong>")]
    public async Task Render_Colour_AddsTheGovukTagModifier(TagColour colour, string expected)
    {
        var html = await PartialRenderer.RenderAsync(factory.Services, Path, new StatusTag("Open", colour));

        Assert.Equal(expected, html.Trim());
    }

    [Fact]
    public async Task Render_StatusText_IsHtmlEncoded()
    {
        var html = await PartialRenderer.RenderAsync(factory.Services, Path, new StatusTag("<Draft>", TagColour.Grey));

        Assert.Contains("&lt;Draft&gt;", html);
    }
}
