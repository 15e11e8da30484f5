using System.Globalization;
using System.Text;
using FairFund.Web.Data;
using FairFund.Web.Email;
using FairFund.Web.Email.Templates;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace FairFund.Web.Accounts;

/// <summary>
/// The emails that look after an account: confirm your address, you already have an account, reset your
/// password. Links are absolute (<see cref="MailLinks"/>) and carry Identity's tokens Base64Url-encoded, as
/// Identity's own templates do.
/// </summary>
public sealed class AccountMail(UserManager<IdentityUser> users, Mailer mailer, MailLinks links, FairFundDbContext db, IOptions<DataProtectionTokenProviderOptions> tokens)
{
    /// <summary>The claim that holds the name a person gave when registering, if they gave one.</summary>
    public const string NameClaim = "name";

    public async Task SendConfirmationAsync(IdentityUser user, IUrlHelper url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        var mail = new ConfirmEmailMail(await NameOfAsync(user), links.To(url, "/Account/ConfirmEmail", new { userId = user.Id, code }),
            links.To(url, "/Account/ResendConfirmation"), LinkLifetime);
        await mailer.QueueAsync<ConfirmEmail, ConfirmEmailMail>(user.Email!, mail, relatedReference: null, dedupKey: null, cancellationToken);
        await SaveAsync(cancellationToken);
    }

    /// <summary>
    /// Sent when someone registers with an address that already has an account, instead of saying so on the
    /// page, which would tell anyone which addresses have accounts.
    /// </summary>
    public async Task SendAlreadyRegisteredAsync(IdentityUser user, IUrlHelper url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var mail = new AlreadyRegisteredMail(await NameOfAsync(user), links.To(url, "/Account/SignIn"), links.To(url, "/Account/ForgotPassword"));
        await mailer.QueueAsync<AlreadyRegistered, AlreadyRegisteredMail>(user.Email!, mail, relatedReference: null, dedupKey: null, cancellationToken);
        await SaveAsync(cancellationToken);
    }

    public async Task SendPasswordResetAsync(IdentityUser user, IUrlHelper url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        var mail = new ResetPasswordMail(await NameOfAsync(user), links.To(url, "/Account/ResetPassword", new { code, email = user.Email }), LinkLifetime);
        await mailer.QueueAsync<ResetPassword, ResetPasswordMail>(user.Email!, mail, relatedReference: null, dedupKey: null, cancellationToken);
        await SaveAsync(cancellationToken);
    }

    /// <summary>
    /// Identity saves the account with its own <c>SaveChanges</c> before these emails are made (a token needs the
    /// saved user), so the email is saved straight after, on its own. A crash between the two loses that one
    /// email, and the pages offer to send it again.
    /// </summary>
    private async Task SaveAsync(CancellationToken cancellationToken) => await db.SaveChangesAsync(cancellationToken);

    /// <summary>Turns a code from a link back into Identity's token, or null if it cannot be one.</summary>
    public static string? Decode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return null;
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    private string LinkLifetime => DescribeLifetime(tokens.Value.TokenLifespan);

    /// <summary>How long an emailed link works, in words: "24 hours", "1 hour", "30 minutes".</summary>
    public static string DescribeLifetime(TimeSpan lifespan) => lifespan switch
    {
        { TotalHours: >= 1 } when lifespan.TotalHours % 1 == 0 =>
            lifespan.TotalHours == 1 ? "1 hour" : string.Create(CultureInfo.InvariantCulture, $"{lifespan.TotalHours} hours"),
        { TotalMinutes: >= 2 } => string.Create(CultureInfo.InvariantCulture, $"{(int)lifespan.TotalMinutes} minutes"),
        _ => "1 minute",
    };

    /// <summary>The name the person gave when registering, if any.</summary>
    public async Task<string?> NameOfAsync(IdentityUser user) =>
        (await users.GetClaimsAsync(user)).FirstOrDefault(claim => claim.Type == NameClaim)?.Value;
}
