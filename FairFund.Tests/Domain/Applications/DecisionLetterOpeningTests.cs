using System.Text.RegularExpressions;
using FairFund.Domain.Allocation;
using FairFund.Domain.Applications;
using FairFund.Domain.RoundFiles;
using FairFund.Tests.Builders;

namespace FairFund.Tests.Domain.Applications;

/// <summary>
/// A letter opens with the decision in one or two plain sentences, written from notices the real allocator made:
/// the amount in pounds (and pence when there are any), what a part award is part of, until when the waiting list
/// runs, and why an application is not funded.
/// </summary>
public sealed partial class DecisionLetterOpeningTests
{
    private static readonly AfterTheDecision After = new("", new DateOnly(2027, 9, 30), "grants@fund.example");

    /// <summary>
    /// A £10,000.50 round that gives part awards: the first asks £4,000 and is funded in full, the second asks
    /// £7,000 and is given the £6,000.50 left, the third is waitlisted; the rest are not funded, each for its reason.
    /// </summary>
    private static readonly AllocationResult Round = new RoundBuilder { Budget = 10_000.50m, Threshold = 40m, WhenTooBig = WhenTooBig.Partial }.With(
        new ApplicationBuilder { Reference = "R-FULL", Requested = 4_000m }.WithScores(4, 4),
        new ApplicationBuilder { Reference = "R-PART", Requested = 7_000m }.WithScores(4, 3),
        new ApplicationBuilder { Reference = "R-WAIT", Requested = 3_000m }.WithScores(3, 3),
        new ApplicationBuilder { Reference = "R-BELOW", Requested = 2_000m }.WithScores(1, 1),
        new ApplicationBuilder { Reference = "R-INELIGIBLE", Eligible = false, IneligibleReason = "The group works outside Coventry and Warwickshire.", Reviews = [] },
        new ApplicationBuilder { Reference = "R-TOO-BIG", Requested = 30_000m }).Allocate();

    private static DecisionLetter LetterFor(string reference, AfterTheDecision? after = null) =>
        DecisionLetter.Write(DecisionNotice.From(Round.Applications.Single(result => result.Reference == reference), []),
            "Rugby Men's Shed", "Community Fund 2027", reference, after ?? After);

    [Theory]
    [InlineData("R-FULL", "You have been awarded £4,000, the full amount you asked for.")]
    [InlineData("R-PART", "You have been awarded £6,000.50 of the £7,000 you asked for. That was what the pot had left when it reached your application.")]
    [InlineData("R-WAIT", "Your application is on the waiting list until 30 September 2027. It scored well enough to be funded, but the money ran out before it was reached.")]
    [InlineData("R-BELOW", "We are sorry: your application has not been funded. Your application's final score was 25.00 out of 100, and an application needed at least 40.00 to be funded in this round.")]
    [InlineData("R-INELIGIBLE", "We are sorry: your application has not been funded. Your application does not meet the fund's rules: The group works outside Coventry and Warwickshire.")]
    [InlineData("R-TOO-BIG", "We are sorry: your application has not been funded. You asked for £30,000, and this round gives grants from £1,000 to £25,000, so it could not be considered.")]
    public void Opening_EachKindOfDecision_SaysItInPlainWords(string reference, string opening)
    {
        var letter = LetterFor(reference);

        Assert.Equal(opening, letter.Opening);
        Assert.InRange(Regex.Count(letter.Opening, @"[.!?](\s|$)"), 1, 2);
    }

    [Fact]
    public void Opening_WaitingListWithoutADate_SaysItIsOnTheListWithoutADate()
    {
        var letter = LetterFor("R-WAIT", After with { WaitingListUntil = null });

        Assert.StartsWith("Your application is on the waiting list. It scored well enough to be funded", letter.Opening, StringComparison.Ordinal);
    }

    [Fact]
    public void Opening_OneChangeByThePanel_GivesThePanelsReason()
    {
        var notice = DecisionNotice.From(Round.Applications.Single(result => result.Reference == "R-FULL"), [])
            .AfterModeration(Decision.Decline, 0m, null, false,
                [new NoticeChange(new(Decision.Award, 4_000m, "General pot"), new(Decision.Decline, 0m, null), "The group has since closed", DateTimeOffset.UnixEpoch, new DateOnly(2027, 6, 7))]);

        var letter = DecisionLetter.Write(notice, "Rugby Men's Shed", "Community Fund 2027", "R-FULL", After);

        Assert.Equal("We are sorry: your application has not been funded. The panel changed the decision the fund's rules gave, and its reason was: The group has since closed.", letter.Opening);
    }

    [Fact]
    public void Working_PartAward_WritesMoneyInPoundsAndPenceScoresOutOf100AndExplainsTheLotteryKeyBeforeShowingIt()
    {
        var letter = LetterFor("R-PART");
        var lines = letter.Trail.Select(line => line.Text).ToList();

        Assert.Contains("Eligible: you asked for £7,000.00, which is within this round's grants of £1,000.00 to £25,000.00.", lines);
        Assert.Contains("Review 1 gave your application 100.00 out of 100.", lines);
        Assert.Contains("The General pot had £6,000.50 left when it reached your application, part of the £7,000.00 you asked for, and gave you that.", lines);
        Assert.Equal("So the rules gave your application £6,000.50 from the General pot, part of what you asked for.", lines[^1]);
        var lottery = Assert.Single(lines, line => line.Contains("a lottery decides", StringComparison.Ordinal));
        var key = LotteryKey.For("test-seed", "R-PART").ToString();
        Assert.StartsWith("Where the rules treat applications as equal, a lottery decides their order, using each application's lottery key.", lottery, StringComparison.Ordinal);
        Assert.EndsWith($"a colon and R-PART, which gives {key}.", lottery, StringComparison.Ordinal);
    }

    public static TheoryData<string> Scenarios() => Allocation.ScenarioTests.Scenarios();

    /// <summary>
    /// Every number the technical trail gives (amounts, scores, factors, counts, ranks, the lottery key) is in the
    /// group's words of the same step, as often, so the letter is as checkable as the workbook; and no amount of money
    /// in the group's words is written without its pounds sign and pence.
    /// </summary>
    [Theory]
    [MemberData(nameof(Scenarios))]
    public void ForTheGroup_EveryStepOfEveryScenario_KeepsEveryNumberAndWritesMoneyAsPoundsAndPence(string scenario)
    {
        var file = RoundFileReader.Read(File.ReadAllText(Path.Combine(Allocation.ScenarioTests.ScenarioFolder, scenario + ".round.json"))).File!;
        var steps = file.Allocate().Applications.SelectMany(result => result.Explain()).ToList();
        Assert.NotEmpty(steps);

        foreach (var step in steps)
        {
            var described = step.Describe();
            var forTheGroup = step.ForTheGroup();
            var missing = Numbers(described).ToList();
            foreach (var number in Numbers(forTheGroup)) missing.Remove(number);
            Assert.True(missing.Count == 0, $"\"{forTheGroup}\" leaves out {string.Join(", ", missing)} from \"{described}\"");
            foreach (Match amount in Thousands().Matches(forTheGroup))
                Assert.True(amount.Value.StartsWith('£') && amount.Value.Contains('.', StringComparison.Ordinal), $"\"{amount.Value}\" in \"{forTheGroup}\" is not in pounds and pence");
        }
    }

    private static IEnumerable<string> Numbers(string text) => NumberPattern().Matches(text).Select(match => match.Value);

    [GeneratedRegex(@"[0-9a-f]{64}|\d+(,\d{3})*(\.\d+)?")]
    private static partial Regex NumberPattern();

    /// <summary>An amount with a thousands separator, which only money has, with what stands before it.</summary>
    [GeneratedRegex(@"£?\d{1,3}(,\d{3})+(\.\d+)?")]
    private static partial Regex Thousands();
}
