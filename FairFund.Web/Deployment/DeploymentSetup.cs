using FairFund.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;

namespace FairFund.Web.Deployment;

/// <summary>
/// How the app runs on a server: behind which proxies, over HTTPS or not, with its keys where. Every choice here
/// follows from <see cref="DeploymentSettings"/>, so one set of settings decides it all.
/// </summary>
public static partial class DeploymentSetup
{
    /// <summary>The key ring's folder under the data directory; the keys sign cookies and emailed links.</summary>
    public const string KeysFolder = "keys";

    public static IServiceCollection AddFairFundDeployment(this IServiceCollection services, IConfiguration configuration, DeploymentSettings deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        services.AddSingleton(deployment);

        // Only the proxies named in settings are believed about the client's address and the scheme it used;
        // anyone else could claim any address, and so dodge the limits that count per address.
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in deployment.KnownProxies) options.KnownProxies.Add(proxy);
            foreach (var network in deployment.KnownNetworks) options.KnownIPNetworks.Add(network);
        });

        // Outside Development, only requests for the public address are answered (unless AllowedHosts says otherwise).
        if (!deployment.IsDevelopment && deployment.PublicBaseUrl is { } publicBase && configuration["AllowedHosts"] is null or "" or "*")
            configuration["AllowedHosts"] = publicBase.IdnHost;

        var cookies = deployment.RequiresHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        services.ConfigureApplicationCookie(options => options.Cookie.SecurePolicy = cookies);
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = cookies);
        services.Configure<CookieTempDataProviderOptions>(options => options.Cookie.SecurePolicy = cookies);
        if (deployment.RequiresHttps)
            services.AddHttpsRedirection(options => options.HttpsPort = deployment.PublicBaseUrl!.Port);

        // Kept with the data, so a new server or container given the same data folder keeps everyone signed in and
        // every emailed link working; the fixed name lets a copy of the app in another folder share them.
        // On PostgreSQL, in the database every instance shares, so a cookie or link made by one works on all of them.
        var keys = services.AddDataProtection().SetApplicationName("FairFund");
        if (DatabaseSettings.Read(configuration).Provider == DatabaseProvider.PostgreSql) keys.PersistKeysToDbContext<PostgreSqlDbContext>();
        else keys.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(DataSetup.DataDirectory(configuration), KeysFolder)));
        if (deployment.KeyCertificate is { } certificate) keys.ProtectKeysWithCertificate(certificate);
        return services;
    }

    /// <summary>First in the pipeline: the forwarded client address and scheme, then HTTPS where it is required.</summary>
    public static WebApplication UseFairFundDeployment(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var deployment = app.Services.GetRequiredService<DeploymentSettings>();
        // Not added without proxies: with empty lists the middleware would believe anyone's headers.
        if (deployment.HasProxies) app.UseForwardedHeaders();
        if (deployment.DemoData && !deployment.IsDevelopment)
        {
            LogDemoDataOn(app.Logger, DeploymentSettings.DemoDataKey);
        }
        if (deployment.RequiresHttps)
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        return app;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "DEMO DATA IS ON: anyone can sign in with the demo accounts, whose passwords are published. Set {Setting} to false on a server people use.")]
    private static partial void LogDemoDataOn(ILogger logger, string setting);
}
