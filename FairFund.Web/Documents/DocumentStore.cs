using FairFund.Domain.Applications;
using FairFund.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace FairFund.Web.Documents;

/// <summary>
/// Where supporting documents' bytes are kept: <c>&lt;data directory&gt;/uploads/&lt;application id&gt;/&lt;document id&gt;</c>,
/// outside wwwroot so nothing is ever served as a static file, and named by ids FairFund made, never by
/// the name the group gave the file. A file is written whole to a temporary name beside its final one,
/// then moved into place, so a half-written file is never read as a document.
/// </summary>
public sealed class DocumentStore(IConfiguration configuration)
{
    private const string Incoming = ".incoming";

    public string Root { get; } = Path.Combine(DataSetup.DataDirectory(configuration), "uploads");

    /// <summary>
    /// Writes a document's bytes, refusing (with nothing left behind) more than <see cref="DocumentLimits.MaxBytes"/>
    /// whatever the upload said its size was.
    /// </summary>
    public async Task SaveAsync(Guid applicationId, Guid documentId, Stream content, CancellationToken cancellationToken)
    {
        var folder = FolderOf(applicationId);
        Directory.CreateDirectory(folder);
        var final = PathOf(applicationId, documentId);
        var temporary = final + Incoming;
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                var buffer = new byte[81920];
                long written = 0;
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    written += read;
                    if (written > DocumentLimits.MaxBytes) throw new InvalidDataException($"The file is larger than {DocumentLimits.MaxSize}.");
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, final);
        }
        catch
        {
            File.Delete(temporary);
            DeleteFolderIfEmpty(folder);
            throw;
        }
    }

    /// <summary>The document's bytes to read, or null if its file is missing.</summary>
    public Stream? OpenRead(Guid applicationId, Guid documentId)
    {
        var path = PathOf(applicationId, documentId);
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous) : null;
    }

    /// <summary>Deletes a document's file, and its application's folder once that is empty.</summary>
    public void Delete(Guid applicationId, Guid documentId)
    {
        File.Delete(PathOf(applicationId, documentId));
        DeleteFolderIfEmpty(FolderOf(applicationId));
    }

    private string FolderOf(Guid applicationId) => Path.Combine(Root, applicationId.ToString("D"));

    private string PathOf(Guid applicationId, Guid documentId) => Path.Combine(FolderOf(applicationId), documentId.ToString("D"));

    private static void DeleteFolderIfEmpty(string folder)
    {
        try
        {
            if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any()) Directory.Delete(folder);
        }
        catch (IOException)
        {
            // Another upload to the same application has just written into it: it stays.
        }
    }
}

/// <summary>
/// Sends a stored document to someone allowed to see it: always as a download (never shown in the
/// browser's own window, where a file could run script on FairFund's address), with the media type its
/// content showed it to be, and with the browser told not to guess another.
/// </summary>
public static class DocumentDownload
{
    public static IActionResult Send(HttpResponse response, DocumentStore store, Guid applicationId, SupportingDocument document)
    {
        var content = store.OpenRead(applicationId, document.Id);
        if (content is null) return new NotFoundResult();
        response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        response.Headers[HeaderNames.ContentSecurityPolicy] = "default-src 'none'; sandbox";
        response.Headers[HeaderNames.CacheControl] = "private, no-store";
        return new FileStreamResult(content, document.ContentType) { FileDownloadName = document.FileName };
    }
}
