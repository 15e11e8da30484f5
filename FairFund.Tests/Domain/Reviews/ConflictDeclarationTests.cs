using FairFund.Domain.Auditing;
using FairFund.Domain.Reviews;
using FairFund.Domain.Validation;
using static FairFund.Tests.Domain.Reviews.ReviewInState;

namespace FairFund.Tests.Domain.Reviews;

/// <summary>
/// Conflicts of interest: declared before the member sees the application, or recorded by the fund
/// manager; either way the member never sees it again and nothing they scored is counted.
/// </summary>
public sealed class ConflictDeclarationTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Check_OtherWithoutANote_IsLocatedAtTheNote(string? note) =>
        Assert.Equal([new Problem("note", "Enter a note saying what the conflict is")], ConflictDeclaration.Check(ConflictKind.Other, note));

    [Theory]
    [InlineData(ConflictKind.WorksOrVolunteersThere)]
    [InlineData(ConflictKind.Trustee)]
    [InlineData(ConflictKind.FamilyOrFriend)]
    [InlineData(ConflictKind.FundingRelationship)]
    public void Check_NamedKindWithoutANote_IsAccepted(ConflictKind kind) => Assert.Empty(ConflictDeclaration.Check(kind, null));

    [Theory]
    [InlineData(ConflictKind.None)]
    [InlineData((ConflictKind)99)]
    public void Check_NoKindOfConflict_IsLocatedAtTheKind(ConflictKind kind) =>
        Assert.Equal([new Problem("kind", "Select the kind of conflict")], ConflictDeclaration.Check(kind, "a note"));

    [Fact]
    public void DeclareConflict_BeforeSeeingTheApplication_EndsTheReviewAndRecordsWhoAndWhen()
    {
        var review = New();

        review.DeclareConflict(ConflictKind.Other, "  I sold them a minibus last year ", Later(1), Member);

        Assert.Equal(ReviewState.Conflicted, review.State);
        Assert.Equal(new ConflictDeclaration(ConflictKind.Other, "I sold them a minibus last year", Member, Later(1), RecordedByFundManager: false), review.Conflict);
        Assert.Equal([new StateChange(Later(1), Member, "AwaitingDeclaration", "Conflicted", "DeclareConflict", "Other: I sold them a minibus last year")], review.History);
        Assert.False(review.CanSeeApplication);
        Assert.False(review.CanScore);
        Assert.False(review.CanSeeOthersScores);
        Assert.False(review.CountsTowardAllocation);
    }

    [Fact]
    public void DeclareConflict_OtherWithoutANote_IsRefusedAndLeavesTheReviewAsItWas()
    {
        var review = New();
        var before = Snapshot(review);

        var refused = Assert.Throws<DomainRuleException>(() => review.DeclareConflict(ConflictKind.Other, " ", Later(1), Member));

        Assert.Equal("The review cannot be given a declared conflict: note: Enter a note saying what the conflict is.", refused.Message);
        AssertUnchanged(before, review);
    }

    [Fact]
    public void DeclareConflict_OfKindNone_IsRefusedAndLeavesTheReviewAsItWas()
    {
        var review = New();
        var before = Snapshot(review);

        Assert.Throws<DomainRuleException>(() => review.DeclareConflict(ConflictKind.None, "", Later(1), Member));

        AssertUnchanged(before, review);
    }

    [Fact]
    public void DeclareNoConflict_BeforeSeeing_LetsTheMemberSeeAndScoreButNotSeeOthers()
    {
        var review = New();

        review.DeclareNoConflict(Later(1), Member, ApplicantPeople.NoneKnown);

        Assert.Equal(ReviewState.Scoring, review.State);
        Assert.Equal([new ConflictDeclaration(ConflictKind.None, "", Member, Later(1), RecordedByFundManager: false)], review.Declarations);
        Assert.Null(review.Conflict);
        Assert.Equal([new StateChange(Later(1), Member, "AwaitingDeclaration", "Scoring", "DeclareNoConflict", null)], review.History);
        Assert.True(review.CanSeeApplication);
        Assert.True(review.CanScore);
        Assert.False(review.CanSeeOthersScores);
    }

    [Theory]
    [InlineData(ReviewState.Scoring)]
    [InlineData(ReviewState.Submitted)]
    [InlineData(ReviewState.Conflicted)]
    public void DeclareNoConflict_AfterDeclaring_IsRefusedAndLeavesTheReviewAsItWas(ReviewState state)
    {
        var review = In(state);
        var before = Snapshot(review);

        var refused = Assert.Throws<DomainRuleException>(() => review.DeclareNoConflict(Later(10), Member, ApplicantPeople.NoneKnown));

        Assert.StartsWith("The review cannot be declared free of conflicts: it is ", refused.Message, StringComparison.Ordinal);
        AssertUnchanged(before, review);
    }

    [Fact]
    public void RecordConflict_AfterTheMemberDeclaredNone_IsMarkedAsRecordedByTheFundManagerAndKeepsBoth()
    {
        var review = Drafted();

        review.RecordConflict(ConflictKind.FamilyOrFriend, "Her brother is the group's treasurer", Later(20), FundManager);

        Assert.Equal(ReviewState.Conflicted, review.State);
        Assert.Equal(
            [
                new ConflictDeclaration(ConflictKind.None, "", Member, Later(1), RecordedByFundManager: false),
                new ConflictDeclaration(ConflictKind.FamilyOrFriend, "Her brother is the group's treasurer", FundManager, Later(20), RecordedByFundManager: true),
            ],
            review.Declarations);
        Assert.Equal(new StateChange(Later(20), FundManager, "Scoring", "Conflicted", "RecordConflict", "Family or friend: Her brother is the group's treasurer"), review.History[^1]);
        Assert.False(review.CanSeeApplication);
    }

    [Fact]
    public void RecordConflict_AfterSubmission_ExcludesTheScoresButKeepsThemForTheRecord()
    {
        var review = Submitted();

        review.RecordConflict(ConflictKind.FundingRelationship, "", Later(30), FundManager);

        Assert.False(review.CountsTowardAllocation);
        Assert.False(review.CanSeeOthersScores);
        Assert.Single(review.Revisions);
        var forAllocation = review.ForAllocation(Criteria);
        Assert.NotNull(forAllocation);
        Assert.True(forAllocation.Conflict);
    }

    [Fact]
    public void DeclareConflict_AfterSubmission_ExcludesTheScores()
    {
        var review = Submitted();

        review.DeclareConflict(ConflictKind.WorksOrVolunteersThere, "I started volunteering there this month", Later(30), Member);

        Assert.False(review.CountsTowardAllocation);
        Assert.True(review.ForAllocation(Criteria)!.Conflict);
    }

    public static TheoryData<ReviewTrigger> EveryChange =>
        [ReviewTrigger.DeclareNoConflict, ReviewTrigger.DeclareConflict, ReviewTrigger.RecordConflict, ReviewTrigger.SaveDraft, ReviewTrigger.Submit, ReviewTrigger.Revise];

    [Theory]
    [MemberData(nameof(EveryChange))]
    public void AnyChange_OnAConflictedReview_IsRefusedAndLeavesItAsItWas(ReviewTrigger trigger)
    {
        var review = Conflicted();
        var before = Snapshot(review);

        Action change = trigger switch
        {
            ReviewTrigger.DeclareNoConflict => () => review.DeclareNoConflict(Later(5), Member, ApplicantPeople.NoneKnown),
            ReviewTrigger.DeclareConflict => () => review.DeclareConflict(ConflictKind.Trustee, "", Later(5), Member),
            ReviewTrigger.RecordConflict => () => review.RecordConflict(ConflictKind.Trustee, "", Later(5), FundManager),
            ReviewTrigger.SaveDraft => () => review.SaveDraft(Sheet(), Criteria, Later(5)),
            ReviewTrigger.Submit => () => review.Submit(Criteria, Later(5), scoringOpen: true),
            _ => () => review.Revise(Sheet(), Criteria, Later(5), scoringOpen: true),
        };
        var refused = Assert.Throws<DomainRuleException>(change);

        Assert.EndsWith("it is closed by a conflict of interest.", refused.Message, StringComparison.Ordinal);
        AssertUnchanged(before, review);
    }
}
