using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace FairFund.Web.Pages.Apply;

/// <summary>
/// A modest limit on sending applications: a person pressing "Send application" many times a minute is a
/// stuck button or a script, not a volunteer. Counted per signed-in person (per address for anyone else);
/// only posts count, so looking at the page never does.
/// </summary>
public sealed class SendLimits(IConfiguration configuration) : IRateLimiterPolicy<string>
{
    public const string Policy = "send-application";

    private readonly int sendsPerMinute = configuration.GetValue("FairFund:SendsPerMinute", 20);

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (context, cancellationToken) =>
    {
        context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
        await context.HttpContext.Response.WriteAsync(
            "You have tried to send an application too many times in a minute. Wait a minute, then check whether it was sent on your application's page.", cancellationToken);
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        if (!HttpMethods.IsPost(httpContext.Request.Method)) return RateLimitPartition.GetNoLimiter("reading");
        var who = httpContext.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } user
            ? "user:" + user
            : "address:" + (httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return RateLimitPartition.GetFixedWindowLimiter(who,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = sendsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
    }
}

public static class SendLimitsSetup
{
    public static IServiceCollection AddSendLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(options => options.AddPolicy<string, SendLimits>(SendLimits.Policy));
        return services;
    }
}
