using FairFund.Domain.Organisations;
using FairFund.Domain.RoundFiles;
using FairFund.Tests.Builders;

namespace FairFund.Tests.Domain.RoundFiles;

/// <summary>
/// A round file that breaks any rule is refused whole, with one problem per thing wrong, each
/// named by where it is. Each test starts from a valid file and breaks one thing, then expects
/// exactly the problems that one thing causes.
/// </summary>
public sealed class RoundFileReaderTests
{
    private static readonly string ScenarioFolder = Path.Combine(AppContext.BaseDirectory, "Scenarios");

    [Fact]
    public void Read_ValidFile_IsAcceptedWithNoProblems()
    {
        var result = RoundFileReader.Read(RoundFileJson.ValidText);

        Assert.Empty(result.Problems);
        Assert.NotNull(result.File);
        Assert.Equal("TEST-R1", result.File.Round.Reference);
        Assert.Equal(100_000m, result.File.Round.Budget);
        Assert.Equal(["need", "approach"], result.File.Round.Criteria.Select(criterion => criterion.Key));
        Assert.Equal(["APP-1", "APP-2"], result.File.Applications.Select(application => application.Reference));
        Assert.Equal([3, 2], result.File.Applications[0].Reviews[0].Scores);
    }

    [Fact]
    public void Read_OptionalFieldsLeftOut_TakeTheirDefaults()
    {
        var file = RoundFileReader.Read(RoundFileJson.ValidText).File!;

        var application = file.Applications[0];
        Assert.True(application.Eligible);
        Assert.Null(application.IneligibleReason);
        Assert.All(application.Reviews, review => Assert.False(review.Conflict));
        Assert.True(file.Applications[1].Reviews[1].Conflict);
        Assert.Empty(file.Applications[1].Organisation.Flags);
        Assert.Equal(
            IncomeBands.Default.Bands.Select(band => (band.Key, band.UpTo)),
            file.Round.IncomeBands.Bands.Select(band => (band.Key, band.UpTo)));
    }

    [Theory]
    [InlineData("\"budget\": 100000.00,", "\"budget\": 100000.00", "line 7, column 5")]
    [InlineData("\"minReviews\": 2,", "\"minReviews\": 2,,", "line 13, column 21")]
    [InlineData("\"threshold\": 50.00,", "\"threshold\": 50.00.5,", "line 14, column 23")]
    [InlineData("\"seed\": \"published-test-seed\",", "\"seed\": 'published-test-seed',", "line 7, column 13")]
    // Columns count characters, not UTF-8 bytes: "é" and "£" are one column each.
    [InlineData("\"name\": \"Test round\",", "\"name\": \"Café £ round\",,", "line 4, column 28")]
    public void Read_MalformedJson_IsRefusedAtItsLineAndColumn(string valid, string broken, string location)
    {
        Assert.Contains(valid, RoundFileJson.ValidText, StringComparison.Ordinal);

        var result = RoundFileReader.Read(RoundFileJson.ValidText.Replace(valid, broken, StringComparison.Ordinal));

        Assert.Null(result.File);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(location, problem.Location);
        Assert.StartsWith("the file is not valid JSON: ", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FileCutShort_IsRefusedAtItsEnd()
    {
        // The valid text's closing brace is alone on line 50.
        var text = RoundFileJson.ValidText[..RoundFileJson.ValidText.LastIndexOf('}')];

        var result = RoundFileReader.Read(text);

        Assert.Null(result.File);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("line 50, column 1", problem.Location);
        Assert.StartsWith("the file is not valid JSON: ", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EmptyText_IsRefusedAtTheStart()
    {
        var result = RoundFileReader.Read("");

        Assert.Null(result.File);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("line 1, column 1", problem.Location);
        Assert.StartsWith("the file is not valid JSON: ", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("\"round\"")]
    [InlineData("null")]
    public void Read_RootNotAnObject_IsRefused(string json)
    {
        var result = RoundFileReader.Read(json);

        Assert.Null(result.File);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("", problem.Location);
        Assert.Equal("a round file must be a JSON object with \"round\" and \"applications\"", problem.Message);
    }

    [Theory]
    [InlineData("round", "round: is missing")]
    [InlineData("applications", "applications: is missing")]
    [InlineData("round.reference", "round.reference: is missing")]
    [InlineData("round.budget", "round.budget: is missing")]
    [InlineData("round.seed", "round.seed: is missing")]
    [InlineData("round.criteria", "round.criteria: is missing")]
    [InlineData("round.criteria[1].weight", "round.criteria[1].weight: is missing")]
    [InlineData("round.aggregation", "round.aggregation: is missing")]
    [InlineData("round.minReviews", "round.minReviews: is missing")]
    [InlineData("round.threshold", "round.threshold: is missing")]
    [InlineData("round.lotteryBand.to", "round.lotteryBand.to: is missing")]
    [InlineData("round.grantMin", "round.grantMin: is missing")]
    [InlineData("round.grantMax", "round.grantMax: is missing")]
    [InlineData("round.whenTooBig", "round.whenTooBig: is missing")]
    [InlineData("round.rules[0].factor", "round.rules[0].factor: is missing")]
    [InlineData("round.rules[1].points", "round.rules[1].points: is missing")]
    [InlineData("round.pots[0].share", "round.pots[0].share: is missing")]
    [InlineData("round.rollover", "round.rollover: is missing")]
    [InlineData("applications[0].reference", "applications[0].reference: is missing")]
    [InlineData("applications[0].organisation", "applications[0].organisation: is missing")]
    [InlineData("applications[0].organisation.annualIncome", "applications[0].organisation.annualIncome: is missing")]
    [InlineData("applications[0].requested", "applications[0].requested: is missing")]
    [InlineData("applications[1].reviews", "applications[1].reviews: is missing")]
    [InlineData("applications[1].reviews[2].reviewer", "applications[1].reviews[2].reviewer: is missing")]
    [InlineData("applications[1].reviews[2].scores", "applications[1].reviews[2].scores: is missing")]
    public void Read_RequiredFieldMissing_IsRefusedWithItsLocation(string path, string expected)
    {
        AssertRefused(RoundFileJson.Valid().Without(path), expected);
    }

    [Fact]
    public void Read_PartialMinFractionMissingWhenPartialAwardsAreMade_IsRefusedWithItsLocation()
    {
        var json = RoundFileJson.Valid().With("round.whenTooBig", "\"partial\"").Without("round.partialMinFraction");

        AssertRefused(json, "round.partialMinFraction: is missing");
    }

    [Theory]
    [InlineData("round.budget", "\"100000\"", "round.budget: must be a number, not the text \"100000\"")]
    [InlineData("round.budget", "null", "round.budget: must not be null")]
    [InlineData("round.reference", "42", "round.reference: must be text in quotes, not the number 42")]
    [InlineData("round.minReviews", "\"two\"", "round.minReviews: must be a number, not the text \"two\"")]
    [InlineData("round.minReviews", "2.5", "round.minReviews: 2.5 must be a whole number")]
    [InlineData("round.criteria", "{}", "round.criteria: must be a list ([ ... ]), not an object")]
    [InlineData("round.criteria[0]", "\"need\"", "round.criteria[0]: must be an object ({ ... })")]
    [InlineData("round.lotteryBand", "[55, 65]", "round.lotteryBand: must be an object ({ ... }), not a list")]
    [InlineData("round.rollover", "\"yes\"", "round.rollover: must be true or false, not the text \"yes\"")]
    [InlineData("round.incomeBands", "[{ \"key\": \"all\", \"upTo\": \"none\" }]", "round.incomeBands[0].upTo: must be a number, not the text \"none\"")]
    [InlineData("round.rules[0].when", "\"micro\"", "round.rules[0].when: must be an object ({ ... }), not the text \"micro\"")]
    [InlineData("round.rules[0].when.incomeBands[0]", "1", "round.rules[0].when.incomeBands[0]: must be text in quotes, not the number 1")]
    [InlineData("applications", "{}", "applications: must be a list ([ ... ]), not an object")]
    [InlineData("applications[0].requested", "true", "applications[0].requested: must be a number, not true")]
    [InlineData("applications[0].requested", "\"5000\"", "applications[0].requested: must be a number, not the text \"5000\"")]
    [InlineData("applications[0].eligible", "\"yes\"", "applications[0].eligible: must be true or false, not the text \"yes\"")]
    [InlineData("applications[0].organisation.annualIncome", "\"8,400\"", "applications[0].organisation.annualIncome: must be a number, not the text \"8,400\"")]
    [InlineData("applications[0].organisation.flags[0]", "7", "applications[0].organisation.flags[0]: must be text in quotes, not the number 7")]
    [InlineData("applications[0].reviews[0].scores.need", "\"3\"", "applications[0].reviews[0].scores.need: must be a number, not the text \"3\"")]
    [InlineData("applications[0].reviews[0].conflict", "0", "applications[0].reviews[0].conflict: must be true or false, not the number 0")]
    public void Read_FieldOfTheWrongType_IsRefusedWithItsLocation(string path, string json, string expected)
    {
        AssertRefused(RoundFileJson.Valid().With(path, json), expected);
    }

    [Fact]
    public void Read_UnknownCriterionInScores_IsRefusedWithItsLocation()
    {
        var json = RoundFileJson.Valid().With("applications[1].reviews[2].scores.impact", "3");

        AssertRefused(json, "applications[1].reviews[2].scores.impact: \"impact\" is not one of the round's criteria (need, approach)");
    }

    [Fact]
    public void Read_CriterionNotScored_IsRefusedWithItsLocation()
    {
        var json = RoundFileJson.Valid().Without("applications[0].reviews[1].scores.approach");

        AssertRefused(json, "applications[0].reviews[1].scores.approach: is missing: every criterion must be scored");
    }

    [Theory]
    [InlineData("applications[0].reviews[1].scores.need", "7", "applications[0].reviews[1].scores.need: 7 is outside the scale 0..4")]
    [InlineData("applications[0].reviews[1].scores.need", "5", "applications[0].reviews[1].scores.need: 5 is outside the scale 0..4")]
    [InlineData("applications[1].reviews[0].scores.approach", "-1", "applications[1].reviews[0].scores.approach: -1 is outside the scale 0..4")]
    public void Read_ScoreOffTheScale_IsRefusedWithItsLocation(string path, string json, string expected)
    {
        AssertRefused(RoundFileJson.Valid().With(path, json), expected);
    }

    [Fact]
    public void Read_ScoreNotWhole_IsRefusedWithItsLocation()
    {
        var json = RoundFileJson.Valid().With("applications[0].reviews[1].scores.need", "2.5");

        AssertRefused(json, "applications[0].reviews[1].scores.need: 2.5 must be a whole number");
    }

    [Fact]
    public void Read_DuplicateApplicationReference_IsRefusedNamingTheFirst()
    {
        var json = RoundFileJson.Valid().With("applications[1].reference", "\"APP-1\"");

        AssertRefused(json, "applications[1].reference: \"APP-1\" is already used by applications[0]");
    }

    [Theory]
    [InlineData("-5000", "applications[0].requested: -5000 must be greater than 0")]
    [InlineData("0", "applications[0].requested: 0 must be greater than 0")]
    [InlineData("5000.125", "applications[0].requested: 5000.125 has more than 2 decimal places")]
    public void Read_RequestedAmountNotAPositiveSum_IsRefusedWithItsLocation(string requested, string expected)
    {
        AssertRefused(RoundFileJson.Valid().With("applications[0].requested", requested), expected);
    }

    [Fact]
    public void Read_NegativeIncome_IsRefusedWithItsLocation()
    {
        var json = RoundFileJson.Valid().With("applications[1].organisation.annualIncome", "-1");

        AssertRefused(json, "applications[1].organisation.annualIncome: -1 must not be negative");
    }

    [Theory]
    [InlineData("-100000", "round.budget: -100000 must be greater than 0")]
    [InlineData("0", "round.budget: 0 must be greater than 0")]
    [InlineData("100000.001", "round.budget: 100000.001 has more than 2 decimal places")]
    public void Read_BudgetNotAPositiveSum_IsRefusedWithItsLocation(string budget, string expected)
    {
        AssertRefused(RoundFileJson.Valid().With("round.budget", budget), expected);
    }

    [Fact]
    public void Read_PotSharesOverOneInTotal_IsRefusedAtThePots()
    {
        var json = RoundFileJson.Valid()
            .With("round.pots[1]", """{ "key": "rural", "share": 0.70, "when": { "flags": ["rural"] } }""");

        AssertRefused(json, "round.pots: the ring-fenced shares add up to 1.10, more than the whole budget (1)");
    }

    [Theory]
    [InlineData("0", "round.pots[0].share: 0 must be more than 0 and at most 1")]
    [InlineData("-0.2", "round.pots[0].share: -0.2 must be more than 0 and at most 1")]
    [InlineData("1.5", "round.pots[0].share: 1.5 must be more than 0 and at most 1",
        "round.pots: the ring-fenced shares add up to 1.5, more than the whole budget (1)")]
    public void Read_PotShareOutOfRange_IsRefusedAtTheShare(string share, params string[] expected)
    {
        AssertRefused(RoundFileJson.Valid().With("round.pots[0].share", share), expected);
    }

    [Theory]
    [InlineData("round.aggregation", "\"average\"", "round.aggregation: \"average\" is not one of mean, median, trimmedMean")]
    [InlineData("round.whenTooBig", "\"shrink\"", "round.whenTooBig: \"shrink\" is not one of skip, stop, partial")]
    [InlineData("round.rules[1].kind", "\"discount\"", "round.rules[1].kind: \"discount\" is not one of multiplier, bonus")]
    [InlineData("round.aggregation", "\"Mean\"", "round.aggregation: \"Mean\" is not one of mean, median, trimmedMean")]
    public void Read_UnknownChoice_IsRefusedListingTheAllowedValues(string path, string json, string expected)
    {
        AssertRefused(RoundFileJson.Valid().With(path, json), expected);
    }

    [Theory]
    [InlineData("""{ "from": 65.00, "to": 55.00 }""", "round.lotteryBand: from 65.00 must be less than to 55.00")]
    [InlineData("""{ "from": 60, "to": 60 }""", "round.lotteryBand: from 60 must be less than to 60")]
    public void Read_LotteryBandNotRunningUpwards_IsRefusedWithItsLocation(string band, string expected)
    {
        AssertRefused(RoundFileJson.Valid().With("round.lotteryBand", band), expected);
    }

    [Fact]
    public void Read_NoLotteryBand_IsAccepted()
    {
        var result = RoundFileReader.Read(RoundFileJson.Valid().With("round.lotteryBand", "null").ToString());

        Assert.Empty(result.Problems);
        Assert.Null(result.File!.Round.LotteryBand);
    }

    [Fact]
    public void Read_PointsWithThreeDecimalPlaces_IsRefusedWithItsLocation()
    {
        var json = RoundFileJson.Valid().With("round.rules[1].points", "5.125");

        AssertRefused(json, "round.rules[1].points: 5.125 has more than 2 decimal places");
    }

    [Theory]
    [InlineData("0", "round.rules[0].factor: 0 must be greater than 0")]
    [InlineData("-1.2", "round.rules[0].factor: -1.2 must be greater than 0")]
    public void Read_FactorNotAboveZero_IsRefusedWithItsLocation(string factor, string expected)
    {
        AssertRefused(RoundFileJson.Valid().With("round.rules[0].factor", factor), expected);
    }

    [Theory]
    [InlineData("round.rules[0].when.incomeBands", "round.rules[0].when.incomeBands: an empty list matches nobody; leave it out to match every band")]
    [InlineData("round.pots[0].when.incomeBands", "round.pots[0].when.incomeBands: an empty list matches nobody; leave it out to match every band")]
    [InlineData("round.rules[1].when.flags", "round.rules[1].when.flags: an empty list is a mistake; leave it out to match every organisation")]
    [InlineData("round.pots[0].when.flags", "round.pots[0].when.flags: an empty list is a mistake; leave it out to match every organisation")]
    public void Read_EmptyListInACondition_IsRefusedWithItsLocation(string path, string expected)
    {
        AssertRefused(RoundFileJson.Valid().With(path, "[]"), expected);
    }

    [Theory]
    [InlineData("round.rules[0].when.incomeBands[0]", "round.rules[0].when.incomeBands[0]: \"tiny\" is not one of the round's income bands (micro, small, medium, large, major)")]
    [InlineData("round.pots[0].when.incomeBands[1]", "round.pots[0].when.incomeBands[1]: \"tiny\" is not one of the round's income bands (micro, small, medium, large, major)")]
    public void Read_UnknownBandInACondition_IsRefusedWithItsLocation(string path, string expected)
    {
        AssertRefused(RoundFileJson.Valid().With(path, "\"tiny\""), expected);
    }

    [Fact]
    public void Read_CriterionListedTwice_IsRefusedWithItsLocation()
    {
        var json = RoundFileJson.Valid()
            .With("round.criteria[2]", """{ "key": "need", "title": "Need again", "weight": 1, "min": 0, "max": 4 }""");

        AssertRefused(json, "round.criteria[2].key: the criterion \"need\" is listed twice");
    }

    [Theory]
    [InlineData(4, 4)]
    [InlineData(4, 0)]
    public void Read_CriterionScaleNotRunningUpwards_IsRefusedWithItsLocation(int min, int max)
    {
        var json = RoundFileJson.Valid()
            .With("round.criteria[0].min", $"{min}")
            .With("round.criteria[0].max", $"{max}");

        var result = RoundFileReader.Read(json.ToString());

        Assert.Null(result.File);
        // The reviews' scores for that criterion are then off its scale too.
        Assert.Contains($"round.criteria[0].max: the scale {min}..{max} must run upwards: max must be greater than min",
            result.Problems.Select(problem => problem.ToString()));
    }

    [Theory]
    [InlineData("0", "round.criteria[1].weight: 0 must be greater than 0")]
    [InlineData("-2", "round.criteria[1].weight: -2 must be greater than 0")]
    public void Read_CriterionWeightNotAboveZero_IsRefusedWithItsLocation(string weight, string expected)
    {
        AssertRefused(RoundFileJson.Valid().With("round.criteria[1].weight", weight), expected);
    }

    [Fact]
    public void Read_PotKeyedGeneral_IsRefusedWithItsLocation()
    {
        var json = RoundFileJson.Valid().With("round.pots[0].key", "\"general\"");

        AssertRefused(json, "round.pots[0].key: \"general\" is the name of the pot that funds everyone; choose another key");
    }

    [Fact]
    public void Read_KeysLongerThanAKey_AreRefusedWithTheirLocations()
    {
        var longKey = new string('k', 41);
        var json = RoundFileJson.Valid()
            .With("round.pots[0].key", $"\"{longKey}\"")
            .With("round.criteria[2]", $$"""{ "key": "{{longKey}}", "title": "Long", "weight": 1, "min": 0, "max": 4 }""");

        var result = RoundFileReader.Read(json.ToString());

        Assert.Null(result.File);
        var problems = result.Problems.Select(problem => problem.ToString()).ToList();
        Assert.Contains("round.pots[0].key: The key must be 40 characters or fewer (it has 41)", problems);
        Assert.Contains("round.criteria[2].key: The key must be 40 characters or fewer (it has 41)", problems);
    }

    [Fact]
    public void Read_PotListedTwice_IsRefusedWithItsLocation()
    {
        var json = RoundFileJson.Valid()
            .With("round.pots[1]", """{ "key": "grassroots", "share": 0.10, "when": { "flags": ["rural"] } }""");

        AssertRefused(json, "round.pots[1].key: the pot \"grassroots\" is listed twice");
    }

    [Fact]
    public void Read_ReviewerTwiceOnOneApplication_IsRefusedWithItsLocation()
    {
        var json = RoundFileJson.Valid().With("applications[1].reviews[2].reviewer", "\"P1\"");

        AssertRefused(json, "applications[1].reviews[2].reviewer: P1 has already reviewed this application");
    }

    [Theory]
    [InlineData("round.incomeBands[1].upTo", "5000",
        "round.incomeBands[1].upTo: 5000 must be greater than the band before it (10000): bands are listed in ascending order")]
    [InlineData("round.incomeBands[4].upTo", "100000000",
        "round.incomeBands[4].upTo: the last band must have no upper bound (null), so that every income has a band")]
    [InlineData("round.incomeBands[2].upTo", "null",
        "round.incomeBands[2].upTo: only the last band may have no upper bound (null)")]
    [InlineData("round.incomeBands[3].key", "\"small\"",
        "round.incomeBands[3].key: the band \"small\" is listed twice")]
    public void Read_IncomeBandsOutOfOrder_IsRefusedWithItsLocation(string path, string json, string expected)
    {
        AssertRefused(RoundFileJson.Valid().With("round.incomeBands", RoundFileJson.DefaultIncomeBands).With(path, json), expected);
    }

    [Fact]
    public void Read_EmptyIncomeBandsList_IsRefusedWithItsLocation()
    {
        var result = RoundFileReader.Read(RoundFileJson.Valid().With("round.incomeBands", "[]").ToString());

        Assert.Null(result.File);
        // The conditions that name bands then name unknown ones too.
        Assert.Contains("round.incomeBands: there must be at least one income band", result.Problems.Select(problem => problem.ToString()));
    }

    [Fact]
    public void Read_GrantMinAboveGrantMax_IsRefusedWithItsLocation()
    {
        var json = RoundFileJson.Valid().With("round.grantMin", "30000.00");

        AssertRefused(json, "round.grantMax: 25000.00 must not be less than grantMin 30000.00");
    }

    [Theory]
    [InlineData("0", "round.minReviews: 0 must be at least 1")]
    [InlineData("-1", "round.minReviews: -1 must be at least 1")]
    public void Read_MinReviewsBelowOne_IsRefusedWithItsLocation(string minReviews, string expected)
    {
        AssertRefused(RoundFileJson.Valid().With("round.minReviews", minReviews), expected);
    }

    [Fact]
    public void Read_SeveralProblemsInTheShape_ListsEveryOneWithItsLocation()
    {
        var json = RoundFileJson.Valid()
            .Without("round.budget")
            .With("round.aggregation", "\"average\"")
            .With("applications[0].requested", "\"lots\"")
            .With("applications[1].reviews[0].scores.impact", "3");

        AssertRefused(json,
            "round.budget: is missing",
            "round.aggregation: \"average\" is not one of mean, median, trimmedMean",
            "applications[0].requested: must be a number, not the text \"lots\"",
            "applications[1].reviews[0].scores.impact: \"impact\" is not one of the round's criteria (need, approach)");
    }

    [Fact]
    public void Read_Utf8BytesWithByteOrderMark_AreReadAsTheSameFile()
    {
        byte[] withMark = [.. System.Text.Encoding.UTF8.Preamble, .. System.Text.Encoding.UTF8.GetBytes(RoundFileJson.ValidText)];

        var read = RoundFileReader.Read(withMark);

        Assert.True(read.IsValid, string.Join(Environment.NewLine, read.Problems));
        Assert.Equal("TEST-R1", read.File!.Round.Reference);
    }

    [Fact]
    public void Read_FieldGivenTwice_IsRefusedRatherThanTheLastOneWinning()
    {
        var json = RoundFileJson.ValidText.Replace("\"budget\": 100000.00,", "\"budget\": 100000.00, \"budget\": 1,", StringComparison.Ordinal);

        var read = RoundFileReader.Read(json);

        Assert.Null(read.File);
        Assert.Equal(["round.budget: appears more than once; keep only one"], read.Problems.Select(problem => problem.ToString()));
    }

    [Fact]
    public void Read_MissingSettingAndBrokenApplicationRules_ListsBoth()
    {
        var json = RoundFileJson.Valid()
            .Without("round.budget")
            .With("applications[0].requested", "-5")
            .With("applications[1].reviews[0].scores.need", "7");

        AssertRefused(json,
            "round.budget: is missing",
            "applications[0].requested: -5 must be greater than 0",
            "applications[1].reviews[0].scores.need: 7 is outside the scale 0..4");
    }

    [Fact]
    public void Read_SeveralBrokenRules_ListsEveryOneWithItsLocation()
    {
        var json = RoundFileJson.Valid()
            .With("round.criteria[1].weight", "0")
            .With("round.pots[0].when.flags", "[]")
            .With("applications[1].reference", "\"APP-1\"")
            .With("applications[0].reviews[1].scores.need", "7");

        AssertRefused(json,
            "round.criteria[1].weight: 0 must be greater than 0",
            "round.pots[0].when.flags: an empty list is a mistake; leave it out to match every organisation",
            "applications[0].reviews[1].scores.need: 7 is outside the scale 0..4",
            "applications[1].reference: \"APP-1\" is already used by applications[0]");
    }

    public static TheoryData<string> ScenarioFiles()
    {
        var names = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(ScenarioFolder, "*.round.json").Order(StringComparer.Ordinal))
            names.Add(Path.GetFileName(path));
        return names;
    }

    [Theory]
    [MemberData(nameof(ScenarioFiles))]
    public void WriteThenRead_Scenario_AllocatesToTheSameResult(string scenario)
    {
        var original = RoundFileReader.Read(File.ReadAllText(Path.Combine(ScenarioFolder, scenario)));
        Assert.Empty(original.Problems);

        var written = RoundFileWriter.Write(original.File!);
        var reread = RoundFileReader.Read(written);

        Assert.Empty(reread.Problems);
        Assert.Equal(ResultJson.Write(original.File!.Allocate()), ResultJson.Write(reread.File!.Allocate()));
        Assert.Equal(written, RoundFileWriter.Write(reread.File!));
    }

    /// <summary>The file is refused whole, with exactly these problems in this order.</summary>
    private static void AssertRefused(RoundFileJson json, params string[] expected)
    {
        var result = RoundFileReader.Read(json.ToString());

        Assert.Null(result.File);
        Assert.Equal(expected, result.Problems.Select(problem => problem.ToString()));
    }
}
