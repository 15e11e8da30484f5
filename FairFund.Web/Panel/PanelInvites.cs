using System.Security.Cryptography;
using System.Text;
using FairFund.Web.Email;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace FairFund.Web.Panel;

/// <summary>A new invite link's secret, and the hash of it that is all the database keeps.</summary>
public sealed record InviteToken(string Token, string Hash);

/// <summary>
/// Invites to a round's panel. The link carries 32 random bytes, Base64Url-encoded; only their SHA-256 is
/// stored, so someone who reads the database cannot use an invite. Whoever holds the link proves they got
/// the email, which is why accepting it may create an account with a confirmed address.
/// </summary>
public sealed class PanelInvites(MailComposer composer, Outbox outbox, IConfiguration configuration)
{
    public const string JoinPage = "/Panel/Join";

    private readonly Uri? _publicBase = Uri.TryCreate(configuration["FairFund:PublicBaseUrl"], UriKind.Absolute, out var configured) ? configured : null;

    public static InviteToken NewToken()
    {
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        return new InviteToken(token, HashOf(token));
    }

    /// <summary>The lower-case hex SHA-256 of the token as it appears in the link, which finds its invite.</summary>
    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>
    /// Tells the invited person which round, who asked them, what panel members do, and that they declare any
    /// conflict of interest before they see an application; with the link to accept. Only queued: the caller's
    /// <c>SaveChanges</c> saves it with the invite it is for.
    /// </summary>
    public async Task QueueAsync(string to, string roundName, string roundReference, string invitedBy, string token, IUrlHelper url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var subject = $"You are invited to join the panel for {roundName}";
        var body = new MailBody()
            .Paragraph("Hello,")
            .Paragraph($"{invitedBy} has invited you to join the panel that assesses applications to {roundName} ({roundReference}) on FairFund.")
            .Paragraph("Panel members read applications from community groups and score each one against the round's published criteria, with a comment for the group. The panel's scores decide which groups are funded.")
            .Paragraph("Before you see any application, you will be asked whether you have a conflict of interest with the group that sent it: for example, if you work or volunteer there, are one of its trustees, or are family or a friend of someone who runs it. If you have one, you will not see that application or score it.")
            .Link("Accept the invite", JoinLink(url, token))
            .Paragraph($"The invite is for {to}. If you have a FairFund account with this address you will be asked to sign in; if not, you can create one.")
            .Paragraph("If you were not expecting this invite, you can ignore this email: nobody can join the panel without the link.");
        await outbox.QueueAsync(composer.Compose(to, subject, body), MailKind.PanelInvite, roundReference, dedupKey: null, cancellationToken);
    }

    /// <summary>Made on <c>FairFund:PublicBaseUrl</c> when it is set, as <see cref="Accounts.AccountMail"/> does, so a forged Host header cannot send the link elsewhere.</summary>
    private string JoinLink(IUrlHelper url, string token) =>
        (_publicBase is { } configured
            ? url.Page(JoinPage, pageHandler: null, new { token }, configured.Scheme, configured.Authority)
            : url.Page(JoinPage, pageHandler: null, new { token }, url.ActionContext.HttpContext.Request.Scheme))
        ?? throw new InvalidOperationException($"No page {JoinPage} to link to.");
}
