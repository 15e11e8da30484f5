using FairFund.Domain.Applications;
using FairFund.Web.Applications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FairFund.Web.Pages.Apply;

/// <summary>Where a sent application stands, in the applicant's words.</summary>
public sealed class StatusModel(ApplicantRecords records) : PageModel
{
    public string Reference { get; private set; } = "";
    public string RoundName { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string Status { get; private set; } = "";
    public string? SubmittedAt { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        var own = await records.FindAsync(User, reference, cancellationToken);
        if (own is null) return NotFound();
        var (application, round) = own;
        Reference = application.Reference;
        RoundName = round.Name;
        Title = application.Title;
        Status = Labels.ForApplicant(application.State);
        SubmittedAt = application.SubmittedAt is { } at ? UkTime.Format(at) : null;
        return Page();
    }
}
