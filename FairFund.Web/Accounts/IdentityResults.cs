using Microsoft.AspNetCore.Identity;

namespace FairFund.Web.Accounts;

public static class IdentityResults
{
    /// <summary>
    /// For Identity calls that only fail if something is wrong with the app, not with what the person typed
    /// (adding a role or a claim): an exception, so the request fails whole rather than half-made.
    /// </summary>
    public static void ThrowIfFailed(this IdentityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(error => error.Description)));
    }
}
