using FairFund.Domain.Rounds;
using FairFund.Web.Accounts;
using FairFund.Web.Data;
using FairFund.Web.Email;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Reviews;

/// <summary>
/// Queues the panel's reminders of the scoring deadline through the outbox: from
/// <see cref="Round.ScoringReminderBefore"/> before the deadline (<see cref="Round.IsScoringReminderDue"/>), one to each
/// member who still has reviews to do. Checked every hour in the background. Each is queued exactly once, as
/// <see cref="Grants.ReportReminderClock"/> does it: the outbox message carries a once-only key naming the round, the
/// member and the deadline (<see cref="DedupKey"/>), which the outbox's unique index enforces, so asking again queues
/// nothing, and a deadline moved later brings one reminder before the new time.
/// </summary>
public sealed class ScoringReminderClock(IServiceScopeFactory scopes, TimeProvider time, ILogger<ScoringReminderClock> logger)
    : ReminderClock(scopes, time, logger, Interval, "scoring deadline reminders", QueueDueAsync)
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>
    /// The once-only key of one reminder: <c>scoring-reminder:{round}:{member}:{deadline}</c>, the member as a hash of
    /// their address, which keeps the key within the outbox's 200 characters whatever the address's length.
    /// </summary>
    public static string DedupKey(Guid roundId, string member, DateTimeOffset deadline)
    {
        ArgumentNullException.ThrowIfNull(member);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(member.ToUpperInvariant())))[..32];
        return $"scoring-reminder:{roundId:N}:{hash}:{deadline.UtcTicks}";
    }

    /// <summary>Queues every reminder due at <paramref name="now"/> not queued before, and saves; returns how many it queued.</summary>
    public static async Task<int> QueueDueAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var db = services.GetRequiredService<FairFundDbContext>();
        var mailer = services.GetRequiredService<Mailer>();
        var links = services.GetRequiredService<MailLinks>();
        var scoring = await db.Rounds.AsNoTracking().Where(round => round.State == RoundState.Scoring && round.ScoringDeadline != null).ToListAsync(cancellationToken);
        var queued = 0;
        foreach (var round in scoring.Where(round => round.IsScoringReminderDue(now)))
        {
            var deadline = round.ScoringDeadline!.Value;
            var reviews = await db.PanelReviews.AsNoTracking()
                .Where(review => db.Applications.Any(application => application.Id == review.ApplicationId && application.RoundId == round.Id))
                .ToListAsync(cancellationToken);
            var stillToDo = reviews.Where(review => review.IsStillToDo)
                .GroupBy(review => review.ReviewerId, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(group => group.Key, group => group.Count(), StringComparer.OrdinalIgnoreCase);
            if (stillToDo.Count == 0) continue;
            var keys = stillToDo.Keys.Select(member => DedupKey(round.Id, member, deadline)).ToList();
            var sent = (await db.OutboxMessages.AsNoTracking().Where(message => message.DedupKey != null && keys.Contains(message.DedupKey))
                .Select(message => message.DedupKey!).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
            var members = stillToDo.Keys.ToList();
            var names = (await db.Users.AsNoTracking().Where(user => members.Contains(user.UserName!))
                    .Join(db.UserClaims.Where(claim => claim.ClaimType == AccountMail.NameClaim), user => user.Id, claim => claim.UserId, (user, claim) => new { user.UserName, claim.ClaimValue })
                    .ToListAsync(cancellationToken))
                .DistinctBy(named => named.UserName, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(named => named.UserName!, named => named.ClaimValue, StringComparer.OrdinalIgnoreCase);
            var roundLink = links.To("/Panel/Round", new { reference = round.Reference });
            foreach (var (member, count) in stillToDo.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                var key = DedupKey(round.Id, member, deadline);
                if (sent.Contains(key)) continue;
                var mail = new ScoringReminderMail(names.GetValueOrDefault(member), round.Name, count, UkTime.Format(deadline), roundLink);
                if (await mailer.QueueAsync<Email.Templates.ScoringReminderEmail, ScoringReminderMail>(member, mail, round.Reference, key, cancellationToken)) queued++;
            }
        }
        if (queued > 0) await db.SaveChangesAsync(cancellationToken);
        return queued;
    }
}
