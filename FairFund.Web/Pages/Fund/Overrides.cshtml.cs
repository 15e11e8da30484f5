using System.Globalization;
using System.Text;
using FairFund.Web.Data;
using FairFund.Web.Export;
using FairFund.Web.Allocation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Fund;

/// <summary>Every change moderation made to the computed allocation, oldest first, as CSV: listed apart from the round file, which holds what the rules decide.</summary>
public sealed class OverridesModel(FairFundDbContext db, RoundAllocation allocation) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken);
        if (round?.RevealedSeed is null) return NotFound();
        var csv = new StringBuilder("reference,change,amount,pot,reason,by,at\r\n");
        foreach (var made in await allocation.OverridesAsync(round, cancellationToken))
        {
            csv.AppendJoin(',', CsvText.Field(made.Reference), CsvText.Field(made.Kind.ToString()), made.Amount.ToString("0.00", CultureInfo.InvariantCulture),
                CsvText.Field(made.PotKey ?? ""), CsvText.Field(made.Reason), CsvText.Field(made.By), made.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            csv.Append("\r\n");
        }
        return File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv", $"{round.Reference}.overrides.csv");
    }
}
