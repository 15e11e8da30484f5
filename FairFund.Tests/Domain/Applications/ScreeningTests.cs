using FairFund.Domain.Applications;
using FairFund.Domain.Auditing;
using FairFund.Domain.Rounds;
using static FairFund.Tests.Domain.Applications.ApplicationInState;

namespace FairFund.Tests.Domain.Applications;

/// <summary>
/// A fund manager's screening decision (<see cref="Application.Screen"/>): only while the round is being screened,
/// not eligible only with a reason, the same decision twice records nothing, and a group's reason is never
/// replaced unseen.
/// </summary>
public sealed class ScreeningTests
{
    private static readonly DateTimeOffset Later = Monday.AddDays(10);

    [Theory]
    [InlineData(RoundState.Open)]
    [InlineData(RoundState.Scoring)]
    [InlineData(RoundState.Moderation)]
    public void WhyCannotBeScreened_RoundNotBeingScreened_GivesTheRoundsReason(RoundState round) =>
        Assert.Equal(Round.WhyScreeningIsClosed(round), In(ApplicationState.Submitted).WhyCannotBeScreened(round));

    [Theory]
    [InlineData(ApplicationState.Submitted)]
    [InlineData(ApplicationState.Eligible)]
    [InlineData(ApplicationState.Ineligible)]
    public void WhyCannotBeScreened_SentAndNotPastScreening_IsNull(ApplicationState state) =>
        Assert.Null(In(state).WhyCannotBeScreened(RoundState.Screening));

    [Theory]
    [InlineData(ApplicationState.Scored, "scored")]
    [InlineData(ApplicationState.Withdrawn, "withdrawn")]
    public void WhyCannotBeScreened_PastScreeningOrWithdrawn_SaysItNeedsNoDecision(ApplicationState state, string words) =>
        Assert.Equal($"This application is {words}, so it needs no screening decision", In(state).WhyCannotBeScreened(RoundState.Screening));

    [Fact]
    public void CheckScreening_Eligible_HasNoProblemWhateverTheReason() =>
        Assert.Empty(In(ApplicationState.Submitted).CheckScreening(ScreeningDecision.Eligible, null));

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void CheckScreening_NotEligibleWithoutAReason_AsksForOneAtTheReason(string? reason)
    {
        var problem = Assert.Single(In(ApplicationState.Submitted).CheckScreening(ScreeningDecision.NotEligible, reason));
        Assert.Equal(("reason", "Enter why the application is not eligible"), (problem.Location, problem.Message));
    }

    [Fact]
    public void CheckScreening_NotEligibleWithAReasonOverItsLimit_IsAProblemAtTheReason()
    {
        var problem = Assert.Single(In(ApplicationState.Submitted).CheckScreening(ScreeningDecision.NotEligible, new string('a', Application.IneligibleReasonLimit.Characters + 1)));
        Assert.Equal("reason", problem.Location);
    }

    [Fact]
    public void CheckScreening_AlreadyNotEligibleWithAnotherReason_IsRefusedAtTheReason()
    {
        var problem = Assert.Single(In(ApplicationState.Ineligible).CheckScreening(ScreeningDecision.NotEligible, "A different reason"));
        Assert.Equal("reason", problem.Location);
        Assert.StartsWith("This application is already not eligible", problem.Message);
    }

    [Fact]
    public void CheckScreening_AlreadyNotEligibleWithTheSameReason_HasNoProblem() =>
        Assert.Empty(In(ApplicationState.Ineligible).CheckScreening(ScreeningDecision.NotEligible, $"  {IneligibleReason} "));

    [Fact]
    public void Screen_Eligible_MarksItEligibleAndRecordsWhoAndWhen()
    {
        var application = In(ApplicationState.Submitted);

        Assert.True(application.Screen(ScreeningDecision.Eligible, null, RoundState.Screening, Later, Officer));

        Assert.Equal(ApplicationState.Eligible, application.State);
        Assert.Equal((Later, Officer, "Eligible"), (application.History[^1].At, application.History[^1].Actor, application.History[^1].To));
    }

    [Fact]
    public void Screen_NotEligible_MarksItIneligibleWithTheReasonCleaned()
    {
        var application = In(ApplicationState.Submitted);

        Assert.True(application.Screen(ScreeningDecision.NotEligible, "  Outside the area \u202E ", RoundState.Screening, Later, Officer));

        Assert.Equal(ApplicationState.Ineligible, application.State);
        Assert.Equal("Outside the area", application.IneligibleReason);
    }

    [Fact]
    public void Screen_IneligibleMarkedEligible_ChangesIt()
    {
        var application = In(ApplicationState.Ineligible);

        Assert.True(application.Screen(ScreeningDecision.Eligible, null, RoundState.Screening, Later, Officer));

        Assert.Equal(ApplicationState.Eligible, application.State);
    }

    [Theory]
    [InlineData(ApplicationState.Eligible, ScreeningDecision.Eligible)]
    [InlineData(ApplicationState.Ineligible, ScreeningDecision.NotEligible)]
    public void Screen_TheDecisionAlreadyMade_ChangesAndRecordsNothing(ApplicationState state, ScreeningDecision decision)
    {
        var application = In(state);
        var history = application.History.Count;

        Assert.False(application.Screen(decision, IneligibleReason, RoundState.Screening, Later, Officer));

        Assert.Equal((state, history), (application.State, application.History.Count));
    }

    [Fact]
    public void Screen_RoundBeingScored_IsRefusedWithTheRoundsReasonAndChangesNothing()
    {
        var application = In(ApplicationState.Submitted);

        var refused = Assert.Throws<DomainRuleException>(() => application.Screen(ScreeningDecision.Eligible, null, RoundState.Scoring, Later, Officer));

        Assert.Equal(Round.WhyScreeningIsClosed(RoundState.Scoring) + ".", refused.Message);
        Assert.Equal(ApplicationState.Submitted, application.State);
    }

    [Fact]
    public void Screen_NotEligibleWithoutAReason_IsRefusedAndChangesNothing()
    {
        var application = In(ApplicationState.Submitted);

        var refused = Assert.Throws<DomainRuleException>(() => application.Screen(ScreeningDecision.NotEligible, "", RoundState.Screening, Later, Officer));

        Assert.Equal("Enter why the application is not eligible.", refused.Message);
        Assert.Equal(ApplicationState.Submitted, application.State);
    }

    [Fact]
    public void Screen_AlreadyNotEligibleWithAnotherReason_IsRefusedAndKeepsTheReasonTheGroupWasGiven()
    {
        var application = In(ApplicationState.Ineligible);

        Assert.Throws<DomainRuleException>(() => application.Screen(ScreeningDecision.NotEligible, "A different reason", RoundState.Screening, Later, Officer));

        Assert.Equal(IneligibleReason, application.IneligibleReason);
    }

    [Fact]
    public void Screen_Withdrawn_IsRefusedByItsLifecycle()
    {
        var application = In(ApplicationState.Withdrawn);

        var refused = Assert.Throws<DomainRuleException>(() => application.Screen(ScreeningDecision.Eligible, null, RoundState.Screening, Later, Officer));

        Assert.Equal("The application cannot be marked eligible: it is withdrawn.", refused.Message);
        Assert.Equal(ApplicationState.Withdrawn, application.State);
    }
}
