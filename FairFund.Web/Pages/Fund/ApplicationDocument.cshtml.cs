using FairFund.Web.Data;
using FairFund.Web.Documents;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Fund;

/// <summary>
/// Downloads a supporting document for the fund's staff (the /Fund folder is for fund managers only).
/// Only a sent application's: until it is sent, a draft and its documents are the group's own work.
/// </summary>
public sealed class ApplicationDocumentModel(FairFundDbContext db, DocumentStore store) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string reference, Guid id, CancellationToken cancellationToken)
    {
        var application = await db.Applications.AsNoTracking()
            .FirstOrDefaultAsync(application => application.Reference == reference && application.SubmittedAt != null, cancellationToken);
        var document = application?.Documents.FirstOrDefault(document => document.Id == id);
        if (application is null || document is null) return NotFound();
        return DocumentDownload.Send(Response, store, application.Id, document);
    }
}
