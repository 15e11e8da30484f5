using FairFund.Domain.Applications;
using FairFund.Domain.Auditing;
using FairFund.Domain.Validation;
using FairFund.Tests.Builders;

namespace FairFund.Tests.Domain.Applications;

/// <summary>Supporting documents: the kinds and sizes an application takes, only while a draft, and a record of each change.</summary>
public sealed class SupportingDocumentTests
{
    private static readonly DateTimeOffset Now = ApplicationInState.Monday;
    private const string Actor = ApplicationInState.Applicant;

    public static TheoryData<string, byte[], string> AllowedFiles => new()
    {
        { "budget.pdf", DocumentBytes.Pdf(), "application/pdf" },
        { "Budget.PDF", DocumentBytes.Pdf(), "application/pdf" },
        { "letter.docx", DocumentBytes.OfficeOpenXml(), DocumentKinds.Word.ContentType },
        { "budget.xlsx", DocumentBytes.OfficeOpenXml(), DocumentKinds.Excel.ContentType },
        { "letter.odt", DocumentBytes.OpenDocument("application/vnd.oasis.opendocument.text"), DocumentKinds.OpenDocumentText.ContentType },
        { "budget.ods", DocumentBytes.OpenDocument("application/vnd.oasis.opendocument.spreadsheet"), DocumentKinds.OpenDocumentSpreadsheet.ContentType },
        { "group photo.jpg", DocumentBytes.Jpeg(), "image/jpeg" },
        { "group photo.jpeg", DocumentBytes.Jpeg(), "image/jpeg" },
        { "poster.png", DocumentBytes.Png(), "image/png" },
    };

    [Fact]
    public void CheckDocument_TheFormsDocumentsQuestionLimits_RefuseALargerFileAndOneTooMany()
    {
        var form = FairFund.Domain.Forms.ApplicationForm.Default;
        var question = form.Find(FairFund.Domain.Forms.DefaultForm.Documents)!;
        form = form.EditQuestion(question.Key, question with { MaxDocuments = 1, MaxBytes = 2 * 1024 * 1024 }).Form;
        var application = ApplicationInState.Draft();

        var tooLarge = application.CheckDocument(form, "budget.pdf", 2 * 1024 * 1024 + 1, Header(DocumentBytes.Pdf()));
        application.AddDocument(form, Guid.NewGuid(), "budget.pdf", 2 * 1024 * 1024, Header(DocumentBytes.Pdf()), Now, Actor);
        var tooMany = application.CheckDocument(form, "letter.pdf", 600, Header(DocumentBytes.Pdf()));

        Assert.Equal([new Problem("document", "The selected file must be smaller than 2MB")], tooLarge);
        Assert.Equal([new Problem("document", "You can send 1 document: remove it before adding another")], tooMany);
        Assert.Equal(new DocumentAllowance(1, 2 * 1024 * 1024), form.DocumentsAllowed);
    }

    [Fact]
    public void CheckDocument_AFormWithoutADocumentsQuestion_RefusesEveryFile()
    {
        var form = FairFund.Domain.Forms.ApplicationForm.Default.RemoveSection(FairFund.Domain.Forms.DefaultForm.DocumentsSection).Form;

        var problems = ApplicationInState.Draft().CheckDocument(form, "budget.pdf", 600, Header(DocumentBytes.Pdf()));

        Assert.Equal([new Problem("document", "This round's application form does not ask for documents, so none can be added")], problems);
    }

    [Theory]
    [MemberData(nameof(AllowedFiles))]
    public void AddDocument_ContentAndExtensionAgree_IsHeldWithTheKindsMediaType(string fileName, byte[] bytes, string contentType)
    {
        var application = ApplicationInState.Draft();

        var document = application.AddDocument(Guid.NewGuid(), fileName, bytes.Length, Header(bytes), Now, Actor);

        Assert.Equal(contentType, document.ContentType);
        Assert.Equal(fileName, document.FileName);
        Assert.Equal(bytes.Length, document.SizeInBytes);
        Assert.Equal((Now, Actor), (document.UploadedAt, document.UploadedBy));
        Assert.Equal([document], application.Documents);
    }

    public static TheoryData<string, byte[]> RefusedFiles => new()
    {
        { "report.pdf", DocumentBytes.Html() },
        { "page.html", DocumentBytes.Html() },
        { "setup.exe", DocumentBytes.Exe() },
        { "photo.jpg", DocumentBytes.Exe() },
        { "budget.pdf", DocumentBytes.Png() },
        { "photo.png", DocumentBytes.Jpeg() },
        { "budget.pdf.exe", DocumentBytes.Pdf() },
        { "budget", DocumentBytes.Pdf() },
        { "notes.txt", "Our notes"u8.ToArray() },
        { "macros.docm", DocumentBytes.OfficeOpenXml() },
        { "old.doc", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[50]] },
        { "archive.docx", [0x50, 0x4B, 0x05, 0x06, .. new byte[50]] },
        // An OpenDocument file named as the other kind, or as Word, is not what it says.
        { "letter.ods", DocumentBytes.OpenDocument("application/vnd.oasis.opendocument.text") },
        { "letter.docx", DocumentBytes.OpenDocument("application/vnd.oasis.opendocument.text") },
        { "letter.odt", DocumentBytes.OfficeOpenXml() },
    };

    [Theory]
    [MemberData(nameof(RefusedFiles))]
    public void AddDocument_ContentIsNotTheKindItsNameSays_IsRefusedAndNothingAdded(string fileName, byte[] bytes)
    {
        var application = ApplicationInState.Draft();

        var refused = Assert.Throws<DomainRuleException>(() => application.AddDocument(Guid.NewGuid(), fileName, bytes.Length, Header(bytes), Now, Actor));

        Assert.Equal("The selected file must be a PDF, Word document, spreadsheet, JPG or PNG", refused.Message);
        Assert.Empty(application.Documents);
        Assert.Empty(application.DocumentEvents);
    }

    [Theory]
    [InlineData(DocumentLimits.MaxBytes, true)]
    [InlineData(DocumentLimits.MaxBytes + 1, false)]
    [InlineData(50L * 1024 * 1024, false)]
    public void AddDocument_BySize_IsTakenUpTo10MB(long size, bool taken)
    {
        var application = ApplicationInState.Draft();

        var problems = application.CheckDocument("budget.pdf", size, Header(DocumentBytes.Pdf()));

        if (taken) Assert.Empty(problems);
        else Assert.Equal([new FairFund.Domain.Validation.Problem("document", "The selected file must be smaller than 10MB")], problems);
    }

    [Theory]
    [InlineData("", 0, "Select a file")]
    [InlineData("budget.pdf", 0, "The selected file is empty")]
    public void CheckDocument_NoFileOrAnEmptyOne_SaysWhat(string fileName, long size, string message)
    {
        var problems = ApplicationInState.Draft().CheckDocument(fileName, size, []);

        Assert.Equal(message, Assert.Single(problems).Message);
    }

    [Fact]
    public void AddDocument_SixthDocument_IsRefused()
    {
        var application = ApplicationInState.Draft();
        for (var i = 0; i < DocumentLimits.MaxDocuments; i++) AddPdf(application, $"document {i + 1}.pdf");

        var refused = Assert.Throws<DomainRuleException>(() => AddPdf(application, "one too many.pdf"));

        Assert.Equal("You can send up to 5 documents: remove one before adding another", refused.Message);
        Assert.Equal(DocumentLimits.MaxDocuments, application.Documents.Count);
    }

    public static TheoryData<ApplicationState> SentStates => [.. Enum.GetValues<ApplicationState>().Where(state => state != ApplicationState.Draft)];

    [Theory]
    [MemberData(nameof(SentStates))]
    public void AddAndRemoveDocument_OnceSent_AreRefusedAndTheDocumentsKept(ApplicationState state)
    {
        var application = ApplicationInState.Draft();
        var kept = AddPdf(application, "budget.pdf");
        var day = 1;
        foreach (var trigger in ApplicationInState.PathTo[state])
            ApplicationInState.Fire(application, trigger, Now.AddDays(day++), ApplicationInState.Officer);

        var adding = Assert.Throws<DomainRuleException>(() => AddPdf(application, "late.pdf"));
        var removing = Assert.Throws<DomainRuleException>(() => application.RemoveDocument(kept.Id, Now, Actor));

        Assert.StartsWith("The application has been sent, so its documents cannot be changed", adding.Message);
        Assert.StartsWith("The application has been sent, so its documents cannot be changed", removing.Message);
        Assert.Equal([kept], application.Documents);
    }

    [Fact]
    public void AddDocument_ThenSubmit_KeepsTheDocument()
    {
        var application = ApplicationInState.Draft();
        var document = AddPdf(application, "budget.pdf");

        ApplicationInState.Fire(application, ApplicationTrigger.Submit, Now, Actor);

        Assert.Equal([document], application.Documents);
    }

    [Fact]
    public void RemoveDocument_Held_IsRemovedAndBothChangesRecorded()
    {
        var application = ApplicationInState.Draft();
        var budget = AddPdf(application, "budget.pdf");
        var letter = AddPdf(application, "letter.pdf");

        var removed = application.RemoveDocument(budget.Id, Now.AddHours(1), "treasurer@group.example");

        Assert.Equal(budget, removed);
        Assert.Equal([letter], application.Documents);
        Assert.Equal(
        [
            new DocumentEvent(Now, Actor, DocumentAction.Added, budget.Id, "budget.pdf"),
            new DocumentEvent(Now, Actor, DocumentAction.Added, letter.Id, "letter.pdf"),
            new DocumentEvent(Now.AddHours(1), "treasurer@group.example", DocumentAction.Removed, budget.Id, "budget.pdf"),
        ], application.DocumentEvents);
    }

    [Fact]
    public void RemoveDocument_NotHeld_IsRefused()
    {
        var application = ApplicationInState.Draft();
        AddPdf(application, "budget.pdf");

        Assert.Throws<DomainRuleException>(() => application.RemoveDocument(Guid.NewGuid(), Now, Actor));

        Assert.Single(application.Documents);
    }

    [Theory]
    [InlineData("budget.pdf", "budget.pdf")]
    [InlineData(@"C:\Users\Sam\Documents\budget.pdf", "budget.pdf")]
    [InlineData("../../etc/budget.pdf", "budget.pdf")]
    [InlineData("  our   budget\t2027.pdf ", "our budget 2027.pdf")]
    [InlineData("invoice\u202Efdp.exe", "invoicefdp.exe")]
    [InlineData("line\r\nbreak.pdf", "line break.pdf")]
    [InlineData("Café Ünïcode £.pdf", "Café Ünïcode £.pdf")]
    public void SafeFileName_AsGiven_IsSafeToShow(string given, string shown) => Assert.Equal(shown, DocumentKinds.SafeFileName(given));

    [Fact]
    public void SafeFileName_TooLong_IsShortenedKeepingItsExtension()
    {
        var safe = DocumentKinds.SafeFileName(new string('a', 300) + ".xlsx");

        Assert.Equal(DocumentLimits.FileNameCharacters, safe.Length);
        Assert.EndsWith("aaa.xlsx", safe);
    }

    private static SupportingDocument AddPdf(Application application, string name)
    {
        var bytes = DocumentBytes.Pdf();
        return application.AddDocument(Guid.NewGuid(), name, bytes.Length, Header(bytes), Now, Actor);
    }

    private static byte[] Header(byte[] bytes) => bytes[..Math.Min(bytes.Length, DocumentKinds.HeaderBytes)];
}
