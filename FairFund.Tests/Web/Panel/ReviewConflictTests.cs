using System.Net;
using FairFund.Domain.Reviews;
using FairFund.Web.Forms;

namespace FairFund.Tests.Web.Panel;

/// <summary>
/// A panel member scores the same application in two tabs: the first save stands, and the second gets the one
/// outcome (docs/edit-conflicts.md), with its comment for the applicant kept in the form, never lost.
/// </summary>
public sealed class ReviewConflictTests : IDisposable
{
    private readonly FairFundFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task SaveScores_SecondOfTwoTabsFromTheSameVersion_ShowsChangedMeanwhileKeepsTheCommentAndTheFirstStands()
    {
        var seed = await PanelRounds.SeedAsync(_factory, applications: 1, members: 1, PanelRoundStage.Scoring);
        var application = seed.Applications[0];
        await PanelRounds.AssignAsync(_factory, application, seed.Members[0]);
        using var member = await SignedInClient.As(_factory, seed.Members[0]);
        await member.DeclareNoConflictAsync(application);
        var review = PanelPages.ReviewPath(application);
        var firstTab = await member.GetStringAsync(new Uri(review, UriKind.Relative));
        var secondTab = await member.GetStringAsync(new Uri(review, UriKind.Relative));
        var firstTyped = new Dictionary<string, string> { ["Sheet.Scores[need]"] = "3", ["Sheet.CommentForApplicant"] = "Saved from the first tab", ["action"] = "draft" };
        var secondTyped = new Dictionary<string, string> { ["Sheet.Scores[need]"] = "1", ["Sheet.CommentForApplicant"] = "Typed in the second tab", ["action"] = "draft" };

        using (var saved = await PageForms.For(firstTab, review, review + "?handler=Scores", firstTyped).SubmitAsync(member, firstTyped))
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        using var response = await PageForms.For(secondTab, review, review + "?handler=Scores", secondTyped).SubmitAsync(member, secondTyped);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains(ChangedMeanwhile.Heading, page);
        Assert.Contains(">Typed in the second tab</textarea>", page);
        var stored = await PanelRounds.ReviewAsync(_factory, application, PanelRounds.Member(1));
        Assert.Equal("Saved from the first tab", stored.Sheet.CommentForApplicant);
        Assert.Equal(3, stored.Sheet.Scores["need"]);
        Assert.Equal(ReviewState.Scoring, stored.State);
    }
}
