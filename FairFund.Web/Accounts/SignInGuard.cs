using System.Net;
using System.Security.Cryptography;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FairFund.Web.Accounts;

/// <summary>
/// Slows password guessing without handing anyone a way to lock the owner out. Wrong passwords are counted per
/// account and per address they come from: after <c>FairFund:SignInFailuresPerAccount</c> (10) wrong passwords
/// for one account from one address in 15 minutes, that address is refused for that account until the
/// window passes. The owner, signing in from anywhere else, is never refused their right password, as
/// Identity's lockout would refuse them (it is off). Each address is also limited to a few attempts a minute
/// overall (<see cref="SignInLimits"/>). The count is kept for whatever address was typed, account or not, so
/// being refused tells nobody whether an account exists.
/// </summary>
public sealed class SignInGuard : IDisposable
{
    public const string FailuresSetting = "FairFund:SignInFailuresPerAccount";

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly PartitionedRateLimiter<string> _failures;
    private readonly Lazy<string> _unknownAccountHash;

    public SignInGuard(IConfiguration configuration, IOptions<PasswordHasherOptions> hashing)
    {
        var allowed = configuration.GetValue(FailuresSetting, 10);
        _failures = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = allowed, Window = Window, QueueLimit = 0 }));
        // Made with the same hasher settings as real passwords, so checking against it costs the same.
        _unknownAccountHash = new(() => new PasswordHasher<IdentityUser>(hashing).HashPassword(new IdentityUser(), RandomNumberGenerator.GetHexString(32)));
    }

    /// <summary>
    /// A hash no password matches, checked when the address typed has no account, so that an unknown address
    /// takes as long to refuse as a wrong password does.
    /// </summary>
    public string UnknownAccountHash => _unknownAccountHash.Value;

    public bool IsRefused(string email, IPAddress? from)
    {
        using var lease = _failures.AttemptAcquire(Key(email, from), permitCount: 0);
        return !lease.IsAcquired;
    }

    public void CountFailure(string email, IPAddress? from)
    {
        using var lease = _failures.AttemptAcquire(Key(email, from));
    }

    public void Dispose() => _failures.Dispose();

    private static string Key(string email, IPAddress? from) => $"{email.ToUpperInvariant()}|{from}";
}
