using System.Net;
using System.Text;
using ClosedXML.Excel;
using FairFund.Domain.Applications;
using FairFund.Tests.Web.Fund;
using FairFund.Web.Data;
using FairFund.Web.Export;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Export;

/// <summary>
/// Text stored before every field had a character limit and before text was cleaned: a title longer
/// than a spreadsheet cell holds, and a group name with a right-to-left override and a zero-width space. Every
/// export still downloads, with no cell over 32,767 characters, and nothing public shows the hidden characters.
/// </summary>
// Names longer than their column can only be stored on SQLite, which does not enforce a column's length; PostgreSQL refuses them.
[Trait(PostgreSqlTestDatabase.Trait, PostgreSqlTestDatabase.SqliteOnly)]
public sealed class StoredTextExportTests(SharedFairFundApp app) : IClassFixture<SharedFairFundApp>, IAsyncLifetime, IDisposable
{
    private const string OpenDataPage = $"/fund/rounds/{Moderating.Round}/open-data";
    private const string WorkbookPage = $"/fund/rounds/{Moderating.Round}/workbook";
    private const string CleanName = "Foleshill Walkers gnp.exe";

    private static readonly string LongTitle = "Walks " + new string('w', 40_000);
    private static readonly string TrickName = "Foleshill\u200B Walkers \u202Egnp.exe\u202C";
    private static readonly string LongName = "Tea and talk " + new string('t', 40_000);

    private readonly FairFundFactory _factory = app.ForNextTest();
    private HttpClient _manager = null!;
    private IReadOnlyList<string> _references = [];

    public async Task InitializeAsync()
    {
        var (seed, manager) = await Moderating.InModerationAsync(_factory, 3, members: 2, (_, member) => member < 2 ? [4, 4, 4, 4] : null);
        await Moderating.ApproveAsync(manager);
        (_manager, _references) = (manager, seed.Applications);
        await _factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            await StoredRows.SetTextAnswerAsync(db, _references[0], "title", LongTitle);
            var groups = await db.Applications.Where(a => _references.Contains(a.Reference)).OrderBy(a => a.Reference).Select(a => a.OrganisationId).ToListAsync();
            await db.Database.ExecuteSqlAsync($"UPDATE \"Organisations\" SET \"Name\" = {TrickName} WHERE \"Id\" = {groups[1]}");
            await db.Database.ExecuteSqlAsync($"UPDATE \"Organisations\" SET \"Name\" = {LongName} WHERE \"Id\" = {groups[2]}");
        });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _manager.Dispose();

    private static IEnumerable<string> Texts(XLWorkbook workbook) =>
        workbook.Worksheets.SelectMany(sheet => sheet.CellsUsed()).Select(cell => cell.GetString());

    [Fact]
    public async Task ThreeSixtyGivingXlsx_ATitleLongerThanACell_IsCappedWithAMarkerAndNamesAreCleaned()
    {
        Assert.Equal(3, await AwardedAsync());

        using var response = await _manager.GetAsync(new Uri($"{OpenDataPage}?handler=Xlsx", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var workbook = new XLWorkbook(await response.Content.ReadAsStreamAsync());
        var texts = Texts(workbook).ToList();
        Assert.All(texts, text => Assert.True(text.Length <= CellText.MaxCharacters, $"a cell of {text.Length} characters"));
        var title = Assert.Single(texts, text => text.StartsWith("Walks www", StringComparison.Ordinal));
        Assert.Equal(CellText.MaxCharacters, title.Length);
        Assert.EndsWith("[…cut: 40,006 characters in all, more than a cell can hold]", title);
        Assert.Contains(CleanName, texts);
        Assert.DoesNotContain(texts, text => text.Contains('\u202E', StringComparison.Ordinal) || text.Contains('\u200B', StringComparison.Ordinal));
    }

    [Fact]
    public async Task ThreeSixtyGivingCsv_NoFieldLongerThanACellAndNamesAreCleaned()
    {
        using var response = await _manager.GetAsync(new Uri($"{OpenDataPage}?handler=Csv", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csv = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("[…cut: 40,006 characters in all, more than a cell can hold]", csv);
        Assert.DoesNotContain(new string('w', CellText.MaxCharacters), csv);
        Assert.Contains(CleanName, csv);
        Assert.DoesNotContain("\u202E", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllocationWorkbook_ANameLongerThanACell_IsCappedAndTheWorkbookOpens()
    {
        using var response = await _manager.GetAsync(new Uri(WorkbookPage, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var workbook = new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var texts = Texts(workbook).ToList();
        Assert.All(texts, text => Assert.True(text.Length <= CellText.MaxCharacters, $"a cell of {text.Length} characters"));
        Assert.Contains(texts, text => text.StartsWith("Tea and talk ttt", StringComparison.Ordinal) && text.EndsWith("more than a cell can hold]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ResultsPage_ANameWithADirectionOverride_IsPublishedCleaned()
    {
        // The results are public once the decisions are sent.
        const string decisions = $"/fund/rounds/{Moderating.Round}/decisions";
        using (var sent = await _manager.PostFormAsync(decisions + "?handler=Send", [], decisions)) Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        using var anonymous = SignedInClient.Anonymous(_factory);

        var page = await anonymous.GetStringAsync(new Uri($"/rounds/{Moderating.Round}/results", UriKind.Relative));

        Assert.Contains(CleanName, page);
        Assert.DoesNotContain("\u202E", page, StringComparison.Ordinal);
        Assert.DoesNotContain("&#x202E;", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\u200B", page, StringComparison.Ordinal);
    }

    private Task<int> AwardedAsync() =>
        _factory.WithScopeAsync(services => services.GetRequiredService<FairFundDbContext>().Applications.CountAsync(a => a.State == ApplicationState.Awarded));
}
