using System.Net;
using System.Net.Http.Headers;
using FairFund.Domain.Applications;
using FairFund.Tests.Builders;
using FairFund.Web.Data;
using FairFund.Web.Documents;
using FairFund.Web.Pages.Apply;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Apply;

/// <summary>
/// Supporting documents through the real app on SQLite: stored outside wwwroot under the data folder,
/// refused with a message and nothing stored when too large or not what they say, and served only to
/// the group that sent them and to the fund's staff.
/// </summary>
public sealed class DocumentUploadTests(SharedFairFundApp app) : IClassFixture<SharedFairFundApp>
{
    private const string DemoRound = "CW-MH-2027-R1";

    private readonly FairFundFactory factory = app.ForNextTest();

    private string Uploads => Path.Combine(factory.DataDirectory.FullName, "uploads");

    [Fact]
    public async Task Upload_ValidPdf_IsStoredUnderTheDataFolderAndDownloadsAsAnAttachment()
    {
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);
        var reference = await StartAsync(client);
        var pdf = DocumentBytes.Pdf(5_000);

        // The browser's claim about the type counts for nothing: the content and the name decide.
        using var response = await UploadAsync(client, reference, "Our budget 2027.pdf", pdf, "application/octet-stream");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/apply/applications/{reference}/documents", response.Headers.Location!.OriginalString);
        var (applicationId, documents, events) = await DocumentsOfAsync(reference);
        var document = Assert.Single(documents);
        Assert.Equal(("Our budget 2027.pdf", "application/pdf", pdf.Length, FairFundFactory.Start, SignedInClient.Applicant),
            (document.FileName, document.ContentType, document.SizeInBytes, document.UploadedAt, document.UploadedBy));
        Assert.Equal([new DocumentEvent(FairFundFactory.Start, SignedInClient.Applicant, DocumentAction.Added, document.Id, "Our budget 2027.pdf")], events);
        var stored = Path.Combine(Uploads, applicationId.ToString(), document.Id.ToString());
        Assert.Equal(pdf, await File.ReadAllBytesAsync(stored));
        Assert.Equal([stored], Directory.GetFiles(Uploads, "*", SearchOption.AllDirectories));

        var page = await client.GetStringAsync(new Uri(DocumentsPath(reference), UriKind.Relative));
        Assert.Contains("Our budget 2027.pdf has been added", page);
        Assert.Contains("5KB, added at 9:30am on Monday 1 March 2027 (UK time)", page);
        Assert.Contains($"href=\"/apply/applications/{reference}/documents/{document.Id}\"", page);

        using var download = await client.GetAsync(new Uri($"/apply/applications/{reference}/documents/{document.Id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("Our budget 2027.pdf", download.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal("nosniff", Assert.Single(download.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Upload_JustOver10MB_IsRefusedWithAMessageAndNothingStored()
    {
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);
        var reference = await StartAsync(client);

        using var response = await UploadAsync(client, reference, "big.pdf", DocumentBytes.Pdf((int)DocumentLimits.MaxBytes + 1));

        await AssertRefusedAsync(response, reference, "The selected file must be smaller than 10MB");
    }

    [Fact]
    public async Task Upload_ANameTooLongForTheForm_SaysWhatIsWrongNotTheSize()
    {
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);
        var reference = await StartAsync(client);

        // A name past the form's header limit (16KB) makes the form unreadable; the file itself is small.
        using var response = await UploadAsync(client, reference, new string('b', 20_000) + ".pdf", DocumentBytes.Pdf(5_000));

        await AssertRefusedAsync(response, reference,
            "The selected file could not be read because of its name. Rename it with a shorter name, such as budget.pdf, and select it again");
    }

    [Fact]
    public async Task Upload_WellOver10MB_IsCutOffWithTheSameMessageAndNothingStored()
    {
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);
        var reference = await StartAsync(client);

        using var response = await UploadAsync(client, reference, "huge.pdf", DocumentBytes.Pdf(20 * 1024 * 1024));

        await AssertRefusedAsync(response, reference, "The selected file must be smaller than 10MB");
    }

    public static TheoryData<string, byte[], string> WrongKinds => new()
    {
        { "setup.exe", DocumentBytes.Exe(), "application/pdf" },
        { "report.pdf", DocumentBytes.Html(), "application/pdf" },
        { "photo.jpg", DocumentBytes.Exe(), "image/jpeg" },
        { "page.html", DocumentBytes.Html(), "text/html" },
    };

    [Theory]
    [MemberData(nameof(WrongKinds))]
    public async Task Upload_NotTheKindItSays_IsRefusedWithAMessageAndNothingStored(string fileName, byte[] bytes, string claimedType)
    {
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);
        var reference = await StartAsync(client);

        using var response = await UploadAsync(client, reference, fileName, bytes, claimedType);

        await AssertRefusedAsync(response, reference, "The selected file must be a PDF, Word document, spreadsheet, JPG or PNG");
    }

    [Fact]
    public async Task Upload_NoFileChosen_AsksForOne()
    {
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);
        var reference = await StartAsync(client);

        using var response = await UploadAsync(client, reference, "", []);

        await AssertRefusedAsync(response, reference, "Select a file");
    }

    [Fact]
    public async Task Upload_WithoutTheAntiforgeryToken_IsABadRequestAndNothingStored()
    {
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);
        var reference = await StartAsync(client);

        using var response = await UploadAsync(client, reference, "budget.pdf", DocumentBytes.Pdf(), token: "");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingStoredAsync(reference);
    }

    [Fact]
    public async Task Upload_SixthDocument_IsRefusedAndTheFiveKept()
    {
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);
        var reference = await StartAsync(client);
        for (var i = 1; i <= DocumentLimits.MaxDocuments; i++)
        {
            using var added = await UploadAsync(client, reference, $"document {i}.pdf", DocumentBytes.Pdf());
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }
        var full = await client.GetStringAsync(new Uri(DocumentsPath(reference), UriKind.Relative));
        Assert.Contains("You have added 5 documents, the most you can send.", full);

        // A form still open in another tab can still post one more.
        using var response = await UploadAsync(client, reference, "one too many.pdf", DocumentBytes.Pdf(), token: SignedInClient.TokenIn(full));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("You can send up to 5 documents: remove one before adding another", await response.Content.ReadAsStringAsync());
        var (_, documents, _) = await DocumentsOfAsync(reference);
        Assert.Equal(DocumentLimits.MaxDocuments, documents.Count);
        Assert.Equal(DocumentLimits.MaxDocuments, Directory.GetFiles(Uploads, "*", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public async Task Remove_OwnDocument_DeletesItsRecordAndItsFile()
    {
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);
        var reference = await StartAsync(client);
        using (await UploadAsync(client, reference, "budget.pdf", DocumentBytes.Pdf())) { }
        using (await UploadAsync(client, reference, "letter.pdf", DocumentBytes.Pdf())) { }
        var (applicationId, before, _) = await DocumentsOfAsync(reference);
        var budget = before.Single(document => document.FileName == "budget.pdf");

        using var response = await client.PostFormAsync($"{DocumentsPath(reference)}?handler=Remove", new() { ["documentId"] = budget.Id.ToString() }, formPage: DocumentsPath(reference));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, after, events) = await DocumentsOfAsync(reference);
        Assert.Equal(["letter.pdf"], after.Select(document => document.FileName));
        Assert.Equal(new DocumentEvent(FairFundFactory.Start, SignedInClient.Applicant, DocumentAction.Removed, budget.Id, "budget.pdf"), events[^1]);
        Assert.False(File.Exists(Path.Combine(Uploads, applicationId.ToString(), budget.Id.ToString())));
        Assert.Single(Directory.GetFiles(Uploads, "*", SearchOption.AllDirectories));
        Assert.Contains("budget.pdf has been removed", await client.GetStringAsync(new Uri(DocumentsPath(reference), UriKind.Relative)));
    }

    [Fact]
    public async Task AnotherGroupsDocument_ByGuessedReferenceOrId_IsNotFoundAndNothingLeaks()
    {
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);
        var own = await StartAsync(client);
        var (otherReference, otherDocument) = await OtherGroupAddsADocumentAsync("Southam secrets.pdf");

        using var byReference = await client.GetAsync(new Uri($"/apply/applications/{otherReference}/documents/{otherDocument}", UriKind.Relative));
        using var byId = await client.GetAsync(new Uri($"/apply/applications/{own}/documents/{otherDocument}", UriKind.Relative));
        using var list = await client.GetAsync(new Uri(DocumentsPath(otherReference), UriKind.Relative));
        // Forged on purpose: no page of this applicant's offers to remove another group's document.
        using var remove = await client.PostComposedAsync($"{DocumentsPath(own)}?handler=Remove", new() { ["documentId"] = otherDocument.ToString() }, formPage: DocumentsPath(own));
        using var removeThere = await client.PostComposedAsync($"{DocumentsPath(otherReference)}?handler=Remove", new() { ["documentId"] = otherDocument.ToString() }, formPage: DocumentsPath(own));

        foreach (var response in new[] { byReference, byId, list, remove, removeThere })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("Southam secrets", await response.Content.ReadAsStringAsync());
        }
        var (_, documents, _) = await DocumentsOfAsync(otherReference);
        Assert.Single(documents);
    }

    [Fact]
    public async Task Documents_Anonymous_AreSentToSignIn()
    {
        var (reference, document) = await OtherGroupAddsADocumentAsync("letter.pdf");
        using var client = SignedInClient.Anonymous(factory);

        using var list = await client.GetAsync(new Uri(DocumentsPath(reference), UriKind.Relative));
        using var download = await client.GetAsync(new Uri($"/apply/applications/{reference}/documents/{document}", UriKind.Relative));
        using var staff = await client.GetAsync(new Uri($"/fund/applications/{reference}/documents/{document}", UriKind.Relative));

        foreach (var response in new[] { list, download, staff })
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("http://localhost/account/sign-in", response.Headers.Location!.ToString());
        }
    }

    [Fact]
    public async Task SentApplication_ListsAndDownloadsButRefusesChanges()
    {
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);
        var reference = await StartAsync(client);
        using (await UploadAsync(client, reference, "budget.pdf", DocumentBytes.Pdf())) { }
        var form = await client.GetStringAsync(new Uri(DocumentsPath(reference), UriKind.Relative));
        var (_, before, _) = await DocumentsOfAsync(reference);
        var budget = Assert.Single(before);
        var removeKept = PageForms.For(form, DocumentsPath(reference), $"{DocumentsPath(reference)}?handler=Remove", new Dictionary<string, string> { ["documentId"] = budget.Id.ToString() });
        await SubmitAsync(reference);

        var page = await client.GetStringAsync(new Uri(DocumentsPath(reference), UriKind.Relative));
        using var download = await client.GetAsync(new Uri($"/apply/applications/{reference}/documents/{budget.Id}", UriKind.Relative));
        // Posted from the page as it was before sending, still open in another tab.
        using var upload = await UploadAsync(client, reference, "late.pdf", DocumentBytes.Pdf(), token: SignedInClient.TokenIn(form));
        using var remove = await removeKept.SubmitAsync(client);

        Assert.Contains("budget.pdf", page);
        Assert.DoesNotContain("type=\"file\"", page);
        Assert.DoesNotContain("?handler=Remove", page);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        foreach (var refused in new[] { upload, remove })
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("The application has been sent, so its documents cannot be changed: it is submitted.", await refused.Content.ReadAsStringAsync());
        }
        var (_, after, _) = await DocumentsOfAsync(reference);
        Assert.Equal([budget], after);
        Assert.Single(Directory.GetFiles(Uploads, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task FundManager_SentApplicationsDocument_DownloadsButADraftsIsNotFound()
    {
        using var applicant = await SignedInClient.As(factory, SignedInClient.Applicant);
        var reference = await StartAsync(applicant);
        var pdf = DocumentBytes.Pdf();
        using (await UploadAsync(applicant, reference, "budget.pdf", pdf)) { }
        var (_, documents, _) = await DocumentsOfAsync(reference);
        var path = $"/fund/applications/{reference}/documents/{documents[0].Id}";
        using var manager = await SignedInClient.As(factory, SignedInClient.Manager);

        using var whileDraft = await manager.GetAsync(new Uri(path, UriKind.Relative));
        await SubmitAsync(reference);
        using var sent = await manager.GetAsync(new Uri(path, UriKind.Relative));
        using var byApplicant = await applicant.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, whileDraft.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Equal("attachment", sent.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("nosniff", Assert.Single(sent.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal(pdf, await sent.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.Redirect, byApplicant.StatusCode);
        Assert.Contains("/account/access-denied", byApplicant.Headers.Location!.ToString());
    }

    private static string DocumentsPath(string reference) => $"/apply/applications/{reference}/documents";

    private static async Task<string> StartAsync(HttpClient client)
    {
        using var response = await client.PostFormAsync($"/apply?handler=Start&round={DemoRound}", [], formPage: "/apply");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString.Split('/').Last();
    }

    /// <summary>Posts the upload form as a browser would (multipart), with the token from the page unless one is given.</summary>
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string reference, string fileName, byte[] bytes, string contentType = "application/pdf", string? token = null)
    {
        token ??= SignedInClient.TokenIn(await client.GetStringAsync(new Uri(DocumentsPath(reference), UriKind.Relative)));
        using var content = new MultipartFormDataContent();
        if (token.Length > 0) content.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        // As a browser sends it when no file was chosen: an empty part with an empty file name.
        file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"document\"", FileName = $"\"{fileName}\"" };
        content.Add(file);
        return await client.PostAsync(new Uri(DocumentsPath(reference), UriKind.Relative), content);
    }

    private async Task AssertRefusedAsync(HttpResponseMessage response, string reference, string message)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("There is a problem", page);
        Assert.Contains($"<a href=\"#document\">{message}</a>", page);
        Assert.Contains("govuk-file-upload--error", page);
        await AssertNothingStoredAsync(reference);
    }

    private async Task AssertNothingStoredAsync(string reference)
    {
        var (_, documents, events) = await DocumentsOfAsync(reference);
        Assert.Empty(documents);
        Assert.Empty(events);
        Assert.True(!Directory.Exists(Uploads) || !Directory.EnumerateFileSystemEntries(Uploads, "*", SearchOption.AllDirectories).Any(),
            "The uploads folder should be empty.");
    }

    private Task<(Guid Id, IReadOnlyList<SupportingDocument> Documents, IReadOnlyList<DocumentEvent> Events)> DocumentsOfAsync(string reference) =>
        factory.WithScopeAsync(async services =>
        {
            var application = await services.GetRequiredService<FairFundDbContext>().Applications.AsNoTracking().SingleAsync(application => application.Reference == reference);
            return (application.Id, application.Documents, application.DocumentEvents);
        });

    /// <summary>Answers every question, as <c>ApplicationInState.Draft</c> does, and sends the application.</summary>
    private Task SubmitAsync(string reference) => factory.WithScopeAsync(async services =>
    {
        var db = services.GetRequiredService<FairFundDbContext>();
        var application = await db.Applications.SingleAsync(application => application.Reference == reference);
        var round = await db.Rounds.SingleAsync(round => round.Id == application.RoundId);
        var own = new OwnApplication(application, new ApplicantRound(round.Reference, round.Name, round.State, round.ClosesAt, new GrantRange(round.Rules.GrantMin, round.Rules.GrantMax)));
        application.AnswerProject(new ProjectAnswers("Peer support walks", "Weekly walks led by peer supporters.", new DateOnly(2027, 6, 1), new DateOnly(2028, 5, 31)));
        application.AnswerWhoBenefits("Adults in Foleshill living with anxiety or depression.");
        application.AnswerOutcomes("Fewer people feel isolated; we will ask walkers every three months.");
        application.AnswerLivedExperience("The walks are planned by members who use them.");
        application.AnswerBudget([new BudgetLine("Peer supporter expenses", 1200m), new BudgetLine("Insurance", 300m)]);
        application.AnswerPartners(false, []);
        application.Submit(factory.Clock.GetUtcNow(), SignedInClient.Applicant, own.WindowAt(factory.Clock.GetUtcNow()), own.Grants);
        await db.SaveChangesAsync();
    });

    /// <summary>Another demo group starts an application and adds a document to it, stored as the app stores them.</summary>
    private Task<(string Reference, Guid DocumentId)> OtherGroupAddsADocumentAsync(string fileName) => factory.WithScopeAsync(async services =>
    {
        var db = services.GetRequiredService<FairFundDbContext>();
        var round = await db.Rounds.SingleAsync(round => round.Reference == DemoRound);
        var other = await db.Organisations.FirstAsync(group => group.Name == "Southam Befriending Network");
        var application = new Application(Guid.NewGuid(), round.Id, other.Id, $"{DemoRound}-0900");
        var pdf = DocumentBytes.Pdf();
        var document = application.AddDocument(Guid.NewGuid(), fileName, pdf.Length, pdf.AsSpan(0, DocumentKinds.HeaderBytes), FairFundFactory.Start, "someone@southam.example");
        using (var content = new MemoryStream(pdf)) await services.GetRequiredService<DocumentStore>().SaveAsync(application.Id, document.Id, content, default);
        db.Applications.Add(application);
        await db.SaveChangesAsync();
        return (application.Reference, document.Id);
    });
}
