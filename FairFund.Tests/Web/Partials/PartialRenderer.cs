using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Partials;

/// <summary>Renders one of the web app's compiled partial views to a string, with the app's own services.</summary>
internal static class PartialRenderer
{
    public static async Task<string> RenderAsync(IServiceProvider services, string path, object? model, ModelStateDictionary? modelState = null)
    {
        using var scope = services.CreateScope();
        var httpContext = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        var actionContext = new ActionContext(httpContext, new RouteData(), new ActionDescriptor(), modelState ?? new ModelStateDictionary());

        var found = scope.ServiceProvider.GetRequiredService<IRazorViewEngine>().GetView(executingFilePath: null, path, isMainPage: false);
        Assert.True(found.Success, $"{path} was not found among the app's views");

        var viewData = new ViewDataDictionary(scope.ServiceProvider.GetRequiredService<IModelMetadataProvider>(), actionContext.ModelState) { Model = model };
        var tempData = new TempDataDictionary(httpContext, scope.ServiceProvider.GetRequiredService<ITempDataProvider>());
        await using var writer = new StringWriter();
        var viewContext = new ViewContext(actionContext, found.View, viewData, tempData, writer, new HtmlHelperOptions());
        await found.View.RenderAsync(viewContext);
        return writer.ToString();
    }
}
