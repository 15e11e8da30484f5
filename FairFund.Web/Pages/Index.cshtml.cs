using FairFund.Domain.Rounds;
using FairFund.Web.Data;
using FairFund.Web.Forms;
using FairFund.Web.Rounds;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages;

/// <summary>The home page: what FairFund is, and the rounds open for applications now.</summary>
public sealed class IndexModel(FairFundDbContext db, TimeProvider time) : PageModel
{
    public IReadOnlyList<OpenRound> OpenRounds { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await RoundClock.CloseDueRoundsAsync(db, time.GetUtcNow(), cancellationToken);
        var open = await db.Rounds.AsNoTracking().Where(round => round.State == RoundState.Open)
            .Select(round => new { round.Reference, round.Name, round.Purpose, round.ClosesAt })
            .ToListAsync(cancellationToken);
        OpenRounds = [.. open.OrderBy(round => round.ClosesAt).Select(round => new OpenRound(round.Reference, round.Name, round.Purpose, UkTime.Format(round.ClosesAt)))];
    }

    public sealed record OpenRound(string Reference, string Name, string Purpose, string Closes);
}
