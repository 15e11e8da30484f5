using System.Net;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using FairFund.Domain.Grants;
using FairFund.Domain.Scoring;
using FairFund.Tests.Web.Apply;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Grants;

/// <summary>
/// The round's outcomes at a glance, on the fund manager's page, in its CSV and in the allocation workbook's Outcomes
/// sheet: two grants, the demo group's under way with its first payment made and its mid-year report accepted, the
/// other group's accepted with the same indicator worded differently. Every figure is checked against sums read from
/// the database, and the group's words reach the files as text, never as a formula.
/// </summary>
public sealed partial class RoundOutcomesPageTests : IDisposable
{
    private readonly FairFundFactory factory = new() { RunRoundClock = false };

    public void Dispose() => factory.Dispose();

    private static readonly string OutcomesPage = $"/fund/rounds/{GrantOffers.Round}/outcomes";

    /// <summary>What the demo group says changed: it begins like a spreadsheet formula.</summary>
    private const string FormulaLikeWords = "=HYPERLINK(\"http://evil.example\",\"Walkers\") meet every week now.";

    /// <summary>The two grants as described above; returns the fund manager's client.</summary>
    private async Task<HttpClient> TwoGrantsAsync()
    {
        var (manager, group) = await GrantJourney.ActiveAsync(factory);
        group.Dispose();
        factory.Clock.Advance(TimeSpan.FromDays(1));
        using (var paid = await GrantJourney.MarkPaidAsync(manager, 1, new() { ["Input.Reference"] = "BACS-0001" }))
            Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        await factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var now = factory.Clock.GetUtcNow();
            var other = await db.Grants.SingleAsync(g => g.Reference == GrantOffers.Other);
            other.Accept(new Acceptance(new Signatory("David Lowe", "Chair", UkCalendar.DateOf(now), true),
                [new Outcome("Less loneliness", [new Indicator("PEOPLE who say they feel less  alone", "People", 10), new Indicator("Befriending visits", "visits", 100)])],
                BankDetails.Parse("Southam Befriending Network", "40-11-22", "87654321").Details!), now, GrantOffers.OtherMember);
            var own = await db.Grants.SingleAsync(g => g.Reference == GrantOffers.Own);
            own.SendReport(2, new ReportContent([[12]], FormulaLikeWords, "Walkers chose the routes.", [400m, 300m], ""), now, SignedInClient.Applicant);
            own.AcceptReport(2, now.AddHours(1), SignedInClient.Manager);
            await db.SaveChangesAsync();
        });
        return manager;
    }

    private Task<List<Grant>> StoredGrantsAsync() =>
        factory.WithScopeAsync(async services => await services.GetRequiredService<FairFundDbContext>().Grants.AsNoTracking().ToListAsync());

    private static string Figure(string html, string figure) =>
        WebUtility.HtmlDecode(Assert.Single(Regex.Matches(html, $"data-figure=\"{figure}\">([^<]*)<")).Groups[1].Value).Trim();

    [Fact]
    public async Task Page_TwoGrantsUnderWay_ShowsTheSumsTheDatabaseHolds()
    {
        using var manager = await TwoGrantsAsync();
        var grants = await StoredGrantsAsync();

        var page = await manager.GetStringAsync(new Uri(OutcomesPage, UriKind.Relative));

        var paidPayments = grants.SelectMany(g => g.Payments).Where(p => p.PaidOn is not null).ToList();
        Assert.Single(paidPayments);
        Assert.Equal(Money.Pounds(grants.Sum(g => g.Amount)), Figure(page, "offered"));
        Assert.Equal(Money.Pounds(grants.Where(g => g.State is GrantState.Accepted or GrantState.Active).Sum(g => g.Amount)), Figure(page, "accepted"));
        Assert.Equal(Money.Pounds(paidPayments.Sum(p => p.Amount)), Figure(page, "paid"));
        Assert.Equal("£750", Figure(page, "paid"));
        Assert.Equal(Money.Pounds(grants.Sum(g => g.Closure?.Returned ?? 0m)), Figure(page, "returned"));
        var reports = grants.SelectMany(g => g.Reports).ToList();
        Assert.Equal(4, reports.Count);
        Assert.Equal(reports.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Figure(page, "expected"));
        Assert.Equal(reports.Count(r => r.Versions.Count > 0).ToString(System.Globalization.CultureInfo.InvariantCulture), Figure(page, "received"));
        Assert.Equal(reports.Count(r => r.State == ReportState.Accepted).ToString(System.Globalization.CultureInfo.InvariantCulture), Figure(page, "accepted-reports"));
        Assert.Equal("0", Figure(page, "due"));

        // Both groups count people who feel less alone: one row, their targets added up, the one accepted report's figure.
        var decoded = WebUtility.HtmlDecode(page);
        var lessAlone = Regex.Match(decoded, "<tr class=\"govuk-table__row\" data-indicator=\"People who say they feel less alone\">(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        var targets = grants.SelectMany(g => g.Outcomes).SelectMany(o => o.Indicators).Where(i => i.Unit.Equals("people", StringComparison.OrdinalIgnoreCase)).Sum(i => i.Target);
        Assert.Equal("2", Figure(lessAlone, "grants"));
        Assert.Equal(targets.ToString(System.Globalization.CultureInfo.InvariantCulture), Figure(lessAlone, "target"));
        Assert.Equal("50", Figure(lessAlone, "target"));
        var achieved = grants.SelectMany(g => g.Reports).Where(r => r.State == ReportState.Accepted).Sum(r => r.Versions[^1].Content.Achieved[0][0]);
        Assert.Equal(achieved?.ToString(System.Globalization.CultureInfo.InvariantCulture), Figure(lessAlone, "achieved"));
        Assert.Contains("12 of 40 aimed for by the 1 grant reporting (30%)", lessAlone, StringComparison.Ordinal);
        Assert.Contains("data-indicator=\"Befriending visits\"", decoded, StringComparison.Ordinal);
        Assert.Contains(FormulaLikeWords, decoded, StringComparison.Ordinal);
        Assert.DoesNotContain("87654321", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_ForAnApplicant_IsNotShown()
    {
        using var group = await SignedInClient.As(factory, SignedInClient.Applicant);

        using var response = await group.GetAsync(new Uri(OutcomesPage, UriKind.Relative));

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("Outcomes at a glance", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_TwoGrantsUnderWay_ParsesToTheDatabaseSumsWithTheFormulaMadePlainText()
    {
        using var manager = await TwoGrantsAsync();
        var grants = await StoredGrantsAsync();
        var page = await manager.GetStringAsync(new Uri(OutcomesPage, UriKind.Relative));
        var link = WebUtility.HtmlDecode(Regex.Match(Regex.Match(page, "<a[^>]*id=\"outcomes-csv\"[^>]*>").Value, "href=\"([^\"]+)\"").Groups[1].Value);
        Assert.Equal(OutcomesPage + "?handler=Csv", link);

        using var file = await manager.GetAsync(new Uri(link, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("text/csv", file.Content.Headers.ContentType?.MediaType);
        var lines = ParseCsv(await file.Content.ReadAsStringAsync());
        var header = lines[0];
        Assert.Equal(12, header.Count);
        Assert.All(lines, line => Assert.Equal(header.Count, line.Count));
        string Cell(List<string> line, string column) => line[header.IndexOf(column)];
        List<string> Line(string section, string item) => Assert.Single(lines, line => line[0] == section && line[1] == item);

        var inv = System.Globalization.CultureInfo.InvariantCulture;
        Assert.Equal(grants.Sum(g => g.Amount), decimal.Parse(Cell(Line("Money", "Offered"), "Value"), inv));
        Assert.Equal(grants.SelectMany(g => g.Payments).Where(p => p.PaidOn is not null).Sum(p => p.Amount), decimal.Parse(Cell(Line("Money", "Paid"), "Value"), inv));
        Assert.Equal(750m, decimal.Parse(Cell(Line("Money", "Paid"), "Value"), inv));
        Assert.Equal(grants.SelectMany(g => g.Reports).Count(r => r.Versions.Count > 0), int.Parse(Cell(Line("Reports", "Received"), "Value"), inv));
        var lessAlone = Line("Indicator", "People who say they feel less alone");
        Assert.Equal(("people", "12", "2", "50", "1", "40"),
            (Cell(lessAlone, "Unit"), Cell(lessAlone, "Value"), Cell(lessAlone, "Grants"), Cell(lessAlone, "Target"), Cell(lessAlone, "Grants reporting"), Cell(lessAlone, "Target of grants reporting")));
        var words = Assert.Single(lines, line => line[0] == "What changed");
        Assert.Equal(("Report accepted", "Foleshill Peer Support", GrantOffers.Own, "Mid-year report"), (words[1], Cell(words, "Group"), Cell(words, "Grant"), Cell(words, "Report")));
        // A leading quote mark, so a spreadsheet shows the words rather than running them.
        Assert.Equal("'" + FormulaLikeWords, Cell(words, "What changed for people"));
    }

    [Fact]
    public async Task Workbook_TwoGrantsUnderWay_HasAnOutcomesSheetWithTheDatabaseSums()
    {
        using var manager = await TwoGrantsAsync();
        var grants = await StoredGrantsAsync();

        using var file = await manager.GetAsync(new Uri($"/fund/rounds/{GrantOffers.Round}/workbook", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        using var workbook = new XLWorkbook(await file.Content.ReadAsStreamAsync());
        var sheet = workbook.Worksheet("Outcomes");
        var money = sheet.Table("OutcomesMoney").DataRange.Rows().ToDictionary(row => row.Cell(1).GetString(), row => row.Cell(2));
        Assert.Equal(grants.Sum(g => g.Amount), money["Money offered"].GetValue<decimal>());
        Assert.Equal(grants.SelectMany(g => g.Payments).Where(p => p.PaidOn is not null).Sum(p => p.Amount), money["Money paid"].GetValue<decimal>());
        Assert.Equal(750m, money["Money paid"].GetValue<decimal>());
        Assert.Equal(grants.SelectMany(g => g.Reports).Count(), money["Reports expected"].GetValue<int>());
        Assert.Equal(1, money["Reports accepted"].GetValue<int>());

        var indicators = sheet.Table("OutcomesIndicators");
        var lessAlone = Assert.Single(indicators.DataRange.Rows(), row => row.Field("What is counted").GetString() == "People who say they feel less alone");
        Assert.Equal((2, 50, 1, 40, 12),
            (lessAlone.Field("Grants").GetValue<int>(), lessAlone.Field("Target").GetValue<int>(), lessAlone.Field("Grants reporting").GetValue<int>(),
             lessAlone.Field("Target of grants reporting").GetValue<int>(), lessAlone.Field("Achieved").GetValue<int>()));
        Assert.Equal(2, indicators.DataRange.RowCount());

        var words = Assert.Single(sheet.Table("OutcomesWords").DataRange.Rows());
        var said = words.Field("What changed for people");
        Assert.Equal(FormulaLikeWords, said.GetString());
        Assert.False(said.HasFormula);
        Assert.Equal(("Foleshill Peer Support", GrantOffers.Own), (words.Field("Group").GetString(), words.Field("Grant").GetString()));
        Assert.True(words.Field("Report accepted").GetBoolean());
    }

    /// <summary>RFC 4180, as a spreadsheet reads it: quoted fields may hold commas, doubled quotes and line breaks.</summary>
    private static List<List<string>> ParseCsv(string text)
    {
        var lines = new List<List<string>>();
        var line = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var at = 0; at < text.Length; at++)
        {
            var c = text[at];
            if (quoted)
            {
                if (c == '"' && at + 1 < text.Length && text[at + 1] == '"') { field.Append('"'); at++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { line.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && at + 1 < text.Length && text[at + 1] == '\n')
            {
                line.Add(field.ToString());
                field.Clear();
                lines.Add(line);
                line = [];
                at++;
            }
            else field.Append(c);
        }
        Assert.Empty(line);
        Assert.Equal(0, field.Length);
        return lines;
    }
}
