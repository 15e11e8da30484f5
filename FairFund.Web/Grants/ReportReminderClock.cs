using FairFund.Domain.Applications;
using FairFund.Domain.Grants;
using FairFund.Web.Accounts;
using FairFund.Web.Data;
using FairFund.Web.Email;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Grants;

/// <summary>
/// Queues the reminders about grant reports through the outbox: a set number of days before a report is due, and
/// once it is overdue (<see cref="ReportReminders"/> says which is due when). Checked every hour in the background.
/// Each reminder is queued exactly once: its outbox message carries a once-only key naming the grant, the report and
/// the kind (<see cref="DedupKey"/>), which the domain is told about (<see cref="Grant.RemindersDue"/>) and the
/// outbox's unique index enforces; the outbox then sends it once, retrying while the mail server is down.
/// </summary>
public sealed class ReportReminderClock(IServiceScopeFactory scopes, TimeProvider time, ILogger<ReportReminderClock> logger)
    : ReminderClock(scopes, time, logger, Interval, "report reminders", QueueDueAsync)
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    private const string KeyPrefix = "report-reminder:";

    /// <summary>The once-only key of one reminder: <c>report-reminder:{grant}:{report}:{kind}</c>.</summary>
    public static string DedupKey(ReminderKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return $"{KeyPrefix}{key.GrantId:N}:{key.ReportNumber}:{key.Kind}";
    }

    /// <summary>Queues every reminder due at <paramref name="now"/> not queued before, and saves; returns how many it queued.</summary>
    public static async Task<int> QueueDueAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var db = services.GetRequiredService<FairFundDbContext>();
        var mailer = services.GetRequiredService<Mailer>();
        var links = services.GetRequiredService<MailLinks>();
        var grants = await db.Grants.AsNoTracking().Where(grant => grant.State == GrantState.Active).ToListAsync(cancellationToken);
        if (grants.Count == 0) return 0;
        var sent = (await db.OutboxMessages.AsNoTracking().Where(message => message.DedupKey != null && message.DedupKey.StartsWith(KeyPrefix))
            .Select(message => message.DedupKey!).ToListAsync(cancellationToken)).Select(KeyOf).OfType<ReminderKey>().ToList();
        var queued = 0;
        foreach (var grant in grants)
        {
            var due = grant.RemindersDue(now, sent);
            if (due.Count == 0) continue;
            var application = await db.Applications.AsNoTracking().Where(a => a.Id == grant.ApplicationId).Select(a => new { a.SubmittedBy }).SingleAsync(cancellationToken);
            if (application.SubmittedBy is not { } to) continue;
            var group = await db.Organisations.AsNoTracking().Where(g => g.Id == grant.OrganisationId).Select(g => g.Name).SingleAsync(cancellationToken);
            var name = await db.Users.AsNoTracking().Where(user => user.Email == to)
                .Join(db.UserClaims.Where(claim => claim.ClaimType == AccountMail.NameClaim), user => user.Id, claim => claim.UserId, (user, claim) => claim.ClaimValue)
                .FirstOrDefaultAsync(cancellationToken);
            foreach (var reminder in due)
            {
                var mail = new ReportReminderMail(name, group, grant.Reference, reminder.ReportName, DecisionLetter.LongDate(reminder.DueOn),
                    reminder.Key.Kind == ReminderKind.Overdue, links.To("/Apply/GrantReport", new { reference = grant.Reference, number = reminder.Key.ReportNumber }));
                if (await mailer.QueueAsync<FairFund.Web.Email.Templates.ReportReminderEmail, ReportReminderMail>(to, mail, grant.Reference, DedupKey(reminder.Key), cancellationToken)) queued++;
            }
        }
        if (queued > 0) await db.SaveChangesAsync(cancellationToken);
        return queued;
    }


    private static ReminderKey? KeyOf(string dedupKey)
    {
        var parts = dedupKey[KeyPrefix.Length..].Split(':');
        return parts.Length == 3 && Guid.TryParseExact(parts[0], "N", out var grant) && int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var number)
            && Enum.TryParse<ReminderKind>(parts[2], out var kind)
            ? new ReminderKey(grant, number, kind)
            : null;
    }
}
