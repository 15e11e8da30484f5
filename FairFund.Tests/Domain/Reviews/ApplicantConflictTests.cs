using FairFund.Domain.Auditing;
using FairFund.Domain.Reviews;
using FairFund.Domain.Validation;
using static FairFund.Tests.Domain.Reviews.ReviewInState;

namespace FairFund.Tests.Domain.Reviews;

/// <summary>
/// Nobody reviews their own group's application: a person who acts for the group, sent the application
/// or is one of its contacts has a conflict of interest with it, whatever they declare.
/// </summary>
public sealed class ApplicantConflictTests
{
    private static readonly ApplicantPeople Foleshill = new(["treasurer@foleshill.example", "Chair@Foleshill.example"], "sender@foleshill.example", ["contact@foleshill.example"]);

    [Theory]
    [InlineData("treasurer@foleshill.example", "treasurer@foleshill.example acts for the group that made this application")]
    [InlineData("  CHAIR@foleshill.EXAMPLE ", "chair@foleshill.example acts for the group that made this application")]
    [InlineData("sender@foleshill.example", "sender@foleshill.example sent this application")]
    [InlineData("Contact@Foleshill.example", "contact@foleshill.example is one of the contacts of the group that made this application")]
    [InlineData("someone.else@partner.example", null)]
    [InlineData("", null)]
    public void ConflictOf_APanelMember_SaysWhyTheyAreTiedToTheApplication(string member, string? why) =>
        Assert.Equal(why, Foleshill.ConflictOf(member));

    [Fact]
    public void DeclareNoConflict_ByOneOfTheGroupsOwnPeople_IsRefusedWithTheReasonAndChangesNothing()
    {
        var review = New(reviewer: "sender@foleshill.example");

        var refused = Assert.Throws<DomainRuleException>(() => review.DeclareNoConflict(Later(1), "sender@foleshill.example", Foleshill));

        Assert.Equal("You cannot say you have no conflict of interest with this group: sender@foleshill.example sent this application. Say that you have a conflict instead.", refused.Message);
        Assert.Equal((ReviewState.AwaitingDeclaration, false), (review.State, review.CanSeeApplication));
        Assert.Empty(review.Declarations);
        Assert.Empty(review.History);
    }

    [Fact]
    public void DeclareNoConflict_BySomeoneNotTiedToTheGroup_LetsThemScore()
    {
        var review = New();

        review.DeclareNoConflict(Later(1), Member, Foleshill);

        Assert.True(review.CanScore);
    }

    [Fact]
    public void Plan_APanelMemberWhoIsOneOfTheApplicantsPeople_IsNeverGivenItAndTheShortfallSaysSo()
    {
        var application = Guid.NewGuid();
        var other = Guid.NewGuid();

        var plan = PanelAssignment.Plan([application, other], ["contact@foleshill.example", "a@panel.test"], [], minReviews: 2,
            new Dictionary<Guid, ApplicantPeople> { [application] = Foleshill });

        Assert.Equal(
            [new Assignment(application, "a@panel.test", 0), new Assignment(other, "contact@foleshill.example", 0), new Assignment(other, "a@panel.test", 1)],
            plan.Assignments);
        var shortfall = Assert.Single(plan.Shortfalls);
        Assert.Equal((application, "Only 1 panel member without a conflict of interest (1 has one), and it needs 2 reviews."), (shortfall.ApplicationId, shortfall.Reason));
    }
}

/// <summary>Panel comments, notes and conflict notes have character limits as well as word limits.</summary>
public sealed class ReviewTextLimitTests
{
    private static string Long(int characters) => new('x', characters);

    [Theory]
    [InlineData(4_000, 0, null)]
    [InlineData(200_000, 0, "commentForApplicant: The comment for the group must be 4,000 characters or fewer (it has 200,000)")]
    [InlineData(0, 4_001, "noteForPanel: The note for the panel must be 4,000 characters or fewer (it has 4,001)")]
    public void SaveDraft_ACommentOrNoteOverItsLimit_IsRefusedAndKeepsTheEarlierDraft(int commentCharacters, int noteCharacters, string? problem)
    {
        var review = Drafted();
        var before = review.Sheet;
        var sheet = Sheet(comment: Long(commentCharacters), note: Long(noteCharacters));

        if (problem is null)
        {
            review.SaveDraft(sheet, Criteria, Later(5));
            Assert.Equal(commentCharacters, review.Sheet.CommentForApplicant.Length);
            return;
        }
        var refused = Assert.Throws<DomainRuleException>(() => review.SaveDraft(sheet, Criteria, Later(5)));

        Assert.Contains(problem, refused.Message, StringComparison.Ordinal);
        Assert.Same(before, review.Sheet);
    }

    [Theory]
    [InlineData(2_000, null)]
    [InlineData(2_001, "The note must be 2,000 characters or fewer (it has 2,001)")]
    public void Check_AConflictNoteOverItsLimit_IsLocatedAtTheNote(int characters, string? message) =>
        Assert.Equal(message is null ? [] : [new Problem("note", message)], ConflictDeclaration.Check(ConflictKind.Other, Long(characters)));

    [Fact]
    public void DeclareConflict_WithDirectionAndControlCharactersInTheNote_KeepsItCleaned()
    {
        var review = New();

        review.DeclareConflict(ConflictKind.Other, "My \u202Esister\0 runs it", Later(1), Member);

        Assert.Equal("My sister runs it", review.Conflict!.Note);
    }
}
