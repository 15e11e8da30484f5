using System.Globalization;
using System.Net;
using System.Text;
using ClosedXML.Excel;
using FairFund.Domain.Applications;
using FairFund.Domain.OpenData;
using FairFund.Tests.Web.Fund;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Export;

/// <summary>
/// A decided round whose data has flaws a fund manager must see before publishing, made once for the tests
/// that only read it: an email address in one grant's title, a description with a comma, quotes and a line
/// break, a title a spreadsheet would run as a formula, and a group whose postcode is a home address.
/// </summary>
public sealed class DecidedRoundWithFlaws : IAsyncLifetime
{
    public const int Applications = 4;
    public const string EmailTitle = "Walks: ask sam.patel@example.org to join";
    public const string QuotedDescription = "Walks, talks and \"tea\" after,\r\nin the park";
    public const string FormulaTitle = "=1+1 walks";

    public FairFundFactory Factory { get; } = new();
    public HttpClient Manager { get; private set; } = null!;
    public IReadOnlyList<string> References { get; private set; } = [];
    public string HomeGroup { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var (seed, manager) = await Moderating.InModerationAsync(Factory, Applications, members: 2, (_, member) => member < 2 ? [4, 4, 4, 4] : null);
        await Moderating.ApproveAsync(manager);
        (Manager, References) = (manager, seed.Applications);
        HomeGroup = await Factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            // A decided application's answers cannot change through the domain, so the flaws go straight into its row.
            await StoredRows.SetTextAnswerAsync(db, References[0], "title", EmailTitle);
            await StoredRows.SetTextAnswerAsync(db, References[1], "whatYouWillDo", QuotedDescription);
            await StoredRows.SetTextAnswerAsync(db, References[2], "title", FormulaTitle);
            var fourth = await db.Applications.SingleAsync(application => application.Reference == References[3]);
            var group = await db.Organisations.SingleAsync(group => group.Id == fourth.OrganisationId);
            group.Update(group.Details with { PostcodeIsHomeAddress = true });
            await db.SaveChangesAsync();
            return group.Name;
        });
    }

    public Task DisposeAsync()
    {
        Manager.Dispose();
        Factory.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The open data page and its downloads for a decided round, read as the fund manager gets them.</summary>
public sealed class OpenDataPageTests(DecidedRoundWithFlaws round) : IClassFixture<DecidedRoundWithFlaws>
{
    private const string Page = $"/fund/rounds/{Moderating.Round}/open-data";

    private Task<Dictionary<string, (decimal Awarded, decimal Requested, string Group, string Postcode)>> AwardsAsync() =>
        round.Factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var awarded = await db.Applications.AsNoTracking().Where(application => application.State == ApplicationState.Awarded).ToListAsync();
            var groups = await db.Organisations.AsNoTracking().ToDictionaryAsync(group => group.Id);
            return awarded.ToDictionary(application => application.Reference,
                application => (application.Decision!.Amount, application.AmountRequested, groups[application.OrganisationId].Name, groups[application.OrganisationId].Postcode));
        });

    private static string Identifier(string reference) => ThreeSixtyGiving.GrantIdentifier("cwmha-demo", Moderating.Round, reference);

    [Fact]
    public async Task Page_DecidedRound_SaysHowManyGrantsAndTheirTotal()
    {
        var awards = await AwardsAsync();
        Assert.Equal(DecidedRoundWithFlaws.Applications, awards.Count);

        var page = await round.Manager.GetStringAsync(new Uri(Page, UriKind.Relative));

        Assert.Contains($"id=\"grant-count\">{awards.Count}<", page);
        Assert.Contains($"id=\"grant-total\">{FairFund.Domain.Scoring.Money.Pounds(awards.Values.Sum(award => award.Awarded))}<", page);
        Assert.Contains("?handler=Xlsx", page);
        Assert.Contains("?handler=Csv", page);
    }

    [Fact]
    public async Task Page_EmailAddressInATitle_ListsTheProblemWithItsGrantAndColumn()
    {
        var page = await round.Manager.GetStringAsync(new Uri(Page, UriKind.Relative));

        Assert.DoesNotContain("No problems found", page);
        Assert.Matches($"data-grant=\"{Identifier(round.References[0])}\"(?:(?!data-grant).)*data-column=\"Title\"", page.ReplaceLineEndings(" "));
        Assert.Contains("sam.patel@example.org", page);
        Assert.Contains($"/applications/{round.References[0]}\"", page);
    }

    [Fact]
    public async Task Page_GroupWhosePostcodeIsAHomeAddress_IsNamedAsLeftOut()
    {
        var page = await round.Manager.GetStringAsync(new Uri(Page, UriKind.Relative));

        Assert.Matches($"id=\"postcodes-left-out\">\\s*<li>{round.HomeGroup}</li>", page);
    }

    [Fact]
    public async Task Xlsx_HasGrantsAndMetaSheets_WithOneTypedRowPerAward()
    {
        var awards = await AwardsAsync();

        using var response = await round.Manager.GetAsync(new Uri($"{Page}?handler=Xlsx", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"{Moderating.Round}-360giving.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        using var workbook = new XLWorkbook(await response.Content.ReadAsStreamAsync());
        Assert.Equal(["grants", "meta"], workbook.Worksheets.Select(sheet => sheet.Name));
        var grants = workbook.Worksheet("grants");
        Assert.Equal(ThreeSixtyGiving.Columns, Enumerable.Range(1, ThreeSixtyGiving.Columns.Count).Select(column => grants.Cell(1, column).GetString()));
        Assert.Equal(awards.Count + 1, grants.LastRowUsed().RowNumber());
        Assert.Equal(1, grants.SheetView.SplitRow);
        int Column(string title) => ThreeSixtyGiving.Columns.ToList().IndexOf(title) + 1;
        foreach (var reference in awards.Keys)
        {
            var row = grants.RowsUsed().Single(row => row.Cell(1).GetString() == Identifier(reference));
            var awarded = row.Cell(Column("Amount Awarded"));
            Assert.Equal(XLDataType.Number, awarded.DataType);
            Assert.Equal(awards[reference].Awarded, awarded.GetValue<decimal>());
            Assert.Equal(awards[reference].Requested, row.Cell(Column("Amount Applied For")).GetValue<decimal>());
            Assert.Equal(XLDataType.DateTime, row.Cell(Column("Award Date")).DataType);
            Assert.Equal(FairFundFactory.Start.Date, row.Cell(Column("Award Date")).GetDateTime());
            Assert.Equal(XLDataType.DateTime, row.Cell(Column("Planned Dates:Start Date")).DataType);
            Assert.Equal(12, row.Cell(Column("Planned Dates:Duration (months)")).GetValue<int>());
            Assert.Equal("GBP", row.Cell(Column("Currency")).GetString());
            Assert.Equal("Yes", row.Cell(Column("From An Open Call?")).GetString());
            Assert.EndsWith($"/rounds/{Moderating.Round}/results", row.Cell(Column("Data Source")).GetString(), StringComparison.Ordinal);
        }
        var meta = workbook.Worksheet("meta");
        var fields = meta.RowsUsed().ToDictionary(row => row.Cell(1).GetString(), row => row.Cell(2).GetString());
        Assert.Equal("1.4", fields["Version"]);
        Assert.Contains("Coventry and Warwickshire Mental Health Alliance", fields["Publisher:Name"]);
        Assert.Contains(Moderating.Round, fields["Description"]);
        Assert.Equal("2027-03-01T09:30:00Z", fields["Issued"]);
        Assert.True(fields.ContainsKey("License"));
    }

    [Fact]
    public async Task Xlsx_TextThatLooksLikeAFormula_IsKeptAsText()
    {
        using var workbook = new XLWorkbook(await round.Manager.GetStreamAsync(new Uri($"{Page}?handler=Xlsx", UriKind.Relative)));

        var title = workbook.Worksheet("grants").RowsUsed().Single(row => row.Cell(1).GetString() == Identifier(round.References[2])).Cell(2);

        Assert.False(title.HasFormula);
        Assert.Equal(DecidedRoundWithFlaws.FormulaTitle, title.GetString());
    }

    [Fact]
    public async Task Csv_ParsesBack_WithTheHeaderOneRowPerAwardAndQuotedText()
    {
        var awards = await AwardsAsync();

        using var response = await round.Manager.GetAsync(new Uri($"{Page}?handler=Csv", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"{Moderating.Round}-360giving.csv", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.NotEqual(0xEF, bytes[0]);
        var text = Encoding.UTF8.GetString(bytes);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        var rows = Rfc4180.Parse(text);
        Assert.Equal(ThreeSixtyGiving.Columns, rows[0]);
        Assert.Equal(awards.Count, rows.Count - 1);
        int Column(string title) => ThreeSixtyGiving.Columns.ToList().IndexOf(title);
        var quoted = rows.Single(row => row[0] == Identifier(round.References[1]));
        // Published text is cleaned on the way out, which writes its line breaks as "\n", as answers are stored.
        Assert.Equal(DecidedRoundWithFlaws.QuotedDescription.Replace("\r\n", "\n", StringComparison.Ordinal), quoted[Column("Description")]);
        Assert.Equal(awards[round.References[1]].Awarded.ToString("0.00", CultureInfo.InvariantCulture), quoted[Column("Amount Awarded")]);
        Assert.Equal("2027-03-01", quoted[Column("Award Date")]);
        Assert.Equal("'" + DecidedRoundWithFlaws.FormulaTitle, rows.Single(row => row[0] == Identifier(round.References[2]))[Column("Title")]);
    }

    [Fact]
    public async Task Files_GroupWhosePostcodeIsAHomeAddress_HaveNoPostcode()
    {
        var awards = await AwardsAsync();
        var home = awards[round.References[3]];
        var other = awards[round.References[0]];

        var csv = await round.Manager.GetStringAsync(new Uri($"{Page}?handler=Csv", UriKind.Relative));
        using var workbook = new XLWorkbook(await round.Manager.GetStreamAsync(new Uri($"{Page}?handler=Xlsx", UriKind.Relative)));

        var postcode = ThreeSixtyGiving.Columns.ToList().IndexOf("Recipient Org:Postal Code");
        var rows = Rfc4180.Parse(csv);
        Assert.Equal("", rows.Single(row => row[0] == Identifier(round.References[3]))[postcode]);
        Assert.Equal(other.Postcode, rows.Single(row => row[0] == Identifier(round.References[0]))[postcode]);
        var sheet = workbook.Worksheet("grants");
        Assert.True(sheet.RowsUsed().Single(row => row.Cell(1).GetString() == Identifier(round.References[3])).Cell(postcode + 1).IsEmpty());
        Assert.Equal(home.Group, rows.Single(row => row[0] == Identifier(round.References[3]))[ThreeSixtyGiving.Columns.ToList().IndexOf("Recipient Org:Name")]);
    }

    [Theory]
    [InlineData(SignedInClient.Applicant, "")]
    [InlineData(SignedInClient.Applicant, "?handler=Csv")]
    [InlineData(null, "")]
    [InlineData(null, "?handler=Xlsx")]
    public async Task Get_NotAFundManager_IsRefused(string? person, string handler)
    {
        using var client = person is null ? SignedInClient.Anonymous(round.Factory) : await SignedInClient.As(round.Factory, person);

        using var response = await client.GetAsync(new Uri(Page + handler, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(person is null ? "/account/sign-in" : "/account/access-denied", response.Headers.Location!.AbsolutePath);
    }
}

/// <summary>The open data page before a round is decided, and for a round with nothing wrong.</summary>
public sealed class OpenDataPageStateTests(SharedFairFundApp app) : IClassFixture<SharedFairFundApp>
{
    private const string Page = $"/fund/rounds/{Moderating.Round}/open-data";
    private readonly FairFundFactory _factory = app.ForNextTest();

    [Theory]
    [InlineData("")]
    [InlineData("?handler=Xlsx")]
    [InlineData("?handler=Csv")]
    public async Task Get_RoundInModeration_IsNotFound(string handler)
    {
        var (_, manager) = await Moderating.InModerationAsync(_factory, 2, members: 2, (_, _) => [4, 4, 4, 4]);

        using var response = await manager.GetAsync(new Uri(Page + handler, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var roundPage = await manager.GetStringAsync(new Uri(Moderating.RoundPage, UriKind.Relative));
        Assert.DoesNotContain("/open-data", roundPage);
    }

    [Fact]
    public async Task Get_UnknownRound_IsNotFound()
    {
        using var manager = await SignedInClient.As(_factory, SignedInClient.Manager);

        using var response = await manager.GetAsync(new Uri("/fund/rounds/NO-SUCH-ROUND/open-data", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Page_DecidedRoundWithCleanData_SaysNoProblemsFoundAndIsLinkedFromTheRound()
    {
        var (_, manager) = await Moderating.InModerationAsync(_factory, 2, members: 2, (_, _) => [4, 4, 4, 4]);
        await Moderating.ApproveAsync(manager);

        var page = await manager.GetStringAsync(new Uri(Page, UriKind.Relative));

        Assert.Contains("id=\"no-problems\"", page);
        Assert.DoesNotContain("id=\"problem-list\"", page);
        var roundPage = await manager.GetStringAsync(new Uri(Moderating.RoundPage, UriKind.Relative));
        Assert.Contains($"href=\"{Page}\"", roundPage);
    }
}

/// <summary>Reads CSV as RFC 4180 writes it: fields in double quotes may hold commas, line breaks and doubled quotes.</summary>
internal static class Rfc4180
{
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
                i++;
            }
            else field.Append(c);
        }
        Assert.Empty(row);
        return rows;
    }
}
