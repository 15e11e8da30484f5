using FairFund.Web;
using FairFund.Web.Accounts;
using FairFund.Web.Applications;
using FairFund.Web.Cli;
using FairFund.Web.Data;
using FairFund.Web.Deployment;
using FairFund.Web.Email;
using FairFund.Web.Forms;
using FairFund.Web.Rounds;

if (AllocateCommand.IsInvokedBy(args)) return AllocateCommand.Run(args, Console.Out, Console.Error);

// `dotnet run` starts in the folder the user is in (so `allocate` reads their paths); the app's own
// files (settings, and static assets through the build's manifest) are found beside the program.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.WebHost.UseStaticWebAssets();
// The public address, proxies, demo data and key protection, checked before anything else: a server missing one stops here.
var deployment = DeploymentSettings.Read(builder.Configuration, builder.Environment);
builder.Services.AddFairFundDeployment(builder.Configuration, deployment);
// The demo funder sits under everything else, so a funder's own settings always win.
if (deployment.DemoData)
{
    var demoFunder = new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource { Path = Path.Combine(DemoData.DemoFolder, "funder.json"), Optional = true };
    demoFunder.ResolveFileProvider();
    builder.Configuration.Sources.Insert(0, demoFunder);
}
builder.Services.Configure<Funder>(builder.Configuration.GetSection(Funder.Section));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddFairFundData(builder.Configuration);
builder.Services.AddScoped<FairFund.Web.Applications.ApplicantRecords>();
builder.Services.AddFairFundRounds();
builder.Services.AddScoped<FairFund.Web.Export.ThreeSixtyGivingExport>();
builder.Services.AddScoped<FairFund.Web.Panel.PanelRecords>();
builder.Services.AddSingleton<FairFund.Web.Applications.DocumentStore>();
builder.Services.AddFairFundAccounts();
builder.Services.AddSignInLimits(builder.Configuration);
builder.Services.AddFairFundMail(builder.Configuration);
builder.Services.AddSendLimits();
builder.Services.AddScoped<FairFund.Web.Panel.PanelInvites>();
builder.Services.AddHostedService<FairFund.Web.Rounds.RoundClock>();
builder.Services.AddRazorPages(options =>
{
    options.Conventions.AuthorizeFolder("/Fund", Roles.FundManager);
    options.Conventions.AuthorizeFolder("/Panel", Roles.PanelMember);
    options.Conventions.AuthorizeFolder("/Apply", Roles.Applicant);
    // Every form, so a NUL pasted into any field is dropped rather than answered with a bare 400.
    options.Conventions.ConfigureFilter(new DropNulsFromForm());
});
// Write £, é and the like as themselves rather than as &#xA3; entities.
builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
    options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
builder.Services.AddHealthChecks().AddDbContextCheck<FairFundDbContext>("database");

var app = builder.Build();
await DataSetup.MigrateAsync(app.Services);
await DemoData.EnsureRolesAsync(app.Services);
if (deployment.DemoData) await DemoData.SeedAsync(app.Services, app.Services.GetRequiredService<TimeProvider>());

app.UseFairFundDeployment();
if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/error");
// An unknown address or a bad request gets the app's own page, with its status code kept.
app.UseStatusCodePagesWithReExecute("/error/{0}");
app.UseSecurityHeaders();
app.UseRouting();
app.UseAuthentication();
// After authentication, so that a limit can count per signed-in person.
app.UseRateLimiter();
app.UseAuthorization();
app.MapStaticAssets();
app.MapRazorPages().WithStaticAssets();
app.MapHealthChecks("/healthz");
await app.RunAsync();
return 0;
