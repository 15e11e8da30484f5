using FairFund.Web;
using FairFund.Web.Accounts;
using FairFund.Web.Cli;
using FairFund.Web.Data;
using FairFund.Web.Deployment;
using FairFund.Web.Email;
using FairFund.Web.Health;
using FairFund.Web.Pages;
using FairFund.Web.Pages.Apply;
using FairFund.Web.Rounds;

if (AllocateCommand.IsInvokedBy(args)) return AllocateCommand.Run(args, Console.Out, Console.Error);

// `dotnet run` starts in the folder the user is in (so `allocate` reads their paths); the app's own
// files (settings, and static assets through the build's manifest) are found beside the program.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.WebHost.UseStaticWebAssets();
// The public address, proxies, demo data and key protection, checked before anything else: a server missing one stops here.
var deployment = DeploymentSettings.Read(builder.Configuration, builder.Environment);
builder.Services.AddFairFundDeployment(builder.Configuration, deployment);
if (deployment.DemoData) builder.Configuration.AddFairFundDemoFunder();
builder.Services.Configure<Funder>(builder.Configuration.GetSection(Funder.Section));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddFairFundData(builder.Configuration);
builder.Services.AddScoped<FairFund.Web.Pages.Apply.ApplicantRecords>();
builder.Services.AddFairFundRounds();
builder.Services.AddScoped<FairFund.Web.Export.ThreeSixtyGivingExport>();
builder.Services.AddScoped<FairFund.Web.Pages.Panel.PanelRecords>();
builder.Services.AddSingleton<FairFund.Web.Documents.DocumentStore>();
builder.Services.AddFairFundAccounts();
builder.Services.AddSignInLimits(builder.Configuration);
builder.Services.AddFairFundMail(builder.Configuration);
builder.Services.AddSendLimits();
builder.Services.AddScoped<FairFund.Web.Invites.PanelInvites>();
builder.Services.AddScoped<FairFund.Web.Grants.BankChangeLinks>();
builder.Services.AddHostedService<FairFund.Web.Rounds.RoundClock>();
builder.Services.AddHostedService<FairFund.Web.Grants.ReportReminderClock>();
builder.Services.AddHostedService<FairFund.Web.Reviews.ScoringReminderClock>();
builder.Services.AddHostedService<FairFund.Web.Deadlines.DeadlineReminderClock>();
builder.Services.AddFairFundPages();
builder.Services.AddFairFundHealthChecks();

var app = builder.Build();
await DataSetup.MigrateAsync(app.Services);
await DemoData.EnsureRolesAsync(app.Services);
if (deployment.DemoData) await DemoData.SeedAsync(app.Services, app.Services.GetRequiredService<TimeProvider>());

app.UseFairFundDeployment();
app.UseFairFundErrorPages();
app.UseSecurityHeaders();
app.UseRouting();
app.UseAuthentication();
// After authentication, so that a limit can count per signed-in person.
app.UseRateLimiter();
app.UseAuthorization();
app.MapStaticAssets();
app.MapRazorPages().WithStaticAssets();
app.MapFairFundHealthChecks();
await app.RunAsync();
return 0;
