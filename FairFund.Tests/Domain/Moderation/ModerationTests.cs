using FairFund.Domain.Allocation;
using FairFund.Domain.Moderation;
using FairFund.Domain.RoundFiles;
using FairFund.Domain.Validation;
using FairFund.Tests.Domain.Allocation;
using Modr = FairFund.Domain.Moderation.Moderation;

namespace FairFund.Tests.Domain.Moderation;

/// <summary>
/// Moderation on the shared small round (budget £40,000: four awards, three on the waiting list, two below the
/// threshold, one ineligible): overrides change only the moderated view, each is checked before it is recorded,
/// and approval is blocked while the money does not add up.
/// </summary>
public sealed class ModerationTests
{
    private static readonly DateTimeOffset Now = new(2027, 6, 1, 10, 0, 0, TimeSpan.Zero);

    private static AllocationResult SmallRound()
    {
        var read = RoundFileReader.Read(File.ReadAllText(Path.Combine(ScenarioTests.ScenarioFolder, "small-round.round.json")));
        return read.File!.Allocate();
    }

    private static AllocationOverride Made(string reference, OverrideKind kind, decimal amount = 0m, string? pot = null, int minutes = 0) =>
        new(Guid.NewGuid(), Guid.Empty, reference, kind, amount, pot, "The panel agreed", "manager@fund.example", Now.AddMinutes(minutes));

    private static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

    private static ModeratedAllocation Moderated(params AllocationOverride[] overrides) => Modr.Apply(SmallRound(), overrides, 25m, 12.5m);

    [Fact]
    public void Apply_WithoutOverrides_IsTheComputedAllocationRanked()
    {
        var computed = SmallRound();

        var moderated = Modr.Apply(computed, [], 25m, 12.5m);

        Assert.Equal(computed.Allocated, moderated.Allocated);
        Assert.Equal(computed.Applications.Count, moderated.Ranked.Count);
        Assert.All(moderated.Ranked, row => Assert.Equal((row.Computed.Decision, row.Computed.Amount, row.Computed.Pot), (row.Decision, row.Amount, row.PotKey)));
        var ranks = moderated.Ranked.Select(row => row.Computed.Rank).TakeWhile(rank => rank is not null).ToList();
        Assert.Equal(ranks.OrderBy(rank => rank), ranks);
        Assert.Empty(moderated.ApprovalProblems());
        Assert.Equal(moderated.Pots.Select(pot => pot.AllocatedByRules), moderated.Pots.Select(pot => pot.Allocated));
    }

    [Fact]
    public void FundingLine_FallsAfterTheLowestRankedAward()
    {
        var moderated = Moderated();

        var line = moderated.FundingLine;

        Assert.Equal(Decision.Award, moderated.Ranked[line - 1].Decision);
        Assert.DoesNotContain(moderated.Ranked.Skip(line), row => row.Decision == Decision.Award);
    }

    [Fact]
    public void Apply_Overrides_ChangeTheModeratedDecisionAndPotsButNotTheComputedOne()
    {
        var moderated = Moderated(
            Made("APP-0002", OverrideKind.Fund, 500m, "general"),
            Made("APP-0001", OverrideKind.Decline, minutes: 1),
            Made("APP-0004", OverrideKind.ChangeAmount, 20_000m, minutes: 2));

        Assert.Equal((Decision.Award, 500m, "general"), Row(moderated, "APP-0002"));
        Assert.Equal((Decision.Decline, 0m, (string?)null), Row(moderated, "APP-0001"));
        Assert.Equal((Decision.Award, 20_000m, "general"), Row(moderated, "APP-0004"));
        Assert.Equal(32_500m + 500m - 1_000m - 2_500m, moderated.Allocated);
        Assert.Equal(23_500m - 1_000m - 2_500m + 500m, moderated.Pots.Single(pot => pot.Key == "general").Allocated);
        Assert.Equal(Decision.Waitlist, moderated.Find("APP-0002")!.Computed.Decision);
        Assert.Equal(32_500m, moderated.Computed.Allocated);
    }

    [Fact]
    public void Apply_TheLatestOverrideForAnApplicationDecides()
    {
        var moderated = Moderated(Made("APP-0002", OverrideKind.Fund, 500m, "general"), Made("APP-0002", OverrideKind.ChangeAmount, 800m, minutes: 1));

        Assert.Equal((Decision.Award, 800m, "general"), Row(moderated, "APP-0002"));
        Assert.Equal(2, moderated.Find("APP-0002")!.Overrides.Count);
    }

    [Fact]
    public void ApprovalProblems_OverBudgetAndOverspentPot_AreEachNamedInWords()
    {
        // £7,500 was left; funding two waiting groups in full spends more than that.
        var moderated = Moderated(Made("APP-0002", OverrideKind.Fund, 5_000m, "general"), Made("APP-0003", OverrideKind.Fund, 5_000m, "general", minutes: 1));

        var problems = moderated.ApprovalProblems();

        Assert.Equal(
        [
            "The awards come to £42,500, which is £2,500 more than the budget of £40,000",
            "The General pot is overspent by £2,500",
        ], problems);
    }

    [Theory]
    [InlineData(OverrideKind.Fund, "APP-0002", "500", "general", "", "reason", "Enter the reason for this change")]
    [InlineData(OverrideKind.Fund, "APP-0001", "500", "general", "why", "kind", "is already funded")]
    [InlineData(OverrideKind.Fund, "APP-0010", "500", "general", "why", "kind", "cannot be funded: it was found ineligible")]
    [InlineData(OverrideKind.Fund, "APP-0002", "0", "general", "why", "amount", "Enter an amount more than £0")]
    [InlineData(OverrideKind.Fund, "APP-0002", "500.005", "general", "why", "amount", "pounds and pence")]
    [InlineData(OverrideKind.Fund, "APP-0002", "500", "", "why", "potKey", "Select the pot")]
    [InlineData(OverrideKind.Fund, "APP-0002", "500", "nowhere", "why", "potKey", "Select the pot")]
    [InlineData(OverrideKind.ChangeAmount, "APP-0002", "500", null, "why", "kind", "is not funded: fund it instead")]
    [InlineData(OverrideKind.ChangeAmount, "APP-0004", "22500", null, "why", "amount", "already awarded")]
    [InlineData(OverrideKind.Decline, "APP-0006", null, null, "why", "kind", "nothing to decline")]
    [InlineData(OverrideKind.Decline, "APP-9999", null, null, "why", "reference", "is not in this round's allocation")]
    public void Check_RefusesEachBadOverrideAtItsField(OverrideKind kind, string reference, string? amount, string? pot, string reason, string field, string message)
    {
        var problems = Modr.Check(Moderated(), reference, kind, amount is null ? null : decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), pot, reason);

        Assert.Contains(problems, problem => problem.Location == field && problem.Message.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(-301, "The reason must be 300 words or fewer (it has 301)")]
    [InlineData(2_001, "The reason must be 2,000 characters or fewer (it has 2,001)")]
    public void Check_ReasonOverItsLimit_IsRefusedAtTheReason(int size, string message)
    {
        var reason = size >= 0 ? new string('r', size) : string.Join(' ', Enumerable.Repeat("word", -size));

        var problems = Modr.Check(Moderated(), "APP-0001", OverrideKind.Decline, null, null, reason);

        Assert.Equal([new FairFund.Domain.Validation.Problem("reason", message)], problems);
    }

    [Fact]
    public void Check_AmountOverTheRequest_IsRefused()
    {
        // Declining the £22,500 award leaves money enough for APP-0002's whole request.
        var moderated = Moderated(Made("APP-0004", OverrideKind.Decline));
        var requested = moderated.Find("APP-0002")!.Computed.Requested;

        var problems = Modr.Check(moderated, "APP-0002", OverrideKind.Fund, requested + 1m, "general", "why");

        Assert.Contains(problems, problem => problem.Location == "amount" && problem.Message.Contains("no more than", StringComparison.Ordinal));
        Assert.Empty(Modr.Check(moderated, "APP-0002", OverrideKind.Fund, requested, "general", "why"));
    }

    [Fact]
    public void Check_RingFencedPot_OnlyForGroupsMeetingItsCondition()
    {
        var moderated = Moderated();
        var grassroots = RoundFileReader.Read(File.ReadAllText(Path.Combine(ScenarioTests.ScenarioFolder, "small-round.round.json"))).File!.Round.Pots[0];
        Assert.Equal("grassroots", grassroots.Key);
        var candidates = moderated.Ranked.Where(row => row.Decision == Decision.Waitlist || row.Computed.Reason == DeclineReason.BelowThreshold).ToList();

        var outcomes = candidates.Select(row => (
            Meets: grassroots.When.Holds(row.Computed.Band, row.Computed.Application.Organisation),
            Allowed: Modr.Check(moderated, row.Reference, OverrideKind.Fund, 100m, "grassroots", "why").Count == 0)).ToList();

        Assert.All(outcomes, outcome => Assert.Equal(outcome.Meets, outcome.Allowed));
        Assert.Contains(outcomes, outcome => outcome.Allowed);
        Assert.Contains(outcomes, outcome => !outcome.Allowed);
    }

    [Fact]
    public void Notice_AfterAnOverride_TellsTheGroupWhatThePanelDecidedAndWhy()
    {
        var moderated = Moderated(Made("APP-0002", OverrideKind.Fund, 500m, "general"));
        var row = moderated.Find("APP-0002")!;

        var notice = row.Notice(["Strong local links."], Day);

        Assert.Equal(Decision.Award, notice.Decision);
        Assert.Equal(500m, notice.Amount);
        Assert.Equal("General pot", notice.PotName);
        Assert.True(notice.Partial);
        Assert.Equal(FairFund.Domain.Applications.DecisionNotice.From(row.Computed, []).Reason, notice.Reason);
        var change = Assert.Single(notice.Changes);
        Assert.Equal(("The panel agreed", Now), (change.Reason, change.At));
        Assert.Equal("Moderation on 1 June 2027: the panel changed the decision from the waiting list to an award of £500.00 from the General pot, because: The panel agreed", notice.Trail[^2].Text);
        Assert.Equal("Final decision, after moderation: an award of £500.00 from the General pot (part of what you asked for)", notice.Trail[^1].Text);
        Assert.Equal(notice.Trail.Count, notice.Trail[^1].Number);
        Assert.Equal(["Strong local links."], notice.PanelComments);
    }

    [Fact]
    public void Notice_WithoutAnOverride_IsTheRulesNotice()
    {
        var row = Moderated().Find("APP-0004")!;

        Assert.Equal(FairFund.Domain.Applications.DecisionNotice.From(row.Computed, []), row.Notice([], Day), new NoticeComparer());
        Assert.Empty(row.Notice([], Day).Changes);
    }

    [Fact]
    public void Check_FundingMoreThanIsLeft_IsRefusedWithTheMoneyLeftOverallAndInThePot()
    {
        // £7,500 is left of the £40,000, all of it in the General pot (the ring-fence's unspent £11,000 rolled into it).
        var moderated = Moderated();

        var problems = Modr.Check(moderated, "APP-0002", OverrideKind.Fund, 10_000m, "general", "why");

        var problem = Assert.Single(problems);
        Assert.Equal("amount", problem.Location);
        Assert.Equal("That is more than the money left: £7,500 is left in the budget and £7,500 in the General pot, so APP-0002 can be given at most £7,500", problem.Message);
        Assert.Empty(Modr.Check(moderated, "APP-0002", OverrideKind.Fund, 7_500m, "general", "why"));
    }

    [Fact]
    public void Check_RaisingAnAwardBeyondWhatIsLeft_IsRefusedAndLoweringItIsNot()
    {
        var moderated = Moderated(Made("APP-0002", OverrideKind.Fund, 5_000m, "general"));

        var problems = Modr.Check(moderated, "APP-0002", OverrideKind.ChangeAmount, 10_000m, null, "why");

        Assert.Equal(
            [new Problem("amount", "That is more than the money left: £2,500 is left in the budget and £2,500 in the General pot, so APP-0002 can be given at most £7,500")],
            problems);
        Assert.Empty(Modr.Check(moderated, "APP-0002", OverrideKind.ChangeAmount, 7_500m, null, "why"));
        Assert.Empty(Modr.Check(moderated, "APP-0002", OverrideKind.ChangeAmount, 1_000m, null, "why"));
    }

    [Fact]
    public void Check_NothingLeft_SaysSoRatherThanOfferingNothing()
    {
        var moderated = Moderated(Made("APP-0002", OverrideKind.Fund, 7_500m, "general"));

        var problem = Assert.Single(Modr.Check(moderated, "APP-0003", OverrideKind.Fund, 1_000m, "general", "why"));

        Assert.Equal("That is more than the money left: £0 is left in the budget and £0 in the General pot, so APP-0003 cannot be funded until another award is lowered or stopped", problem.Message);
    }

    [Fact]
    public void Remaining_Overspent_IsWrittenWithAMinusBeforeThePound()
    {
        // Recorded before overspending was refused: funding two waiting groups in full spends £2,500 more than the budget.
        var moderated = Moderated(Made("APP-0002", OverrideKind.Fund, 5_000m, "general"), Made("APP-0003", OverrideKind.Fund, 5_000m, "general", minutes: 1));

        Assert.Equal("\u2212£2,500", FairFund.Domain.Scoring.Money.Pounds(moderated.Remaining));
    }

    [Theory]
    [InlineData(new[] { 50.0, 50.0 }, 0.0, 0.0, false)]
    [InlineData(new[] { 40.0, 70.0 }, 30.0, 15.0, true)]
    [InlineData(new[] { 50.0, 60.0, 70.0 }, 20.0, 8.16, false)]
    [InlineData(new[] { 80.0 }, 0.0, 0.0, false)]
    public void Disagreement_RangeAndPopulationDeviation_AgainstTheThresholds(double[] scores, double range, double deviation, bool strong)
    {
        var disagreement = Disagreement.Of([.. scores.Select(score => (decimal)score)], 25m, 12.5m);

        Assert.Equal((decimal)range, disagreement.Range);
        Assert.Equal((decimal)deviation, disagreement.StandardDeviation);
        Assert.Equal(strong, disagreement.IsStrong);
    }

    private static (Decision, decimal, string?) Row(ModeratedAllocation moderated, string reference)
    {
        var row = moderated.Find(reference)!;
        return (row.Decision, row.Amount, row.PotKey);
    }

    private sealed class NoticeComparer : IEqualityComparer<FairFund.Domain.Applications.DecisionNotice>
    {
        public bool Equals(FairFund.Domain.Applications.DecisionNotice? x, FairFund.Domain.Applications.DecisionNotice? y) =>
            x is not null && y is not null && x.Decision == y.Decision && x.Amount == y.Amount && x.Reason == y.Reason && x.Trail.SequenceEqual(y.Trail) && x.PanelComments.SequenceEqual(y.PanelComments);

        public int GetHashCode(FairFund.Domain.Applications.DecisionNotice obj) => obj.Reason.GetHashCode(StringComparison.Ordinal);
    }
}
