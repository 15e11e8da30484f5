using FairFund.Domain.Validation;
using Microsoft.AspNetCore.Identity;

namespace FairFund.Web.Accounts;

/// <summary>
/// The name a fund manager gives for emails sent on their behalf, such as a panel invite: a plain name of up to
/// <see cref="Characters"/> characters and <see cref="Words"/> words, with the same letters-only rule as a name given
/// at registration, since it goes out under the funder's name.
/// </summary>
public static class StaffNames
{
    public const int Characters = AccountInput.NameLength;

    public const int Words = 6;

    public const string MissingMessage = "Enter your name";

    /// <summary>What is wrong with <paramref name="name"/> (already cleaned), in words; null when it can be used.</summary>
    public static string? Check(string name)
    {
        if (name.Length == 0) return MissingMessage;
        if (FreeText.Check("name", "Your name", name, new TextLimit(Characters, Words)) is { } tooLong) return tooLong.Message;
        return AccountInput.IsPlainName(name) ? null : AccountInput.NameMessage;
    }

    /// <summary>The name <paramref name="user"/> gave, or null when they have not given one.</summary>
    public static async Task<string?> OfAsync(UserManager<IdentityUser> users, IdentityUser user) =>
        (await users.GetClaimsAsync(user)).FirstOrDefault(claim => claim.Type == AccountMail.NameClaim)?.Value is { Length: > 0 } name ? name : null;
}
