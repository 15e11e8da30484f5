using System.Security.Claims;
using FairFund.Domain.Applications;
using FairFund.Domain.Forms;
using FairFund.Domain.Rounds;
using FairFund.Domain.Validation;
using FairFund.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TaskStatus = FairFund.Domain.Applications.TaskStatus;

namespace FairFund.Web.Pages.Apply;

/// <summary>What an applicant's pages show and check of the round an application is for: with the form its applications answer.</summary>
public sealed record ApplicantRound(string Reference, string Name, RoundState State, DateTimeOffset ClosesAt, GrantRange Grants, ApplicationForm Form)
{
    /// <summary>A round that asks the default form.</summary>
    public ApplicantRound(string Reference, string Name, RoundState State, DateTimeOffset ClosesAt, GrantRange Grants)
        : this(Reference, Name, State, ClosesAt, Grants, ApplicationForm.Default)
    {
    }
}

/// <summary>An application with the round it is for, as the applicant's pages load it.</summary>
public sealed record OwnApplication(Application Application, ApplicantRound Round)
{
    public GrantRange Grants => Round.Grants;

    /// <summary>The round's form: every section of it is asked, each on its page (<see cref="SectionPages"/>).</summary>
    public ApplicationForm Form => Round.Form;

    /// <summary>The sections the form asks for the saved answers and the amount asked for, in order: the task list's tasks.</summary>
    public IReadOnlyList<FormSection> Sections => Form.ShownSections(Application.Answers);

    /// <summary>The problems with one section's answers; none when the form does not have it.</summary>
    public IReadOnlyList<Problem> Check(string sectionKey) =>
        Form.FindSection(sectionKey) is null ? [] : Application.Check(Form, sectionKey, Grants);

    /// <summary>How far the group has got with one section; not started when the form does not have it.</summary>
    public TaskStatus StatusOf(string sectionKey) =>
        Form.FindSection(sectionKey) is null ? TaskStatus.NotStarted : Application.StatusOf(Form, sectionKey, Grants);

    /// <summary>Sends the application, checked against the round's form, if the round takes it <paramref name="now"/>.</summary>
    public void Submit(DateTimeOffset now, string actor) => Application.Submit(now, actor, WindowAt(now), Form, Grants);

    /// <summary>Whether a submission that reached the server <paramref name="now"/> would count: by the group's own deadline, when it was given more time.</summary>
    public SubmissionWindow WindowAt(DateTimeOffset now) => Application.WindowIn(Round.State, Round.ClosesAt, now);

    /// <summary>The group's deadline: the round's closing time, or the later one it was given.</summary>
    public DateTimeOffset Deadline => Application.DeadlineIn(Round.ClosesAt);
}

/// <summary>
/// The one way applicant pages reach applications: only through the signed-in person's own group.
/// Another group's application is "not found", exactly as a reference that does not exist, so a guessed
/// reference reveals nothing.
/// </summary>
public sealed class ApplicantRecords(FairFundDbContext db, UserManager<IdentityUser> users)
{
    /// <summary>The group the person acts for, or null before they have entered its details.</summary>
    public async Task<Guid?> GroupOfAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(user);
        if (userId is null) return null;
        return await db.OrganisationMembers.Where(member => member.UserId == userId)
            .Select(member => (Guid?)member.OrganisationId).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The person's own group's application with this reference, tracked for changes; null when there is none.</summary>
    /// <remarks>
    /// Every applicant page, and each "Save and continue" in a deadline rush, starts here, so it is two queries:
    /// the application, found through the person's membership of its group, and only what the pages need of its
    /// round (not the round's history or its whole record).
    /// </remarks>
    public async Task<OwnApplication?> FindAsync(ClaimsPrincipal user, string reference, CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(user);
        if (userId is null) return null;
        var application = await db.Applications
            .FirstOrDefaultAsync(application => application.Reference == reference
                && db.OrganisationMembers.Any(member => member.UserId == userId && member.OrganisationId == application.OrganisationId), cancellationToken);
        if (application is null) return null;
        var round = await db.Rounds.AsNoTracking().Where(round => round.Id == application.RoundId)
            .Select(round => new { round.Reference, round.Name, round.State, round.ClosesAt, round.Rules, round.Form })
            .FirstAsync(cancellationToken);
        var grants = new GrantRange(round.Rules.GrantMin, round.Rules.GrantMax);
        return new OwnApplication(application, new ApplicantRound(round.Reference, round.Name, round.State, round.ClosesAt, grants,
            // A round stored before rounds had forms has none (a null column, which the projection reads as null): it asks the default form.
            round.Form ?? ApplicationForm.Default));
    }

    /// <summary>
    /// The group's application to a round: the one already begun, or a new draft with the round's next
    /// reference (<c>CW-MH-2027-R1-0007</c>). Null when the round is not open to applications.
    /// </summary>
    /// <remarks>
    /// The number comes from the round's own counter, raised in the same transaction that adds the draft, so
    /// starts that arrive together take 1, 2, 3… in turn: no two try the same number, a failed start leaves no
    /// gap, and a missing application (a number with no row) changes nothing for later starts.
    /// </remarks>
    public async Task<Application?> StartAsync(Guid group, string roundReference, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.AsNoTracking().FirstOrDefaultAsync(round => round.Reference == roundReference, cancellationToken);
        if (round is null || round.State != RoundState.Open) return null;
        var existing = await db.Applications.FirstOrDefaultAsync(application => application.RoundId == round.Id && application.OrganisationId == group, cancellationToken);
        if (existing is not null) return existing;

        return await db.InOneWriteAsync(async inWrite =>
        {
            // The same group starting twice at once (a double click): the second finds the first's draft.
            var won = await db.Applications.FirstOrDefaultAsync(application => application.RoundId == round.Id && application.OrganisationId == group, inWrite);
            if (won is not null) return won;
            var number = await NextNumberAsync(round.Id, inWrite);
            var application = new Application(Guid.NewGuid(), round.Id, group, $"{round.Reference}-{number:0000}");
            db.Applications.Add(application);
            await db.SaveChangesAsync(inWrite);
            return application;
        }, cancellationToken);
    }

    /// <summary>Raises the round's counter and reads it back, inside the caller's transaction, which holds the write lock.</summary>
    private async Task<int> NextNumberAsync(Guid roundId, CancellationToken cancellationToken)
    {
        var thisRound = db.Rounds.Where(round => round.Id == roundId);
        await thisRound.ExecuteUpdateAsync(set => set.SetProperty(
            round => EF.Property<int>(round, RoundConfiguration.LastApplicationNumber),
            round => EF.Property<int>(round, RoundConfiguration.LastApplicationNumber) + 1), cancellationToken);
        return await thisRound.Select(round => EF.Property<int>(round, RoundConfiguration.LastApplicationNumber)).SingleAsync(cancellationToken);
    }
}
