using FairFund.Tests.Builders;
using FairFund.Web.Data;
using FairFund.Web.Pages.Apply;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FairFund.Tests.Browser;

/// <summary>The supporting documents page in a real browser on Kestrel: accessible, usable at 320 px, and friendly about a file far too large.</summary>
public sealed class DocumentsBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Documents_AddAFileAndGetItWrong_HasNoAxeViolationsAndFitsAt320Pixels()
    {
        var reference = await StartAsync();
        var page = await SignedInAsApplicantAsync(width: 320);
        await page.GotoAsync($"/apply/applications/{reference}/documents");

        await page.Locator("input[type=file][name=document]").SetInputFilesAsync(new FilePayload { Name = "Our budget for 2027, with a long name.pdf", MimeType = "application/pdf", Buffer = DocumentBytes.Pdf() });
        await page.GetByRole(AriaRole.Button, new() { Name = "Add document" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Our budget for 2027, with a long name.pdf has been added")).ToBeVisibleAsync();
        await AssertAccessibleAt320Async(page);

        await page.Locator("input[type=file][name=document]").SetInputFilesAsync(new FilePayload { Name = "report.pdf", MimeType = "application/pdf", Buffer = DocumentBytes.Html() });
        await page.GetByRole(AriaRole.Button, new() { Name = "Add document" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "The selected file must be a PDF, Word document, spreadsheet, JPG or PNG" })).ToBeVisibleAsync();
        await AssertAccessibleAt320Async(page);
    }

    [Fact]
    public async Task Documents_FileFarOverTheLimit_IsCutOffWithAMessagePage()
    {
        var reference = await StartAsync();
        var page = await SignedInAsApplicantAsync();
        await page.GotoAsync($"/apply/applications/{reference}/documents");
        var huge = Path.Combine(browser.App.DataDirectory.FullName, "huge.pdf");
        await File.WriteAllBytesAsync(huge, DocumentBytes.Pdf(25 * 1024 * 1024));

        await page.Locator("input[type=file][name=document]").SetInputFilesAsync(huge);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add document" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "The selected file must be smaller than 10MB" })).ToBeVisibleAsync();
        Assert.False(Directory.Exists(Path.Combine(browser.App.DataDirectory.FullName, "uploads"))
            && Directory.EnumerateFiles(Path.Combine(browser.App.DataDirectory.FullName, "uploads"), "huge*", SearchOption.AllDirectories).Any());
    }

    private static async Task AssertAccessibleAt320Async(IPage page)
    {
        var violations = await Axe.ViolationsAsync(page);
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        Assert.True(scrollWidth <= 320, $"The documents page is {scrollWidth} px wide at 320 px");
    }

    /// <summary>The demo applicant's group's application to the demo round: the one begun, or a new one.</summary>
    private Task<string> StartAsync() => browser.App.WithScopeAsync(async services =>
    {
        var db = services.GetRequiredService<FairFundDbContext>();
        var group = await db.Organisations.FirstAsync(group => group.Name == "Foleshill Peer Support");
        var application = await services.GetRequiredService<ApplicantRecords>().StartAsync(group.Id, "CW-MH-2027-R1", default);
        return application!.Reference;
    });

    private async Task<IPage> SignedInAsApplicantAsync(int width = 1280)
    {
        return await browser.SignedInPageAsync(Web.SignedInClient.Applicant, width);
    }
}
