using System.Text.Json;
using System.Text.Json.Serialization;
using FairFund.Domain.Allocation;
using FairFund.Domain.Applications;
using FairFund.Domain.Reviews;
using FairFund.Tests.Domain.Reviews;
using FairFund.Tests.Web.Apply;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Data;

/// <summary>
/// The values kept as JSON in one column (a round's rules, a group's decision, a review's sheet and its
/// submitted scores) keep the format databases already hold: System.Text.Json's web defaults, enums as
/// camel-case strings. A database written before any change to how the columns are mapped reads the same.
/// </summary>
public sealed class JsonColumnTests(SharedFairFundApp app) : IClassFixture<SharedFairFundApp>
{
    private static readonly JsonSerializerOptions StoredFormat = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly FairFundFactory factory = app.StartedForNextTest();

    [Fact]
    public async Task Save_EachJsonColumn_WritesTheStoredFormat()
    {
        var reference = await SeededApplications.SeedAsync(factory, ApplicationState.Awarded, Notice());
        var application = await SeededApplications.LoadAsync(factory, reference);
        var review = ReviewInState.Submitted(ReviewInState.Sheet(need: 2, delivery: 3, comment: "First “thoughts”.", note: "Costs £40."), application: application.Id);
        await SaveAsync(review);

        await factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var round = await db.Rounds.AsNoTracking().SingleAsync(r => r.Reference == SeededApplications.DemoRound);
            Assert.Equal(JsonSerializer.Serialize(round.Rules, StoredFormat), await ColumnAsync(db, "SELECT RulesDraftJson AS Value FROM Rounds WHERE Id = {0}", round.Id));
            Assert.Equal(JsonSerializer.Serialize(application.Decision, StoredFormat), await ColumnAsync(db, "SELECT DecisionJson AS Value FROM Applications WHERE Id = {0}", application.Id));
            Assert.Contains("\"decision\":\"award\"", await ColumnAsync(db, "SELECT DecisionJson AS Value FROM Applications WHERE Id = {0}", application.Id), StringComparison.Ordinal);
            Assert.Equal(JsonSerializer.Serialize(review.Sheet, StoredFormat), await ColumnAsync(db, "SELECT SheetJson AS Value FROM PanelReviews WHERE Id = {0}", review.Id));
            Assert.Equal(JsonSerializer.Serialize(review.Revisions[0].Scores, StoredFormat), await ColumnAsync(db, "SELECT ScoresJson AS Value FROM PanelReviewRevisions WHERE PanelReviewId = {0}", review.Id));
        });
    }

    [Fact]
    public async Task Load_ColumnsWrittenInTheStoredFormat_ReadsEveryValue()
    {
        var reference = await SeededApplications.SeedAsync(factory, ApplicationState.Awarded, Notice());
        var applicationId = (await SeededApplications.LoadAsync(factory, reference)).Id;
        var review = ReviewInState.Submitted(ReviewInState.Sheet(), application: applicationId);
        await SaveAsync(review);
        await factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            await StoredRows.SetJsonAsync(db, "Applications", "DecisionJson", "Id", applicationId,
                """{"decision":"decline","amount":0,"potName":null,"partial":false,"reason":"Below the threshold.","trail":[{"number":1,"text":"Score 41.50"}],"panelComments":["Kind words."]}""");
            await StoredRows.SetJsonAsync(db, "PanelReviews", "SheetJson", "Id", review.Id,
                """{"scores":{"need":1,"delivery":5},"commentForApplicant":"Old comment.","noteForPanel":"Old note."}""");
            await StoredRows.SetJsonAsync(db, "PanelReviewRevisions", "ScoresJson", "PanelReviewId", review.Id, """{"need":0,"delivery":2}""");
        });

        var decision = (await SeededApplications.LoadAsync(factory, reference)).Decision!;
        var stored = await factory.WithScopeAsync(services =>
            services.GetRequiredService<FairFundDbContext>().PanelReviews.AsNoTracking().SingleAsync(r => r.Id == review.Id));

        Assert.Equal((Decision.Decline, 0m, (string?)null, false, "Below the threshold."), (decision.Decision, decision.Amount, decision.PotName, decision.Partial, decision.Reason));
        Assert.Equal([new TrailLine(1, "Score 41.50")], decision.Trail);
        Assert.Equal(["Kind words."], decision.PanelComments);
        Assert.Equal(new Dictionary<string, int> { ["need"] = 1, ["delivery"] = 5 }, stored.Sheet.Scores);
        Assert.Equal(("Old comment.", "Old note."), (stored.Sheet.CommentForApplicant, stored.Sheet.NoteForPanel));
        Assert.Equal(new Dictionary<string, int> { ["need"] = 0, ["delivery"] = 2 }, Assert.Single(stored.Revisions).Scores);
    }

    private static DecisionNotice Notice() => new(Decision.Award, 1500.50m, "Lived-experience-led groups", true, "Your application is funded in part.",
        [new TrailLine(1, "Annual income 8,400.00 puts the organisation in band micro"), new TrailLine(2, "Decision: a part award")],
        ["Well planned — and “realistic” costs."]);

    private static async Task<string> ColumnAsync(FairFundDbContext db, string query, Guid id) =>
        await db.Database.SqlQueryRaw<string>(query, id).SingleAsync();

    private Task SaveAsync(PanelReview review) => factory.WithScopeAsync(async services =>
    {
        var db = services.GetRequiredService<FairFundDbContext>();
        db.PanelReviews.Add(review);
        await db.SaveChangesAsync();
    });
}
