using System.Text;
using FairFund.Domain.Allocation;
using FairFund.Domain.RoundFiles;
using FairFund.Web.Data;
using FairFund.Web.Allocation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Results;

/// <summary>
/// A round's round file for anyone once its results are public (and for the fund team's preview before), as <see cref="PublicRoundFile"/> makes it: <c>allocate</c> on it gives
/// the allocation the rules gave, without naming the groups that were not funded in the end.
/// </summary>
[AllowAnonymous]
public sealed class RoundFileModel(FairFundDbContext db, RoundAllocation allocation) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken);
        if (round is null || round.RevealedSeed is null || ResultsAccess.For(round.State, User) == Domain.Rounds.ResultsVisibility.None) return NotFound();
        var full = await allocation.RoundFileAsync(round, cancellationToken);
        var moderated = Domain.Moderation.Moderation.Apply(full.Allocate(), await allocation.OverridesAsync(round, cancellationToken), round.DisagreementRange, round.DisagreementDeviation);
        var funded = moderated.Ranked.Where(application => application.Decision == Decision.Award).Select(application => application.Reference).ToList();
        var published = PublicRoundFile.Of(full, funded);
        return File(Encoding.UTF8.GetBytes(RoundFileWriter.Write(published)), "application/json", $"{round.Reference}-public.round.json");
    }
}
