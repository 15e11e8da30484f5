using System.Net;
using System.Net.Http.Headers;
using FairFund.Domain.Forms;
using FairFund.Tests.Builders;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Apply;

/// <summary>
/// The documents page takes its limits from the round's form: a funder whose documents question allows two files
/// of 1MB each has the group told so, and a larger file or a third one refused at the upload field, nothing stored.
/// </summary>
public sealed class DocumentLimitsFromFormTests : IDisposable
{
    private const string Round = "DOCS-2027-R1";
    private readonly FairFundFactory factory = new();

    public void Dispose() => factory.Dispose();

    private static string DocumentsPath(string reference) => $"/apply/applications/{reference}/documents";

    private async Task<(HttpClient Client, string Reference)> StartAsync()
    {
        var form = ApplicationForm.Default;
        var documents = form.Find(DefaultForm.Documents)!;
        var edit = form.EditQuestion(DefaultForm.Documents, documents with { MaxDocuments = 2, MaxBytes = 1024 * 1024 });
        Assert.True(edit.Succeeded);
        await BuiltForms.OpenRoundAsync(factory, Round, edit.Form);
        var client = await SignedInClient.As(factory, SignedInClient.Applicant);
        using var started = await client.PostFormAsync($"/apply?handler=Start&round={Round}", [], formPage: "/apply");
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        return (client, started.Headers.Location!.OriginalString.Split('/').Last());
    }

    [Fact]
    public async Task DocumentsPage_FormAllowsTwoOf1MB_SaysSoInItsHint()
    {
        var (client, reference) = await StartAsync();
        using var signedIn = client;

        var page = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri(DocumentsPath(reference), UriKind.Relative)));

        Assert.Contains("smaller than 1MB. You can add up to 2 documents.", page);
        Assert.DoesNotContain("10MB", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_OverTheFormsSizeLimit_IsRefusedAtTheUploadFieldAndNothingStored()
    {
        var (client, reference) = await StartAsync();
        using var signedIn = client;

        using var response = await UploadAsync(client, reference, "budget.pdf", DocumentBytes.Pdf(1024 * 1024 + 1));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("<a href=\"#document\">The selected file must be smaller than 1MB</a>", page);
        Assert.Contains("govuk-file-upload--error", page);
        Assert.Empty(await DocumentsOfAsync(reference));
    }

    [Fact]
    public async Task Upload_OneMoreThanTheFormAllows_IsRefusedAndTheTwoKept()
    {
        var (client, reference) = await StartAsync();
        using var signedIn = client;
        for (var i = 1; i <= 2; i++)
        {
            using var added = await UploadAsync(client, reference, $"document {i}.pdf", DocumentBytes.Pdf());
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }
        var full = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri(DocumentsPath(reference), UriKind.Relative)));
        Assert.Contains("You have added 2 documents, the most you can send.", full);

        // A tab opened before the second upload still offers the upload form.
        using var response = await UploadAsync(client, reference, "one too many.pdf", DocumentBytes.Pdf(), token: SignedInClient.TokenIn(full));

        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("You can send up to 2 documents: remove one before adding another", page);
        Assert.Equal(["document 1.pdf", "document 2.pdf"], (await DocumentsOfAsync(reference)).Order(StringComparer.Ordinal));
    }

    /// <summary>Posts the upload form as a browser would (multipart), with the token from the page unless one is given.</summary>
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string reference, string fileName, byte[] bytes, string? token = null)
    {
        token ??= SignedInClient.TokenIn(await client.GetStringAsync(new Uri(DocumentsPath(reference), UriKind.Relative)));
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"document\"", FileName = $"\"{fileName}\"" };
        content.Add(file);
        return await client.PostAsync(new Uri(DocumentsPath(reference), UriKind.Relative), content);
    }

    private Task<IReadOnlyList<string>> DocumentsOfAsync(string reference) =>
        factory.WithScopeAsync(async services =>
        {
            var application = await services.GetRequiredService<FairFundDbContext>().Applications.AsNoTracking().SingleAsync(application => application.Reference == reference);
            return (IReadOnlyList<string>)[.. application.Documents.Select(document => document.FileName)];
        });
}
