using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using FairFund.Domain.Applications;
using FairFund.Domain.Organisations;
using static FairFund.Tests.Web.Fund.ApplicationListSeed;

namespace FairFund.Tests.Web.Fund;

/// <summary>
/// The round's list of applications, from the day it opens: counts, drafts' progress, search, filters, order, pages
/// and the exports, each asked through the page's own search form and checked against what was seeded.
/// </summary>
public sealed partial class ApplicationListPageTests(SharedFairFundApp app) : IClassFixture<SharedFairFundApp>
{
    private readonly FairFundFactory _factory = app.ForNextTest();

    [Fact]
    public async Task Get_OpenRound_CountsEveryStageAndShowsHowFarEachDraftHasGot()
    {
        var seeded = await SeedAsync(_factory, 10);
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);

        var page = await client.GetStringAsync(new Uri(ListPage, UriKind.Relative));

        Assert.Contains($"id=\"count-drafts\">{seeded.Count(a => a.State == ApplicationState.Draft)}<", page);
        Assert.Contains($"id=\"count-sent\">{seeded.Count(a => a.State == ApplicationState.Submitted)}<", page);
        Assert.Contains($"id=\"count-withdrawn\">{seeded.Count(a => a.State == ApplicationState.Withdrawn)}<", page);
        Assert.Contains("id=\"count-eligible\">0<", page);
        Assert.Contains("id=\"count-all\">10<", page);
        var drafts = seeded.Where(a => a.State == ApplicationState.Draft).Select(a => (a.Complete, Progress: ProgressIn(RowOf(page, a.Reference)))).ToList();
        // Every draft is measured against the same form; one ready to send has got further than one only begun.
        Assert.Single(drafts.Select(draft => draft.Progress.Of).Distinct());
        Assert.True(drafts[0].Progress.Of > 1);
        var furthestBegun = drafts.Where(draft => !draft.Complete).Max(draft => draft.Progress.Completed);
        Assert.All(drafts.Where(draft => draft.Complete), draft => Assert.True(draft.Progress.Completed > furthestBegun, $"{draft.Progress.Completed} of {draft.Progress.Of}"));
        foreach (var sent in seeded.Where(a => a.State != ApplicationState.Draft))
            Assert.DoesNotContain("data-progress", RowOf(page, sent.Reference));
    }

    [Fact]
    public async Task RoundPage_OpenRound_LinksToTheApplications()
    {
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);

        var page = await client.GetStringAsync(new Uri($"/fund/rounds/{Round}", UriKind.Relative));

        Assert.Contains($"href=\"{ListPage}\"", page);
    }

    public static TheoryData<string, string> Filters => new()
    {
        { "state", nameof(ApplicationState.Draft) },
        { "state", nameof(ApplicationState.Withdrawn) },
        { "band", "micro" },
        { "band", "small" },
        { "band", "medium" },
        { "area", "B" },
        { "area", "ba" },
        { "area", "CV47" },
        { "area", "CV1 1" },
        { "flag", KnownFlags.Unregistered },
        { "flag", KnownFlags.LivedExperienceLed },
        { "amountFrom", "amount-from" },
        { "amountTo", "amount-to" },
        { "search", "50%" },
        { "search", "9012" },
        { "search", "ba11aa" },
        { "search", "LISTED GROUP 1" },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task SearchForm_OneFilter_ListsExactlyTheMatchingApplications(string field, string value)
    {
        var seeded = await SeedAsync(_factory, 24);
        var minimum = seeded.Min(a => a.Amount);
        // Amount limits sit between seeded amounts, and on one exactly, so both ends of the range are checked.
        value = value switch { "amount-from" => Pounds(minimum + 1_000m), "amount-to" => Pounds(minimum + 700m), _ => value };
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);

        var listed = await ReferencesListedAsync(client, new Dictionary<string, string> { [field] = value });

        var expected = seeded.Where(Expected(field, value)).Select(a => a.Reference).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);
        Assert.NotEqual(seeded.Count, expected.Count);
        Assert.Equal(expected, listed);
    }

    [Fact]
    public async Task SearchForm_SeveralFilters_ListsOnlyApplicationsMatchingAllOfThem()
    {
        var seeded = await SeedAsync(_factory, 24);
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);

        var listed = await ReferencesListedAsync(client, new Dictionary<string, string> { ["area"] = "CV", ["band"] = "medium", ["state"] = nameof(ApplicationState.Submitted) });

        var expected = seeded.Where(a => a.Postcode.StartsWith("CV", StringComparison.Ordinal) && a.Income >= 100_000m && a.Income < 1_000_000m && a.State == ApplicationState.Submitted)
            .Select(a => a.Reference).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, listed);
    }

    [Fact]
    public async Task SearchForm_SortByAmountLargestFirst_PagesOfFiftyHoldEveryApplicationOnceInOrder()
    {
        var seeded = await SeedAsync(_factory, 61);
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);
        var first = await client.GetStringAsync(new Uri(ListPage, UriKind.Relative));
        var address = PageForms.FindGet(first, ListPage, "filters").QueryAddress(new Dictionary<string, string> { ["sort"] = "Amount", ["order"] = "desc" });

        var pageOne = await client.GetStringAsync(address);
        var next = WebUtility.HtmlDecode(NextPage().Match(pageOne).Groups[1].Value);
        var pageTwo = await client.GetStringAsync(new Uri(ListPage + next, UriKind.Relative));

        Assert.Equal(50, ReferencesOn(pageOne).Count);
        Assert.Contains("Page 1 of 2", pageOne);
        Assert.Contains("Page 2 of 2", pageTwo);
        var expected = seeded.OrderByDescending(a => a.Amount).Select(a => a.Reference).ToList();
        Assert.Equal(expected, [.. ReferencesOn(pageOne), .. ReferencesOn(pageTwo)]);
    }

    [Fact]
    public async Task Downloads_FilteredList_CsvAndXlsxHoldExactlyTheListedApplicationsWithContacts()
    {
        var seeded = await SeedAsync(_factory, 24);
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);
        var first = await client.GetStringAsync(new Uri(ListPage, UriKind.Relative));
        var filtered = await client.GetStringAsync(PageForms.FindGet(first, ListPage, "filters").QueryAddress(new Dictionary<string, string> { ["area"] = "CV", ["sort"] = "Group" }));
        var listed = ReferencesOn(filtered);
        Assert.NotEmpty(listed);

        var csvResponse = await client.GetAsync(new Uri(WebUtility.HtmlDecode(DownloadLink("csv").Match(filtered).Groups[1].Value), UriKind.Relative));
        var xlsxResponse = await client.GetAsync(new Uri(WebUtility.HtmlDecode(DownloadLink("xlsx").Match(filtered).Groups[1].Value), UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        var csv = CsvRows(Encoding.UTF8.GetString(await csvResponse.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF'));
        Assert.Equal(["Reference", "Group", "Postcode", "Income band", "Amount requested", "Status", "Progress", "Sent (UK time)", "Contacts"], csv[0]);
        Assert.Equal(listed, [.. csv.Skip(1).Select(row => row[0])]);

        using var workbook = new XLWorkbook(await xlsxResponse.Content.ReadAsStreamAsync());
        var table = workbook.Worksheet("Applications").Table("Applications");
        var rows = table.DataRange.Rows().ToList();
        Assert.Equal(listed, [.. rows.Select(row => row.Field("Reference").GetString())]);

        foreach (var application in seeded.Where(a => listed.Contains(a.Reference)))
        {
            var number = int.Parse(application.Reference[^4..], CultureInfo.InvariantCulture) - 9000;
            var csvRow = csv.Single(row => row[0] == application.Reference);
            Assert.Equal((application.GroupName, application.Postcode, application.Amount.ToString("0.00", CultureInfo.InvariantCulture), Labels.ForStaff(application.State)),
                (csvRow[1], csvRow[2], csvRow[4], csvRow[5]));
            Assert.Contains($"contact{number}@listed.fairfund.test", csvRow[8]);
            var xlsxRow = rows.Single(row => row.Field("Reference").GetString() == application.Reference);
            Assert.Equal((application.GroupName, application.Postcode, application.Amount, Labels.ForStaff(application.State)),
                (xlsxRow.Field("Group").GetString(), xlsxRow.Field("Postcode").GetString(), xlsxRow.Field("Amount requested").GetValue<decimal>(), xlsxRow.Field("Status").GetString()));
            Assert.Contains($"contact{number}@listed.fairfund.test", xlsxRow.Field("Contacts").GetString());
            Assert.Equal(csvRow[6], xlsxRow.Field("Progress").GetString());
        }
    }

    public static TheoryData<string, string, string> BadFilters => new()
    {
        { "amountFrom", "lots", "amountFrom" },
        { "amountTo", "-5", "amountTo" },
        { "area", "Coventry", "area" },
        { "band", "enormous", "band" },
        { "search", new string('x', 101), "search" },
        { "pageNumber", "0", "pageNumber" },
        { "pageNumber", "two", "pageNumber" },
        { "sort", "Secret", "sort" },
        { "state", "7", "state" },
    };

    [Theory]
    [MemberData(nameof(BadFilters))]
    public async Task Get_FilterThatCannotBeUsed_SaysWhereAndWhatWithoutAnError500(string field, string value, string fieldId)
    {
        await SeedAsync(_factory, 3);
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);

        using var response = await client.GetAsync(new Uri($"{ListPage}?{field}={Uri.EscapeDataString(value)}", UriKind.Relative));
        using var csv = await client.GetAsync(new Uri($"{ListPage}?handler=Csv&{field}={Uri.EscapeDataString(value)}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("There is a problem", page);
        Assert.Contains($"href=\"#{fieldId}\"", page);
        Assert.DoesNotContain("data-reference=", page);
        Assert.Equal("text/html", csv.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Get_AmountFromAboveAmountTo_IsRefusedAtTheLargestAmount()
    {
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);

        var page = await client.GetStringAsync(new Uri($"{ListPage}?amountFrom=5000&amountTo=100", UriKind.Relative));

        Assert.Contains("href=\"#amountTo\"", page);
        Assert.Contains("£5,000 or more", page);
    }

    [Fact]
    public async Task Get_ApplicantOrUnknownRound_IsRefused()
    {
        using var applicant = await SignedInClient.As(_factory, SignedInClient.Applicant);
        using var manager = await SignedInClient.As(_factory, SignedInClient.Manager);

        using var asApplicant = await applicant.GetAsync(new Uri(ListPage, UriKind.Relative));
        using var asApplicantCsv = await applicant.GetAsync(new Uri($"{ListPage}?handler=Csv", UriKind.Relative));
        using var unknown = await manager.GetAsync(new Uri("/fund/rounds/NO-SUCH-ROUND/applications", UriKind.Relative));

        Assert.NotEqual(HttpStatusCode.OK, asApplicant.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, asApplicantCsv.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private static Func<SeededListApplication, bool> Expected(string field, string value) => (field, value) switch
    {
        ("state", _) => a => a.State.ToString() == value,
        ("band", "micro") => a => a.Income < 10_000m,
        ("band", "small") => a => a.Income >= 10_000m && a.Income < 100_000m,
        ("band", "medium") => a => a.Income >= 100_000m && a.Income < 1_000_000m,
        ("area", "B") => a => a.Postcode == "B1 1AA",
        ("area", "ba") => a => a.Postcode == "BA1 1AA",
        ("area", "CV47") => a => a.Postcode == "CV47 0AB",
        ("area", "CV1 1") => a => a.Postcode == "CV1 1AA",
        ("flag", KnownFlags.Unregistered) => a => a.Type == OrganisationType.UnregisteredGroup,
        ("flag", KnownFlags.LivedExperienceLed) => a => a.LivedExperienceLed,
        ("amountFrom", _) => a => a.Amount >= decimal.Parse(value.TrimStart('£').Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture),
        ("amountTo", _) => a => a.Amount <= decimal.Parse(value.TrimStart('£').Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture),
        ("search", "50%") => a => a.GroupName.Contains("50%", StringComparison.Ordinal),
        ("search", "9012") => a => a.Reference.Contains("9012", StringComparison.Ordinal),
        ("search", "ba11aa") => a => a.Postcode == "BA1 1AA",
        ("search", "LISTED GROUP 1") => a => a.GroupName.StartsWith("Listed group 1", StringComparison.Ordinal),
        _ => throw new ArgumentException($"No expectation for {field}={value}"),
    };

    private static async Task<List<string>> ReferencesListedAsync(HttpClient client, Dictionary<string, string> changes)
    {
        var first = await client.GetStringAsync(new Uri(ListPage, UriKind.Relative));
        using var response = await client.GetAsync(PageForms.FindGet(first, ListPage, "filters").QueryAddress(changes));
        var page = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, page[..Math.Min(page.Length, 3000)]);
        Assert.DoesNotContain("There is a problem", page);
        return ReferencesOn(page);
    }

    private static string Pounds(decimal amount) => amount.ToString("#,0.00", CultureInfo.InvariantCulture);

    private static List<string> ReferencesOn(string page) => [.. Reference().Matches(page).Select(match => match.Groups[1].Value)];

    private static string RowOf(string page, string reference)
    {
        var start = page.IndexOf($"data-reference=\"{reference}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"{reference} is not listed");
        return page[start..page.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    private static (int Completed, int Of) ProgressIn(string row)
    {
        var match = Progress().Match(row);
        Assert.True(match.Success, "The row shows no progress");
        return (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>RFC 4180 rows: quoted fields may hold commas, quotes (doubled) and line breaks.</summary>
    private static List<string[]> CsvRows(string text)
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
            else if (c == '\r') { }
            else if (c == '\n') { row.Add(field.ToString()); field.Clear(); rows.Add([.. row]); row.Clear(); }
            else field.Append(c);
        }
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add([.. row]); }
        return rows;
    }

    private static Regex DownloadLink(string kind) => new($"id=\"download-{kind}\" href=\"([^\"]+)\"");

    [GeneratedRegex("data-reference=\"([^\"]+)\"")]
    private static partial Regex Reference();

    [GeneratedRegex(@"data-progress>(\d+) of (\d+) sections completed<")]
    private static partial Regex Progress();

    [GeneratedRegex("href=\"([^\"]+)\" rel=\"next\"")]
    private static partial Regex NextPage();
}
