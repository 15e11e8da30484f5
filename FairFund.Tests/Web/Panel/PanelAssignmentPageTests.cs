using System.Net;
using FairFund.Domain.Applications;
using FairFund.Domain.Reviews;
using FairFund.Web;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static FairFund.Tests.Web.Panel.PanelInvitePages;

namespace FairFund.Tests.Web.Panel;

/// <summary>
/// The fund manager assigns reviews: automatically to bring every eligible application to the round's
/// minimum, or by hand; and records conflicts a member did not declare, which keep the member away for good.
/// </summary>
public sealed class PanelAssignmentPageTests(SharedFairFundApp app) : IClassFixture<SharedFairFundApp>
{
    /// <summary>The demo round's minimum number of reviews for each application.</summary>
    private const int MinReviews = 2;

    private readonly FairFundFactory _factory = app.ForNextTest();

    [Fact]
    public async Task AssignAutomatically_TwelveApplicationsFourMembersAndAConflict_ReachesTheMinimumEvenlyAndKeepsTheConflictedMemberAway()
    {
        var seed = await PanelRounds.SeedAsync(_factory, applications: 12, members: 4);
        var conflicted = (Member: seed.Members[0], Application: seed.Applications[0]);
        using var manager = await SignedInClient.As(_factory, SignedInClient.Manager);
        (await RecordConflictAsync(manager, conflicted.Member, conflicted.Application, "FamilyOrFriend", "")).Dispose();

        using var assigned = await manager.PostFormAsync($"{PanelPage}?handler=AssignAutomatically", [], PanelPage);

        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        Assert.Contains($"{12 * MinReviews} reviews were assigned", await manager.GetStringAsync(assigned.Headers.Location));
        var reviews = await ReviewsAsync();
        var counting = reviews.Where(r => r.State != ReviewState.Conflicted).ToList();
        Assert.All(seed.Applications, reference => Assert.Equal(MinReviews, counting.Count(r => r.Application == reference)));
        var loads = seed.Members.Select(member => counting.Count(r => r.ReviewerId == member)).ToList();
        Assert.True(loads.Max() - loads.Min() <= 1, $"loads {string.Join(", ", loads)}");
        var theirs = Assert.Single(reviews, r => r.ReviewerId == conflicted.Member && r.Application == conflicted.Application);
        Assert.Equal(ReviewState.Conflicted, theirs.State);
        Assert.All(counting, r => Assert.Equal($"{SignedInClient.Manager} (automatic)", r.AssignedBy));
        Assert.All(counting, r => Assert.Equal(_factory.Clock.GetUtcNow(), r.AssignedAt));

        // Pressing it again finds nothing more to do.
        using var again = await manager.PostFormAsync($"{PanelPage}?handler=AssignAutomatically", [], PanelPage);
        Assert.Contains("No reviews were assigned", await manager.GetStringAsync(again.Headers.Location));
        Assert.Equal(reviews.Count, (await ReviewsAsync()).Count);
    }

    [Fact]
    public async Task AssignAutomatically_TooFewMembers_AssignsWhatItCanAndSaysWhyOnThePage()
    {
        var seed = await PanelRounds.SeedAsync(_factory, applications: 2, members: 2);
        using var manager = await SignedInClient.As(_factory, SignedInClient.Manager);
        (await RecordConflictAsync(manager, seed.Members[1], seed.Applications[1], "Trustee", "")).Dispose();

        using var assigned = await manager.PostFormAsync($"{PanelPage}?handler=AssignAutomatically", [], PanelPage);

        var page = await manager.GetStringAsync(assigned.Headers.Location);
        Assert.Contains("3 reviews were assigned. 1 application still has fewer than 2 reviewers", page);
        Assert.Contains("Cannot reach 2: Only 1 panel member without a conflict of interest (1 has one), and it needs 2 reviews.", page);
    }

    [Fact]
    public async Task AssignAutomatically_ForgedWhileTheRoundIsStillOpen_IsRefusedInWords()
    {
        using var manager = await SignedInClient.As(_factory, SignedInClient.Manager);

        // Forged on purpose: the page has no assign button while the round is open; a made-up post must be refused.
        using var refused = await manager.PostComposedAsync($"{PanelPage}?handler=AssignAutomatically", [], PanelPage);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("href=\"#assign-automatically\"", page);
        Assert.Contains("Reviews can be assigned only while the round is being screened or scored", page);
    }

    [Fact]
    public async Task AssignAutomatically_WhileScreening_AssignsOnlyApplicationsAlreadyFoundEligible()
    {
        var seed = await PanelRounds.SeedAsync(_factory, applications: 3, members: 2, PanelRoundStage.Screening);
        await _factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var first = await db.Applications.SingleAsync(a => a.Reference == seed.Applications[0]);
            first.MarkEligible(_factory.Clock.GetUtcNow(), SignedInClient.Manager);
            await db.SaveChangesAsync();
        });
        using var manager = await SignedInClient.As(_factory, SignedInClient.Manager);

        (await manager.PostFormAsync($"{PanelPage}?handler=AssignAutomatically", [], PanelPage)).Dispose();

        var reviews = await ReviewsAsync();
        Assert.Equal(MinReviews, reviews.Count);
        Assert.All(reviews, r => Assert.Equal(seed.Applications[0], r.Application));
    }

    [Fact]
    public async Task Assign_ByHand_AssignsTheMemberAndRecordsWho()
    {
        var seed = await PanelRounds.SeedAsync(_factory, applications: 2, members: 2);
        using var manager = await SignedInClient.As(_factory, SignedInClient.Manager);

        using var assigned = await AssignAsync(manager, seed.Members[1], seed.Applications[0]);

        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        Assert.Contains($"{seed.Applications[0]} was assigned to {seed.Members[1]}", await manager.GetStringAsync(assigned.Headers.Location));
        var review = Assert.Single(await ReviewsAsync());
        Assert.Equal((seed.Members[1], seed.Applications[0], SignedInClient.Manager, ReviewState.AwaitingDeclaration), (review.ReviewerId, review.Application, review.AssignedBy, review.State));
    }

    [Fact]
    public async Task Assign_MemberWithAConflict_IsRefusedWithAClearMessage()
    {
        var seed = await PanelRounds.SeedAsync(_factory, applications: 2, members: 3);
        await PanelRounds.AssignAsync(_factory, seed.Applications[0], seed.Members[2]);
        await _factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var review = await db.PanelReviews.SingleAsync(r => r.ReviewerId == seed.Members[2]);
            review.DeclareConflict(ConflictKind.WorksOrVolunteersThere, "I volunteer on Tuesdays", _factory.Clock.GetUtcNow(), seed.Members[2]);
            await db.SaveChangesAsync();
        });
        using var manager = await SignedInClient.As(_factory, SignedInClient.Manager);

        using var refused = await AssignAsync(manager, seed.Members[2], seed.Applications[0]);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("href=\"#assign-member\"", page);
        Assert.Contains($"{seed.Members[2]} has a conflict of interest with {seed.Applications[0]}, so cannot review it", page);
        Assert.Single(await ReviewsAsync());
        // The member's own declaration shows in the conflicts table too.
        Assert.Contains("Works or volunteers there: I volunteer on Tuesdays", page);
        Assert.Contains("Declared by the member", page);
    }

    [Fact]
    public async Task Assign_MemberWhoAlreadyHasIt_IsRefused()
    {
        var seed = await PanelRounds.SeedAsync(_factory, applications: 1, members: 2);
        await PanelRounds.AssignAsync(_factory, seed.Applications[0], seed.Members[0]);
        using var manager = await SignedInClient.As(_factory, SignedInClient.Manager);

        using var refused = await AssignAsync(manager, seed.Members[0], seed.Applications[0]);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains($"{seed.Members[0]} already has a review of {seed.Applications[0]}", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Assign_NothingChosen_IsRefusedAtBothFields()
    {
        await PanelRounds.SeedAsync(_factory, applications: 1, members: 1);
        using var manager = await SignedInClient.As(_factory, SignedInClient.Manager);

        using var refused = await AssignAsync(manager, "", "");

        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("href=\"#assign-member\"", page);
        Assert.Contains("href=\"#assign-application\"", page);
    }

    [Fact]
    public async Task RecordConflict_WithNoReviewYet_IsShownWithWhoAndWhenAndNeverAssignedLater()
    {
        var seed = await PanelRounds.SeedAsync(_factory, applications: 1, members: 3);
        using var manager = await SignedInClient.As(_factory, SignedInClient.Manager);
        _factory.Clock.Advance(TimeSpan.FromHours(3));

        using var recorded = await RecordConflictAsync(manager, seed.Members[0], seed.Applications[0], "Trustee", "Chair of its trustees until 2025");

        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var page = await manager.GetStringAsync(recorded.Headers.Location);
        Assert.Contains($"A conflict of interest between {seed.Members[0]} and {seed.Applications[0]} was recorded", page);
        Assert.Contains("Trustee: Chair of its trustees until 2025", page);
        Assert.Contains($"Recorded by {SignedInClient.Manager}", page);
        Assert.Contains(UkTime.Format(_factory.Clock.GetUtcNow()), page);
        var review = await PanelRounds.ReviewAsync(_factory, seed.Applications[0], seed.Members[0]);
        Assert.Equal(ReviewState.Conflicted, review.State);
        Assert.True(review.Conflict!.RecordedByFundManager);
        Assert.Equal((SignedInClient.Manager, _factory.Clock.GetUtcNow()), (review.History[^1].Actor, review.History[^1].At));

        (await manager.PostFormAsync($"{PanelPage}?handler=AssignAutomatically", [], PanelPage)).Dispose();
        Assert.DoesNotContain(await ReviewsAsync(), r => r.ReviewerId == seed.Members[0] && r.State != ReviewState.Conflicted);
    }

    [Fact]
    public async Task RecordConflict_OnAnAssignedReview_EndsIt()
    {
        var seed = await PanelRounds.SeedAsync(_factory, applications: 1, members: 2);
        await PanelRounds.AssignAsync(_factory, seed.Applications[0], seed.Members[1]);
        using var manager = await SignedInClient.As(_factory, SignedInClient.Manager);

        (await RecordConflictAsync(manager, seed.Members[1], seed.Applications[0], "FundingRelationship", "")).Dispose();

        var review = Assert.Single(await ReviewsAsync());
        Assert.Equal(ReviewState.Conflicted, review.State);
    }

    [Fact]
    public async Task RecordConflict_OtherWithoutANoteAndNoMember_IsRefusedAtEachField()
    {
        var seed = await PanelRounds.SeedAsync(_factory, applications: 1, members: 1);
        using var manager = await SignedInClient.As(_factory, SignedInClient.Manager);

        using var refused = await RecordConflictAsync(manager, "", seed.Applications[0], "Other", " ");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("href=\"#conflict-member\"", page);
        Assert.Contains("href=\"#conflict-note\"", page);
        Assert.Contains("Enter a note saying what the conflict is", page);
        Assert.Empty(await ReviewsAsync());
    }

    [Fact]
    public async Task RecordConflict_NoKind_IsRefusedAtTheKind()
    {
        var seed = await PanelRounds.SeedAsync(_factory, applications: 1, members: 1);
        using var manager = await SignedInClient.As(_factory, SignedInClient.Manager);

        using var refused = await RecordConflictAsync(manager, seed.Members[0], seed.Applications[0], "", "");

        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("href=\"#conflict-kind\"", page);
        Assert.Contains("Select the kind of conflict", page);
    }

    [Fact]
    public async Task RecordConflict_AfterTheAllocationIsApproved_IsRefusedAndTheScoresStillCount()
    {
        var seed = await PanelRounds.SeedAsync(_factory, applications: 1, members: 1);
        await PanelRounds.ReviewAllAsync(_factory, seed, (_, _) => [4, 3, 4, 3]);
        await PanelPages.CloseScoringAsync(_factory);
        using var manager = await SignedInClient.As(_factory, SignedInClient.Manager);
        // The form as the page showed it in moderation, sent after another fund manager approved the allocation.
        var form = PageForms.Find(await manager.GetStringAsync(PanelPage), PanelPage, "handler=RecordConflict");
        await _factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var round = await db.Rounds.SingleAsync(r => r.Reference == PanelRounds.Round);
            round.Approve(_factory.Clock.GetUtcNow(), SignedInClient.Manager);
            await db.SaveChangesAsync();
        });

        using var refused = await form.SubmitAsync(manager, new Dictionary<string, string>
        {
            ["Conflict.Member"] = seed.Members[0], ["Conflict.Application"] = seed.Applications[0], ["Conflict.Kind"] = "Trustee", ["Conflict.Note"] = "",
        });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("href=\"#conflict-member\"", page);
        Assert.Contains("A conflict of interest can be recorded only until the allocation is approved", page);
        Assert.Equal(ReviewState.Submitted, (await PanelRounds.ReviewAsync(_factory, seed.Applications[0], seed.Members[0])).State);
    }

    [Fact]
    public async Task Get_PanelPage_ShowsEachMembersAndEachApplicationsProgress()
    {
        var seed = await PanelRounds.SeedAsync(_factory, applications: 3, members: 2);
        await PanelRounds.AssignAsync(_factory, seed.Applications[0], seed.Members[0]);
        await PanelRounds.AssignAsync(_factory, seed.Applications[0], seed.Members[1]);
        using var manager = await SignedInClient.As(_factory, SignedInClient.Manager);

        var page = await manager.GetStringAsync(new Uri(PanelPage, UriKind.Relative));

        Assert.Contains(seed.Members[0], page);
        Assert.Contains("Group 1", page);
        Assert.Contains("Enough reviewers", page);
        Assert.Contains("Needs 2 more reviewers", page);
        Assert.Contains("app-table-wrapper", page);
        Assert.DoesNotContain("<script>", page);
    }

    [Theory]
    [InlineData(SignedInClient.Panel)]
    [InlineData(SignedInClient.Applicant)]
    public async Task PanelPage_OtherRoles_AreDenied(string email)
    {
        using var client = await SignedInClient.As(_factory, email);

        using var response = await client.GetAsync(new Uri(PanelPage, UriKind.Relative));

        Assert.Equal("/account/access-denied", response.Headers.Location!.AbsolutePath);
        using var denied = await client.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    [Fact]
    public async Task PanelPage_Anonymous_IsSentToSignIn()
    {
        using var client = SignedInClient.Anonymous(_factory);

        using var response = await client.GetAsync(new Uri(PanelPage, UriKind.Relative));

        Assert.Equal("/account/sign-in", response.Headers.Location!.AbsolutePath);
    }

    private static Task<HttpResponseMessage> AssignAsync(HttpClient manager, string member, string application) =>
        manager.PostFormAsync($"{PanelPage}?handler=Assign", new() { ["Assign.Member"] = member, ["Assign.Application"] = application }, PanelPage);

    private static Task<HttpResponseMessage> RecordConflictAsync(HttpClient manager, string member, string application, string kind, string note) =>
        manager.PostFormAsync($"{PanelPage}?handler=RecordConflict",
            new() { ["Conflict.Member"] = member, ["Conflict.Application"] = application, ["Conflict.Kind"] = kind, ["Conflict.Note"] = note }, PanelPage);

    private sealed record StoredReview(string ReviewerId, string Application, ReviewState State, string AssignedBy, DateTimeOffset AssignedAt);

    private Task<List<StoredReview>> ReviewsAsync() => _factory.WithScopeAsync(async services =>
    {
        var db = services.GetRequiredService<FairFundDbContext>();
        var references = await db.Applications.ToDictionaryAsync(a => a.Id, a => a.Reference);
        var reviews = await db.PanelReviews.AsNoTracking().ToListAsync();
        return reviews.Select(r => new StoredReview(r.ReviewerId, references[r.ApplicationId], r.State, r.AssignedBy, r.AssignedAt)).ToList();
    });
}
