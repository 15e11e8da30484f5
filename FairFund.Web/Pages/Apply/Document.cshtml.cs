using FairFund.Web.Documents;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FairFund.Web.Pages.Apply;

/// <summary>
/// Downloads one of the group's own supporting documents. Another group's, by a guessed reference or a
/// guessed id, is "not found", exactly as one that does not exist.
/// </summary>
public sealed class DocumentModel(ApplicantRecords records, DocumentStore store) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string reference, Guid id, CancellationToken cancellationToken)
    {
        var own = await records.FindAsync(User, reference, cancellationToken);
        var document = own?.Application.Documents.FirstOrDefault(document => document.Id == id);
        if (own is null || document is null) return NotFound();
        return DocumentDownload.Send(Response, store, own.Application.Id, document);
    }
}
