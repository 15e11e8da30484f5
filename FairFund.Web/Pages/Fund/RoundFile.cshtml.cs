using System.Text;
using FairFund.Domain.RoundFiles;
using FairFund.Web.Data;
using FairFund.Web.Allocation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Fund;

/// <summary>
/// The round as a round file, from scoring's close on: the rules with the revealed seed, and every screened
/// application with its reviews. <c>allocate</c> on it gives the moderation page's allocation before overrides.
/// </summary>
public sealed class RoundFileModel(FairFundDbContext db, RoundAllocation allocation) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken);
        if (round?.RevealedSeed is null) return NotFound();
        var file = await allocation.RoundFileAsync(round, cancellationToken);
        return File(Encoding.UTF8.GetBytes(RoundFileWriter.Write(file)), "application/json", $"{round.Reference}.round.json");
    }
}
