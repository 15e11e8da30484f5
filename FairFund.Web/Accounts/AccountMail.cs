using System.Globalization;
using System.Security.Claims;
using System.Text;
using FairFund.Web.Data;
using FairFund.Web.Email;
using FairFund.Web.Email.Templates;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace FairFund.Web.Accounts;

/// <summary>
/// Does what the account forms queued (<see cref="AccountRequests"/>) and sends the emails that look after an account:
/// confirm your address, you already have an account, reset your password. Links are absolute
/// (<see cref="MailLinks"/>) and carry Identity's tokens Base64Url-encoded, as Identity's own templates do. The
/// emails greet people plainly, never by the name typed at registration: whoever registers chooses that name,
/// and the email goes out under the funder's name to an address whose owner may not be the one who typed it.
/// </summary>
public sealed class AccountMail(UserManager<IdentityUser> users, Mailer mailer, MailLinks links, FairFundDbContext db, IOptions<DataProtectionTokenProviderOptions> tokens)
{
    /// <summary>The claim that holds the name a person gave when registering, if they gave one.</summary>
    public const string NameClaim = "name";

    public Task HandleAsync(AccountRequest request, CancellationToken cancellationToken) => request switch
    {
        RegistrationRequest registration => RegisterAsync(registration, cancellationToken),
        ConfirmationRequest confirmation => ResendConfirmationAsync(confirmation.Email, cancellationToken),
        PasswordResetRequest reset => SendPasswordResetAsync(reset.Email, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(request), request.GetType().Name, "Not an account request."),
    };

    private async Task RegisterAsync(RegistrationRequest registration, CancellationToken cancellationToken)
    {
        if (await users.FindByEmailAsync(registration.Email) is { } existing)
        {
            await SendToExistingAsync(existing, cancellationToken);
            return;
        }
        var user = new IdentityUser(registration.Email) { Email = registration.Email, PasswordHash = registration.PasswordHash };
        var created = await users.CreateAsync(user);
        // Another copy of the app registered the same address at the same moment: that one won.
        if (!created.Succeeded && created.Errors.Any(error => error.Code is "DuplicateUserName" or "DuplicateEmail")
            && await users.FindByEmailAsync(registration.Email) is { } winner)
        {
            await SendToExistingAsync(winner, cancellationToken);
            return;
        }
        created.ThrowIfFailed();
        (await users.AddToRoleAsync(user, Roles.Applicant)).ThrowIfFailed();
        if (registration.Name is { Length: > 0 } name) (await users.AddClaimAsync(user, new Claim(NameClaim, name))).ThrowIfFailed();
        await SendConfirmationAsync(user, cancellationToken);
    }

    /// <summary>Someone who registered but never confirmed most likely lost the first email: it is sent again.</summary>
    private async Task SendToExistingAsync(IdentityUser existing, CancellationToken cancellationToken)
    {
        if (existing.EmailConfirmed) await SendAlreadyRegisteredAsync(existing, cancellationToken);
        else await SendConfirmationAsync(existing, cancellationToken);
    }

    private async Task ResendConfirmationAsync(string email, CancellationToken cancellationToken)
    {
        if (await users.FindByEmailAsync(email) is { EmailConfirmed: false } user) await SendConfirmationAsync(user, cancellationToken);
    }

    private async Task SendConfirmationAsync(IdentityUser user, CancellationToken cancellationToken)
    {
        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        var mail = new ConfirmEmailMail(links.To("/Account/ConfirmEmail", new { userId = user.Id, code }), links.To("/Account/ResendConfirmation"), LinkLifetime);
        await mailer.QueueAsync<ConfirmEmail, ConfirmEmailMail>(user.Email!, mail, relatedReference: null, dedupKey: null, cancellationToken);
        await SaveAsync(cancellationToken);
    }

    /// <summary>
    /// Sent when someone registers with an address that already has an account, instead of saying so on the
    /// page, which would tell anyone which addresses have accounts.
    /// </summary>
    private async Task SendAlreadyRegisteredAsync(IdentityUser user, CancellationToken cancellationToken)
    {
        var mail = new AlreadyRegisteredMail(links.To("/Account/SignIn"), links.To("/Account/ForgotPassword"));
        await mailer.QueueAsync<AlreadyRegistered, AlreadyRegisteredMail>(user.Email!, mail, relatedReference: null, dedupKey: null, cancellationToken);
        await SaveAsync(cancellationToken);
    }

    /// <summary>An account that was never confirmed gets the link too: following it shows the address is theirs.</summary>
    private async Task SendPasswordResetAsync(string email, CancellationToken cancellationToken)
    {
        if (await users.FindByEmailAsync(email) is not { } user) return;
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        var mail = new ResetPasswordMail(links.To("/Account/ResetPassword", new { code, email = user.Email }), LinkLifetime);
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
}
