using FairFund.Domain.Allocation;
using FairFund.Domain.Applications;
using FairFund.Domain.Auditing;
using FairFund.Domain.Scoring;
using FairFund.Tests.Builders;
using static FairFund.Tests.Domain.Applications.ApplicationInState;

namespace FairFund.Tests.Domain.Applications;

/// <summary>
/// The decision a group is told: built from the real allocation's result, with the whole trail numbered,
/// the panel's comments and no reviewer's identity; and kept on the application by the decision itself.
/// </summary>
public sealed class DecisionNoticeTests
{
    private const string ReviewerName = "Sam Okafor";
    private const string ReviewerEmail = "helen.price@partner.example";
    private const string ScreenerReason = "The group works outside Coventry and Warwickshire";

    private static readonly DateTimeOffset DecidedAt = Monday.AddDays(60);

    /// <summary>
    /// A £10,000 round with a threshold of 40: the first two candidates by score take £9,000 between them,
    /// so the third, asking for £5,000, is waitlisted; the rest are declined for each of the three reasons.
    /// </summary>
    private static readonly AllocationResult Round = new RoundBuilder { Budget = 10_000m, Threshold = 40m }.With(
        Entry("R-FUNDED", 6_000m, 4, 4),
        Entry("R-WAITLISTED", 5_000m, 3, 3),
        Entry("R-ALSO-FUNDED", 3_000m, 3, 2),
        Entry("R-BELOW", 2_000m, 1, 1),
        new ApplicationBuilder { Reference = "R-INELIGIBLE", Eligible = false, IneligibleReason = ScreenerReason, Reviews = [] },
        new ApplicationBuilder { Reference = "R-FEW-REVIEWS", Reviews = [new Review(ReviewerName, false, [4])] }).Allocate();

    private static ApplicationBuilder Entry(string reference, decimal requested, int first, int second) => new()
    {
        Reference = reference,
        Requested = requested,
        Reviews = [new Review(ReviewerName, false, [first]), new Review(ReviewerEmail, false, [second])],
    };

    private static ApplicationResult ResultFor(string reference) => Round.Applications.Single(result => result.Reference == reference);

    [Fact]
    public void From_AwardedResult_GivesTheAmountPotReasonAndEveryStepNumberedInOrder()
    {
        var result = ResultFor("R-FUNDED");

        var notice = DecisionNotice.From(result, ["  A clear plan, well costed.  ", "", "   ", "Strong lived-experience leadership."]);

        Assert.Equal(Decision.Award, notice.Decision);
        Assert.Equal(6_000m, notice.Amount);
        Assert.Equal("General pot", notice.PotName);
        Assert.False(notice.Partial);
        Assert.Equal("Your application is funded: £6,000, the full amount you asked for.", notice.Reason);
        Assert.Equal(
            result.Explain().Select((step, index) => new TrailLine(index + 1, step.ForTheGroup())),
            notice.Trail);
        Assert.Equal("Review 1 gave your application 100.00 out of 100.", notice.Trail.Single(line => line.Text.StartsWith("Review 1", StringComparison.Ordinal)).Text);
        Assert.Equal("So the rules gave your application £6,000.00 from the General pot.", notice.Trail[^1].Text);
        Assert.Equal(6_000m, notice.Requested);
        Assert.Equal(["A clear plan, well costed.", "Strong lived-experience leadership."], notice.PanelComments);
    }

    [Theory]
    [InlineData("R-WAITLISTED", Decision.Waitlist, "Your application scored well enough to be funded, but the money ran out before it was reached: it is number 2 in the order of merit.")]
    [InlineData("R-BELOW", Decision.Decline, "Your application's final score was 25.00 out of 100, and an application needed at least 40.00 to be funded in this round.")]
    [InlineData("R-INELIGIBLE", Decision.Decline, "Your application does not meet the fund's rules: The group works outside Coventry and Warwickshire.")]
    [InlineData("R-FEW-REVIEWS", Decision.Decline, "Not enough panel members could review your application to score it fairly")]
    public void From_NotFundedResult_GivesNoAmountOrPotAndTheReasonInPlainWords(string reference, Decision decision, string reasonStart)
    {
        var result = ResultFor(reference);

        var notice = DecisionNotice.From(result, []);

        Assert.Equal(decision, notice.Decision);
        Assert.Equal(0m, notice.Amount);
        Assert.Null(notice.PotName);
        Assert.StartsWith(reasonStart, notice.Reason, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(1, result.Explain().Count), notice.Trail.Select(line => line.Number));
        Assert.Empty(notice.PanelComments);
    }

    [Fact]
    public void From_AskedForMoreThanTheRoundGives_SaysTheRangeInPounds()
    {
        var result = new RoundBuilder().With(new ApplicationBuilder { Requested = 30_000m }).Allocate().Applications.Single();

        var notice = DecisionNotice.From(result, []);

        Assert.Equal("You asked for £30,000, and this round gives grants from £1,000 to £25,000, so it could not be considered.", notice.Reason);
    }

    [Fact]
    public void From_AnyResult_NamesNoReviewer()
    {
        var everything = Round.Applications
            .Select(result => DecisionNotice.From(result, ["Good."]))
            .SelectMany(notice => notice.Trail.Select(line => line.Text).Append(notice.Reason).Concat(notice.PanelComments));

        Assert.All(everything, text =>
        {
            Assert.DoesNotContain(ReviewerName, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(ReviewerEmail, text, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public void Decide_WithNoticesFromARealAllocation_KeepsEachNoticeAndMovesEachApplication()
    {
        var funded = In(ApplicationState.Scored);
        var waitlisted = In(ApplicationState.Scored);
        var below = In(ApplicationState.Scored);
        var tooFewReviews = In(ApplicationState.Eligible);
        var award = DecisionNotice.From(ResultFor("R-FUNDED"), ["Well planned."]);
        var waitlist = DecisionNotice.From(ResultFor("R-WAITLISTED"), []);
        var decline = DecisionNotice.From(ResultFor("R-BELOW"), []);
        var fewReviews = DecisionNotice.From(ResultFor("R-FEW-REVIEWS"), []);

        funded.Award(DecidedAt, Officer, award);
        waitlisted.Waitlist(DecidedAt, Officer, waitlist);
        below.Decline(DecidedAt, Officer, decline);
        tooFewReviews.Decline(DecidedAt, Officer, fewReviews);

        Assert.Equal((ApplicationState.Awarded, award), (funded.State, funded.Decision));
        Assert.Equal((ApplicationState.Waitlisted, waitlist), (waitlisted.State, waitlisted.Decision));
        Assert.Equal((ApplicationState.Declined, decline), (below.State, below.Decision));
        Assert.Equal((ApplicationState.Declined, fewReviews), (tooFewReviews.State, tooFewReviews.Decision));
        Assert.Equal(new StateChange(DecidedAt, Officer, "Scored", "Declined", "Decline", decline.Reason), below.History[^1]);
    }

    [Fact]
    public void Award_FromTheWaitingList_ReplacesTheNoticeWithTheAward()
    {
        var application = In(ApplicationState.Waitlisted);

        application.Award(DecidedAt, Officer, Funded);

        Assert.Equal(ApplicationState.Awarded, application.State);
        Assert.Same(Funded, application.Decision);
    }

    [Theory]
    [InlineData(ApplicationTrigger.Award, "be awarded", "a decision notice awarding an amount")]
    [InlineData(ApplicationTrigger.Waitlist, "be waitlisted", "a decision notice placing it on the waiting list")]
    [InlineData(ApplicationTrigger.Decline, "be declined", "a decision notice declining it")]
    public void Decide_WithANoticeThatSaysSomethingElse_IsRefusedInWordsAndChangesNothing(ApplicationTrigger trigger, string verb, string need)
    {
        var application = In(ApplicationState.Scored);
        var earlier = application.History.ToList();
        var wrong = trigger == ApplicationTrigger.Award ? NotFunded : Funded;

        Assert.Equal([$"it needs {need}"], application.WhyNot(trigger, notice: wrong));
        var refused = Assert.Throws<DomainRuleException>(() =>
        {
            switch (trigger)
            {
                case ApplicationTrigger.Award: application.Award(DecidedAt, Officer, wrong); break;
                case ApplicationTrigger.Waitlist: application.Waitlist(DecidedAt, Officer, wrong); break;
                default: application.Decline(DecidedAt, Officer, wrong); break;
            }
        });

        Assert.Equal($"The application cannot {verb}: it needs {need}.", refused.Message);
        Assert.Equal(ApplicationState.Scored, application.State);
        Assert.Null(application.Decision);
        Assert.Equal(earlier, application.History);
    }

    [Fact]
    public void Award_NoticeWithNoAmount_IsRefused()
    {
        var application = In(ApplicationState.Scored);

        Assert.Throws<DomainRuleException>(() => application.Award(DecidedAt, Officer, Funded with { Amount = 0m }));

        Assert.Equal(ApplicationState.Scored, application.State);
    }
}
