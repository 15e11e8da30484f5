using FairFund.Domain.Applications;
using FairFund.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using FairFund.Web.Accounts;
using FairFund.Web.Email;
using FairFund.Web.Pages.Shared;

namespace FairFund.Web.Pages.Apply;

/// <summary>
/// Where an application stands, in the group's words: the applicant-facing label, what happens next, a
/// timeline of every change (the group's own as "You", everyone else's as "The fund team"), and once it is
/// decided the amount, pot, reason, the score's full explanation trail and the panel's comments. No
/// reviewer or staff member is named anywhere on the page.
/// </summary>
public sealed class StatusModel(FairFundDbContext db, ApplicantRecords records, IOptions<Funder> funder, TimeProvider time) : PageModel
{
    public const string AnsweredKey = "InformationAnswered";

    /// <summary>The messages the fund wrote to the group about this application, oldest first.</summary>
    public IReadOnlyList<Fund.SentMessageView> Messages { get; private set; } = [];

    /// <summary>The questions the fund asked while checking the application, with the group's answers.</summary>
    public IReadOnlyList<Fund.InformationRequestView> Questions { get; private set; } = [];

    /// <summary>Whether the group may still answer an unanswered question: while the round is screened.</summary>
    public bool CanAnswer { get; private set; }

    /// <summary>The group's own later deadline and why, while its draft can still be sent; null otherwise.</summary>
    public Deadline? Extension { get; private set; }

    [BindProperty] public Guid QuestionId { get; set; }

    [BindProperty] public string? Answer { get; set; }

    public Forms.FormErrors Errors { get; } = new();

    public string? Answered { get; private set; }

    /// <summary>Keeps the group's answer to a question the fund asked during screening, with who and when.</summary>
    public async Task<IActionResult> OnPostAnswerAsync(string reference, CancellationToken cancellationToken)
    {
        var own = await records.FindAsync(User, reference, cancellationToken);
        if (own is null) return NotFound();
        var request = await db.InformationRequests.SingleOrDefaultAsync(r => r.Id == QuestionId && r.ApplicationId == own.Application.Id, cancellationToken);
        if (request is null) return NotFound();
        var field = "answer-" + request.Id.ToString("N");
        if (request.WhyCannotAnswer(own.Round.State) is { } closed) Errors.Add(field, closed);
        else if (FairFund.Domain.Messages.InformationRequest.CheckAnswer(Answer) is { } problem) Errors.Add(field, problem.Message);
        if (!Errors.Any)
        {
            request.Respond(Answer!, own.Round.State, time.GetUtcNow(), GrantRecords.ActorOf(User));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                TempData[AnsweredKey] = "Your answer was sent. It is kept with your application.";
                return RedirectToPage(new { reference });
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                Errors.Add(field, "Someone else in your group answered this question while you were writing. Read their answer below.");
            }
        }
        var shown = await OnGetAsync(reference, cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return shown;
    }

    public const string WithdrawnKey = "ApplicationWithdrawn";

    public StatusView View { get; private set; } = null!;

    /// <summary>The state of the grant offered for this application, once the decisions are sent; null when there is none.</summary>
    public Domain.Grants.GrantState? Grant { get; private set; }

    /// <summary>The confirmation after the group withdrew the application, shown once.</summary>
    public string? Withdrawn { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        var own = await records.FindAsync(User, reference, cancellationToken);
        if (own is null) return NotFound();
        var application = own.Application;
        // The whole round, which the decision's letter needs (its mailing dates) and the other applicant pages do not.
        var round = await db.Rounds.AsNoTracking().SingleAsync(round => round.Reference == own.Round.Reference, cancellationToken);
        Withdrawn = TempData[WithdrawnKey] as string;
        Answered = TempData[AnsweredKey] as string;
        Messages = await Fund.SentMessages.ToApplicationAsync(db, application.Id, cancellationToken);
        Questions = await Fund.InformationRequests.OfAsync(db, application.Id, cancellationToken);
        CanAnswer = round.State == Domain.Rounds.RoundState.Screening;
        if (round.State is Domain.Rounds.RoundState.Notified or Domain.Rounds.RoundState.Archived)
            Grant = await db.Grants.AsNoTracking().Where(grant => grant.ApplicationId == application.Id).Select(grant => (Domain.Grants.GrantState?)grant.State).SingleOrDefaultAsync(cancellationToken);

        var members = await db.OrganisationMembers.AsNoTracking()
            .Where(member => member.OrganisationId == application.OrganisationId)
            .Join(db.Users, member => member.UserId, user => user.Id, (member, user) => user.Email)
            .ToListAsync(cancellationToken);
        var ours = new HashSet<string>(members.OfType<string>(), StringComparer.OrdinalIgnoreCase);

        // What the group may see: a decision is held back until the fund sends it.
        var (state, notice, history) = application.AsTheGroupSees(round.State);
        var window = own.WindowAt(time.GetUtcNow());
        Extension = window.IsOpen && Deadline.For(own, time.GetUtcNow()) is { ExtensionReason: not null } extended ? extended : null;

        var timeline = history
            .Select(change => (change, words: ApplicantWords.Happened(change, ours.Contains(change.Actor))))
            .Select(entry => new TimelineEntry(entry.words.What, entry.words.Reason, UkTime.Format(entry.change.At), entry.change.At))
            .ToList();
        var withdrawal = application.State == ApplicationState.Withdrawn ? timeline[^1] : null;
        var groupName = await db.Organisations.AsNoTracking().Where(group => group.Id == application.OrganisationId).Select(group => group.Name).SingleAsync(cancellationToken);

        View = new StatusView(
            application.Reference,
            round.Name,
            application.Title,
            state,
            ApplicantWords.Tag(state, window),
            application.SubmittedAt is { } at ? UkTime.Format(at) : null,
            // A decision's letter says what comes next.
            notice is null ? ApplicantWords.WhatHappensNext(state, window) : null,
            timeline,
            application.State == ApplicationState.Ineligible ? application.IneligibleReason : null,
            withdrawal,
            notice is null ? null : DecisionView.Of(notice, DecisionLetter.Write(notice, groupName, round.Name, application.Reference, DecisionMailing.After(round, funder.Value),
                scoredByThePanel: application.State != ApplicationState.Ineligible)),
            application.WhyGroupCannotWithdraw(round.State).Count == 0,
            Application.CanGroupContinue(state, window));
        return Page();
    }

    public sealed record StatusView(
        string Reference,
        string RoundName,
        string Title,
        ApplicationState State,
        StatusTag Status,
        string? SentAt,
        string? WhatHappensNext,
        IReadOnlyList<TimelineEntry> Timeline,
        string? IneligibleReason,
        TimelineEntry? Withdrawal,
        DecisionView? Decision,
        bool CanWithdraw,
        bool CanContinue);

    /// <summary>One change, told in the group's words, at a UK time.</summary>
    public sealed record TimelineEntry(string What, string? Reason, string When, DateTimeOffset At);

    /// <summary>The decision as the page shows it: the amount and pot for the summary, and the letter the group was sent.</summary>
    public sealed record DecisionView(string? Amount, string? Pot, bool Partial, DecisionLetter Letter)
    {
        public static DecisionView Of(DecisionNotice notice, DecisionLetter letter) => new(
            notice.Amount > 0 ? Domain.Scoring.Money.Pounds(notice.Amount) : null,
            notice.PotName,
            notice.Partial,
            letter);
    }
}
