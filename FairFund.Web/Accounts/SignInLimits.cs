using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace FairFund.Web.Accounts;

/// <summary>
/// Slows password guessing from one address: a handful of sign-in attempts a minute, on top of
/// <see cref="SignInGuard"/>'s count of wrong passwords per account and address. The address is the client's
/// as the configured proxies forward it (Deployment/DeploymentSetup.cs), so one client behind the proxy
/// never uses up everyone's allowance. The account forms that send email (register, resend the confirmation,
/// forgotten password) are limited the same way, so that nobody can use FairFund to flood an inbox. Only
/// posts count; looking at a page never does. Each form has its own allowance.
/// </summary>
public static class SignInLimits
{
    public const string Policy = "sign-in";
    public const string RegisterPolicy = "register";
    public const string ResendConfirmationPolicy = "resend-confirmation";
    public const string ForgotPasswordPolicy = "forgot-password";

    public static IServiceCollection AddSignInLimits(this IServiceCollection services, IConfiguration configuration)
    {
        (string Policy, int PerMinute)[] limits =
        [
            (Policy, configuration.GetValue("FairFund:SignInAttemptsPerMinute", 10)),
            (RegisterPolicy, configuration.GetValue("FairFund:RegisterAttemptsPerMinute", 5)),
            (ResendConfirmationPolicy, configuration.GetValue("FairFund:ResendConfirmationAttemptsPerMinute", 5)),
            (ForgotPasswordPolicy, configuration.GetValue("FairFund:ForgotPasswordAttemptsPerMinute", 5)),
        ];
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync(
                    "Too many attempts from here. Wait a minute and try again.", cancellationToken);
            };
            foreach (var (policy, perMinute) in limits)
            {
                options.AddPolicy(policy, http => HttpMethods.IsPost(http.Request.Method)
                    ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter("reading"));
            }
        });
        return services;
    }
}
