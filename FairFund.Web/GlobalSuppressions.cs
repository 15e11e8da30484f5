using System.Diagnostics.CodeAnalysis;

[assembly: SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Scope = "namespace", Target = "~N:FairFund.Web.Pages.Shared",
    Justification = "Razor names the namespace of the views in Pages/Shared after the folder; the records those shared partials show belong beside them, and no other language consumes this web app.")]
