using FairFund.Domain.Rounds;
using FairFund.Web.Data;
using FairFund.Web.Export;
using FairFund.Web.Allocation;
using FairFund.Web.Equity;
using FairFund.Web.Rounds;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Fund;

/// <summary>
/// The allocation workbook, from moderation on: the moderation page's allocation with every score's trail,
/// every review, the applications' answers to the round's form and the rules. Reviewers are "Reviewer 1", "Reviewer 2"… unless the fund manager asks for
/// their names with <c>?names=true</c>, as a workbook is easily forwarded. Once the round has grants, an outcomes sheet.
/// </summary>
public sealed class WorkbookModel(FairFundDbContext db, RoundAllocation allocation, RoundEquity equity, TimeProvider time) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string reference, bool names, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken);
        if (round is null || !Domain.Rounds.Round.HasAllocation(round.State)) return NotFound();

        var moderated = await allocation.ModeratedAsync(round, cancellationToken);
        var reviewerNames = names ? await allocation.ReviewerNamesAsync(round, cancellationToken) : null;
        var places = await equity.PlacesAsync(round, cancellationToken);
        var outcomes = await FairFund.Web.Grants.RoundOutcomesQuery.OfRoundAsync(db, round.Id, time.GetUtcNow(), cancellationToken);
        using var stream = new MemoryStream();
        AllocationWorkbook.Write(new WorkbookInput(round.RulesForAllocation(), moderated, reviewerNames, round.RulesHash, places, round.Form, outcomes,
            await Deadlines.GroupExtensions.CountAsync(db, round.Id, cancellationToken)), stream);
        var fileName = $"{round.Reference}-allocation{(names ? "-with-names" : "")}.xlsx";
        return File(stream.ToArray(), AllocationWorkbook.ContentType, fileName);
    }
}
