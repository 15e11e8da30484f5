using FairFund.Domain.Auditing;
using FairFund.Domain.Reviews;
using FairFund.Domain.Scoring;

namespace FairFund.Tests.Domain.Reviews;

/// <summary>
/// Panel reviews brought into each state through the real intent methods, on a round with two criteria
/// (need 0..4, delivery 1..5), so a test is only about the state it starts in.
/// </summary>
internal static class ReviewInState
{
    public static readonly DateTimeOffset Assigned = new(2027, 4, 5, 9, 0, 0, TimeSpan.Zero);
    public static readonly Guid TheApplication = new("00000000-0000-0000-0000-0000000000a1");
    public const string Member = "panel.member@partner.example";
    public const string FundManager = "manager@fund.example";

    public static readonly Criterion Need = new("need", "Local need", 2m, 0, 4);
    public static readonly Criterion Delivery = new("delivery", "Ability to deliver", 1m, 1, 5);
    public static readonly IReadOnlyList<Criterion> Criteria = [Need, Delivery];

    public static DateTimeOffset Later(int minutes) => Assigned.AddMinutes(minutes);

    public static ScoreSheet Sheet(int? need = 3, int? delivery = 4, string comment = "A clear plan, well costed.", string note = "") =>
        new(Scores(need, delivery), comment, note);

    public static Dictionary<string, int> Scores(int? need, int? delivery)
    {
        var scores = new Dictionary<string, int>();
        if (need is { } n) scores["need"] = n;
        if (delivery is { } d) scores["delivery"] = d;
        return scores;
    }

    public static PanelReview New(string reviewer = Member, Guid? application = null) =>
        new(Guid.NewGuid(), application ?? TheApplication, reviewer, Assigned, FundManager);

    public static PanelReview Declared(string reviewer = Member, Guid? application = null)
    {
        var review = New(reviewer, application);
        review.DeclareNoConflict(Later(1), reviewer, ApplicantPeople.NoneKnown);
        return review;
    }

    public static PanelReview Drafted(ScoreSheet? sheet = null, string reviewer = Member, Guid? application = null)
    {
        var review = Declared(reviewer, application);
        review.SaveDraft(sheet ?? Sheet(), Criteria, Later(2));
        return review;
    }

    public static PanelReview Submitted(ScoreSheet? sheet = null, string reviewer = Member, Guid? application = null)
    {
        var review = Drafted(sheet, reviewer, application);
        review.Submit(Criteria, Later(3), scoringOpen: true);
        return review;
    }

    public static PanelReview Conflicted()
    {
        var review = New();
        review.DeclareConflict(ConflictKind.Trustee, "I chair its board", Later(1), Member);
        return review;
    }

    public static PanelReview In(ReviewState state) => state switch
    {
        ReviewState.AwaitingDeclaration => New(),
        ReviewState.Scoring => Drafted(),
        ReviewState.Submitted => Submitted(),
        _ => Conflicted(),
    };

    /// <summary>Everything a refused intent must leave as it was.</summary>
    public static ReviewSnapshot Snapshot(PanelReview review) =>
        new(review.State, review.Sheet, [.. review.Revisions], [.. review.Declarations], [.. review.History]);

    public static void AssertUnchanged(ReviewSnapshot before, PanelReview review)
    {
        var after = Snapshot(review);
        Assert.Equal(before.State, after.State);
        Assert.Same(before.Sheet, after.Sheet);
        Assert.Equal(before.Revisions, after.Revisions);
        Assert.Equal(before.Declarations, after.Declarations);
        Assert.Equal(before.History, after.History);
    }
}

internal sealed record ReviewSnapshot(
    ReviewState State, ScoreSheet Sheet, Revision[] Revisions, ConflictDeclaration[] Declarations, StateChange[] History);
