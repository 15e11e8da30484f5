using System.Net;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using FairFund.Tests.Web.Panel;

namespace FairFund.Tests.Web.Fund;

/// <summary>
/// The fund manager's workbook download on a real database: the demo round in moderation with 12 applications
/// reviewed by 3 members, checked against the moderation page, with and without the panel members' names.
/// </summary>
public sealed partial class WorkbookDownloadTests(SharedFairFundApp app) : IClassFixture<SharedFairFundApp>
{
    private const string WorkbookPath = $"/fund/rounds/{Moderating.Round}/workbook";
    private readonly FairFundFactory _factory = app.ForNextTest();

    private static int[]? Scores(int application, int member) =>
        [(application + member) % 5, Math.Min(4, application % 4 + 1), 3, (application * 3 + member) % 5];

    private Task<(PanelRoundSeed Seed, HttpClient Manager)> InModerationAsync() =>
        Moderating.InModerationAsync(_factory, applications: 12, members: 3, Scores);

    private static async Task<XLWorkbook> DownloadAsync(HttpClient client, string path = WorkbookPath)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return new XLWorkbook(new MemoryStream(bytes));
    }

    private static IReadOnlyList<IXLTableRow> Rows(XLWorkbook workbook, string sheet, string table) =>
        [.. workbook.Worksheet(sheet).Table(table).DataRange.Rows()];

    private static IEnumerable<string> EveryText(XLWorkbook workbook) =>
        workbook.Worksheets.SelectMany(sheet => sheet.CellsUsed()).Select(cell => cell.GetString());

    [Fact]
    public async Task Workbook_EquitySheet_HasTheEquityPagesFiguresWithTheGroupsDistricts()
    {
        var (_, manager) = await InModerationAsync();
        var page = await manager.GetStringAsync(new Uri($"/fund/rounds/{Moderating.Round}/equity", UriKind.Relative));

        using var workbook = await DownloadAsync(manager);

        foreach (var dimension in new[] { "incomeBand", "district", "rural", "flag:unregistered" })
        {
            var onPage = FairFund.Tests.Web.Equity.EquityTables.Rows(page, "equity-" + dimension.Replace(':', '-'));
            var inWorkbook = Rows(workbook, "Equity", "Equity_" + dimension.Replace(':', '_')).ToDictionary(row => row.Field("Key").GetString());
            Assert.Equal(onPage.Keys, inWorkbook.Keys);
            foreach (var (key, row) in onPage)
            {
                Assert.Equal(FairFund.Tests.Web.Equity.EquityTables.Count(row["applications"]), inWorkbook[key].Field("Applications").GetValue<int>());
                Assert.Equal(FairFund.Tests.Web.Equity.EquityTables.Count(row["funded"]), inWorkbook[key].Field("Funded").GetValue<int>());
                Assert.Equal(FairFund.Tests.Web.Equity.EquityTables.Pounds(row["awarded"]), inWorkbook[key].Field("Awarded").GetValue<decimal>());
            }
        }
        Assert.Contains("CV47", Rows(workbook, "Equity", "Equity_district").Select(row => row.Field("Key").GetString()));
        manager.Dispose();
    }

    [Fact]
    public async Task Workbook_RoundOpenedWithItsOwnForm_GivesTheHashPublishedAtOpening()
    {
        var (_, manager) = await InModerationAsync();
        var published = await FairFund.Tests.Web.Rounds.PublishedForms.PublishAsync(_factory, Moderating.Round, FairFund.Domain.Forms.ApplicationForm.DemoForm);

        using var workbook = await DownloadAsync(manager);

        var round = Rows(workbook, "Summary", "Round").ToDictionary(row => row.Field("Item").GetString(), row => row.Field("Value"));
        Assert.Equal(published.Sha256, round["Rules hash (SHA-256)"].GetString());
    }

    [Fact]
    public async Task Workbook_InModerationWithAChange_TotalsMatchTheModerationPage_AndTheChangeAndItsReasonAreShown()
    {
        var (_, manager) = await InModerationAsync();
        var before = await manager.GetStringAsync(new Uri(Moderating.ModerationPage, UriKind.Relative));
        var declined = Moderating.RankedRows(before).First(row => row.Decision == "Award");
        using (var change = await Moderating.OverrideAsync(manager, declined.Reference, "Decline", null, null, "The group has since closed."))
            Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
        var page = await manager.GetStringAsync(new Uri(Moderating.ModerationPage, UriKind.Relative));
        var shown = Moderating.RankedRows(page);

        using var response = await manager.GetAsync(new Uri(WorkbookPath, UriKind.Relative));
        Assert.Equal($"{Moderating.Round}-allocation.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        using var workbook = await DownloadAsync(manager);

        var round = Rows(workbook, "Summary", "Round").ToDictionary(row => row.Field("Item").GetString(), row => row.Field("Value"));
        var allocated = shown.Where(row => row.Decision == "Award").Sum(row => row.Amount);
        Assert.Equal(allocated, round["Allocated after moderation"].GetValue<decimal>());
        Assert.Equal(allocated + declined.Amount, round["Allocated by the rules"].GetValue<decimal>());
        Assert.Contains($"id=\"allocated\">{FairFund.Domain.Scoring.Money.Pounds(allocated)}<", page);
        foreach (var pot in Rows(workbook, "Summary", "Pots"))
        {
            var key = pot.Field("Key").GetString();
            Assert.Equal(shown.Where(row => row.Decision == "Award" && row.Pot == key).Sum(row => row.Amount), pot.Field("Allocated after moderation").GetValue<decimal>());
        }

        var allocations = Rows(workbook, "Allocations", "Allocations");
        Assert.Equal(shown.Select(row => row.Reference), allocations.Select(row => row.Field("Reference").GetString()));
        var changed = allocations.Single(row => row.Field("Reference").GetString() == declined.Reference);
        Assert.Equal("Award", changed.Field("Decision by the rules").GetString());
        Assert.Equal(declined.Amount, changed.Field("Amount by the rules").GetValue<decimal>());
        Assert.Equal("Decline", changed.Field("Decision after moderation").GetString());
        Assert.Equal(0m, changed.Field("Amount after moderation").GetValue<decimal>());
        Assert.Equal("Not funded", changed.Field("Change in moderation").GetString());
        Assert.Equal("The group has since closed.", changed.Field("Reason for the change").GetString());
        Assert.Equal(XLDataType.DateTime, changed.Field("Changed on").DataType);
        Assert.Equal(FairFund.Web.UkTime.From(_factory.Clock.GetUtcNow()).Date, changed.Field("Changed on").GetDateTime());

        var trail = Rows(workbook, "Score trail", "ScoreTrail").Where(row => row.Field("Reference").GetString() == declined.Reference).ToList();
        Assert.Equal("Decision", trail[^3].Field("Kind").GetString());
        Assert.Equal(declined.Amount, trail[^3].Field("Value").GetValue<decimal>());
        Assert.Equal("Moderation", trail[^2].Field("Kind").GetString());
        Assert.EndsWith(" to not funded, because: The group has since closed.", trail[^2].Field("What happened").GetString(), StringComparison.Ordinal);
        Assert.Equal(0m, trail[^2].Field("Value").GetValue<decimal>());
        Assert.Equal(("Final decision", "Final decision, after moderation: not funded", 0m),
            (trail[^1].Field("Kind").GetString(), trail[^1].Field("What happened").GetString(), trail[^1].Field("Value").GetValue<decimal>()));
    }

    [Fact]
    public async Task Workbook_ApplicationChangedTwice_ShowsEveryChangeAndReasonInOrder_AndTheTrailEndsWithTheFinalDecision()
    {
        var (_, manager) = await InModerationAsync();
        var before = await manager.GetStringAsync(new Uri(Moderating.ModerationPage, UriKind.Relative));
        var changed = Moderating.RankedRows(before).First(row => row.Decision == "Award");
        var lowered = changed.Amount - 100m;
        using (var lower = await ModerationChangeForm.SubmitAsync(manager, changed.Reference, "ChangeAmount", lowered.ToString(System.Globalization.CultureInfo.InvariantCulture), null, "A: only the first year is ready."))
            Assert.Equal(HttpStatusCode.Redirect, lower.StatusCode);
        _factory.Clock.Advance(TimeSpan.FromHours(2));
        using (var stop = await ModerationChangeForm.SubmitAsync(manager, changed.Reference, "Decline", null, null, "B: the group has since closed."))
            Assert.Equal(HttpStatusCode.Redirect, stop.StatusCode);

        using var workbook = await DownloadAsync(manager);

        var row = Rows(workbook, "Allocations", "Allocations").Single(row => row.Field("Reference").GetString() == changed.Reference);
        Assert.Equal($"1. Amount changed from {Pounds(changed.Amount)} to {Pounds(lowered)}\n2. Not funded", row.Field("Change in moderation").GetString());
        Assert.Equal("1. A: only the first year is ready.\n2. B: the group has since closed.", row.Field("Reason for the change").GetString());
        var trail = Rows(workbook, "Score trail", "ScoreTrail").Where(step => step.Field("Reference").GetString() == changed.Reference).ToList();
        Assert.Equal(["Decision", "Moderation", "Moderation", "Final decision"], trail[^4..].Select(step => step.Field("Kind").GetString()));
        Assert.EndsWith($"changed the award from {FairFund.Domain.Scoring.Money.PoundsAndPence(changed.Amount)} to {FairFund.Domain.Scoring.Money.PoundsAndPence(lowered)}, because: A: only the first year is ready.", trail[^3].Field("What happened").GetString(), StringComparison.Ordinal);
        Assert.EndsWith($"to not funded, because: B: the group has since closed.", trail[^2].Field("What happened").GetString(), StringComparison.Ordinal);
        Assert.Equal([changed.Amount, lowered, 0m, 0m], trail[^4..].Select(step => step.Field("Value").GetValue<decimal>()));
        Assert.Equal("Final decision, after moderation: not funded", trail[^1].Field("What happened").GetString());
    }

    private static string Pounds(decimal amount) => FairFund.Domain.Scoring.Money.Pounds(amount);

    [Fact]
    public async Task Workbook_WithoutNames_HasNoPanelMembersNameOrAddress_WithNamesHasThem()
    {
        var (seed, manager) = await InModerationAsync();

        using var anonymous = await DownloadAsync(manager);
        using var named = await DownloadAsync(manager, WorkbookPath + "?names=true");

        var anonymousText = EveryText(anonymous).ToList();
        foreach (var member in seed.Members)
        {
            var localPart = member.Split('@')[0];
            Assert.DoesNotContain(anonymousText, text => text.Contains(localPart, StringComparison.OrdinalIgnoreCase));
        }
        Assert.DoesNotContain(anonymousText, text => text.Contains("@panel.fairfund.test", StringComparison.OrdinalIgnoreCase) || ReviewerPseudonym().IsMatch(text));
        Assert.Contains("Reviewer 1", anonymousText);

        var namedReviewers = Rows(named, "Reviews", "Reviews").Select(row => row.Field("Reviewer").GetString()).ToHashSet();
        Assert.Equal(seed.Members.ToHashSet(), namedReviewers);
        // The reviews are the same ones, in the same order: only who is shown changes.
        Assert.Equal(
            Rows(anonymous, "Reviews", "Reviews").Select(row => (row.Field("Reference").GetString(), row.Field("Review score (0–100)").GetValue<decimal>())),
            Rows(named, "Reviews", "Reviews").Select(row => (row.Field("Reference").GetString(), row.Field("Review score (0–100)").GetValue<decimal>())));
    }

    [Fact]
    public async Task Workbook_AsAnApplicantOrSignedOut_IsRefused()
    {
        await InModerationAsync();
        using var applicant = await SignedInClient.As(_factory, SignedInClient.Applicant);
        using var panelMember = await SignedInClient.As(_factory, PanelRounds.Member(1));
        using var anonymous = SignedInClient.Anonymous(_factory);

        foreach (var client in new[] { applicant, panelMember })
        {
            using var refused = await client.GetAsync(new Uri(WorkbookPath + "?names=true", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Equal("/account/access-denied", refused.Headers.Location!.AbsolutePath);
        }
        using var signedOut = await anonymous.GetAsync(new Uri(WorkbookPath, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("/account/sign-in", signedOut.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Workbook_BeforeModeration_IsNotFound()
    {
        await PanelRounds.SeedAsync(_factory, applications: 3, members: 2);
        using var manager = await SignedInClient.As(_factory, SignedInClient.Manager);

        using var scoring = await manager.GetAsync(new Uri(WorkbookPath, UriKind.Relative));
        using var unknown = await manager.GetAsync(new Uri("/fund/rounds/NO-SUCH-ROUND/workbook", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, scoring.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task RoundAndModerationPages_LinkToTheWorkbook()
    {
        var (_, manager) = await InModerationAsync();

        var round = await manager.GetStringAsync(new Uri(Moderating.RoundPage, UriKind.Relative));
        var moderation = await manager.GetStringAsync(new Uri(Moderating.ModerationPage, UriKind.Relative));

        Assert.Contains($"href=\"{WorkbookPath}\"", round);
        Assert.Contains($"href=\"{WorkbookPath}\"", moderation);
        Assert.Contains($"href=\"{WorkbookPath}?names=true\"", moderation);
    }

    [GeneratedRegex(@"^reviewer-\d+$")]
    private static partial Regex ReviewerPseudonym();
}
