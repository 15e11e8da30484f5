using FairFund.Domain.Forms;
using FairFund.Domain.Rounds;
using FairFund.Web.Data;
using FairFund.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Fund;

/// <summary>
/// "Use the form from an earlier round" on a draft: replaces its form with a copy of another round's. A draft has
/// no applications, so no answer can be lost; the sections the panel reads are kept for the criteria this round has.
/// </summary>
public sealed class FormFromRoundModel(FairFundDbContext db, TimeProvider time) : FormBuilderPage(db, time)
{
    [BindProperty]
    public string? From { get; set; }

    public IReadOnlyList<Choice> Rounds { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken)) return NotFound();
        await ListAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken)) return NotFound();
        await ListAsync(cancellationToken);
        if (Round.WhyFormCannotChange is { } closed) return Refused(closed + ".");
        var from = string.IsNullOrEmpty(From) || From == reference ? null
            : await Db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Reference == From, cancellationToken);
        if (from is null)
        {
            Errors.Add("from", "Select the round whose form to use");
            return Page();
        }
        var criteria = Round.Rules.Criteria.Select(criterion => criterion.Key).ToList();
        var copied = from.Form.ForCriteria(criteria);
        return await SaveEditAsync(_ => new FormEdit(copied, []), _ => "from", cancellationToken) ?? RedirectToPage("/Fund/Form", new { reference });
    }

    protected override IActionResult ShowAgain() => Page();

    private async Task ListAsync(CancellationToken cancellationToken)
    {
        var others = await Db.Rounds.AsNoTracking().Where(r => r.Reference != Round.Reference)
            .Select(r => new { r.Reference, r.Name, r.State }).ToListAsync(cancellationToken);
        Rounds = [.. others.OrderBy(r => r.Reference, StringComparer.Ordinal).Select(r => new Choice(r.Reference, $"{r.Name} ({r.Reference})",
            r.State == RoundState.Draft ? "A draft: its form may still change." : $"{Round.Describe(r.State)[..1].ToUpperInvariant()}{Round.Describe(r.State)[1..]}."))];
    }
}
