using FairFund.Domain.Messages;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Fund;

/// <summary>A message the fund wrote, as a page shows it: who wrote it and when, in UK time.</summary>
public sealed record SentMessageView(string Subject, string Body, string SentBy, string SentAt, DateTimeOffset At);

/// <summary>The messages kept on an application's record or a round's.</summary>
public static class SentMessages
{
    /// <summary>The messages to the group about an application, oldest first (ordered here: SQLite cannot order by a DateTimeOffset).</summary>
    public static async Task<IReadOnlyList<SentMessageView>> ToApplicationAsync(FairFundDbContext db, Guid applicationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return Views(await db.FundMessages.AsNoTracking().Where(m => m.ApplicationId == applicationId).ToListAsync(cancellationToken));
    }

    /// <summary>The messages to a round's panel, oldest first.</summary>
    public static async Task<IReadOnlyList<SentMessageView>> ToPanelAsync(FairFundDbContext db, Guid roundId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return Views(await db.FundMessages.AsNoTracking().Where(m => m.RoundId == roundId && m.Audience == MessageAudience.Panel).ToListAsync(cancellationToken));
    }

    private static List<SentMessageView> Views(List<FundMessage> messages) =>
        [.. messages.OrderBy(m => m.SentAt).Select(m => new SentMessageView(m.Subject, m.Body, m.SentBy, UkTime.Format(m.SentAt), m.SentAt))];
}
