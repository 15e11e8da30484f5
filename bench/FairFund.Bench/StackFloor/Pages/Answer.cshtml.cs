using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Bench.StackFloor.Pages;

/// <summary>
/// The stack floor's one question page. GET: the signed-in user's row, loaded by key without tracking, in a form.
/// POST (antiforgery validated, as every Razor Pages POST is): the row loaded tracked, its text changed, one
/// <c>SaveChanges</c> (one commit), and a redirect, as "Save and continue" does.
/// </summary>
[Authorize]
public sealed class AnswerModel(FloorDbContext db) : PageModel
{
    [BindProperty]
    [StringLength(10_000)]
    public string Answer { get; set; } = "";

    [BindProperty]
    public int Version { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var answer = await db.Answers.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id && a.Owner == Owner, cancellationToken);
        if (answer is null) return NotFound();
        Answer = answer.Text;
        Version = answer.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid) return Page();
        // One connection for the load and the save, as the app's OneConnectionPerRequest gives each page request.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var answer = await db.Answers.SingleOrDefaultAsync(a => a.Id == id && a.Owner == Owner, cancellationToken);
        if (answer is null) return NotFound();
        if (answer.Version != Version)
        {
            ModelState.AddModelError(nameof(Answer), "Someone else saved this answer since you opened it.");
            return Page();
        }
        answer.Text = Answer;
        answer.Version++;
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { id });
    }

    private string Owner => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
}
