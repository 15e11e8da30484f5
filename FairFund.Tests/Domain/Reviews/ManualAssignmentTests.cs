using FairFund.Domain.Applications;
using FairFund.Domain.Reviews;
using FairFund.Domain.Rounds;
using FairFund.Domain.Validation;

namespace FairFund.Tests.Domain.Reviews;

/// <summary>
/// A fund manager assigning a review by hand (<see cref="PanelAssignment.CheckManual"/>): the same rules as the
/// automatic plan, each refusal at the choice it is about.
/// </summary>
public sealed class ManualAssignmentTests
{
    private const string Member = "sam@panel.test";
    private static readonly ChosenApplication Eligible = new(Guid.NewGuid(), "CW-2027-0001", ApplicationState.Eligible);

    private static IReadOnlyList<Problem> Check(RoundState round = RoundState.Scoring, string? member = Member, ChosenApplication? application = null,
        IReadOnlyList<ExistingReview>? existing = null, ApplicantPeople? applicants = null) =>
        PanelAssignment.CheckManual(round, member, application ?? Eligible, existing ?? [], applicants);

    [Theory]
    [InlineData(RoundState.Screening)]
    [InlineData(RoundState.Scoring)]
    public void CheckManual_JoinedMemberAndEligibleApplicationWhileAssigning_HasNoProblem(RoundState round) =>
        Assert.Empty(Check(round));

    [Theory]
    [InlineData(RoundState.Open)]
    [InlineData(RoundState.Moderation)]
    public void CheckManual_RoundNotTakingAssignments_IsRefusedAtTheMemberWithTheRoundsReason(RoundState round) =>
        Assert.Equal([new Problem(PanelAssignment.MemberChoice, Round.WhyAssignmentIsClosed(round)!)], Check(round));

    [Fact]
    public void CheckManual_NoMemberWhoHasJoined_AsksForOne() =>
        Assert.Equal([new Problem(PanelAssignment.MemberChoice, "Select a panel member who has joined")], Check(member: null));

    [Fact]
    public void CheckManual_NoApplication_AsksForOne() =>
        Assert.Equal([new Problem(PanelAssignment.ApplicationChoice, "Select an application")],
            PanelAssignment.CheckManual(RoundState.Scoring, Member, null, []));

    [Fact]
    public void CheckManual_NeitherChosen_AsksForBothAndNothingElse() =>
        Assert.Equal([PanelAssignment.MemberChoice, PanelAssignment.ApplicationChoice],
            PanelAssignment.CheckManual(RoundState.Scoring, null, null, [new ExistingReview(Eligible.Id, Member, false)]).Select(problem => problem.Location));

    [Theory]
    [InlineData(ApplicationState.Submitted)]
    [InlineData(ApplicationState.Ineligible)]
    [InlineData(ApplicationState.Scored)]
    public void CheckManual_ApplicationNotEligible_IsRefusedAtTheApplication(ApplicationState state) =>
        Assert.Equal([new Problem(PanelAssignment.ApplicationChoice, "CW-2027-0001 cannot be assigned: only eligible applications are reviewed")],
            Check(application: Eligible with { State = state }));

    [Fact]
    public void CheckManual_MemberAlreadyHasAReview_IsRefusedAtTheMember() =>
        Assert.Equal([new Problem(PanelAssignment.MemberChoice, $"{Member} already has a review of CW-2027-0001")],
            Check(existing: [new ExistingReview(Eligible.Id, "SAM@panel.test", Conflicted: false)]));

    [Fact]
    public void CheckManual_MembersReviewEndedByAConflict_IsRefusedForGood() =>
        Assert.Equal([new Problem(PanelAssignment.MemberChoice, $"{Member} has a conflict of interest with CW-2027-0001, so cannot review it")],
            Check(existing: [new ExistingReview(Eligible.Id, Member, Conflicted: true)]));

    [Fact]
    public void CheckManual_MembersReviewOfAnotherApplication_IsNoProblem() =>
        Assert.Empty(Check(existing: [new ExistingReview(Guid.NewGuid(), Member, Conflicted: false)]));

    [Fact]
    public void CheckManual_MemberIsOneOfTheApplicationsOwnPeople_IsRefusedWithTheTie() =>
        Assert.Equal([new Problem(PanelAssignment.MemberChoice, $"{Member} has a conflict of interest with CW-2027-0001, so cannot review it: {Member} sent this application")],
            Check(applicants: new ApplicantPeople([], Member, [])));
}
