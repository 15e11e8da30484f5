using FairFund.Web.Documents;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FairFund.Web.Pages.Panel;

/// <summary>
/// Downloads a supporting document of an application for a panel member who was assigned it and may read it
/// (<see cref="Domain.Reviews.PanelReview.CanSeeApplication"/>: declared no conflict). Anyone else, a member not
/// assigned it, one who has a conflict with the group or not yet declared, is told "not found", as for a document
/// that does not exist, so a guessed link reveals nothing.
/// </summary>
public sealed class DocumentModel(PanelRecords records, DocumentStore store) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string reference, string applicationReference, Guid id, CancellationToken cancellationToken)
    {
        var assigned = await records.FindAsync(User, reference, applicationReference, cancellationToken);
        if (assigned is null || !assigned.Review.CanSeeApplication) return NotFound();
        var document = assigned.Application.Documents.FirstOrDefault(document => document.Id == id);
        if (document is null) return NotFound();
        return DocumentDownload.Send(Response, store, assigned.Application.Id, document);
    }
}
