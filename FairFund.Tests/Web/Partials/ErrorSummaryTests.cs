using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FairFund.Tests.Web.Partials;

public sealed class ErrorSummaryTests(FairFundFactory factory) : IClassFixture<FairFundFactory>
{
    private const string Path = "/Pages/Shared/_ErrorSummary.cshtml";

    [Fact]
    public async Task Render_ValidModelState_RendersNothing()
    {
        var html = await PartialRenderer.RenderAsync(factory.Services, Path, model: null, new ModelStateDictionary());

        Assert.Equal("", html.Trim());
    }

    [Fact]
    public async Task Render_FieldErrors_LinksEachErrorToItsFieldId()
    {
        var modelState = new ModelStateDictionary();
        modelState.AddModelError("Input.GroupName", "Enter your group's name");
        modelState.AddModelError("Input.Budget[0].Amount", "Amount must be a number, like 1500");

        var html = await PartialRenderer.RenderAsync(factory.Services, Path, model: null, modelState);

        Assert.Contains("class=\"govuk-error-summary\" data-module=\"govuk-error-summary\"", html);
        Assert.Contains("<h2 class=\"govuk-error-summary__title\">There is a problem</h2>", html);
        Assert.Contains("<a href=\"#Input_GroupName\">Enter your group&#x27;s name</a>", html);
        Assert.Contains("<a href=\"#Input_Budget_0__Amount\">Amount must be a number, like 1500</a>", html);
    }

    [Fact]
    public async Task Render_ErrorForTheWholeForm_ShowsItWithoutALink()
    {
        var modelState = new ModelStateDictionary();
        modelState.AddModelError("", "The round closed before your application arrived");

        var html = await PartialRenderer.RenderAsync(factory.Services, Path, model: null, modelState);

        Assert.Contains("The round closed before your application arrived", html);
        Assert.DoesNotContain("<a href", html);
    }
}
