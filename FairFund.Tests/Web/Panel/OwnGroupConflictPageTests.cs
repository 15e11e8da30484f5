using System.Data.Common;
using System.Net;
using FairFund.Domain.Reviews;
using FairFund.Web.Accounts;
using FairFund.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using static FairFund.Tests.Web.Panel.PanelInvitePages;

namespace FairFund.Tests.Web.Panel;

/// <summary>
/// Nobody reviews their own group's application: a panel member who acts for the group, sent the
/// application or is one of its contacts is skipped by automatic assignment, refused by manual assignment and
/// cannot declare "no conflict". And a member's request for an application they were not given never loads it.
/// </summary>
public sealed class OwnGroupConflictPageTests : IDisposable
{
    /// <summary>Group 1's contact, who also sent its application (as <see cref="PanelRounds.SeedAsync"/> seeds it).</summary>
    private const string Contact = "contact1@group.fairfund.test";

    /// <summary>Someone whose account acts for group 1 but who is not one of its contacts.</summary>
    private const string Treasurer = "treasurer@group1.fairfund.test";

    private readonly SqlRecorder _sql = new();
    private readonly FairFundFactory _factory;

    public OwnGroupConflictPageTests() =>
        _factory = new FairFundFactory { WithServices = services => FairFundFactory.AddDatabaseInterceptor(services, _sql) };

    public void Dispose() => _factory.Dispose();

    private async Task<PanelRoundSeed> SeedAsync()
    {
        var seed = await PanelRounds.SeedAsync(_factory, applications: 2, members: 1);
        await _factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var users = services.GetRequiredService<UserManager<IdentityUser>>();
            var round = await db.Rounds.SingleAsync(r => r.Reference == PanelRounds.Round);
            var group = await db.Applications.Where(a => a.Reference == seed.Applications[0]).Select(a => a.OrganisationId).SingleAsync();
            foreach (var email in new[] { Contact, Treasurer })
            {
                var user = new IdentityUser(email) { Email = email, EmailConfirmed = true };
                Assert.True((await users.CreateAsync(user, PanelRounds.MemberPassword)).Succeeded);
                Assert.True((await users.AddToRoleAsync(user, Roles.PanelMember)).Succeeded);
                var seat = new PanelMember(Guid.NewGuid(), round.Id, email, $"seeded-{Guid.NewGuid():N}", _factory.Clock.GetUtcNow(), SignedInClient.Manager);
                seat.Join(email, _factory.Clock.GetUtcNow(), round.State);
                db.PanelMembers.Add(seat);
                if (email == Treasurer) db.OrganisationMembers.Add(new OrganisationMember { OrganisationId = group, UserId = user.Id });
            }
            await db.SaveChangesAsync();
        });
        return seed;
    }

    [Theory]
    [InlineData(Contact, "contact1@group.fairfund.test sent this application")]
    [InlineData(Treasurer, "treasurer@group1.fairfund.test acts for the group that made this application")]
    public async Task DeclareNoConflict_OneOfTheGroupsOwnPeople_IsRefusedWithTheReasonAtTheQuestion(string member, string why)
    {
        var seed = await SeedAsync();
        // Assigned as it could be before the rule: straight into the database.
        await PanelRounds.AssignAsync(_factory, seed.Applications[0], member);
        using var client = await SignedInClient.As(_factory, member);

        using var response = await client.PostReviewAsync(PanelPages.ReviewPath(seed.Applications[0]) + "?handler=Declare", new() { ["Declaration.Conflict"] = "no" });
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"href=\"#conflict\">You cannot say you have no conflict of interest with this group: {why}. Say that you have a conflict instead.", page);
        Assert.DoesNotContain("Project 1 of group 1", page);
        var review = await PanelRounds.ReviewAsync(_factory, seed.Applications[0], member);
        Assert.Equal((ReviewState.AwaitingDeclaration, 0), (review.State, review.Declarations.Count));
    }

    [Fact]
    public async Task Assign_ByHandToTheGroupsContact_IsRefusedWithAMessageOnThePage()
    {
        var seed = await SeedAsync();
        using var manager = await SignedInClient.As(_factory, SignedInClient.Manager);

        using var response = await manager.PostFormAsync($"{PanelPage}?handler=Assign", new() { ["Assign.Member"] = Contact, ["Assign.Application"] = seed.Applications[0] }, PanelPage);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"{Contact} has a conflict of interest with {seed.Applications[0]}, so cannot review it: {Contact} sent this application", page);
        Assert.Empty(await ReviewersOfAsync(seed.Applications[0]));
    }

    [Fact]
    public async Task AssignAutomatically_NeverGivesTheGroupsOwnPeopleTheirApplication()
    {
        var seed = await SeedAsync();
        using var manager = await SignedInClient.As(_factory, SignedInClient.Manager);

        using var assigned = await manager.PostFormAsync($"{PanelPage}?handler=AssignAutomatically", [], PanelPage);

        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        var own = await ReviewersOfAsync(seed.Applications[0]);
        Assert.Equal([seed.Members[0]], own);
        Assert.Equal(2, (await ReviewersOfAsync(seed.Applications[1])).Count);
        Assert.Contains("1 application still has fewer than 2 reviewers", await manager.GetStringAsync(assigned.Headers.Location));
    }

    [Fact]
    public async Task Review_AnApplicationNotAssignedToTheMember_IsNotFoundWithoutLoadingIt()
    {
        var seed = await SeedAsync();
        await PanelRounds.AssignAsync(_factory, seed.Applications[1], seed.Members[0]);
        using var member = await SignedInClient.As(_factory, seed.Members[0]);
        var assigned = await member.GetAsync(new Uri(PanelPages.ReviewPath(seed.Applications[1]), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        Assert.Contains(_sql.Commands, command => command.Contains("\"AnswersJson\"", StringComparison.Ordinal));
        _sql.Commands.Clear();

        using var response = await member.GetAsync(new Uri(PanelPages.ReviewPath(seed.Applications[0]), UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEmpty(_sql.Commands);
        Assert.DoesNotContain(_sql.Commands, command => command.Contains("\"AnswersJson\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Scores_ACommentOf200000Characters_IsRefusedAtTheCommentAndTheDraftKept()
    {
        var seed = await SeedAsync();
        await PanelRounds.AssignAsync(_factory, seed.Applications[1], seed.Members[0]);
        using var member = await SignedInClient.As(_factory, seed.Members[0]);
        await member.DeclareNoConflictAsync(seed.Applications[1]);
        (await member.ScoreAsync(seed.Applications[1], PanelPages.Scores(3, 3, 3, 3), "A first draft.", "draft")).Dispose();

        using var response = await member.ScoreAsync(seed.Applications[1], PanelPages.Scores(4, 4, 4, 4), new string('x', 200_000), "submit");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Contains("href=\"#comment-for-applicant\">The comment for the group must be 4,000 characters or fewer (it has 200,000)", page);
        var review = await PanelRounds.ReviewAsync(_factory, seed.Applications[1], seed.Members[0]);
        Assert.Equal((ReviewState.Scoring, "A first draft.", 3), (review.State, review.Sheet.CommentForApplicant, review.Sheet.Scores["need"]));
    }

    private Task<List<string>> ReviewersOfAsync(string application) =>
        _factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var id = await db.Applications.Where(a => a.Reference == application).Select(a => a.Id).SingleAsync();
            return await db.PanelReviews.Where(r => r.ApplicationId == id).Select(r => r.ReviewerId).OrderBy(r => r).ToListAsync();
        });

    /// <summary>The SQL the app sends, so a test can see what it loaded.</summary>
    private sealed class SqlRecorder : DbCommandInterceptor
    {
        public System.Collections.Concurrent.ConcurrentBag<string> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Commands.Add(command.CommandText);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
