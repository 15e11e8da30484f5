using System.Security.Cryptography;
using System.Text;
using FairFund.Web.Email;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace FairFund.Web.Invites;

/// <summary>A new invite link's secret, and the hash of it that is all the database keeps.</summary>
public sealed record InviteToken(string Token, string Hash);

/// <summary>
/// Invites to a round's panel. The link carries 32 random bytes, Base64Url-encoded; only their SHA-256 is
/// stored, so someone who reads the database cannot use an invite. Whoever holds the link proves they got
/// the email, which is why accepting it may create an account with a confirmed address.
/// </summary>
public sealed class PanelInvites(Mailer mailer, MailLinks links)
{
    public const string JoinPage = "/Panel/Join";

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
        var mail = new PanelInviteMail(to, roundName, roundReference, invitedBy, links.To(url, JoinPage, new { token }));
        await mailer.QueueAsync<Email.Templates.PanelInvite, PanelInviteMail>(to, mail, roundReference, dedupKey: null, cancellationToken);
    }
}
