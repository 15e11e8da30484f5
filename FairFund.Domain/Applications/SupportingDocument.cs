using System.Text;
using FairFund.Domain.Validation;

namespace FairFund.Domain.Applications;

/// <summary>
/// A file a group sent with its application, such as a budget spreadsheet or a partner's letter. Only
/// what is known about the file is held here; the bytes are stored by the web app under <see cref="Id"/>.
/// </summary>
/// <param name="Id">The document's own id, which also names the stored file, so the group's file name is never a path.</param>
/// <param name="FileName">The name the group gave the file, made safe to show: no folders, control or direction characters.</param>
/// <param name="ContentType">The media type of the kind of file its content showed it to be, never the one the browser claimed.</param>
/// <param name="SizeInBytes">The file's size.</param>
/// <param name="UploadedAt">When it was added.</param>
/// <param name="UploadedBy">Who added it.</param>
public sealed record SupportingDocument(Guid Id, string FileName, string ContentType, long SizeInBytes, DateTimeOffset UploadedAt, string UploadedBy);

public enum DocumentAction { Added, Removed }

/// <summary>A recorded addition or removal of a supporting document: what, by whom, and when.</summary>
public sealed record DocumentEvent(DateTimeOffset At, string Actor, DocumentAction Action, Guid DocumentId, string FileName);

/// <summary>
/// The limits on supporting documents. They are optional extras for a small group, so a few files of a
/// modest size are plenty; and only kinds that can be recognised from their content and opened safely
/// by staff are taken (no macros, no programs, no web pages).
/// </summary>
public static class DocumentLimits
{
    public const int MaxDocuments = 5;
    public const long MaxBytes = 10 * 1024 * 1024;
    public const int FileNameCharacters = 100;

    /// <summary>"10MB", as the messages and hints write the size limit.</summary>
    public static string MaxSize => $"{MaxBytes / (1024 * 1024)}MB";
}

/// <summary>
/// How many documents an application may send, and how large each may be: what the round's form's documents
/// question allows (<see cref="Forms.ApplicationForm.DocumentsAllowed"/>), never more than <see cref="DocumentLimits"/>.
/// </summary>
/// <param name="MaxDocuments">The most files; 0 when the form asks for no documents (or not of this application).</param>
/// <param name="MaxBytes">The largest file, in bytes.</param>
public sealed record DocumentAllowance(int MaxDocuments, long MaxBytes)
{
    /// <summary>The most FairFund takes from any form: <see cref="DocumentLimits.MaxDocuments"/> of <see cref="DocumentLimits.MaxBytes"/>.</summary>
    public static DocumentAllowance Most { get; } = new(DocumentLimits.MaxDocuments, DocumentLimits.MaxBytes);

    /// <summary>No documents: the form does not ask for them.</summary>
    public static DocumentAllowance None { get; } = new(0, DocumentLimits.MaxBytes);

    /// <summary>"10MB", "500KB": the size limit as the messages and hints write it.</summary>
    public string MaxSize => Forms.AnswerChecks.Size(MaxBytes);
}

/// <summary>A kind of file that may be sent: its name for people, the extensions it has, and its media type.</summary>
public sealed record DocumentKind(string Name, IReadOnlyList<string> Extensions, string ContentType);

/// <summary>
/// Tells what kind of file an upload is from its first bytes and its extension together: a file is taken
/// only when both agree, so a web page renamed <c>.pdf</c> or a program renamed <c>.jpg</c> is refused,
/// whatever the browser said it was. Plain text is not taken, as no bytes show a file to be text; a
/// group can put its words in a PDF or a document.
/// </summary>
public static class DocumentKinds
{
    /// <summary>How many bytes from the start of a file <see cref="Identify"/> needs to see.</summary>
    public const int HeaderBytes = 128;

    public static readonly DocumentKind Pdf = new("PDF", [".pdf"], "application/pdf");
    public static readonly DocumentKind Word = new("Word document", [".docx"], "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    public static readonly DocumentKind Excel = new("Excel spreadsheet", [".xlsx"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    public static readonly DocumentKind OpenDocumentText = new("OpenDocument text", [".odt"], "application/vnd.oasis.opendocument.text");
    public static readonly DocumentKind OpenDocumentSpreadsheet = new("OpenDocument spreadsheet", [".ods"], "application/vnd.oasis.opendocument.spreadsheet");
    public static readonly DocumentKind Jpeg = new("JPG", [".jpg", ".jpeg"], "image/jpeg");
    public static readonly DocumentKind Png = new("PNG", [".png"], "image/png");

    public static IReadOnlyList<DocumentKind> All { get; } = [Pdf, Word, Excel, OpenDocumentText, OpenDocumentSpreadsheet, Jpeg, Png];

    /// <summary>The kinds in a sentence, for the page's hint.</summary>
    public static string InWords => "a PDF, Word document (.docx), Excel spreadsheet (.xlsx), OpenDocument file (.odt or .ods), JPG or PNG";

    private static ReadOnlySpan<byte> PdfMagic => "%PDF-"u8;
    private static ReadOnlySpan<byte> ZipMagic => [0x50, 0x4B, 0x03, 0x04];
    private static ReadOnlySpan<byte> JpegMagic => [0xFF, 0xD8, 0xFF];
    private static ReadOnlySpan<byte> PngMagic => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The kind of file this is, or null when its content and its extension do not show the same allowed kind.</summary>
    /// <param name="fileName">The file's name, for its extension.</param>
    /// <param name="header">The file's first bytes: <see cref="HeaderBytes"/> of them, or all of a shorter file.</param>
    public static DocumentKind? Identify(string fileName, ReadOnlySpan<byte> header)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var kind = All.FirstOrDefault(kind => kind.Extensions.Contains(extension));
        if (kind is null) return null;
        var isZip = header.StartsWith(ZipMagic);
        var matches = extension switch
        {
            ".pdf" => header.StartsWith(PdfMagic),
            ".jpg" or ".jpeg" => header.StartsWith(JpegMagic),
            ".png" => header.StartsWith(PngMagic),
            // OpenDocument files must begin with an uncompressed "mimetype" entry naming their type.
            ".odt" or ".ods" => isZip && FirstZipEntryIs(header, "mimetype", kind.ContentType),
            // Word and Excel files are zips too, but never begin as an OpenDocument file does.
            _ => isZip && !FirstZipEntryIs(header, "mimetype", null),
        };
        return matches ? kind : null;
    }

    /// <summary>Whether a zip file's first entry has this name and, when <paramref name="content"/> is given, starts with it.</summary>
    private static bool FirstZipEntryIs(ReadOnlySpan<byte> header, string name, string? content)
    {
        // A zip local file header: the name's length at offset 26, the extra field's at 28, the name at 30.
        const int nameAt = 30;
        if (header.Length < nameAt) return false;
        var nameLength = header[26] | (header[27] << 8);
        var extraLength = header[28] | (header[29] << 8);
        if (nameLength != name.Length || header.Length < nameAt + nameLength) return false;
        if (!header.Slice(nameAt, nameLength).SequenceEqual(Encoding.ASCII.GetBytes(name))) return false;
        if (content is null) return true;
        var contentAt = nameAt + nameLength + extraLength;
        var expected = Encoding.ASCII.GetBytes(content);
        return header.Length >= contentAt + expected.Length && header.Slice(contentAt, expected.Length).SequenceEqual(expected);
    }

    /// <summary>
    /// A file name as the group gave it, made safe to show and to offer back as a download name: without any
    /// folders a browser sent with it, control characters or characters that reverse the text's direction
    /// (which can make <c>cod.exe</c> look like <c>exe.doc</c>), with runs of spaces made one, and no longer
    /// than <see cref="DocumentLimits.FileNameCharacters"/>, keeping its extension.
    /// </summary>
    public static string SafeFileName(string? fileName)
    {
        var name = (fileName ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        name = FreeText.CleanLine(name);
        if (name.Length <= DocumentLimits.FileNameCharacters) return name;
        var extension = Path.GetExtension(name);
        if (extension.Length > 10) extension = "";
        var stem = name[..(DocumentLimits.FileNameCharacters - extension.Length)];
        if (char.IsHighSurrogate(stem[^1])) stem = stem[..^1];
        return stem.TrimEnd() + extension;
    }
}

/// <summary>The document rules an application applies; kept apart from the answers' checks, as documents are optional.</summary>
internal static class DocumentRules
{
    public const string Field = "document";

    public static IEnumerable<Problem> Check(int documentsHeld, string safeName, long sizeInBytes, ReadOnlySpan<byte> header, DocumentAllowance allowance)
    {
        if (allowance.MaxDocuments == 0) return [new Problem(Field, "This round's application form does not ask for documents, so none can be added")];
        if (documentsHeld >= allowance.MaxDocuments)
            return [new Problem(Field, allowance.MaxDocuments == 1
                ? "You can send 1 document: remove it before adding another"
                : $"You can send up to {allowance.MaxDocuments} documents: remove one before adding another")];
        if (safeName.Length == 0 && sizeInBytes == 0) return [new Problem(Field, "Select a file")];
        if (sizeInBytes == 0) return [new Problem(Field, "The selected file is empty")];
        if (sizeInBytes > allowance.MaxBytes) return [new Problem(Field, $"The selected file must be smaller than {allowance.MaxSize}")];
        if (DocumentKinds.Identify(safeName, header) is null)
            return [new Problem(Field, "The selected file must be a PDF, Word document, spreadsheet, JPG or PNG")];
        return [];
    }
}
