using FairFund.Domain.Rounds;
using FairFund.Web.Data;
using FairFund.Web.Forms;
using FairFund.Web.Rounds;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Fund;

/// <summary>The fund manager's list of rounds.</summary>
public sealed class IndexModel(FairFundDbContext db, TimeProvider time) : PageModel
{
    public IReadOnlyList<RoundRow> Rounds { get; private set; } = [];

    /// <summary>Emails that failed every try, so the manager sees at once that someone did not hear from them.</summary>
    public int FailedMail { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await RoundClock.CloseDueRoundsAsync(db, time.GetUtcNow(), cancellationToken);
        var rounds = await db.Rounds.AsNoTracking()
            .Select(round => new { round.Reference, round.Name, round.State, round.OpensAt, round.ClosesAt })
            .ToListAsync(cancellationToken);
        Rounds = [.. rounds.OrderByDescending(round => round.OpensAt)
            .Select(round => new RoundRow(round.Reference, round.Name, round.State, UkTime.Format(round.ClosesAt), Round.IsEditable(round.State)))];
        FailedMail = await db.OutboxMessages.CountAsync(m => m.SentAt == null && m.FailedAt != null, cancellationToken);
    }

    /// <summary>One round in the list; <paramref name="CanEdit"/> says whether it can still be set up.</summary>
    public sealed record RoundRow(string Reference, string Name, RoundState State, string Closes, bool CanEdit);
}
