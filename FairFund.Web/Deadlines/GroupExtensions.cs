using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Deadlines;

/// <summary>How many groups in a round were given more time: the public page and the allocation say so, naming none of them.</summary>
public static class GroupExtensions
{
    public static Task<int> CountAsync(FairFundDbContext db, Guid roundId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Applications.CountAsync(application => application.RoundId == roundId && application.ExtendedUntil != null, cancellationToken);
    }

    /// <summary>"2 groups were given more time to send their applications, each for its own reason."</summary>
    public static string InWords(int count) => count switch
    {
        0 => "No group was given more time than the round's closing time.",
        1 => "1 group was given more time to send its application, for a reason of its own.",
        _ => $"{count} groups were given more time to send their applications, each for a reason of its own.",
    };
}
