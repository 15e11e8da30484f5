using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace FairFund.Web.Accounts;

/// <summary>
/// Slows password guessing from one address: a handful of sign-in attempts a minute, on top of Identity's
/// lockout of the account itself. Only posts count; looking at the page never does.
/// </summary>
public static class SignInLimits
{
    public const string Policy = "sign-in";

    public static IServiceCollection AddSignInLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var attemptsPerMinute = configuration.GetValue("FairFund:SignInAttemptsPerMinute", 10);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync(
                    "Too many attempts to sign in from here. Wait a minute and try again.", cancellationToken);
            };
            options.AddPolicy(Policy, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = attemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("reading"));
        });
        return services;
    }
}
