using FairFund.Web.Data;

namespace FairFund.Web.Health;

/// <summary>The address a load balancer or monitor asks whether the app is up and its database answers.</summary>
public static class HealthSetup
{
    public const string Address = "/healthz";

    public static IServiceCollection AddFairFundHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddDbContextCheck<FairFundDbContext>("database");
        return services;
    }

    public static WebApplication MapFairFundHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks(Address);
        return app;
    }
}
