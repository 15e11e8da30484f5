using System.Security.Claims;
using FairFund.Domain.Applications;
using FairFund.Domain.Organisations;
using FairFund.Domain.Reviews;
using FairFund.Domain.Rounds;
using FairFund.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Panel;

/// <summary>A round the signed-in person sits on the panel of.</summary>
public sealed record PanelRound(Round Round, string Member);

/// <summary>One application the member was assigned, with its round, its group and the member's review of it (tracked for changes).</summary>
public sealed record AssignedApplication(Round Round, Application Application, OrganisationProfile Group, PanelReview Review, string Member)
{
    /// <inheritdoc cref="Round.IsScoringOpen"/>
    public bool ScoringOpen => Round.IsScoringOpen(this.Round.State);

    /// <inheritdoc cref="Round.IsScoringOver"/>
    public bool ScoringOver => Round.IsScoringOver(this.Round.State);

    /// <inheritdoc cref="Round.IsDeclaringOpen"/>
    public bool DeclaringOpen => Round.IsDeclaringOpen(this.Round.State);
}

/// <summary>One of the member's reviews as a round's list shows it: no answers, no scores.</summary>
public sealed record AssignmentRow(string Reference, string GroupName, ReviewProgress Progress);

/// <summary>Where a member's review of one application has got to, as the panel pages name it.</summary>
public enum ReviewProgress { ToDeclare, NotStarted, DraftSaved, Submitted, Conflicted, NotScored }

/// <summary>
/// The one way panel pages reach rounds, applications and reviews. The signed-in person must have joined the
/// round's panel (<see cref="PanelMember.UserName"/>) and, for an application, have been assigned it (a
/// <see cref="PanelReview"/> naming them). Anything else, a guessed reference, another round's application or
/// one not assigned to them, is "not found", exactly as a reference that does not exist, so a guess reveals
/// nothing. Whether a found review may show the application or others' scores is the review's to say
/// (<see cref="PanelReview.CanSeeApplication"/>, <see cref="PanelReview.CanSeeOthersScores"/>).
/// </summary>
public sealed class PanelRecords(FairFundDbContext db, UserManager<IdentityUser> users)
{
    /// <summary>The account's user name, its email address, by which seats and reviews name their member.</summary>
    public string? MemberOf(ClaimsPrincipal user) => users.GetUserName(user);

    /// <summary>The rounds the person has joined the panel of, most recently opened first.</summary>
    public async Task<IReadOnlyList<Round>> RoundsAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (MemberOf(user) is not { } member) return [];
        var joined = db.PanelMembers.Where(seat => seat.UserName == member).Select(seat => seat.RoundId);
        var rounds = await db.Rounds.AsNoTracking().Where(round => joined.Contains(round.Id)).ToListAsync(cancellationToken);
        return [.. rounds.OrderByDescending(round => round.OpensAt)];
    }

    /// <summary>The round with this reference, if the person has joined its panel; null otherwise.</summary>
    public async Task<PanelRound?> FindRoundAsync(ClaimsPrincipal user, string reference, CancellationToken cancellationToken)
    {
        if (MemberOf(user) is not { } member) return null;
        var round = await db.Rounds.AsNoTracking().FirstOrDefaultAsync(round => round.Reference == reference, cancellationToken);
        if (round is null) return null;
        var joined = await db.PanelMembers.AnyAsync(seat => seat.RoundId == round.Id && seat.UserName == member, cancellationToken);
        return joined ? new PanelRound(round, member) : null;
    }

    /// <summary>The member's reviews in the rounds given, as lists show them: reference, group name and progress, by reference.</summary>
    public async Task<ILookup<Guid, AssignmentRow>> AssignmentsAsync(string member, IReadOnlyCollection<Guid> roundIds, CancellationToken cancellationToken)
    {
        var rows = await (
            from review in db.PanelReviews.AsNoTracking()
            join application in db.Applications on review.ApplicationId equals application.Id
            join grantee in db.Organisations on application.OrganisationId equals grantee.Id
            join round in db.Rounds on application.RoundId equals round.Id
            where review.ReviewerId == member && roundIds.Contains(application.RoundId)
            select new { application.RoundId, RoundState = round.State, application.Reference, GroupName = grantee.Name, review })
            .ToListAsync(cancellationToken);
        return rows
            .OrderBy(row => row.Reference, StringComparer.Ordinal)
            .ToLookup(row => row.RoundId, row => new AssignmentRow(row.Reference, row.GroupName, ProgressOf(row.review, row.RoundState)));
    }

    /// <summary>
    /// The application with this reference in the round with this reference, with the member's review of it,
    /// tracked so that a page can change the review and save; null unless the person has joined the round's
    /// panel and was assigned the application.
    /// </summary>
    public async Task<AssignedApplication?> FindAsync(ClaimsPrincipal user, string roundReference, string applicationReference, CancellationToken cancellationToken)
    {
        if (await FindRoundAsync(user, roundReference, cancellationToken) is not { } seat) return null;
        // The assignment is checked first, by ids alone, so an application the member was not given is never loaded.
        var review = await (
                from candidate in db.PanelReviews
                join assigned in db.Applications on candidate.ApplicationId equals assigned.Id
                where assigned.Reference == applicationReference && assigned.RoundId == seat.Round.Id && candidate.ReviewerId == seat.Member
                select candidate)
            .FirstOrDefaultAsync(cancellationToken);
        if (review is null) return null;
        var application = await db.Applications.AsNoTracking().FirstAsync(application => application.Id == review.ApplicationId, cancellationToken);
        var group = await db.Organisations.AsNoTracking().FirstAsync(group => group.Id == application.OrganisationId, cancellationToken);
        return new AssignedApplication(seat.Round, application, group, review, seat.Member);
    }

    /// <summary>
    /// The other members' counted reviews of an application: submitted and not ended by a conflict. Only for a
    /// review that <see cref="PanelReview.CanSeeOthersScores"/>; asking for any other is a mistake in the page.
    /// </summary>
    public async Task<IReadOnlyList<PanelReview>> OthersSubmittedAsync(AssignedApplication assigned, CancellationToken cancellationToken)
    {
        if (!assigned.Review.CanSeeOthersScores)
            throw new InvalidOperationException("Other members' scores are shown only to a member who has submitted their own.");
        var others = await db.PanelReviews.AsNoTracking()
            .Where(review => review.ApplicationId == assigned.Application.Id && review.Id != assigned.Review.Id && review.State == ReviewState.Submitted)
            .ToListAsync(cancellationToken);
        // Lettered in the order they were first submitted, which says nothing about who they are.
        return [.. others.OrderBy(review => review.Revisions[0].At).ThenBy(review => review.Id)];
    }

    /// <summary>
    /// The review's progress in the panel's words: a draft is one the member has saved at least once. Once the round's
    /// scoring is over (<see cref="Round.IsScoringOver"/>), a review not submitted is no longer to do: it was not scored.
    /// </summary>
    public static ReviewProgress ProgressOf(PanelReview review, RoundState roundState) => review.State switch
    {
        ReviewState.AwaitingDeclaration or ReviewState.Scoring when Round.IsScoringOver(roundState) => ReviewProgress.NotScored,
        ReviewState.AwaitingDeclaration => ReviewProgress.ToDeclare,
        ReviewState.Scoring when review.DraftSavedAt is not null => ReviewProgress.DraftSaved,
        ReviewState.Scoring => ReviewProgress.NotStarted,
        ReviewState.Submitted => ReviewProgress.Submitted,
        _ => ReviewProgress.Conflicted,
    };
}
