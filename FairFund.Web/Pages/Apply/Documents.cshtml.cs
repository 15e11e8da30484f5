using System.Globalization;
using FairFund.Domain.Applications;
using FairFund.Domain.Auditing;
using FairFund.Web.Data;
using FairFund.Web.Documents;
using FairFund.Web.Forms;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Apply;

/// <summary>
/// A draft's optional supporting documents: the list, with a download and a remove for each, and the
/// GOV.UK file upload to add one. Once the application is sent, the list stays and nothing changes.
/// </summary>
/// <remarks>
/// An upload too large is refused with this page and its message, not a bare error, as far as HTTP
/// allows. A file part larger than <see cref="UploadLimit"/> stops the form being read, and the rest of
/// the request is read and thrown away, as a browser shows no answer until it has sent everything. A
/// request larger than <see cref="RequestLimit"/> (Kestrel's usual ceiling) is cut off by the server,
/// which the browser shows as a lost connection. So the post handlers read the form themselves, and
/// only then check the antiforgery token: an unread form has no token to check, but then the page
/// changes nothing. Every handler that changes something checks the token first.
/// </remarks>
[IgnoreAntiforgeryToken]
[RequestSizeLimit(RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = UploadLimit)]
public sealed partial class DocumentsModel(
    FairFundDbContext db, ApplicantRecords records, DocumentStore store, IAntiforgery antiforgery, TimeProvider time, ILogger<DocumentsModel> logger) : PageModel
{
    /// <summary>The most of a file that is read: one at the limit, with room to spare.</summary>
    public const long UploadLimit = DocumentLimits.MaxBytes + 1024 * 1024;

    /// <summary>The most a request may carry at all; the part of it past <see cref="UploadLimit"/> is read only to be thrown away.</summary>
    public const long RequestLimit = 30 * 1024 * 1024;

    public const string FileField = "document";
    public const string ListId = "your-documents";
    public const string DoneKey = "DocumentsDone";

    public string Reference { get; private set; } = "";
    public string RoundName { get; private set; } = "";
    public IReadOnlyList<DocumentRow> Documents { get; private set; } = [];

    /// <summary>Why documents cannot be added or removed, once the application is sent; null while they can.</summary>
    public string? Locked { get; private set; }

    public bool IsDraft { get; private set; }

    /// <summary>How many documents the round's form takes, and how large: its documents question's limits.</summary>
    public DocumentAllowance Allowed { get; private set; } = DocumentAllowance.Most;

    public bool HasRoom => Documents.Count < Allowed.MaxDocuments;
    public FormErrors Errors { get; } = new();

    /// <summary>The documents changed while this upload or removal was being saved, so it was not.</summary>
    public ChangedMeanwhile? ChangedMeanwhile { get; private set; }

    /// <summary>What the last upload or removal did, for the success banner.</summary>
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        var own = await records.FindAsync(User, reference, cancellationToken);
        if (own is null) return NotFound();
        Done = TempData[DoneKey] as string;
        Show(own);
        return Page();
    }

    // The post handlers take no parameters, so that nothing reads the form before they do (see the remarks).

    /// <summary>Adds the chosen file: checked by the domain, written to the store, then recorded, or nothing at all.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (!Request.HasFormContentType) return BadRequest();
        var cancellationToken = HttpContext.RequestAborted;
        var form = await ReadFormAsync(cancellationToken);
        if (form is not null && !await antiforgery.IsRequestValidAsync(HttpContext)) return BadRequest();
        var own = await records.FindAsync(User, ReferenceInRoute, cancellationToken);
        if (own is null) return NotFound();
        var application = own.Application;
        if (form is null) return Refused(own, application.WhyDocumentsCannotChange ?? WhyFormUnread(own.Form.DocumentsAllowed));

        var file = form.Files.GetFile(FileField);
        var header = new byte[DocumentKinds.HeaderBytes];
        var headerLength = 0;
        if (file is not null)
        {
            await using var start = file.OpenReadStream();
            headerLength = await start.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        }

        SupportingDocument document;
        try
        {
            document = application.AddDocument(own.Form, Guid.NewGuid(), file?.FileName, file?.Length ?? 0, header.AsSpan(0, headerLength), time.GetUtcNow(), Actor);
        }
        catch (DomainRuleException refused)
        {
            return Refused(own, refused.Message);
        }
        var loaded = db.VersionOf(application);

        try
        {
            await using var content = file!.OpenReadStream();
            await store.SaveAsync(application.Id, document.Id, content, cancellationToken);
        }
        catch (Exception failed) when (failed is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            LogNotStored(logger, failed, application.Reference);
            return await RefusedAfresh("The file could not be saved. Try again.", cancellationToken);
        }

        try
        {
            if (await db.SaveOverAsync(application, loaded, cancellationToken) == EditSave.ChangedMeanwhile)
            {
                store.Delete(application.Id, document.Id);
                return await ChangedAsync(cancellationToken);
            }
        }
        catch
        {
            // Not recorded, so not kept: a file no row names would never be shown or deleted.
            store.Delete(application.Id, document.Id);
            throw;
        }
        TempData[DoneKey] = $"{document.FileName} has been added";
        return RedirectToPage(new { reference = application.Reference });
    }

    /// <summary>Removes a document: the record first, then its file, so a document that is listed always has its file.</summary>
    public async Task<IActionResult> OnPostRemoveAsync()
    {
        if (!Request.HasFormContentType) return BadRequest();
        var cancellationToken = HttpContext.RequestAborted;
        var form = await ReadFormAsync(cancellationToken);
        if (form is null || !await antiforgery.IsRequestValidAsync(HttpContext)) return BadRequest();
        var own = await records.FindAsync(User, ReferenceInRoute, cancellationToken);
        if (own is null) return NotFound();
        var application = own.Application;
        if (!Guid.TryParse(form["documentId"], out var id) || application.Documents.All(document => document.Id != id)) return NotFound();

        SupportingDocument removed;
        try
        {
            removed = application.RemoveDocument(id, time.GetUtcNow(), Actor);
        }
        catch (DomainRuleException refused)
        {
            return Refused(own, refused.Message);
        }
        if (await db.SaveOverAsync(application, db.VersionOf(application), cancellationToken) == EditSave.ChangedMeanwhile)
            return await ChangedAsync(cancellationToken);

        try
        {
            store.Delete(application.Id, removed.Id);
        }
        catch (Exception failed) when (failed is IOException or UnauthorizedAccessException)
        {
            // The document is gone from the application; a file left behind is never served, as no row names it.
            LogNotDeleted(logger, failed, application.Reference, removed.Id);
        }
        TempData[DoneKey] = $"{removed.FileName} has been removed";
        return RedirectToPage(new { reference = application.Reference });
    }

    /// <summary>"240KB", "3.4MB": a file's size as people write it.</summary>
    public static string SizeInWords(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} bytes",
        < 1024 * 1024 => $"{Math.Ceiling(bytes / 1024.0).ToString(CultureInfo.InvariantCulture)}KB",
        _ => $"{Math.Round(bytes / (1024.0 * 1024.0), 1).ToString("0.#", CultureInfo.InvariantCulture)}MB",
    };

    private string ReferenceInRoute => RouteData.Values["reference"] as string ?? "";

    private string Actor => User.Identity?.Name ?? "unknown";

    /// <summary>
    /// Why the posted form could not be read, in words: too large (for the round's form's limit) when the request said
    /// it was larger than any file may be, otherwise malformed, which a browser sends only for a file name it could not write (very long, or
    /// with characters the form cannot carry); that is not the file's size, so the group is told what to change.
    /// </summary>
    private string WhyFormUnread(DocumentAllowance allowed) => Request.ContentLength is { } length && length <= UploadLimit
        ? "The selected file could not be read because of its name. Rename it with a shorter name, such as budget.pdf, and select it again"
        : $"The selected file must be smaller than {allowed.MaxSize}";

    /// <summary>The posted form, or null when it is larger than <see cref="UploadLimit"/> or cannot be read (<see cref="WhyFormUnread"/>).</summary>
    private async Task<IFormCollection?> ReadFormAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await Request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException)
        {
            // The file part is over the form's limit: take the rest of the request, so the browser can show the answer.
            await DiscardRestOfRequestAsync(cancellationToken);
            return null;
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
    }

    private async Task DiscardRestOfRequestAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        try
        {
            while (await Request.Body.ReadAsync(buffer, cancellationToken) > 0)
            {
            }
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Over the request limit: the server will close the connection after answering.
        }
    }

    private PageResult Refused(OwnApplication own, string message)
    {
        Show(own);
        Errors.Add(Locked is null ? FileField : ListId, message);
        return Page();
    }

    /// <summary>
    /// The one outcome of a save that lost to another (docs/edit-conflicts.md): the documents as they are now. A file
    /// chosen cannot be kept in the form, so it is chosen again.
    /// </summary>
    private async Task<IActionResult> ChangedAsync(CancellationToken cancellationToken)
    {
        var own = await records.FindAsync(User, ReferenceInRoute, cancellationToken);
        if (own is null) return NotFound();
        Show(own);
        ChangedMeanwhile = Forms.ChangedMeanwhile.On(this, "This application's documents", "choose the file again or remove the document again");
        return Page();
    }

    /// <summary>Forgets the change that failed, and shows the documents as they are now.</summary>
    private async Task<IActionResult> RefusedAfresh(string message, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var own = await records.FindAsync(User, ReferenceInRoute, cancellationToken);
        return own is null ? NotFound() : Refused(own, message);
    }

    private void Show(OwnApplication own)
    {
        var (application, round) = own;
        Reference = application.Reference;
        RoundName = round.Name;
        IsDraft = application.State == ApplicationState.Draft;
        Allowed = own.Form.DocumentsAllowed;
        Locked = application.WhyDocumentsCannotChange;
        Documents = [.. application.Documents.Select(document => new DocumentRow(
            document.Id, document.FileName, SizeInWords(document.SizeInBytes), UkTime.Format(document.UploadedAt),
            Url.Page("/Apply/Document", new { reference = application.Reference, id = document.Id })!))];
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A supporting document for {Reference} could not be stored")]
    private static partial void LogNotStored(ILogger logger, Exception exception, string reference);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The file of removed document {DocumentId} of {Reference} could not be deleted")]
    private static partial void LogNotDeleted(ILogger logger, Exception exception, string reference, Guid documentId);

    public sealed record DocumentRow(Guid Id, string FileName, string Size, string UploadedAt, string DownloadHref);
}
