using FairFund.Domain.Applications;
using FairFund.Domain.Reviews;
using FairFund.Tests.Domain.Reviews;
using FairFund.Tests.Web.Apply;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Data;

/// <summary>Panel reviews kept in SQLite through the real migrations and read back whole in a fresh context.</summary>
public sealed class PanelReviewPersistenceTests(SharedFairFundApp app) : IClassFixture<SharedFairFundApp>
{
    private readonly FairFundFactory factory = app.StartedForNextTest();

    [Fact]
    public async Task SubmittedAndRevisedTwice_SavedAndReadBack_KeepsEverything()
    {
        var application = await ApplicationIdAsync();
        var review = ReviewInState.Submitted(ReviewInState.Sheet(need: 2, delivery: 3, comment: "First thoughts.", note: "Check the costs."), application: application);
        review.Revise(ReviewInState.Sheet(need: 3, delivery: 4, comment: "Better on a second read — “costs” fine."), ReviewInState.Criteria, ReviewInState.Later(4), scoringOpen: true);
        review.Revise(ReviewInState.Sheet(need: 4, delivery: 5, comment: "Strong.", note: "Unanimous?"), ReviewInState.Criteria, ReviewInState.Later(5), scoringOpen: true);

        await SaveAsync(review);
        var stored = await LoadAsync(review.Id);

        Assert.Equal(ReviewState.Submitted, stored.State);
        Assert.Equal((review.ApplicationId, review.ReviewerId, review.AssignedAt, review.AssignedBy), (stored.ApplicationId, stored.ReviewerId, stored.AssignedAt, stored.AssignedBy));
        Assert.Equal(review.History, stored.History);
        Assert.Equal(5, stored.History.Count);
        Assert.Equal(review.Declarations, stored.Declarations);
        Assert.Equal(ConflictKind.None, Assert.Single(stored.Declarations).Kind);
        Assert.Equal(3, stored.Revisions.Count);
        foreach (var (expected, actual) in review.Revisions.Zip(stored.Revisions))
        {
            Assert.Equal((expected.Number, expected.At, expected.By, expected.CommentForApplicant, expected.NoteForPanel),
                (actual.Number, actual.At, actual.By, actual.CommentForApplicant, actual.NoteForPanel));
            Assert.Equal(expected.Scores, actual.Scores);
        }
        Assert.Equal(new Dictionary<string, int> { ["need"] = 2, ["delivery"] = 3 }, stored.Revisions[0].Scores);
        Assert.Equal(review.Sheet.Scores, stored.Sheet.Scores);
        Assert.Equal((review.Sheet.CommentForApplicant, review.Sheet.NoteForPanel), (stored.Sheet.CommentForApplicant, stored.Sheet.NoteForPanel));
        Assert.Equal(review.ForAllocation(ReviewInState.Criteria)!.Scores, stored.ForAllocation(ReviewInState.Criteria)!.Scores);
    }

    [Fact]
    public async Task Drafted_SavedAndReadBack_KeepsTheDraftAndCanBeSubmitted()
    {
        var review = ReviewInState.Drafted(ReviewInState.Sheet(need: 1, delivery: null, comment: "", note: "Half way."), application: await ApplicationIdAsync());

        await SaveAsync(review);
        var stored = await LoadAsync(review.Id);

        Assert.Equal(ReviewState.Scoring, stored.State);
        Assert.Equal(new Dictionary<string, int> { ["need"] = 1 }, stored.Sheet.Scores);
        Assert.Equal(("", "Half way."), (stored.Sheet.CommentForApplicant, stored.Sheet.NoteForPanel));
        Assert.Empty(stored.Revisions);
        Assert.Equal(review.History, stored.History);
        // The state machine is rebuilt from the stored state.
        Assert.Empty(stored.WhyNot(ReviewTrigger.Submit, scoringOpen: true));
        Assert.Throws<FairFund.Domain.Auditing.DomainRuleException>(() => stored.Submit(ReviewInState.Criteria, ReviewInState.Later(3), scoringOpen: true));
    }

    [Fact]
    public async Task Conflicted_SavedAndReadBack_KeepsTheDeclaration()
    {
        var application = await ApplicationIdAsync();
        var review = new PanelReview(Guid.NewGuid(), application, ReviewInState.Member, ReviewInState.Assigned, ReviewInState.FundManager);
        review.DeclareConflict(ConflictKind.Trustee, "I chair its board", ReviewInState.Later(1), ReviewInState.Member);

        await SaveAsync(review);
        var stored = await LoadAsync(review.Id);

        Assert.Equal(ReviewState.Conflicted, stored.State);
        Assert.Equal(new ConflictDeclaration(ConflictKind.Trustee, "I chair its board", ReviewInState.Member, ReviewInState.Later(1), false), stored.Conflict);
        Assert.Equal(review.History, stored.History);
        Assert.False(stored.CanSeeApplication);
        Assert.Null(stored.ForAllocation(ReviewInState.Criteria));
    }

    [Fact]
    public async Task StaleSecondSave_IsRefused()
    {
        var review = ReviewInState.Declared(application: await ApplicationIdAsync());
        await SaveAsync(review);

        await using var first = factory.Services.CreateAsyncScope();
        await using var second = factory.Services.CreateAsyncScope();
        var firstDb = first.ServiceProvider.GetRequiredService<FairFundDbContext>();
        var secondDb = second.ServiceProvider.GetRequiredService<FairFundDbContext>();
        var firstCopy = await firstDb.PanelReviews.SingleAsync(r => r.Id == review.Id);
        var secondCopy = await secondDb.PanelReviews.SingleAsync(r => r.Id == review.Id);

        firstCopy.SaveDraft(ReviewInState.Sheet(need: 1), ReviewInState.Criteria, ReviewInState.Later(2));
        await firstDb.SaveChangesAsync();
        secondCopy.SaveDraft(ReviewInState.Sheet(need: 4), ReviewInState.Criteria, ReviewInState.Later(3));

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => secondDb.SaveChangesAsync());
        var stored = await LoadAsync(review.Id);
        Assert.Equal(1, stored.Sheet.Scores["need"]);
        Assert.Equal(2, stored.History.Count);
    }

    [Fact]
    public async Task SecondReviewOfOneApplicationBySameMember_IsRefused()
    {
        var application = await ApplicationIdAsync();
        await SaveAsync(ReviewInState.New(application: application));

        await Assert.ThrowsAsync<DbUpdateException>(() => SaveAsync(ReviewInState.New(application: application)));
    }

    private async Task<Guid> ApplicationIdAsync()
    {
        var reference = await SeededApplications.SeedAsync(factory, ApplicationState.Eligible);
        return (await SeededApplications.LoadAsync(factory, reference)).Id;
    }

    private Task SaveAsync(PanelReview review) => factory.WithScopeAsync(async services =>
    {
        var db = services.GetRequiredService<FairFundDbContext>();
        db.PanelReviews.Add(review);
        await db.SaveChangesAsync();
    });

    private Task<PanelReview> LoadAsync(Guid id) => factory.WithScopeAsync(services =>
        services.GetRequiredService<FairFundDbContext>().PanelReviews.AsNoTracking().SingleAsync(r => r.Id == id));
}
