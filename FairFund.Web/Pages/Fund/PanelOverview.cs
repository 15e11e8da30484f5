using FairFund.Domain.Applications;
using FairFund.Domain.Reviews;
using FairFund.Domain.Rounds;
using FairFund.Web.Conflicts;
using FairFund.Web.Data;
using FairFund.Web.Forms;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Fund;

/// <summary>
/// What the round's panel page reads: the members, the applications past screening, every review and who each
/// application's people are (for conflicts), and the tables made from them. The page's handlers change the panel;
/// this only reads it.
/// </summary>
public static class PanelOverview
{
    /// <summary>Everything the planner, the checks and the tables read, loaded once per request.</summary>
    public static async Task<RoundPanel> LoadAsync(FairFundDbContext db, Round round, CancellationToken cancellationToken)
    {
        var members = await db.PanelMembers.AsNoTracking().Where(m => m.RoundId == round.Id)
            .OrderBy(m => m.Email).ToListAsync(cancellationToken);
        var applications = await (
                from application in db.Applications.AsNoTracking()
                join organisation in db.Organisations on application.OrganisationId equals organisation.Id
                where application.RoundId == round.Id && application.State != ApplicationState.Draft && application.State != ApplicationState.Withdrawn
                orderby application.Reference
                select new ApplicationRow(application.Id, application.Reference, organisation.Name, application.State))
            .ToListAsync(cancellationToken);
        var reviews = await db.PanelReviews.AsNoTracking()
            .Where(r => db.Applications.Any(a => a.Id == r.ApplicationId && a.RoundId == round.Id))
            .ToListAsync(cancellationToken);
        var applicants = await ApplicantPeopleRecords.OfAsync(db, [.. applications.Where(a => a.State == ApplicationState.Eligible).Select(a => a.Id)], cancellationToken);
        return new RoundPanel(round, members, applications, reviews, applicants);
    }

    /// <summary>The page's tables: members' progress, each application's reviewers against the round's minimum, and conflicts.</summary>
    public static async Task<PanelView> ViewAsync(FairFundDbContext db, Round round, CancellationToken cancellationToken)
    {
        var panel = await LoadAsync(db, round, cancellationToken);
        var closed = Round.WhyAssignmentIsClosed(round.State);
        var shortfalls = closed is null ? panel.Plan().Shortfalls.ToDictionary(s => s.ApplicationId) : [];

        var members = panel.Members.Select(member =>
        {
            var theirs = member.UserName is null ? [] : panel.Reviews.Where(r => string.Equals(r.ReviewerId, member.UserName, StringComparison.OrdinalIgnoreCase)).ToList();
            return new MemberRow(member.Id, member.Email, UkTime.Format(member.InvitedAt), member.InvitedBy, member.JoinedAt is { } joined ? UkTime.Format(joined) : null,
                // Assigned counts as in the applications' table: reviews without a conflict; conflicts have their own column.
                theirs.Count(r => r.State != ReviewState.Conflicted), theirs.Count(r => r.State == ReviewState.Conflicted), theirs.Count(r => r.State == ReviewState.Submitted),
                theirs.Count(r => r.IsStillToDo));
        }).ToList();

        // Applications that passed screening, and any other that somehow has reviews, so none is hidden.
        var progress = panel.Applications
            .Where(a => (a.State != ApplicationState.Submitted && a.State != ApplicationState.Ineligible) || panel.Reviews.Any(r => r.ApplicationId == a.Id))
            .Select(application =>
            {
                var reviews = panel.Reviews.Where(r => r.ApplicationId == application.Id).ToList();
                var assigned = reviews.Count(r => r.State != ReviewState.Conflicted);
                var status = assigned >= panel.MinReviews ? "Enough reviewers"
                    : shortfalls.TryGetValue(application.Id, out var shortfall) ? $"Cannot reach {panel.MinReviews}: {shortfall.Reason}"
                    : closed is null && application.State == ApplicationState.Eligible ? $"Needs {Count(panel.MinReviews - assigned, "more reviewer")}: assign automatically or by hand"
                    : $"Has {Count(assigned, "reviewer")} of {panel.MinReviews}";
                return new ApplicationProgress(application.Reference, application.GroupName, reviews.Count(r => r.State == ReviewState.Submitted), assigned,
                    reviews.Count(r => r.State == ReviewState.Conflicted), panel.MinReviews, assigned >= panel.MinReviews, status);
            }).ToList();

        var references = panel.Applications.ToDictionary(a => a.Id, a => a.Reference);
        var conflicts = panel.Reviews.Where(r => r.Conflict is not null)
            .Select(r => (Review: r, Declaration: r.Conflict!))
            .OrderByDescending(c => c.Declaration.At)
            .Select(c => new ConflictRow(c.Review.ReviewerId, references.GetValueOrDefault(c.Review.ApplicationId, "?"), ConflictDeclaration.Describe(c.Declaration.Kind),
                c.Declaration.Note, c.Declaration.RecordedByFundManager ? $"Recorded by {c.Declaration.DeclaredBy}" : "Declared by the member",
                UkTime.Format(c.Declaration.At)))
            .ToList();

        return new PanelView(round.Reference, round.Name, round.State, Round.Describe(round.State), panel.MinReviews, closed,
            Round.WhyConflictsCannotBeRecorded(round.State), members, progress, conflicts,
            [.. panel.Members.Where(m => m.HasJoined).Select(m => m.UserName!)],
            [.. panel.Applications.Where(a => a.State == ApplicationState.Eligible).Select(a => new Choice(a.Reference, $"{a.Reference}: {a.GroupName}"))],
            [.. panel.Applications.Select(a => new Choice(a.Reference, $"{a.Reference}: {a.GroupName}"))])
        {
            ScoringDeadline = round.ScoringDeadline is { } deadline ? UkTime.Format(deadline) : null,
            ScoringDeadlineSet = round.ScoringDeadlineSetAt is { } setAt ? $"Set by {round.ScoringDeadlineSetBy} on {UkTime.Format(setAt)}" : null,
            DeadlineClosed = round.WhyScoringDeadlineCannotBeSet,
            // Behind: members with reviews still to do while scoring is open, most to do first.
            Behind = Round.IsScoringOpen(round.State) ? [.. members.Where(m => m.StillToScore > 0).OrderByDescending(m => m.StillToScore).ThenBy(m => m.Email, StringComparer.Ordinal)] : [],
        };
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}

public sealed record ApplicationRow(Guid Id, string Reference, string GroupName, ApplicationState State);

/// <summary>Everything the planner and the tables read, loaded once per request.</summary>
public sealed record RoundPanel(Round Round, List<PanelMember> Members, List<ApplicationRow> Applications, List<PanelReview> Reviews,
    IReadOnlyDictionary<Guid, ApplicantPeople> Applicants)
{
    public int MinReviews => Round.Rules.MinReviews;

    /// <summary>Every review in the round, as the planner and the checks for assigning by hand read them.</summary>
    public IReadOnlyList<ExistingReview> Existing => [.. Reviews.Select(r => new ExistingReview(r.ApplicationId, r.ReviewerId, r.State == ReviewState.Conflicted))];

    public AssignmentPlan Plan() => PanelAssignment.Plan(
        [.. Applications.Where(a => a.State == ApplicationState.Eligible).Select(a => a.Id)],
        [.. Members.Where(m => m.HasJoined).Select(m => m.UserName!)],
        Existing,
        MinReviews,
        Applicants);
}

public sealed record MemberRow(Guid Id, string Email, string Invited, string InvitedBy, string? Joined, int Assigned, int Conflicts, int Submitted, int StillToScore);

public sealed record ApplicationProgress(string Reference, string GroupName, int Submitted, int Assigned, int Conflicts, int MinReviews, bool Enough, string Status);

public sealed record ConflictRow(string Member, string Application, string Kind, string Note, string By, string At);

public sealed record PanelView(
    string Reference, string Name, RoundState State, string StateInWords, int MinReviews, string? AssignmentClosed, string? ConflictsClosed,
    IReadOnlyList<MemberRow> Members, IReadOnlyList<ApplicationProgress> Applications, IReadOnlyList<ConflictRow> Conflicts,
    IReadOnlyList<string> JoinedMembers, IReadOnlyList<Choice> AssignableApplications, IReadOnlyList<Choice> AllApplications)
{
    /// <summary>The scoring deadline in UK time, or null when none is set.</summary>
    public string? ScoringDeadline { get; init; }

    /// <summary>Who set the deadline and when, or null when none is set.</summary>
    public string? ScoringDeadlineSet { get; init; }

    /// <summary>Why the deadline cannot be set now; null while it can.</summary>
    public string? DeadlineClosed { get; init; }

    /// <summary>The members with reviews still to do while scoring is open: who is behind.</summary>
    public IReadOnlyList<MemberRow> Behind { get; init; } = [];
}
