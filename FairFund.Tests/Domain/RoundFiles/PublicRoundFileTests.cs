using FairFund.Domain.Allocation;
using FairFund.Domain.RoundFiles;
using FairFund.Tests.Domain.Allocation;

namespace FairFund.Tests.Domain.RoundFiles;

/// <summary>
/// The round file published with a round's results leaves out unfunded groups' names, the screeners' words and
/// who reviewed what, yet <c>allocate</c> on it, written out and read back as anyone downloading it would, gives
/// exactly the full file's result on every shared scenario.
/// </summary>
public sealed class PublicRoundFileTests
{
    public static TheoryData<string> Scenarios() => ScenarioTests.Scenarios();

    private static RoundFile Full(string scenario)
    {
        var read = RoundFileReader.Read(File.ReadAllText(Path.Combine(ScenarioTests.ScenarioFolder, scenario + ".round.json")));
        Assert.True(read.IsValid, string.Join(Environment.NewLine, read.Problems));
        return read.File!;
    }

    private static IReadOnlyList<string> Funded(AllocationResult result) =>
        [.. result.Applications.Where(application => application.Decision == Decision.Award).Select(application => application.Reference)];

    /// <summary>The public file as it is downloaded: written as JSON, then read by the same reader <c>allocate</c> uses.</summary>
    private static RoundFile Downloaded(RoundFile full, IReadOnlyCollection<string> funded)
    {
        var read = RoundFileReader.Read(RoundFileWriter.Write(PublicRoundFile.Of(full, funded)));
        Assert.True(read.IsValid, string.Join(Environment.NewLine, read.Problems));
        return read.File!;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Allocate_PublicFileOfScenario_GivesTheFullFilesResult(string scenario)
    {
        var full = Full(scenario);
        var expected = full.Allocate();

        var actual = Downloaded(full, Funded(expected)).Allocate();

        Assert.Equal(expected.Allocated, actual.Allocated);
        Assert.Equal(
            expected.Pots.Select(pot => (pot.Key, pot.Amount, pot.Rollover, pot.Allocated)),
            actual.Pots.Select(pot => (pot.Key, pot.Amount, pot.Rollover, pot.Allocated)));
        Assert.Equal(expected.Applications.Count, actual.Applications.Count);
        foreach (var (want, got) in expected.Applications.Zip(actual.Applications))
        {
            Assert.Equal(Comparable(want), Comparable(got));
            Assert.Equal(want.ReviewScores, got.ReviewScores);
        }
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Of_Scenario_NamesOnlyFundedGroupsAndDropsScreenersWordsAndReviewers(string scenario)
    {
        var full = Full(scenario);
        var funded = Funded(full.Allocate());

        var published = PublicRoundFile.Of(full, funded);
        var text = RoundFileWriter.Write(published);

        Assert.Contains(full.Applications, application => !funded.Contains(application.Reference));
        foreach (var (before, after) in full.Applications.Zip(published.Applications))
        {
            Assert.Equal(before.Reference, after.Reference);
            Assert.Equal(funded.Contains(before.Reference) ? before.Organisation.Name : PublicRoundFile.WithheldName, after.Organisation.Name);
            Assert.Equal(before.Organisation.AnnualIncome, after.Organisation.AnnualIncome);
            Assert.Equal(before.Organisation.Flags, after.Organisation.Flags);
            Assert.Equal(before.Requested, after.Requested);
            Assert.Equal(before.Eligible, after.Eligible);
            Assert.Null(after.IneligibleReason);
            Assert.Equal(before.Reviews.Select(review => (review.Conflict, review.Scores)), after.Reviews.Select(review => (review.Conflict, review.Scores)));
            Assert.Equal(Enumerable.Range(1, before.Reviews.Count).Select(n => $"review-{n}"), after.Reviews.Select(review => review.Reviewer));
        }
        var fundedNames = full.Applications.Where(application => funded.Contains(application.Reference)).Select(application => application.Organisation.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var unfunded in full.Applications.Where(application => !funded.Contains(application.Reference) && !fundedNames.Contains(application.Organisation.Name)))
            Assert.DoesNotContain($"\"{unfunded.Organisation.Name}\"", text, StringComparison.Ordinal);
        foreach (var reason in full.Applications.Select(application => application.IneligibleReason).OfType<string>())
            Assert.DoesNotContain(reason, text, StringComparison.Ordinal);
        foreach (var reviewer in full.Applications.SelectMany(application => application.Reviews).Select(review => review.Reviewer).Distinct())
            Assert.DoesNotContain($"\"reviewer\": \"{reviewer}\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_GroupFundedOnlyByModeration_IsNamed_AndOneModerationDeclined_IsNot()
    {
        var full = Full("small-round");
        var result = full.Allocate();
        var declinedByPanel = result.Applications.First(application => application.Decision == Decision.Award).Reference;
        var fundedByPanel = result.Applications.First(application => application.Decision != Decision.Award).Reference;
        var funded = Funded(result).Where(reference => reference != declinedByPanel).Append(fundedByPanel).ToList();

        var published = PublicRoundFile.Of(full, funded);

        Assert.Equal(PublicRoundFile.WithheldName, published.Applications.Single(application => application.Reference == declinedByPanel).Organisation.Name);
        Assert.Equal(
            full.Applications.Single(application => application.Reference == fundedByPanel).Organisation.Name,
            published.Applications.Single(application => application.Reference == fundedByPanel).Organisation.Name);
    }

    private static object Comparable(ApplicationResult result) => new
    {
        result.Reference,
        result.Band,
        result.BaseScore,
        result.FinalScore,
        result.Rank,
        LotteryKey = result.LotteryKey.ToString(),
        result.Decision,
        result.Reason,
        result.Amount,
        result.Pot,
        result.Partial,
    };
}
