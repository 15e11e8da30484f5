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
