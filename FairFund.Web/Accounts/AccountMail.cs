using System.Globalization;
using System.Text;
using FairFund.Web.Data;
using FairFund.Web.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace FairFund.Web.Accounts;

/// <summary>
/// The emails that look after an account: confirm your address, you already have an account, reset your
/// password. Links are absolute and carry Identity's tokens Base64Url-encoded, as Identity's own templates
/// do. They are made on <c>FairFund:PublicBaseUrl</c> when it is set, as it should be on any server people
/// reach: otherwise from the request, whose Host header a stranger could forge to send a reset link elsewhere.
/// </summary>
public sealed class AccountMail(UserManager<IdentityUser> users, MailComposer composer, Outbox outbox, FairFundDbContext db, IOptions<DataProtectionTokenProviderOptions> tokens, IConfiguration configuration)
{
    private readonly Uri? _publicBase = Uri.TryCreate(configuration["FairFund:PublicBaseUrl"], UriKind.Absolute, out var configured) ? configured : null;

    /// <summary>The claim that holds the name a person gave when registering, if they gave one.</summary>
    public const string NameClaim = "name";

    public async Task SendConfirmationAsync(IdentityUser user, IUrlHelper url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(url);
        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        var link = Absolute(url, "/Account/ConfirmEmail", new { userId = user.Id, code });
        var body = new MailBody()
            .Paragraph(await GreetingAsync(user))
            .Paragraph("Confirm your email address to finish creating your FairFund account.")
            .Link("Confirm your email address", link)
            .Paragraph($"The link works for {LinkLifetime}.")
            .Link("If it has stopped working, ask for a new one", Absolute(url, "/Account/ResendConfirmation", null))
            .Paragraph("If you did not create a FairFund account, you can ignore this email: nobody can use the account without confirming it.");
        await QueueAsync(composer.Compose(user.Email!, "Confirm your email address for FairFund", body), MailKind.ConfirmEmail, cancellationToken);
    }

    /// <summary>
    /// Sent when someone registers with an address that already has an account, instead of saying so on the
    /// page, which would tell anyone which addresses have accounts.
    /// </summary>
    public async Task SendAlreadyRegisteredAsync(IdentityUser user, IUrlHelper url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(url);
        var body = new MailBody()
            .Paragraph(await GreetingAsync(user))
            .Paragraph("Someone tried to create a FairFund account with this email address, but you already have one.")
            .Link("Sign in to FairFund", Absolute(url, "/Account/SignIn", null))
            .Link("Reset your password if you have forgotten it", Absolute(url, "/Account/ForgotPassword", null))
            .Paragraph("If this was not you, you can ignore this email. Your account has not changed.");
        await QueueAsync(composer.Compose(user.Email!, "You already have a FairFund account", body), MailKind.AlreadyRegistered, cancellationToken);
    }

    public async Task SendPasswordResetAsync(IdentityUser user, IUrlHelper url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(url);
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        var link = Absolute(url, "/Account/ResetPassword", new { code, email = user.Email });
        var body = new MailBody()
            .Paragraph(await GreetingAsync(user))
            .Paragraph("We got a request to reset the password for your FairFund account.")
            .Link("Choose a new password", link)
            .Paragraph($"The link works for {LinkLifetime}, and only once.")
            .Paragraph("If you did not ask to reset your password, you can ignore this email. Your password has not changed.");
        await QueueAsync(composer.Compose(user.Email!, "Reset your FairFund password", body), MailKind.PasswordReset, cancellationToken);
    }

    /// <summary>
    /// Identity saves the account with its own <c>SaveChanges</c> before these emails are made (a token needs the
    /// saved user), so the email is saved straight after, on its own. A crash between the two loses that one
    /// email, and the page offers to send it again.
    /// </summary>
    private async Task QueueAsync(MimeKit.MimeMessage message, MailKind kind, CancellationToken cancellationToken)
    {
        await outbox.QueueAsync(message, kind, relatedReference: null, dedupKey: null, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

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

    private async Task<string> GreetingAsync(IdentityUser user)
    {
        var name = (await users.GetClaimsAsync(user)).FirstOrDefault(claim => claim.Type == NameClaim)?.Value;
        return string.IsNullOrWhiteSpace(name) ? "Hello," : $"Hello {name},";
    }

    private string Absolute(IUrlHelper url, string page, object? values) =>
        (_publicBase is { } configured
            ? url.Page(page, pageHandler: null, values, configured.Scheme, configured.Authority)
            : url.Page(page, pageHandler: null, values, url.ActionContext.HttpContext.Request.Scheme))
        ?? throw new InvalidOperationException($"No page {page} to link to.");
}
