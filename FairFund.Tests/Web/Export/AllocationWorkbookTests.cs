using System.Text.Json;
using System.Text.Json.Nodes;
using ClosedXML.Excel;
using FairFund.Domain.RoundFiles;
using FairFund.Tests.Domain.Allocation;
using FairFund.Web.Cli;

namespace FairFund.Tests.Web.Export;

/// <summary>
/// The workbook <c>allocate --xlsx</c> writes for the shared Coventry and Warwickshire scenario, read back with
/// ClosedXML and checked against the JSON result written beside it.
/// </summary>
public sealed class AllocationWorkbookTests : IDisposable
{
    private const string Scenario = "coventry-warwickshire-2027";
    // Amounts below zero are written as everywhere else: the minus sign (U+2212) before the pound sign.
    private const string Money = "\"£\"#,##0.00;\"\u2212£\"#,##0.00";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("fairfund-workbook-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string InFolder(string name) => Path.Combine(_folder.FullName, name);

    /// <summary>Runs <c>allocate</c> on a round file's text; returns the workbook and the JSON result.</summary>
    private (XLWorkbook Workbook, JsonElement Result) Allocate(string roundJson)
    {
        var round = InFolder($"round-{Guid.NewGuid():N}.json");
        File.WriteAllText(round, roundJson);
        var (json, xlsx) = (InFolder("result.json"), InFolder("result.xlsx"));
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = AllocateCommand.Run(["allocate", round, "--json", json, "--xlsx", xlsx], output, error);
        Assert.True(exit == 0, error.ToString());
        using var result = JsonDocument.Parse(File.ReadAllText(json));
        return (new XLWorkbook(xlsx), result.RootElement.Clone());
    }

    private (XLWorkbook Workbook, JsonElement Result) AllocateScenario() =>
        Allocate(File.ReadAllText(Path.Combine(ScenarioTests.ScenarioFolder, Scenario + ".round.json")));

    private static IReadOnlyList<IXLTableRow> Rows(XLWorkbook workbook, string sheet, string table) =>
        [.. workbook.Worksheet(sheet).Table(table).DataRange.Rows()];

    private static string Text(IXLTableRow row, string field) => row.Field(field).GetString();

    private static decimal Number(IXLTableRow row, string field) => row.Field(field).GetValue<decimal>();

    [Fact]
    public void Allocate_WithXlsx_HasTheFiveSheetsInOrder_EachWithAFrozenHeaderAndTables()
    {
        var (workbook, _) = AllocateScenario();
        using var _ = workbook;

        Assert.Equal(["Summary", "Allocations", "Score trail", "Reviews", "Rules", "Equity"], workbook.Worksheets.Select(sheet => sheet.Name));
        foreach (var sheet in workbook.Worksheets)
        {
            Assert.Equal(1, sheet.SheetView.SplitRow);
            Assert.NotEmpty(sheet.Tables);
            Assert.Equal(XLPageOrientation.Landscape, sheet.PageSetup.PageOrientation);
            Assert.All(Enumerable.Range(1, sheet.LastColumnUsed().ColumnNumber()), column => Assert.True(sheet.Column(column).Width > 0));
        }
        var tableNames = workbook.Worksheets.SelectMany(sheet => sheet.Tables).Select(table => table.Name).ToList();
        Assert.Equal(tableNames.Count, tableNames.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Allocate_WithXlsx_EachSheetHasItsHeaders()
    {
        var (workbook, _) = AllocateScenario();
        using var _ = workbook;

        string[] Headers(string sheet, string table) => [.. workbook.Worksheet(sheet).Table(table).Fields.Select(field => field.Name)];

        Assert.Equal(["Item", "Value"], Headers("Summary", "Round"));
        Assert.Equal(["Pot", "Key", "Amount", "Rolled over", "Available", "Allocated by the rules", "Allocated after moderation", "Remaining after moderation"], Headers("Summary", "Pots"));
        Assert.Equal(["Decision", "Applications by the rules", "Amount by the rules", "Applications after moderation", "Amount after moderation"], Headers("Summary", "Decisions"));
        Assert.Equal(["Income band", "Applications", "Requested", "Awards", "Awarded", "Waitlisted", "Declined"], Headers("Summary", "IncomeBands"));
        Assert.Equal(
            ["Reference", "Organisation", "Band", "Requested", "Base score", "Final score", "Rank", "Decision by the rules", "Why declined by the rules",
             "Amount by the rules", "Decision after moderation", "Amount after moderation", "Pot after moderation", "Partial", "Change in moderation",
             "Reason for the change", "Changed on", "Lottery key"],
            Headers("Allocations", "Allocations"));
        Assert.Equal(["Reference", "Step", "Kind", "What happened", "Value"], Headers("Score trail", "ScoreTrail"));
        Assert.Equal(
            ["Reference", "Reviewer", "Local need and who benefits (0–4)", "Approach and coproduction (0–4)", "Clear, measurable outcomes (0–4)",
             "Value for money (0–4)", "Review score (0–100)", "Conflict of interest", "Counted"],
            Headers("Reviews", "Reviews"));
        Assert.Equal(["Item", "Value"], Headers("Rules", "Settings"));
        Assert.Equal(["Criterion", "Guidance", "Key", "Weight", "Scale"], Headers("Rules", "Criteria"));
    }

    [Fact]
    public void Allocate_WithXlsx_CellsAreTypedAndFormatted()
    {
        var (workbook, _) = AllocateScenario();
        using var _ = workbook;
        var awarded = Rows(workbook, "Allocations", "Allocations").First(row => Text(row, "Decision after moderation") == "Award");

        Assert.Equal(XLDataType.Text, awarded.Field("Reference").DataType);
        Assert.Equal(XLDataType.Number, awarded.Field("Requested").DataType);
        Assert.Equal(Money, awarded.Field("Requested").Style.NumberFormat.Format);
        Assert.Equal(Money, awarded.Field("Amount after moderation").Style.NumberFormat.Format);
        Assert.Equal(XLDataType.Number, awarded.Field("Final score").DataType);
        Assert.Equal("0.00", awarded.Field("Final score").Style.NumberFormat.Format);
        Assert.Equal("0.00", awarded.Field("Base score").Style.NumberFormat.Format);
        Assert.Equal(XLDataType.Number, awarded.Field("Rank").DataType);
        Assert.Equal(XLDataType.Boolean, awarded.Field("Partial").DataType);
        Assert.Equal("yyyy-mm-dd", awarded.Field("Changed on").Style.NumberFormat.Format);

        var trail = Rows(workbook, "Score trail", "ScoreTrail");
        Assert.Equal(XLDataType.Number, trail[0].Field("Step").DataType);
        var finalScore = trail.First(row => Text(row, "Kind") == "Final score").Field("Value");
        Assert.Equal((XLDataType.Number, "0.00"), (finalScore.DataType, finalScore.Style.NumberFormat.Format));
        var decision = trail.First(row => Text(row, "Kind") == "Decision").Field("Value");
        Assert.Equal((XLDataType.Number, Money), (decision.DataType, decision.Style.NumberFormat.Format));

        var review = Rows(workbook, "Reviews", "Reviews")[0];
        Assert.Equal(XLDataType.Number, review.Field("Value for money (0–4)").DataType);
        Assert.Equal((XLDataType.Number, "0.00"), (review.Field("Review score (0–100)").DataType, review.Field("Review score (0–100)").Style.NumberFormat.Format));
        Assert.Equal(XLDataType.Boolean, review.Field("Counted").DataType);

        var budget = Rows(workbook, "Summary", "Round").Single(row => Text(row, "Item") == "Budget").Field("Value");
        Assert.Equal((XLDataType.Number, Money), (budget.DataType, budget.Style.NumberFormat.Format));
    }

    [Fact]
    public void Write_AnOverspentAllocation_ShowsTheMoneyLeftBelowZeroWithAMinusBeforeThePound()
    {
        // Overrides saved before moderation refused overspending (a database may hold them): every waiting group funded.
        var file = RoundFileReader.Read(File.ReadAllBytes(Path.Combine(ScenarioTests.ScenarioFolder, Scenario + ".round.json"))).File!;
        var computed = file.Allocate();
        var overspent = computed.Applications.Where(application => application.Decision == FairFund.Domain.Allocation.Decision.Waitlist)
            .Select(application => new FairFund.Domain.Moderation.AllocationOverride(Guid.NewGuid(), Guid.Empty, application.Reference,
                FairFund.Domain.Moderation.OverrideKind.Fund, application.Requested, FairFund.Domain.Allocation.RoundSettings.GeneralPotKey,
                "Fund every waiting group.", "manager@example.org", DateTimeOffset.UnixEpoch))
            .ToList();
        Assert.NotEmpty(overspent);
        var moderated = FairFund.Domain.Moderation.Moderation.Apply(computed, overspent, 25m, 12.5m);
        Assert.True(moderated.Remaining < 0, $"not overspent: {moderated.Remaining}");
        using var stream = new MemoryStream();
        FairFund.Web.Export.AllocationWorkbook.Write(new FairFund.Web.Export.WorkbookInput(file.Round, moderated), stream);
        stream.Position = 0;

        using var workbook = new XLWorkbook(stream);
        var remaining = Rows(workbook, "Summary", "Round").Single(row => Text(row, "Item") == "Remaining after moderation").Field("Value");

        // Read back as a number, and shown as a person opening the file sees it: "−£2,500.00", never "£-2,500.00" or "-£2,500.00".
        // ClosedXML 0.95.4's GetFormattedString gives this number unformatted ("-178000"), so the number and its format are
        // rendered together by ExcelNumberFormat, the renderer ClosedXML itself uses, which takes a format's second section
        // for a number below zero as Excel does.
        Assert.Equal(moderated.Remaining, remaining.GetValue<decimal>());
        var shown = new ExcelNumberFormat.NumberFormat(remaining.Style.NumberFormat.Format)
            .Format((double)remaining.GetValue<decimal>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("\u2212£" + (-moderated.Remaining).ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture), shown);
    }

    [Fact]
    public void Allocate_WithXlsx_EquitySheetShowsTheReportAndWhatTheRulesDid()
    {
        var (workbook, result) = AllocateScenario();
        using var _ = workbook;
        var file = RoundFileReader.Read(File.ReadAllBytes(Path.Combine(ScenarioTests.ScenarioFolder, Scenario + ".round.json"))).File!;
        var effect = FairFund.Domain.Equity.WithoutEquityRules.Compare(file.Round, file.Applications);

        var bands = Rows(workbook, "Equity", "Equity_incomeBand").ToDictionary(row => Text(row, "Key"));
        Assert.Equal(file.Applications.Count, Number(bands["all"], "Applications"));
        Assert.Equal(result.GetProperty("allocated").GetDecimal(), Number(bands["all"], "Awarded"));
        Assert.Equal(file.Round.IncomeBands.Bands.Select(band => band.Key).Append("all"), bands.Keys);
        Assert.Equal("0.0%", bands["all"].Field("Share of budget").Style.NumberFormat.Format);

        var moved = Rows(workbook, "Equity", "RulesEffectBands").ToDictionary(row => Text(row, "Income band"));
        foreach (var band in effect.ByBand)
        {
            Assert.Equal(band.AwardedWithRules, Number(moved[band.Group], "Awarded with the rules"));
            Assert.Equal(band.AwardedWithoutRules, Number(moved[band.Group], "Awarded without them"));
            Assert.Equal(band.Moved, Number(moved[band.Group], "Moved by the rules"));
        }
        // What the rules moved adds up to nothing over the bands and the money left unspent.
        Assert.Equal(0m, moved.Values.Sum(row => Number(row, "Moved by the rules")));
        Assert.NotEqual(0m, moved.Values.Sum(row => Math.Abs(Number(row, "Moved by the rules"))));

        var changed = Rows(workbook, "Equity", "RulesChangedDecisions");
        Assert.Equal(effect.Differences.Select(difference => difference.Reference), changed.Select(row => Text(row, "Reference")));
        Assert.Equal(effect.FundedOnlyBecauseOfRules.Count, changed.Count(row => row.Field("Funded only because of the rules").GetBoolean()));
        Assert.Equal(effect.NotFundedBecauseOfRules.Count, changed.Count(row => row.Field("Not funded because of the rules").GetBoolean()));
        Assert.Contains(Rows(workbook, "Equity", "Equity_district"), row => Text(row, "Key") == "notKnown" && Number(row, "Applications") == file.Applications.Count);
    }

    [Fact]
    public void Allocate_WithXlsx_SummaryTotalsEqualTheJsonResult()
    {
        var (workbook, result) = AllocateScenario();
        using var _ = workbook;
        var round = Rows(workbook, "Summary", "Round").ToDictionary(row => Text(row, "Item"), row => row.Field("Value"));

        Assert.Equal(result.GetProperty("allocated").GetDecimal(), round["Allocated by the rules"].GetValue<decimal>());
        Assert.Equal(result.GetProperty("allocated").GetDecimal(), round["Allocated after moderation"].GetValue<decimal>());
        Assert.Equal(result.GetProperty("budget").GetDecimal() - result.GetProperty("allocated").GetDecimal(), round["Remaining after moderation"].GetValue<decimal>());
        var file = RoundFileReader.Read(File.ReadAllBytes(Path.Combine(ScenarioTests.ScenarioFolder, Scenario + ".round.json"))).File!;
        Assert.Equal(result.GetProperty("round").GetString(), round["Reference"].GetString());
        Assert.Equal(FairFund.Domain.Rounds.PublishedRules.Of(file.Round).Sha256, round["Rules hash (SHA-256)"].GetString());
        Assert.Equal(file.Round.Seed, round["Lottery seed"].GetString());

        var pots = Rows(workbook, "Summary", "Pots").ToDictionary(row => Text(row, "Key"));
        foreach (var pot in result.GetProperty("pots").EnumerateArray())
        {
            var row = pots[pot.GetProperty("key").GetString()!];
            Assert.Equal(pot.GetProperty("allocated").GetDecimal(), Number(row, "Allocated by the rules"));
            Assert.Equal(pot.GetProperty("allocated").GetDecimal(), Number(row, "Allocated after moderation"));
            Assert.Equal(pot.GetProperty("amount").GetDecimal(), Number(row, "Amount"));
        }

        var applications = result.GetProperty("applications").EnumerateArray().ToList();
        var decisions = Rows(workbook, "Summary", "Decisions").ToDictionary(row => Text(row, "Decision").ToLowerInvariant());
        foreach (var decision in new[] { "award", "waitlist", "decline" })
        {
            var these = applications.Where(application => application.GetProperty("decision").GetString() == decision).ToList();
            Assert.Equal(these.Count, Number(decisions[decision], "Applications by the rules"));
            Assert.Equal(these.Count, Number(decisions[decision], "Applications after moderation"));
            Assert.Equal(these.Sum(application => application.GetProperty("amount").GetDecimal()), Number(decisions[decision], "Amount after moderation"));
        }
        var bands = Rows(workbook, "Summary", "IncomeBands");
        Assert.Equal(applications.Count, bands.Sum(row => Number(row, "Applications")));
        Assert.Equal(result.GetProperty("allocated").GetDecimal(), bands.Sum(row => Number(row, "Awarded")));
    }

    [Fact]
    public void Allocate_WithXlsx_AllocationsMatchTheJsonResult_AndEveryTrailLeadsToItsFinalScoreAndAmount()
    {
        var (workbook, result) = AllocateScenario();
        using var _ = workbook;
        var allocations = Rows(workbook, "Allocations", "Allocations").ToDictionary(row => Text(row, "Reference"));
        var trails = Rows(workbook, "Score trail", "ScoreTrail").GroupBy(row => Text(row, "Reference")).ToDictionary(group => group.Key, group => group.ToList());

        var applications = result.GetProperty("applications").EnumerateArray().ToList();
        Assert.Equal(applications.Count, allocations.Count);
        foreach (var application in applications)
        {
            var reference = application.GetProperty("reference").GetString()!;
            var row = allocations[reference];
            Assert.Equal(application.GetProperty("decision").GetString(), Text(row, "Decision after moderation").ToLowerInvariant());
            Assert.Equal(application.GetProperty("amount").GetDecimal(), Number(row, "Amount after moderation"));
            Assert.Equal(application.GetProperty("lotteryKey").GetString(), Text(row, "Lottery key"));

            var trail = trails[reference];
            Assert.Equal(Enumerable.Range(1, trail.Count), trail.Select(step => (int)Number(step, "Step")));
            Assert.Equal(application.GetProperty("explanation").EnumerateArray().Select(step => step.GetString()), trail.Select(step => Text(step, "What happened")));
            if (application.GetProperty("finalScore").ValueKind == JsonValueKind.Number)
            {
                var finalScore = trail.Single(step => Text(step, "Kind") == "Final score");
                Assert.Equal(Number(row, "Final score"), Number(finalScore, "Value"));
                Assert.Equal(application.GetProperty("finalScore").GetDecimal(), Number(finalScore, "Value"));
            }
            else Assert.True(row.Field("Final score").IsEmpty());
            var decided = trail[^1];
            Assert.Equal("Decision", Text(decided, "Kind"));
            Assert.Equal(Number(row, "Amount after moderation"), Number(decided, "Value"));
        }
    }

    [Fact]
    public void Allocate_WithXlsx_ReviewsAreNumberedWithinTheirApplication_NeverNamed()
    {
        var (workbook, _) = AllocateScenario();
        using var _ = workbook;
        var reviews = Rows(workbook, "Reviews", "Reviews");

        Assert.Contains(reviews, row => Text(row, "Reviewer") == "Reviewer 1");
        foreach (var application in reviews.GroupBy(row => Text(row, "Reference")))
            Assert.Equal(Enumerable.Range(1, application.Count()).Select(n => $"Reviewer {n}"), application.Select(row => Text(row, "Reviewer")));
        var everyCell = workbook.Worksheets.SelectMany(sheet => sheet.CellsUsed()).Select(cell => cell.GetString()).ToList();
        Assert.DoesNotContain(everyCell, text => System.Text.RegularExpressions.Regex.IsMatch(text, @"^P\d+$"));
        // A conflicted review is shown for the record and marked as not counted.
        Assert.Contains(reviews, row => row.Field("Conflict of interest").GetBoolean() && !row.Field("Counted").GetBoolean());
    }

    [Fact]
    public void Allocate_WithXlsx_RulesSheetNamesEveryCriterionAndRuleInWords()
    {
        var (workbook, _) = AllocateScenario();
        using var _ = workbook;
        var file = RoundFileReader.Read(File.ReadAllBytes(Path.Combine(ScenarioTests.ScenarioFolder, Scenario + ".round.json"))).File!;

        var criteria = Rows(workbook, "Rules", "Criteria");
        Assert.Equal(file.Round.Criteria.Select(criterion => criterion.Title), criteria.Select(row => Text(row, "Criterion")));
        Assert.Equal(file.Round.Criteria.Select(criterion => criterion.Weight), criteria.Select(row => Number(row, "Weight")));
        Assert.Equal(file.Round.Rules.Select(rule => rule.Describe()), Rows(workbook, "Rules", "EquityRules").Select(row => Text(row, "In words")));
        Assert.Equal(file.Round.Pots.Count + 1, Rows(workbook, "Rules", "PotRules").Count);
        var settings = Rows(workbook, "Rules", "Settings").ToDictionary(row => Text(row, "Item"), row => row.Field("Value").GetString());
        Assert.Equal(file.Round.MinReviews.ToString(System.Globalization.CultureInfo.InvariantCulture), settings["Minimum reviews"]);
        Assert.Contains("lottery", settings["Lottery band"], StringComparison.Ordinal);
        Assert.Equal("50.00", settings["Quality threshold"]);
    }

    [Fact]
    public void Allocate_WithXlsx_TextThatLooksLikeAFormulaOrANumberStaysText_AndControlCharactersAreLeftOut()
    {
        var round = JsonNode.Parse(File.ReadAllText(Path.Combine(ScenarioTests.ScenarioFolder, "small-round.round.json")))!;
        round["applications"]![0]!["organisation"]!["name"] = "=HYPERLINK(\"http://example.test\",\"Click\")";
        round["applications"]![1]!["organisation"]!["name"] = "0012";
        round["applications"]![2]!["organisation"]!["name"] = "Bell\u0007 Group 🙂";

        var (workbook, _) = Allocate(round.ToJsonString());
        using var _ = workbook;

        var organisations = Rows(workbook, "Allocations", "Allocations").Select(row => row.Field("Organisation")).ToList();
        var formula = organisations.Single(cell => cell.GetString().StartsWith('='));
        Assert.False(formula.HasFormula);
        Assert.Equal(XLDataType.Text, formula.DataType);
        Assert.Equal("=HYPERLINK(\"http://example.test\",\"Click\")", formula.GetString());
        var digits = organisations.Single(cell => cell.GetString() == "0012");
        Assert.Equal(XLDataType.Text, digits.DataType);
        // A control character cannot be written in XML: it is left out, and the rest (an emoji too) is kept.
        Assert.Contains(organisations, cell => cell.GetString() == "Bell Group 🙂");
    }
}
