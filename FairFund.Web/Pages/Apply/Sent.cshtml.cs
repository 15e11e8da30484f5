using FairFund.Domain.Applications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FairFund.Web.Pages.Apply;

/// <summary>The GOV.UK confirmation page after sending: the reference, and what happens next.</summary>
public sealed class SentModel(ApplicantRecords records) : PageModel
{
    public string Reference { get; private set; } = "";
    public string RoundName { get; private set; } = "";
    public string SentAt { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        var own = await records.FindAsync(User, reference, cancellationToken);
        if (own is null) return NotFound();
        var (application, round) = own;
        if (application.SubmittedAt is not { } sentAt)
            return application.State == ApplicationState.Draft ? RedirectToPage("/Apply/TaskList", new { reference }) : RedirectToPage("/Apply/Status", new { reference });
        Reference = application.Reference;
        RoundName = round.Name;
        SentAt = UkTime.Format(sentAt);
        return Page();
    }
}
