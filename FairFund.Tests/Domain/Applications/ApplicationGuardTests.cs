using FairFund.Domain.Applications;
using FairFund.Domain.Auditing;
using static FairFund.Tests.Domain.Applications.ApplicationInState;

namespace FairFund.Tests.Domain.Applications;

/// <summary>
/// The application triggers that hold only under conditions (DESIGN.md: "a submission that reaches the
/// server before the closing instant counts; one after it is refused with a clear message and the draft
/// is kept"), and the words each state shows to staff and to the group.
/// </summary>
public sealed class ApplicationGuardTests
{
    private static readonly DateTimeOffset ClosesAt = new(2027, 3, 29, 12, 0, 0, TimeSpan.Zero);

    private const string SubmitRefusal =
        "The application cannot be submitted: it needs the round to be open and its closing time not yet passed.";

    [Fact]
    public void Submit_ExactlyAtTheClosingInstant_IsRefusedAndKeepsTheDraft()
    {
        var application = Draft();

        var refused = Assert.Throws<DomainRuleException>(() =>
            application.Submit(ClosesAt, Applicant, new SubmissionWindow(RoundIsOpen: true, ClosesAt, Now: ClosesAt), ApplicationInState.Grants));

        Assert.Equal(SubmitRefusal, refused.Message);
        Assert.Equal(ApplicationState.Draft, application.State);
        Assert.Null(application.SubmittedAt);
        Assert.Null(application.SubmittedBy);
        Assert.Empty(application.History);
    }

    [Fact]
    public void Submit_OneTickBeforeTheClosingInstant_IsAcceptedAndRecordsWhenAndWho()
    {
        var application = Draft();
        var now = ClosesAt.AddTicks(-1);

        application.Submit(now, Applicant, new SubmissionWindow(RoundIsOpen: true, ClosesAt, Now: now), ApplicationInState.Grants);

        Assert.Equal(ApplicationState.Submitted, application.State);
        Assert.Equal(now, application.SubmittedAt);
        Assert.Equal(Applicant, application.SubmittedBy);
        Assert.Equal([new StateChange(now, Applicant, "Draft", "Submitted", "Submit", null)], application.History);
    }

    [Fact]
    public void Submit_RoundNotOpen_IsRefusedAndKeepsTheDraft()
    {
        var application = Draft();
        var now = ClosesAt.AddDays(-7);

        var refused = Assert.Throws<DomainRuleException>(() =>
            application.Submit(now, Applicant, new SubmissionWindow(RoundIsOpen: false, ClosesAt, Now: now), ApplicationInState.Grants));

        Assert.Equal(SubmitRefusal, refused.Message);
        Assert.Equal(ApplicationState.Draft, application.State);
        Assert.Null(application.SubmittedAt);
        Assert.Empty(application.History);
    }

    [Fact]
    public void WhyNot_SubmitWithoutAWindow_AssumesTheRoundIsNotOpen()
    {
        Assert.Equal(["it needs the round to be open and its closing time not yet passed"], Draft().WhyNot(ApplicationTrigger.Submit));
    }

    [Theory]
    [InlineData(ApplicationState.Submitted, "")]
    [InlineData(ApplicationState.Submitted, "   ")]
    [InlineData(ApplicationState.Eligible, "")]
    public void MarkIneligible_WithoutAReason_IsRefusedAndChangesNothing(ApplicationState state, string reason)
    {
        var application = In(state);
        var earlier = application.History.ToList();

        var refused = Assert.Throws<DomainRuleException>(() => application.MarkIneligible(Monday.AddDays(10), Officer, reason));

        Assert.Equal("The application cannot be marked ineligible: it needs a reason for the group.", refused.Message);
        Assert.Equal(state, application.State);
        Assert.Null(application.IneligibleReason);
        Assert.Equal(earlier, application.History);
    }

    [Fact]
    public void MarkIneligible_WithAReason_KeepsTheReasonForTheGroup()
    {
        var application = In(ApplicationState.Submitted);

        application.MarkIneligible(Monday.AddDays(10), Officer, IneligibleReason);

        Assert.Equal(ApplicationState.Ineligible, application.State);
        Assert.Equal(IneligibleReason, application.IneligibleReason);
        Assert.Equal(IneligibleReason, application.History[^1].Reason);
    }

    public static TheoryData<ApplicationState> EveryState() => [.. Enum.GetValues<ApplicationState>()];

    [Theory]
    [MemberData(nameof(EveryState))]
    public void Labels_EveryState_HasAnApplicantLabelApartFromTheStaffLabel(ApplicationState state)
    {
        var staff = Labels.ForStaff(state);
        var applicant = Labels.ForApplicant(state);

        Assert.False(string.IsNullOrWhiteSpace(staff));
        Assert.False(string.IsNullOrWhiteSpace(applicant));
        Assert.NotEqual(staff, applicant, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public void Labels_AllStates_AreEachDistinctForStaffAndForApplicants()
    {
        var states = Enum.GetValues<ApplicationState>();

        Assert.Equal(states.Length, states.Select(Labels.ForStaff).Distinct().Count());
        Assert.Equal(states.Length, states.Select(Labels.ForApplicant).Distinct().Count());
    }
}
