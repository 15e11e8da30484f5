using FairFund.Web.Forms;
using System.Net;
using FairFund.Domain.Reviews;

namespace FairFund.Tests.Web.Panel;

/// <summary>
/// The scoring page as a member uses it: the conflict question first, then drafts and an explicit submission,
/// others' scores only after one's own, every submitted version kept, and nothing changed after scoring closes.
/// </summary>
public sealed class ScoringPageTests(SharedFairFundApp app) : IClassFixture<SharedFairFundApp>
{
    private const string OthersComment = "Member two thinks the budget is thin";
    private readonly FairFundFactory _factory = app.ForNextTest();

    private async Task<(string Application, HttpClient Member)> OneAssignedAsync(int members = 1, PanelRoundStage stage = PanelRoundStage.Scoring)
    {
        var seed = await PanelRounds.SeedAsync(_factory, applications: 2, members: members, stage);
        foreach (var member in seed.Members) await PanelRounds.AssignAsync(_factory, seed.Applications[0], member);
        return (seed.Applications[0], await SignedInClient.As(_factory, seed.Members[0]));
    }

    [Fact]
    public async Task Get_BeforeDeclaring_ShowsOnlyWhatIsNeededToJudgeAConflict()
    {
        var (application, member) = await OneAssignedAsync();
        using var _ = member;

        var page = await member.GetStringAsync(new Uri(PanelPages.ReviewPath(application), UriKind.Relative));

        Assert.Contains("Do you have a conflict of interest with this group?", page);
        Assert.Contains("Group 1", page);
        Assert.Contains("Contact 1", page);
        Assert.Contains("Coventry", page);
        Assert.DoesNotContain("contact1@group.fairfund.test", page);
        Assert.DoesNotContain("Weekly walks in the park", page);
        Assert.DoesNotContain("Project 1 of group 1", page);
        Assert.DoesNotContain("Submit your scores", page);
        // The kind of conflict is in the page for browsers without JavaScript; a script hides it until "Yes" is chosen.
        Assert.Contains("id=\"conditional-conflict-2\"", page);
        Assert.Contains("Works or volunteers there", page);
    }

    [Theory]
    [InlineData("", "", "", "#conflict\"", "Select yes if you have a conflict of interest with this group")]
    [InlineData("yes", "", "", "#conflict-kind\"", "Select the kind of conflict")]
    [InlineData("yes", "Other", "", "#conflict-note\"", "Enter a note saying what the conflict is")]
    public async Task Post_Declaration_Incomplete_ShowsTheErrorAtItsField(string conflict, string kind, string note, string link, string message)
    {
        var (application, member) = await OneAssignedAsync();
        using var _ = member;

        using var response = await member.PostReviewAsync(PanelPages.ReviewPath(application) + "?handler=Declare",
            new() { ["Declaration.Conflict"] = conflict, ["Declaration.Kind"] = kind, ["Declaration.Note"] = note });

        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<title>Error: ", page);
        Assert.Contains($"href=\"{link}>{message}", page);
        Assert.Equal(ReviewState.AwaitingDeclaration, (await PanelRounds.ReviewAsync(_factory, application, PanelRounds.Member(1))).State);
    }

    [Fact]
    public async Task Post_DeclareNoConflict_RecordsWhoAndWhenAndShowsTheAnswers()
    {
        var (application, member) = await OneAssignedAsync();
        using var _ = member;

        await member.DeclareNoConflictAsync(application);

        var review = await PanelRounds.ReviewAsync(_factory, application, PanelRounds.Member(1));
        Assert.Equal(ReviewState.Scoring, review.State);
        Assert.Equal((PanelRounds.Member(1), _factory.Clock.GetUtcNow()), (review.Declarations[0].DeclaredBy, review.Declarations[0].At));
        var page = await member.GetStringAsync(new Uri(PanelPages.ReviewPath(application), UriKind.Relative));
        Assert.Contains("Weekly walks in the park", page);
        Assert.Contains("Strong evidence, and the people most in need are reached", page);
        Assert.Contains("Save as draft", page);
        Assert.Contains("Submit your scores", page);
    }

    [Fact]
    public async Task Scores_OfOtherMembers_AreHiddenUntilTheMembersOwnAreSubmitted()
    {
        var (application, member) = await OneAssignedAsync(members: 3);
        using var _ = member;
        using var second = await SignedInClient.As(_factory, PanelRounds.Member(2));
        await second.SubmitAsync(application, PanelPages.Scores(4, 4, 4, 4), OthersComment, note: "Ask about the hall hire");
        using var third = await SignedInClient.As(_factory, PanelRounds.Member(3));
        using var conflicted = await third.DeclareConflictAsync(application, "Trustee");

        await member.DeclareNoConflictAsync(application);
        using var draft = await member.ScoreAsync(application, PanelPages.Scores(0, 1, 2, 3), "My draft comment", "draft");
        var beforeSubmitting = await member.GetStringAsync(new Uri(PanelPages.ReviewPath(application), UriKind.Relative));
        var roundList = await member.GetStringAsync(new Uri(PanelPages.RoundPath, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
        Assert.Contains("Your draft was saved", beforeSubmitting);
        foreach (var page in new[] { beforeSubmitting, roundList })
        {
            Assert.DoesNotContain(OthersComment, page);
            Assert.DoesNotContain("Ask about the hall hire", page);
            Assert.DoesNotContain("Panel member A", page);
            Assert.DoesNotContain("scores-table", page);
        }

        using var submitted = await member.ScoreAsync(application, PanelPages.Scores(0, 1, 2, 3), "My comment", "submit");
        var afterSubmitting = await member.GetStringAsync(new Uri(PanelPages.ReviewPath(application), UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Contains("Your scores have been submitted", afterSubmitting);
        Assert.Contains(OthersComment, afterSubmitting);
        Assert.Contains("Ask about the hall hire", afterSubmitting);
        Assert.Contains("Panel member A", afterSubmitting);
        // The conflicted member is left out, and nobody is named.
        Assert.DoesNotContain("Panel member B", afterSubmitting);
        Assert.DoesNotContain(PanelRounds.Member(2), afterSubmitting);
        Assert.DoesNotContain(PanelRounds.Member(3), afterSubmitting);
        // Yours: 100 × (3·0 + 2·1 + 2·2 + 1·3) / (8·4) = 28.13; theirs 100; range 71.87, deviation 35.94.
        Assert.Contains("id=\"your-review-score\">28.13 out of 100", afterSubmitting);
        Assert.Contains("71.87 points, from 28.13 to 100.00", afterSubmitting);
        Assert.Contains("id=\"standard-deviation\">35.94 points", afterSubmitting);
    }

    [Fact]
    public async Task Submit_WithAScoreMissing_IsRefusedAtThatCriterionAndKeepsTheDraft()
    {
        var (application, member) = await OneAssignedAsync();
        using var _ = member;
        await member.DeclareNoConflictAsync(application);
        var scores = PanelPages.Scores(3, 2, 1, 0);
        scores.Remove("outcomes");

        using var response = await member.ScoreAsync(application, scores, "A clear plan", "submit");

        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("href=\"#scores-outcomes\">Enter a score for Clear, measurable outcomes", page);
        Assert.Contains("id=\"scores-outcomes-error\"", page);
        Assert.Contains("your draft has been saved", page);
        var review = await PanelRounds.ReviewAsync(_factory, application, PanelRounds.Member(1));
        Assert.Equal(ReviewState.Scoring, review.State);
        Assert.Empty(review.Revisions);
        Assert.Equal(new Dictionary<string, int> { ["need"] = 3, ["approach"] = 2, ["value"] = 0 }, review.Sheet.Scores);
        Assert.Equal("A clear plan", review.Sheet.CommentForApplicant);
    }

    [Fact]
    public async Task Submit_WithoutACommentForTheGroup_IsRefusedAtTheComment()
    {
        var (application, member) = await OneAssignedAsync();
        using var _ = member;
        await member.DeclareNoConflictAsync(application);

        using var response = await member.ScoreAsync(application, PanelPages.Scores(3, 2, 1, 0), "  ", "submit");

        Assert.Contains("href=\"#comment-for-applicant\">Enter a comment for the group", await response.Content.ReadAsStringAsync());
        Assert.Equal(ReviewState.Scoring, (await PanelRounds.ReviewAsync(_factory, application, PanelRounds.Member(1))).State);
    }

    [Fact]
    public async Task Revise_Twice_KeepsThreeVersionsAndListsThem()
    {
        var (application, member) = await OneAssignedAsync();
        using var _ = member;
        await member.SubmitAsync(application, PanelPages.Scores(1, 1, 1, 1), "First thoughts");

        _factory.Clock.Advance(TimeSpan.FromHours(2));
        using var first = await member.ReviseAsync(application, PanelPages.Scores(2, 2, 2, 2), "Second thoughts");
        _factory.Clock.Advance(TimeSpan.FromHours(2));
        using var second = await member.ReviseAsync(application, PanelPages.Scores(4, 4, 4, 4), "Final thoughts");

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var review = await PanelRounds.ReviewAsync(_factory, application, PanelRounds.Member(1));
        Assert.Equal([1, 2, 3], review.Revisions.Select(version => version.Number));
        Assert.Equal(["First thoughts", "Second thoughts", "Final thoughts"], review.Revisions.Select(version => version.CommentForApplicant));
        var page = await member.GetStringAsync(new Uri(PanelPages.ReviewPath(application), UriKind.Relative));
        var versions = page[page.IndexOf("id=\"versions\"", StringComparison.Ordinal)..];
        Assert.Contains("<td class=\"govuk-table__cell\">3</td>", versions);
        Assert.Contains("25.00", versions);
        Assert.Contains("50.00", versions);
        Assert.Contains("100.00", versions);
        // The change form is filled with the version that counts.
        Assert.Contains(">Final thoughts</textarea>", page);
    }

    [Fact]
    public async Task Revise_AfterScoringCloses_IsRefusedAndThePageIsReadOnly()
    {
        var (application, member) = await OneAssignedAsync();
        using var _ = member;
        await member.SubmitAsync(application, PanelPages.Scores(1, 1, 1, 1), "First thoughts");
        var openPage = await member.GetStringAsync(new Uri(PanelPages.ReviewPath(application), UriKind.Relative));
        await PanelPages.CloseScoringAsync(_factory);

        // The revise form, still open from before scoring closed.
        var typed = new Dictionary<string, string>
        {
            ["Sheet.Scores[need]"] = "4", ["Sheet.Scores[approach]"] = "4", ["Sheet.Scores[outcomes]"] = "4", ["Sheet.Scores[value]"] = "4",
            ["Sheet.CommentForApplicant"] = "Changed my mind",
        };
        using var response = await PageForms.For(openPage, PanelPages.ReviewPath(application), PanelPages.ReviewPath(application) + "?handler=Revise", typed).SubmitAsync(member, typed);

        var refused = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Scoring has closed, so your scores can no longer be changed", refused);
        var review = await PanelRounds.ReviewAsync(_factory, application, PanelRounds.Member(1));
        Assert.Single(review.Revisions);
        Assert.Equal("First thoughts", review.Submitted!.CommentForApplicant);
        var page = await member.GetStringAsync(new Uri(PanelPages.ReviewPath(application), UriKind.Relative));
        Assert.Contains("id=\"read-only\"", page);
        Assert.DoesNotContain("Change your scores", page);
        Assert.DoesNotContain("handler=Revise", page);
    }

    [Fact]
    public async Task SaveDraft_WhileTheRoundIsBeingScreened_IsRefusedButDeclaringIsAllowed()
    {
        var (application, member) = await OneAssignedAsync(stage: PanelRoundStage.Screening);
        using var _ = member;

        await member.DeclareNoConflictAsync(application);
        var page = await member.GetStringAsync(new Uri(PanelPages.ReviewPath(application), UriKind.Relative));
        // Forged on purpose: the page offers no scoring form, so the post is made with the conflict form's token, as a crafted one would be.
        var formPage = await member.GetStringAsync(new Uri(PanelPages.ConflictPath(application), UriKind.Relative));
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SignedInClient.TokenIn(formPage), ["Version"] = PanelPages.VersionIn(formPage),
            ["Sheet.Scores[need]"] = "4", ["Sheet.CommentForApplicant"] = "Early view", ["action"] = "draft",
        });
        using var response = await member.PostAsync(new Uri(PanelPages.ReviewPath(application) + "?handler=Scores", UriKind.Relative), content);

        Assert.Contains("id=\"scoring-not-open\"", page);
        Assert.DoesNotContain("Save as draft", page);
        Assert.Contains("Scoring is not open for this round", await response.Content.ReadAsStringAsync());
        var review = await PanelRounds.ReviewAsync(_factory, application, PanelRounds.Member(1));
        Assert.Equal(ReviewState.Scoring, review.State);
        Assert.Empty(review.Sheet.Scores);
    }

    [Fact]
    public async Task Save_FromAStalePage_SaysNothingWasSavedAndNeverFails()
    {
        var (application, member) = await OneAssignedAsync();
        using var _ = member;
        await member.DeclareNoConflictAsync(application);
        var stalePage = await member.GetStringAsync(new Uri(PanelPages.ReviewPath(application), UriKind.Relative));
        using var otherTab = await member.ScoreAsync(application, PanelPages.Scores(2, 2, 2, 2), "From the other tab", "draft");

        var typed = new Dictionary<string, string> { ["Sheet.Scores[need]"] = "0", ["Sheet.CommentForApplicant"] = "From the stale tab", ["action"] = "submit" };
        using var response = await PageForms.For(stalePage, PanelPages.ReviewPath(application), PanelPages.ReviewPath(application) + "?handler=Scores", typed).SubmitAsync(member, typed);

        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains(ChangedMeanwhile.Heading, page);
        Assert.Contains(">From the stale tab</textarea>", page);
        var review = await PanelRounds.ReviewAsync(_factory, application, PanelRounds.Member(1));
        Assert.Equal("From the other tab", review.Sheet.CommentForApplicant);
        Assert.Equal(ReviewState.Scoring, review.State);
    }
}
