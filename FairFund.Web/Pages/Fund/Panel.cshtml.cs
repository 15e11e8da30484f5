using System.ComponentModel.DataAnnotations;
using FairFund.Domain.Applications;
using FairFund.Domain.Auditing;
using FairFund.Domain.Reviews;
using FairFund.Domain.Rounds;
using FairFund.Web.Accounts;
using FairFund.Web.Conflicts;
using FairFund.Web.Data;
using FairFund.Web.Email;
using FairFund.Web.Forms;
using FairFund.Web.Invites;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Fund;

/// <summary>
/// A round's panel for its fund manager (docs/panel.md): invite members by email and send an invite again, see
/// each member's progress and each application's reviews against the round's minimum, assign reviews
/// automatically or by hand, and record a conflict of interest a member did not declare.
/// </summary>
public sealed class PanelModel(FairFundDbContext db, TimeProvider time, PanelInvites invites, UserManager<IdentityUser> users, Mailer mailer, MailLinks links) : PageModel
{
    public const string DoneKey = "PanelDone";

    public PanelView View { get; private set; } = null!;

    public FormErrors Errors { get; } = new();

    /// <summary>Someone else changed the panel at the same moment, so this change was not saved.</summary>
    public ChangedMeanwhile? ChangedMeanwhile { get; private set; }

    /// <summary>What the last change did, shown once after the redirect.</summary>
    public string? Done { get; private set; }

    [BindProperty]
    public InviteInput Invite { get; set; } = new();

    [BindProperty]
    public AssignInput Assign { get; set; } = new();

    [BindProperty]
    public ConflictInput Conflict { get; set; } = new();

    /// <summary>The scoring deadline as typed into its form, in UK time.</summary>
    [BindProperty]
    public DateTimeInput Deadline { get; set; } = new();

    private string Actor => User.Identity?.Name ?? "unknown";

    /// <summary>The signed-in manager's name, which invites give as who invited; null until they have given one.</summary>
    public string? InviterName { get; private set; }

    public const string NoNameMessage = "Add your name before you invite anyone: the invite email tells the person who invited them, by name";

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (await FindRoundAsync(reference, cancellationToken) is not { } round) return NotFound();
        Done = TempData[DoneKey] as string;
        if (round.ScoringDeadline is { } deadline) Deadline = DateTimeInput.From(deadline);
        await LoadInviterNameAsync();
        View = await PanelOverview.ViewAsync(db, round, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostInviteAsync(string reference, CancellationToken cancellationToken)
    {
        if (await FindRoundAsync(reference, cancellationToken) is not { } round) return NotFound();
        var email = (Invite.Email ?? "").Trim();
        if (email.Length == 0) Errors.Add(Fields.InviteEmail, "Enter the email address of the person to invite");
        else if (email.Length > 256) Errors.Add(Fields.InviteEmail, "The email address must be 256 characters or fewer");
        else if (!new EmailAddressAttribute().IsValid(email) || !MimeKit.MailboxAddress.TryParse(email, out _))
            Errors.Add(Fields.InviteEmail, "Enter an email address in the correct format, like name@example.com");
        else if (Round.WhyPanelInvitesAreClosed(round.State) is { } closed)
            Errors.Add(Fields.InviteEmail, closed);
        else if (await LoadInviterNameAsync() is null)
            Errors.Add(Fields.InviteEmail, NoNameMessage);
        else if (await db.PanelMembers.AsNoTracking().SingleOrDefaultAsync(m => m.RoundId == round.Id && m.Email == PanelMember.NormaliseEmail(email), cancellationToken) is { } seat)
            Errors.Add(Fields.InviteEmail, seat.HasJoined
                ? $"{seat.Email} is already on this round's panel"
                : $"{seat.Email} has already been invited to this round's panel. To send the link again, use ‘Send again’ in the members table");
        if (Errors.Any) return await Refused(round, cancellationToken);

        var token = PanelInvites.NewToken();
        var member = new PanelMember(Guid.NewGuid(), round.Id, email, token.Hash, time.GetUtcNow(), Actor);
        db.PanelMembers.Add(member);
        await invites.QueueAsync(member.Email, round.Name, round.Reference, Inviter(), token.Token, Url, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same address invited by someone else at the same moment: theirs stands, and this email is not sent.
            return await ChangedAsync(reference, cancellationToken);
        }
        return Finished(reference, $"Invite sent to {member.Email}");
    }

    public async Task<IActionResult> OnPostSendAgainAsync(string reference, Guid member, CancellationToken cancellationToken)
    {
        if (await FindRoundAsync(reference, cancellationToken) is not { } round) return NotFound();
        var seat = await db.PanelMembers.SingleOrDefaultAsync(m => m.Id == member && m.RoundId == round.Id, cancellationToken);
        if (seat is null) return NotFound();
        if (Round.WhyPanelInvitesAreClosed(round.State) is { } closed)
        {
            Errors.Add(Fields.InviteEmail, closed);
            return await Refused(round, cancellationToken);
        }
        if (await LoadInviterNameAsync() is null)
        {
            Errors.Add(Fields.InviteEmail, NoNameMessage);
            return await Refused(round, cancellationToken);
        }
        var token = PanelInvites.NewToken();
        try
        {
            seat.Reissue(token.Hash, time.GetUtcNow(), Actor);
            await invites.QueueAsync(seat.Email, round.Name, round.Reference, Inviter(), token.Token, Url, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainRuleException refused)
        {
            Errors.Add(Fields.InviteEmail, refused.Message);
            return await Refused(round, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ChangedAsync(reference, cancellationToken);
        }
        return Finished(reference, $"A new invite link was sent to {seat.Email}; the one sent before no longer works");
    }

    public async Task<IActionResult> OnPostAssignAutomaticallyAsync(string reference, CancellationToken cancellationToken)
    {
        if (await FindRoundAsync(reference, cancellationToken) is not { } round) return NotFound();
        if (Round.WhyAssignmentIsClosed(round.State) is { } closed)
        {
            Errors.Add(Fields.AssignAutomatically, closed);
            return await Refused(round, cancellationToken);
        }
        var panel = await PanelOverview.LoadAsync(db, round, cancellationToken);
        var plan = panel.Plan();
        var now = time.GetUtcNow();
        foreach (var assignment in plan.Assignments)
            db.PanelReviews.Add(new PanelReview(Guid.NewGuid(), assignment.ApplicationId, assignment.ReviewerId, now, $"{Actor} (automatic)"));
        await TellAssignedAsync(round, plan.Assignments.Select(assignment => assignment.ReviewerId), cancellationToken);
        if (!await SavedAsync(cancellationToken)) return await ChangedAsync(reference, cancellationToken);
        var done = plan.Assignments.Count switch
        {
            0 => "No reviews were assigned",
            1 => "1 review was assigned",
            var count => $"{count} reviews were assigned",
        };
        // What could not be assigned is worked out afresh on the page, under the applications table.
        return Finished(reference, plan.Shortfalls.Count == 0 ? done : $"{done}. {Count(plan.Shortfalls.Count, "application")} still {(plan.Shortfalls.Count == 1 ? "has" : "have")} fewer than {panel.MinReviews} reviewers");
    }

    public async Task<IActionResult> OnPostAssignAsync(string reference, CancellationToken cancellationToken)
    {
        if (await FindRoundAsync(reference, cancellationToken) is not { } round) return NotFound();
        var panel = await PanelOverview.LoadAsync(db, round, cancellationToken);
        var member = panel.Members.FirstOrDefault(m => m.HasJoined && string.Equals(m.UserName, Assign.Member, StringComparison.OrdinalIgnoreCase));
        var application = panel.Applications.FirstOrDefault(a => a.Reference == Assign.Application);
        var chosen = application is null ? null : new ChosenApplication(application.Id, application.Reference, application.State);
        foreach (var problem in PanelAssignment.CheckManual(round.State, member?.UserName, chosen, panel.Existing,
                     application is null ? null : panel.Applicants.GetValueOrDefault(application.Id)))
            Errors.Add(problem.Location == PanelAssignment.ApplicationChoice ? Fields.AssignApplication : Fields.AssignMember, problem.Message);
        if (Errors.Any) return await Refused(round, cancellationToken);

        db.PanelReviews.Add(new PanelReview(Guid.NewGuid(), application!.Id, member!.UserName!, time.GetUtcNow(), Actor));
        await TellAssignedAsync(round, [member.UserName!], cancellationToken);
        if (!await SavedAsync(cancellationToken)) return await ChangedAsync(reference, cancellationToken);
        return Finished(reference, $"{application.Reference} was assigned to {member.UserName}");
    }

    public async Task<IActionResult> OnPostRecordConflictAsync(string reference, CancellationToken cancellationToken)
    {
        if (await FindRoundAsync(reference, cancellationToken) is not { } round) return NotFound();
        var panel = await PanelOverview.LoadAsync(db, round, cancellationToken);
        var member = panel.Members.FirstOrDefault(m => m.HasJoined && string.Equals(m.UserName, Conflict.Member, StringComparison.OrdinalIgnoreCase));
        var application = panel.Applications.FirstOrDefault(a => a.Reference == Conflict.Application);
        if (Round.WhyConflictsCannotBeRecorded(round.State) is { } closed) Errors.Add(Fields.ConflictMember, closed);
        if (member is null) Errors.Add(Fields.ConflictMember, "Select the panel member who has the conflict");
        if (application is null) Errors.Add(Fields.ConflictApplication, "Select the application the conflict is with");
        var kind = Enum.TryParse<ConflictKind>(Conflict.Kind, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) ? parsed : ConflictKind.None;
        foreach (var problem in ConflictDeclaration.Check(kind, Conflict.Note))
            Errors.Add(problem.Location == "note" ? Fields.ConflictNote : Fields.ConflictKind, problem.Message);
        if (Errors.Any) return await Refused(round, cancellationToken);

        var now = time.GetUtcNow();
        var review = await db.PanelReviews.SingleOrDefaultAsync(r => r.ApplicationId == application!.Id && r.ReviewerId == member!.UserName, cancellationToken);
        if (review is null)
        {
            // A review that starts and ends with the conflict, so the member is never assigned the application later.
            review = new PanelReview(Guid.NewGuid(), application!.Id, member!.UserName!, now, Actor);
            db.PanelReviews.Add(review);
        }
        try
        {
            review.RecordConflict(kind, Conflict.Note, now, Actor);
        }
        catch (DomainRuleException refused)
        {
            Errors.Add(Fields.ConflictMember, refused.Message);
            db.ChangeTracker.Clear();
            return await Refused(round, cancellationToken);
        }
        if (!await SavedAsync(cancellationToken)) return await ChangedAsync(reference, cancellationToken);
        return Finished(reference, $"A conflict of interest between {member!.UserName} and {application!.Reference} was recorded");
    }

    /// <summary>
    /// Sets the scoring deadline, which the panel's pages show and its reminder is sent before; recorded with who and
    /// when (<see cref="Round.SetScoringDeadline"/>).
    /// </summary>
    public async Task<IActionResult> OnPostScoringDeadlineAsync(string reference, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken);
        if (round is null) return NotFound();
        var deadline = UkDateInput.Read(Deadline, Fields.Deadline, "scoring deadline date", Errors);
        if (deadline is not { } chosen) return await RefusedTrackedAsync(reference, cancellationToken);
        try
        {
            round.SetScoringDeadline(chosen, time.GetUtcNow(), Actor);
        }
        catch (DomainRuleException refused)
        {
            Errors.Add(Fields.Deadline + "-day", refused.Message);
            return await RefusedTrackedAsync(reference, cancellationToken);
        }
        if (!await SavedAsync(cancellationToken)) return await ChangedAsync(reference, cancellationToken);
        return Finished(reference, $"The scoring deadline is now {UkTime.Format(chosen)} (UK time)");
    }

    private async Task<IActionResult> RefusedTrackedAsync(string reference, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        return await FindRoundAsync(reference, cancellationToken) is { } round ? await Refused(round, cancellationToken) : NotFound();
    }

    /// <summary>
    /// Queues one email to each member given applications by this press of a button, saying how many: one per batch,
    /// never one per application, so a member given twelve gets one email. Saved with the assignments it tells of.
    /// </summary>
    private async Task TellAssignedAsync(Round round, IEnumerable<string> reviewers, CancellationToken cancellationToken)
    {
        var counts = reviewers.GroupBy(reviewer => reviewer, StringComparer.OrdinalIgnoreCase).ToList();
        if (counts.Count == 0) return;
        var addresses = counts.Select(group => group.Key).ToList();
        var names = (await db.Users.AsNoTracking().Where(user => addresses.Contains(user.UserName!))
                .Join(db.UserClaims.Where(claim => claim.ClaimType == AccountMail.NameClaim), user => user.Id, claim => claim.UserId, (user, claim) => new { user.UserName, claim.ClaimValue })
                .ToListAsync(cancellationToken))
            .DistinctBy(named => named.UserName, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(named => named.UserName!, named => named.ClaimValue, StringComparer.OrdinalIgnoreCase);
        var deadline = round.ScoringDeadline is { } due ? UkTime.Format(due) : null;
        var roundLink = links.To("/Panel/Round", new { reference = round.Reference });
        foreach (var member in counts)
        {
            var mail = new PanelAssignedMail(names.GetValueOrDefault(member.Key), round.Name, member.Count(), deadline, roundLink);
            await mailer.QueueAsync<Email.Templates.PanelAssignedEmail, PanelAssignedMail>(member.Key, mail, round.Reference, dedupKey: null, cancellationToken);
        }
    }

    private async Task<Round?> FindRoundAsync(string reference, CancellationToken cancellationToken) =>
        await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken);

    /// <summary>Who the invite says invited the person: the manager's name, never their address (checked given before any invite is made).</summary>
    private string Inviter() => InviterName ?? throw new InvalidOperationException("An invite is made only once the manager has given their name.");

    private async Task<string?> LoadInviterNameAsync() =>
        InviterName = await users.GetUserAsync(User) is { } user ? await StaffNames.OfAsync(users, user) : null;

    private RedirectToPageResult Finished(string reference, string done)
    {
        TempData[DoneKey] = done;
        return RedirectToPage(new { reference });
    }

    /// <summary>
    /// The one outcome of a save that lost to another (docs/edit-conflicts.md): the panel as it is now, with what
    /// was typed kept in its form. Here the other save is the same address invited, or the same review assigned or
    /// changed, at the same moment.
    /// </summary>
    private async Task<IActionResult> ChangedAsync(string reference, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        if (await FindRoundAsync(reference, cancellationToken) is not { } round) return NotFound();
        ChangedMeanwhile = Forms.ChangedMeanwhile.On(this, "This round's panel", "try again");
        await LoadInviterNameAsync();
        View = await PanelOverview.ViewAsync(db, round, cancellationToken);
        return Page();
    }

    private async Task<IActionResult> Refused(Round round, CancellationToken cancellationToken)
    {
        await LoadInviterNameAsync();
        View = await PanelOverview.ViewAsync(db, round, cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>False when a concurrent change got there first: the same review assigned twice, or a review saved since it was read.</summary>
    private async Task<bool> SavedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    /// <summary>The ids of the page's inputs, which the error summary links to.</summary>
    public static class Fields
    {
        public const string InviteEmail = "invite-email";
        public const string AssignAutomatically = "assign-automatically";
        public const string AssignMember = "assign-member";
        public const string AssignApplication = "assign-application";
        public const string ConflictMember = "conflict-member";
        public const string ConflictApplication = "conflict-application";
        public const string ConflictKind = "conflict-kind";
        public const string ConflictNote = "conflict-note";
        public const string Deadline = "scoring-deadline";
    }

    public sealed class InviteInput
    {
        public string? Email { get; set; }
    }

    public sealed class AssignInput
    {
        public string? Member { get; set; }
        public string? Application { get; set; }
    }

    public sealed class ConflictInput
    {
        public string? Member { get; set; }
        public string? Application { get; set; }
        public string? Kind { get; set; }
        public string? Note { get; set; }
    }
}
