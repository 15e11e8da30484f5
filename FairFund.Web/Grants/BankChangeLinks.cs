using System.Security.Cryptography;
using System.Text;
using FairFund.Domain.Grants;
using FairFund.Web.Accounts;
using FairFund.Web.Data;
using FairFund.Web.Email;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Grants;

/// <summary>A new confirmation link's secret, and the hash of it that is all the grant keeps.</summary>
public sealed record BankChangeSecret(string Token, string Hash);

/// <summary>
/// The emailed links that confirm a change of a grant's bank details. The link carries 32 random bytes,
/// Base64Url-encoded; the grant keeps only their SHA-256 (<see cref="PendingBankChange.LinkHash"/>), and the domain
/// decides whether a link still works (<see cref="Grant.WhyNotConfirmBankChange"/>). The email goes to the person
/// who sent the application, as the decision and the reminders did: an address the fund already held before the
/// request, never one the request gives, since payment diversion starts by taking over a group's email or account.
/// </summary>
public sealed class BankChangeLinks(FairFundDbContext db, Mailer mailer, MailLinks links)
{
    public const string ConfirmPage = "/Apply/GrantBankConfirm";

    public static BankChangeSecret NewSecret()
    {
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        return new BankChangeSecret(token, HashOf(token));
    }

    /// <summary>The lower-case hex SHA-256 of the token as it appears in the link; blank for no token.</summary>
    public static string HashOf(string? token) =>
        string.IsNullOrEmpty(token) ? "" : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>
    /// Queues the email with the link for <paramref name="grant"/>'s waiting change, to the person who sent its
    /// application; the caller's <c>SaveChanges</c> saves it with the change. False when the application has no sender to write to.
    /// </summary>
    public async Task<bool> QueueAsync(Grant grant, string maskedOld, string token, IUrlHelper url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var pending = grant.PendingBankChange ?? throw new InvalidOperationException("No change of bank details is waiting for a link.");
        var to = await db.Applications.AsNoTracking().Where(a => a.Id == grant.ApplicationId).Select(a => a.SubmittedBy).SingleAsync(cancellationToken);
        if (to is null) return false;
        var group = await db.Organisations.AsNoTracking().Where(g => g.Id == grant.OrganisationId).Select(g => g.Name).SingleAsync(cancellationToken);
        var name = await db.Users.AsNoTracking().Where(user => user.Email == to)
            .Join(db.UserClaims.Where(claim => claim.ClaimType == AccountMail.NameClaim), user => user.Id, claim => claim.UserId, (user, claim) => claim.ClaimValue)
            .FirstOrDefaultAsync(cancellationToken);
        var mail = new BankChangeConfirmMail(name, group, grant.Reference, pending.AskedBy, UkTime.Format(pending.AskedAt), maskedOld, pending.Details.Masked,
            links.To(url, ConfirmPage, new { reference = grant.Reference, link = token }), $"{Grant.BankChangeLinkLifetime.TotalHours:0} hours");
        return await mailer.QueueAsync<Email.Templates.BankChangeConfirmEmail, BankChangeConfirmMail>(to, mail, grant.Reference, dedupKey: null, cancellationToken);
    }
}
