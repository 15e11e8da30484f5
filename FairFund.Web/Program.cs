using FairFund.Web.Cli;

if (AllocateCommand.IsInvokedBy(args)) return AllocateCommand.Run(args, Console.Out, Console.Error);

// `dotnet run` starts in the folder the user is in (so `allocate` reads their paths); the app's own
// files (settings, and static assets through the build's manifest) are found beside the program.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.WebHost.UseStaticWebAssets();
builder.Services.AddRazorPages();
builder.Services.AddHealthChecks();

var app = builder.Build();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error");
    app.UseHsts();
}
app.UseRouting();
app.MapStaticAssets();
app.MapRazorPages().WithStaticAssets();
app.MapHealthChecks("/healthz");
app.Run();
return 0;
