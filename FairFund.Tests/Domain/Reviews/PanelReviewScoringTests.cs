using FairFund.Domain.Auditing;
using FairFund.Domain.Reviews;
using FairFund.Domain.Validation;
using static FairFund.Tests.Domain.Reviews.ReviewInState;

namespace FairFund.Tests.Domain.Reviews;

/// <summary>
/// Scoring: whole-number scores on each criterion's scale, drafts saved, submission explicit and
/// complete, revisions only while scoring is open and every submitted version kept.
/// </summary>
public sealed class PanelReviewScoringTests
{
    [Theory]
    [InlineData(ReviewTrigger.SaveDraft)]
    [InlineData(ReviewTrigger.Submit)]
    [InlineData(ReviewTrigger.Revise)]
    public void Scoring_BeforeDeclaring_IsRefusedAndLeavesTheReviewAsItWas(ReviewTrigger trigger)
    {
        var review = New();
        var before = Snapshot(review);

        Action change = trigger switch
        {
            ReviewTrigger.SaveDraft => () => review.SaveDraft(Sheet(), Criteria, Later(5)),
            ReviewTrigger.Submit => () => review.Submit(Criteria, Later(5), scoringOpen: true),
            _ => () => review.Revise(Sheet(), Criteria, Later(5), scoringOpen: true),
        };
        var refused = Assert.Throws<DomainRuleException>(change);

        Assert.EndsWith("it is waiting for the panel member to declare any conflict of interest.", refused.Message, StringComparison.Ordinal);
        Assert.False(review.CanSeeApplication);
        Assert.False(review.CanScore);
        AssertUnchanged(before, review);
    }

    [Fact]
    public void SaveDraft_SomeScoresMissing_IsSavedAndRecorded()
    {
        var review = Declared();
        Assert.Null(review.DraftSavedAt);

        review.SaveDraft(Sheet(need: 2, delivery: null, comment: " First thoughts\r\n", note: "Ask about the lease"), Criteria, Later(2));

        Assert.Equal(ReviewState.Scoring, review.State);
        Assert.Equal(Scores(2, null), review.Sheet.Scores);
        Assert.Equal("First thoughts", review.Sheet.CommentForApplicant);
        Assert.Equal("Ask about the lease", review.Sheet.NoteForPanel);
        Assert.Equal(new StateChange(Later(2), Member, "Scoring", "Scoring", "SaveDraft", null), review.History[^1]);
        Assert.Equal(Later(2), review.DraftSavedAt);
        Assert.Empty(review.Revisions);
        Assert.False(review.CountsTowardAllocation);
        Assert.Null(review.ForAllocation(Criteria));
    }

    [Fact]
    public void SaveDraft_ScoreOutsideTheScale_IsRefusedWithALocatedProblemAndKeepsTheEarlierDraft()
    {
        var review = Drafted();
        var before = Snapshot(review);

        var refused = Assert.Throws<DomainRuleException>(() => review.SaveDraft(Sheet(need: 7, delivery: 0), Criteria, Later(4)));

        Assert.Equal("The review cannot be saved: scores.need: 7 is outside the scale 0..4; scores.delivery: 0 is outside the scale 1..5.", refused.Message);
        AssertUnchanged(before, review);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(4, 5)]
    public void CheckDraft_ScoresAtTheEndsOfTheScale_AreAccepted(int need, int delivery) =>
        Assert.Empty(Sheet(need, delivery).CheckDraft(Criteria));

    [Theory]
    [InlineData(-1, 3, "scores.need", "-1 is outside the scale 0..4")]
    [InlineData(5, 3, "scores.need", "5 is outside the scale 0..4")]
    [InlineData(2, 0, "scores.delivery", "0 is outside the scale 1..5")]
    [InlineData(2, 6, "scores.delivery", "6 is outside the scale 1..5")]
    public void CheckDraft_ScoreOffTheScale_IsLocatedAtTheCriterion(int need, int delivery, string location, string message) =>
        Assert.Equal([new Problem(location, message)], Sheet(need, delivery).CheckDraft(Criteria));

    [Fact]
    public void CheckDraft_UnknownCriterion_IsLocatedAtItsKeyAndNamesTheRoundsCriteria()
    {
        var sheet = new ScoreSheet(new Dictionary<string, int> { ["need"] = 2, ["impact"] = 3 }, "", "");

        Assert.Equal([new Problem("scores.impact", "\"impact\" is not one of the round's criteria (need, delivery)")], sheet.CheckDraft(Criteria));
    }

    [Fact]
    public void CheckSubmission_NothingWritten_NamesEveryMissingScoreAndTheComment() =>
        Assert.Equal(
            [
                new Problem("scores.need", "Enter a score for Local need"),
                new Problem("scores.delivery", "Enter a score for Ability to deliver"),
                new Problem("commentForApplicant", "Enter a comment for the group"),
            ],
            ScoreSheet.Empty.CheckSubmission(Criteria));

    [Fact]
    public void Submit_ACompleteDraftWhileScoringIsOpen_KeepsItAsTheFirstRevision()
    {
        var review = Drafted(Sheet(need: 3, delivery: 4, note: "Strong on lived experience"));

        review.Submit(Criteria, Later(3), scoringOpen: true);

        Assert.Equal(ReviewState.Submitted, review.State);
        Assert.Equal([new Revision(1, Later(3), Member, Scores(3, 4), "A clear plan, well costed.", "Strong on lived experience")], review.Revisions,
            RevisionComparer.Instance);
        Assert.Equal(new StateChange(Later(3), Member, "Scoring", "Submitted", "Submit", null), review.History[^1]);
        Assert.True(review.CountsTowardAllocation);
    }

    [Fact]
    public void Submit_AScoreMissing_IsRefusedAndKeepsTheDraft()
    {
        var review = Drafted(Sheet(need: 3, delivery: null));
        var before = Snapshot(review);

        var refused = Assert.Throws<DomainRuleException>(() => review.Submit(Criteria, Later(3), scoringOpen: true));

        Assert.Equal("The review cannot be submitted: scores.delivery: Enter a score for Ability to deliver.", refused.Message);
        AssertUnchanged(before, review);
    }

    [Fact]
    public void Submit_NoCommentForTheApplicant_IsRefusedAndKeepsTheDraft()
    {
        var review = Drafted(Sheet(comment: "  ", note: "Only a private note"));
        var before = Snapshot(review);

        var refused = Assert.Throws<DomainRuleException>(() => review.Submit(Criteria, Later(3), scoringOpen: true));

        Assert.Equal("The review cannot be submitted: commentForApplicant: Enter a comment for the group.", refused.Message);
        AssertUnchanged(before, review);
    }

    [Fact]
    public void Submit_AfterScoringCloses_IsRefusedAndKeepsTheDraft()
    {
        var review = Drafted();
        var before = Snapshot(review);

        var refused = Assert.Throws<DomainRuleException>(() => review.Submit(Criteria, Later(3), scoringOpen: false));

        Assert.Equal("The review cannot be submitted: it needs scoring to be open.", refused.Message);
        Assert.Equal(["it needs scoring to be open"], review.WhyNot(ReviewTrigger.Submit, scoringOpen: false));
        AssertUnchanged(before, review);
    }

    [Fact]
    public void Submit_Twice_IsRefusedAndKeepsTheFirstSubmission()
    {
        var review = Submitted();
        var before = Snapshot(review);

        var refused = Assert.Throws<DomainRuleException>(() => review.Submit(Criteria, Later(4), scoringOpen: true));

        Assert.Equal("The review cannot be submitted: it is already submitted.", refused.Message);
        AssertUnchanged(before, review);
    }

    [Fact]
    public void SaveDraft_AfterSubmission_IsRefusedSoChangesGoThroughARevision()
    {
        var review = Submitted();
        var before = Snapshot(review);

        Assert.Throws<DomainRuleException>(() => review.SaveDraft(Sheet(need: 0), Criteria, Later(4)));

        AssertUnchanged(before, review);
    }

    [Fact]
    public void Revise_WhileScoringIsOpen_AppendsAVersionAndKeepsEveryEarlierOne()
    {
        var review = Submitted();

        review.Revise(Sheet(need: 1, delivery: 2, comment: "On reflection, the costs are unclear."), Criteria, Later(40), scoringOpen: true);
        review.Revise(Sheet(need: 2, delivery: 2, comment: "Costs explained at moderation."), Criteria, Later(90), scoringOpen: true);

        Assert.Equal(
            [
                new Revision(1, Later(3), Member, Scores(3, 4), "A clear plan, well costed.", ""),
                new Revision(2, Later(40), Member, Scores(1, 2), "On reflection, the costs are unclear.", ""),
                new Revision(3, Later(90), Member, Scores(2, 2), "Costs explained at moderation.", ""),
            ],
            review.Revisions, RevisionComparer.Instance);
        Assert.Equal(3, review.Submitted!.Number);
        Assert.Equal(Scores(2, 2), review.Sheet.Scores);
        Assert.Equal(
            [new StateChange(Later(40), Member, "Submitted", "Submitted", "Revise", null), new StateChange(Later(90), Member, "Submitted", "Submitted", "Revise", null)],
            review.History.Skip(3));
        Assert.Equal([2, 2], review.ForAllocation(Criteria)!.Scores);
    }

    [Fact]
    public void Revise_AfterScoringCloses_IsRefusedAndKeepsTheSubmittedVersion()
    {
        var review = Submitted();
        var before = Snapshot(review);

        var refused = Assert.Throws<DomainRuleException>(() => review.Revise(Sheet(need: 0), Criteria, Later(40), scoringOpen: false));

        Assert.Equal("The review cannot be revised: it needs scoring to be open.", refused.Message);
        AssertUnchanged(before, review);
    }

    [Fact]
    public void Revise_BeforeSubmission_IsRefusedAndKeepsTheDraft()
    {
        var review = Drafted();
        var before = Snapshot(review);

        var refused = Assert.Throws<DomainRuleException>(() => review.Revise(Sheet(need: 0), Criteria, Later(40), scoringOpen: true));

        Assert.Equal("The review cannot be revised: it is not yet submitted.", refused.Message);
        AssertUnchanged(before, review);
    }

    [Fact]
    public void Revise_IncompleteOrOffTheScale_IsRefusedWithLocatedProblemsAndKeepsTheSubmittedVersion()
    {
        var review = Submitted();
        var before = Snapshot(review);

        var refused = Assert.Throws<DomainRuleException>(() =>
            review.Revise(Sheet(need: 9, delivery: null, comment: ""), Criteria, Later(40), scoringOpen: true));

        Assert.Equal(
            "The review cannot be revised: scores.need: 9 is outside the scale 0..4; scores.delivery: Enter a score for Ability to deliver; commentForApplicant: Enter a comment for the group.",
            refused.Message);
        AssertUnchanged(before, review);
    }

    [Fact]
    public void Revisions_AreNotChangedByTheCallersDictionary()
    {
        var scores = Scores(3, 4);
        var review = Drafted(new ScoreSheet(scores, "Fine", ""));
        review.Submit(Criteria, Later(3), scoringOpen: true);

        scores["need"] = 0;

        Assert.Equal(3, review.Revisions[0].Scores["need"]);
    }

    [Fact]
    public void Constructor_RecordsTheAssignment()
    {
        var id = Guid.NewGuid();

        var review = new PanelReview(id, TheApplication, Member, Assigned, FundManager);

        Assert.Equal((id, TheApplication, Member, Assigned, FundManager, ReviewState.AwaitingDeclaration),
            (review.Id, review.ApplicationId, review.ReviewerId, review.AssignedAt, review.AssignedBy, review.State));
        Assert.Empty(review.History);
    }

    [Theory]
    [InlineData("", FundManager)]
    [InlineData(Member, " ")]
    public void Constructor_WithoutAReviewerOrAssigner_IsRefused(string reviewer, string assignedBy) =>
        Assert.Throws<ArgumentException>(() => new PanelReview(Guid.NewGuid(), TheApplication, reviewer, Assigned, assignedBy));

    /// <summary>Revisions hold dictionaries, which records compare by reference; compare their contents.</summary>
    private sealed class RevisionComparer : IEqualityComparer<Revision>
    {
        public static readonly RevisionComparer Instance = new();

        public bool Equals(Revision? x, Revision? y) =>
            x is not null && y is not null
            && x with { Scores = y.Scores } == y
            && x.Scores.OrderBy(pair => pair.Key, StringComparer.Ordinal).SequenceEqual(y.Scores.OrderBy(pair => pair.Key, StringComparer.Ordinal));

        public int GetHashCode(Revision obj) => obj.Number;
    }
}
