using System.Net;
using FairFund.Domain.Reviews;

namespace FairFund.Tests.Web.Panel;

/// <summary>
/// Panel pages reach only what the signed-in member was given: a round whose panel they joined and applications
/// assigned to them. Everything else is not found, as if it did not exist; a conflict shows nothing of the application.
/// </summary>
public sealed class PanelAccessTests(SharedFairFundApp app) : IClassFixture<SharedFairFundApp>
{
    /// <summary>Words from every seeded application's answers, which a page that must not show them must not contain.</summary>
    private const string AnswerWords = "Weekly walks in the park";

    private readonly FairFundFactory _factory = app.ForNextTest();

    [Fact]
    public async Task Get_ConflictedApplication_ByLinkOrGuessedReference_ShowsNoAnswers()
    {
        var seed = await PanelRounds.SeedAsync(_factory, applications: 4, members: 2);
        var (mine, othersOnly, unassigned) = (seed.Applications[0], seed.Applications[1], seed.Applications[2]);
        await PanelRounds.AssignAsync(_factory, mine, seed.Members[0]);
        await PanelRounds.AssignAsync(_factory, othersOnly, seed.Members[1]);
        using var member = await SignedInClient.As(_factory, seed.Members[0]);
        using var declared = await member.DeclareConflictAsync(mine, "FamilyOrFriend");
        Assert.Equal(HttpStatusCode.Redirect, declared.StatusCode);

        using var byLink = await member.GetAsync(new Uri(PanelPages.ReviewPath(mine), UriKind.Relative));
        var body = await byLink.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Forbidden, byLink.StatusCode);
        Assert.Contains("You declared a conflict of interest", body);
        Assert.DoesNotContain(AnswerWords, body);
        Assert.DoesNotContain("Project 1 of group 1", body);
        Assert.DoesNotContain("Panel member A", body);

        foreach (var guessed in new[] { othersOnly, unassigned, $"{PanelRounds.Round}-9999", "not-a-reference" })
        {
            using var response = await member.GetAsync(new Uri(PanelPages.ReviewPath(guessed), UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain(AnswerWords, await response.Content.ReadAsStringAsync());
        }
        using var elsewhere = await member.GetAsync(new Uri($"/panel/rounds/OTHER-ROUND/applications/{mine}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
    }

    [Fact]
    public async Task Post_Scores_OnAConflictedApplication_IsRefusedAndChangesNothing()
    {
        var seed = await PanelRounds.SeedAsync(_factory, applications: 1, members: 1);
        var application = seed.Applications[0];
        await PanelRounds.AssignAsync(_factory, application, seed.Members[0]);
        using var member = await SignedInClient.As(_factory, seed.Members[0]);
        await member.DeclareNoConflictAsync(application);
        // The scoring form, left open in another tab while the member records a conflict.
        var open = await member.GetStringAsync(new Uri(PanelPages.ReviewPath(application), UriKind.Relative));
        using var found = await member.PostReviewAsync(PanelPages.ConflictPath(application),
            new() { ["Declaration.Kind"] = "Other", ["Declaration.Note"] = "I realised my neighbour runs it" });
        Assert.Equal(HttpStatusCode.Redirect, found.StatusCode);

        var typed = new Dictionary<string, string> { ["Sheet.Scores[need]"] = "4", ["Sheet.CommentForApplicant"] = "Great", ["action"] = "draft" };
        using var posted = await PageForms.For(open, PanelPages.ReviewPath(application), PanelPages.ReviewPath(application) + "?handler=Scores", typed).SubmitAsync(member, typed);
        using var after = await member.GetAsync(new Uri(PanelPages.ReviewPath(application), UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, after.StatusCode);
        Assert.DoesNotContain(AnswerWords, await after.Content.ReadAsStringAsync());
        var review = await PanelRounds.ReviewAsync(_factory, application, seed.Members[0]);
        Assert.Equal(ReviewState.Conflicted, review.State);
        Assert.Equal(ConflictKind.Other, review.Conflict!.Kind);
        Assert.Equal("I realised my neighbour runs it", review.Conflict.Note);
        Assert.Empty(review.Sheet.Scores);
    }

    [Fact]
    public async Task Get_RoundOrApplication_NotOnTheMembersPanel_IsNotFound()
    {
        var seed = await PanelRounds.SeedAsync(_factory, applications: 1, members: 1);
        await PanelRounds.AssignAsync(_factory, seed.Applications[0], seed.Members[0]);
        // The demo panel member has the role but has joined no panel; a review naming them is no way in.
        await PanelRounds.AssignAsync(_factory, seed.Applications[0], SignedInClient.Panel);
        using var outsider = await SignedInClient.As(_factory, SignedInClient.Panel);

        using var round = await outsider.GetAsync(new Uri(PanelPages.RoundPath, UriKind.Relative));
        using var application = await outsider.GetAsync(new Uri(PanelPages.ReviewPath(seed.Applications[0]), UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, round.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, application.StatusCode);
    }

    [Fact]
    public async Task Get_PanelStart_ForAMemberOfNoPanel_ListsNoRounds()
    {
        // The seeded panel replaces the demo one, so the demo panel member, who has the role, sits on no panel.
        await PanelRounds.SeedAsync(_factory, applications: 1, members: 1);
        using var outsider = await SignedInClient.As(_factory, SignedInClient.Panel);

        var page = await outsider.GetStringAsync(new Uri("/panel", UriKind.Relative));

        Assert.Contains("You are not on any funding round's panel yet", page);
        Assert.DoesNotContain("Community Mental Health Fund 2027", page);
        Assert.DoesNotContain(PanelPages.RoundPath, page);
    }

    [Fact]
    public async Task Get_PanelStart_ListsTheJoinedRoundWithCounts()
    {
        var seed = await PanelRounds.SeedAsync(_factory, applications: 4, members: 1);
        foreach (var application in seed.Applications) await PanelRounds.AssignAsync(_factory, application, seed.Members[0]);
        using var member = await SignedInClient.As(_factory, seed.Members[0]);
        await member.DeclareNoConflictAsync(seed.Applications[0]);
        await member.SubmitAsync(seed.Applications[1], PanelPages.Scores(1, 2, 3, 4), "Good plan");
        await member.DeclareNoConflictAsync(seed.Applications[2]);
        using var draft = await member.ScoreAsync(seed.Applications[2], PanelPages.Scores(1, 1, 1, 1), "", "draft");

        var page = await member.GetStringAsync(new Uri("/panel", UriKind.Relative));

        Assert.Contains($"href=\"{PanelPages.RoundPath}\"", page);
        Assert.Contains("data-count=\"to-declare\">1<", page);
        Assert.Contains("data-count=\"to-score\">1<", page);
        Assert.Contains("data-count=\"drafts\">1<", page);
        Assert.Contains("data-count=\"submitted\">1<", page);
        var round = await member.GetStringAsync(new Uri(PanelPages.RoundPath, UriKind.Relative));
        foreach (var status in new[] { "Declare any conflict", "Not started", "Draft saved", "Submitted" }) Assert.Contains(status, round);
        Assert.Contains("Group 1", round);
    }

    public static TheoryData<string, string> OtherRoles() => new()
    {
        { SignedInClient.Applicant, "/panel" },
        { SignedInClient.Applicant, PanelPages.RoundPath },
        { SignedInClient.Applicant, PanelPages.ReviewPath($"{PanelRounds.Round}-0001") },
        { SignedInClient.Manager, "/panel" },
        { SignedInClient.Manager, PanelPages.RoundPath },
        { SignedInClient.Manager, PanelPages.ReviewPath($"{PanelRounds.Round}-0001") },
        { SignedInClient.Manager, PanelPages.ConflictPath($"{PanelRounds.Round}-0001") },
    };

    [Theory]
    [MemberData(nameof(OtherRoles))]
    public async Task Get_PanelPage_AsApplicantOrFundManager_IsAccessDenied(string person, string path)
    {
        await PanelRounds.SeedAsync(_factory, applications: 1, members: 1);
        using var client = await SignedInClient.As(_factory, person);

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/access-denied", response.Headers.Location!.AbsolutePath);
        Assert.DoesNotContain(AnswerWords, await response.Content.ReadAsStringAsync());
    }
}
