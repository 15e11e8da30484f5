using FairFund.Domain.Applications;
using FairFund.Domain.Rounds;
using FairFund.Web.Data;
using FairFund.Web.Email;
using FairFund.Web.Email.Templates;
using FairFund.Web.Pages.Apply;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Deadlines;

/// <summary>
/// Reminds each group whose draft is not sent, a set number of hours before its deadline (the round's
/// <see cref="Round.DeadlineReminderHours"/>; the group's own deadline when it was given more time, which the domain
/// weighs in <see cref="Application.IsDeadlineReminderDue"/>). Checked every quarter of an hour in the background.
/// Each reminder is queued once for each person of the group: its outbox message carries a once-only key naming the
/// application and the person, which the outbox's unique index enforces.
/// </summary>
public sealed class DeadlineReminderClock(IServiceScopeFactory scopes, TimeProvider time, ILogger<DeadlineReminderClock> logger)
    : ReminderClock(scopes, time, logger, Interval, "deadline reminders", QueueDueAsync)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);

    private const string KeyPrefix = "deadline-reminder:";

    /// <summary>The once-only key of one reminder: <c>deadline-reminder:{application}:{address}</c>.</summary>
    public static string DedupKey(Guid applicationId, string to) => $"{KeyPrefix}{applicationId:N}:{to.ToLowerInvariant()}";

    /// <summary>Queues every reminder due at <paramref name="now"/> not queued before, and saves; returns how many it queued.</summary>
    public static async Task<int> QueueDueAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var db = services.GetRequiredService<FairFundDbContext>();
        var mailer = services.GetRequiredService<Mailer>();
        var links = services.GetRequiredService<MailLinks>();
        // A round closed to everyone else may still hold drafts of groups given more time.
        var rounds = await db.Rounds.AsNoTracking().Where(round => round.State == RoundState.Open || round.State == RoundState.Screening)
            .Select(round => new { round.Id, round.Name, round.State, round.ClosesAt, round.DeadlineReminderHours }).ToListAsync(cancellationToken);
        if (rounds.Count == 0) return 0;
        var sent = (await db.OutboxMessages.AsNoTracking().Where(message => message.DedupKey != null && message.DedupKey.StartsWith(KeyPrefix))
            .Select(message => message.DedupKey!).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var queued = 0;
        foreach (var round in rounds)
        {
            var drafts = await db.Applications.AsNoTracking().Where(a => a.RoundId == round.Id && a.State == ApplicationState.Draft).ToListAsync(cancellationToken);
            var due = drafts.Where(draft => draft.IsDeadlineReminderDue(round.State, round.ClosesAt, round.DeadlineReminderHours, now)).ToList();
            if (due.Count == 0) continue;
            var people = await GroupAddresses.OfAsync(db, [.. due.Select(draft => draft.OrganisationId).Distinct()], cancellationToken);
            var groups = await db.Organisations.AsNoTracking().Where(group => due.Select(draft => draft.OrganisationId).Contains(group.Id))
                .ToDictionaryAsync(group => group.Id, group => group.Name, cancellationToken);
            foreach (var draft in due)
            {
                var deadline = draft.DeadlineIn(round.ClosesAt);
                foreach (var person in people[draft.OrganisationId])
                {
                    var key = DedupKey(draft.Id, person.Email);
                    if (sent.Contains(key)) continue;
                    var mail = new DeadlineReminderMail(person.Name, groups.GetValueOrDefault(draft.OrganisationId, "your group"), round.Name, draft.Reference,
                        UkTime.Format(deadline), Deadline.TimeLeftInWords(deadline - now), links.To("/Apply/TaskList", new { reference = draft.Reference }));
                    if (await mailer.QueueAsync<DeadlineReminderEmail, DeadlineReminderMail>(person.Email, mail, draft.Reference, key, cancellationToken)) queued++;
                }
            }
        }
        if (queued > 0) await db.SaveChangesAsync(cancellationToken);
        return queued;
    }
}
