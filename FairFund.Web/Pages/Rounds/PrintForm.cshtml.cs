using FairFund.Domain.Rounds;
using FairFund.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Rounds;

/// <summary>
/// A round's whole form on one page to print or save as PDF, with room to write each answer, so a group can draft
/// offline, with a support worker or on paper. Public, as the round page is: no sign-in.
/// </summary>
public sealed class PrintFormModel(FairFundDbContext db) : PageModel
{
    public string Reference { get; private set; } = "";

    public string Name { get; private set; } = "";

    public string Grants { get; private set; } = "";

    public PublishedForm Form { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken);
        if (round is null || round.State == RoundState.Draft) return NotFound();
        (Reference, Name) = (round.Reference, round.Name);
        Grants = Allocation.RulesInWords.Of(round.Rules).Grants;
        Form = PublishedForm.Of(round.Form);
        return Page();
    }
}
