using System.Text.Encodings.Web;
using System.Text.Unicode;
using FairFund.Web.Accounts;
using FairFund.Web.Data;
using FairFund.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.WebEncoders;

namespace FairFund.Web.Pages;

public static class PagesSetup
{
    /// <summary>The Razor Pages, each folder open only to its role, and how they write text.</summary>
    public static IServiceCollection AddFairFundPages(this IServiceCollection services)
    {
        services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/Fund", Roles.FundManager);
            options.Conventions.AuthorizeFolder("/Panel", Roles.PanelMember);
            options.Conventions.AuthorizeFolder("/Apply", Roles.Applicant);
            // Every form, so a NUL pasted into any field is dropped rather than answered with a bare 400.
            options.Conventions.ConfigureFilter(new DropNulsFromForm());
        });
        // One database connection for each page request, rather than one per query (see OneConnectionPerRequest).
        services.Configure<MvcOptions>(options => options.Filters.Add<OneConnectionPerRequest>());
        // Write £, é and the like as themselves rather than as &#xA3; entities.
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        return services;
    }

    /// <summary>The app's own error and not-found pages, in place of a bare status code.</summary>
    public static WebApplication UseFairFundErrorPages(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/error");
        // An unknown address or a bad request gets the app's own page, with its status code kept.
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        return app;
    }
}
