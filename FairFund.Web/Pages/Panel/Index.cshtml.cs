using FairFund.Domain.Rounds;
using FairFund.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Panel;

/// <summary>A panel member's start page: the rounds being screened or scored.</summary>
public sealed class IndexModel(FairFundDbContext db) : PageModel
{
    public IReadOnlyList<RoundRow> Rounds { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var rounds = await db.Rounds.AsNoTracking()
            .Where(round => round.State == RoundState.Screening || round.State == RoundState.Scoring || round.State == RoundState.Moderation)
            .Select(round => new RoundRow(round.Reference, round.Name, round.State)).ToListAsync(cancellationToken);
        Rounds = rounds;
    }

    public sealed record RoundRow(string Reference, string Name, RoundState State);
}
