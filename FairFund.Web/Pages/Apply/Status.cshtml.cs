using FairFund.Domain.Applications;
using FairFund.Web.Applications;
using FairFund.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Apply;

/// <summary>
/// Where an application stands, in the group's words: the applicant-facing label, what happens next, a
/// timeline of every change (the group's own as "You", everyone else's as "The fund team"), and once it is
/// decided the amount, pot, reason, the score's full explanation trail and the panel's comments. No
/// reviewer or staff member is named anywhere on the page.
/// </summary>
public sealed class StatusModel(FairFundDbContext db, ApplicantRecords records) : PageModel
{
    public const string WithdrawnKey = "ApplicationWithdrawn";

    public StatusView View { get; private set; } = null!;

    /// <summary>The confirmation after the group withdrew the application, shown once.</summary>
    public string? Withdrawn { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        var own = await records.FindAsync(User, reference, cancellationToken);
        if (own is null) return NotFound();
        var (application, round) = own;
        Withdrawn = TempData[WithdrawnKey] as string;

        var members = await db.OrganisationMembers.AsNoTracking()
            .Where(member => member.OrganisationId == application.OrganisationId)
            .Join(db.Users, member => member.UserId, user => user.Id, (member, user) => user.Email)
            .ToListAsync(cancellationToken);
        var ours = new HashSet<string>(members.OfType<string>(), StringComparer.OrdinalIgnoreCase);

        var timeline = application.History
            .Select(change => (change, words: ApplicantWords.Happened(change, ours.Contains(change.Actor))))
            .Select(entry => new TimelineEntry(entry.words.What, entry.words.Reason, UkTime.Format(entry.change.At), entry.change.At))
            .ToList();
        var withdrawal = application.State == ApplicationState.Withdrawn ? timeline[^1] : null;

        View = new StatusView(
            application.Reference,
            round.Name,
            application.Title,
            application.State,
            ApplicantWords.Tag(application.State),
            application.SubmittedAt is { } at ? UkTime.Format(at) : null,
            ApplicantWords.WhatHappensNext(application.State),
            timeline,
            application.State == ApplicationState.Ineligible ? application.IneligibleReason : null,
            withdrawal,
            application.Decision is { } decision ? DecisionView.Of(decision) : null,
            application.WhyNot(ApplicationTrigger.Withdraw).Count == 0);
        return Page();
    }

    public sealed record StatusView(
        string Reference,
        string RoundName,
        string Title,
        ApplicationState State,
        StatusTag Status,
        string? SentAt,
        string WhatHappensNext,
        IReadOnlyList<TimelineEntry> Timeline,
        string? IneligibleReason,
        TimelineEntry? Withdrawal,
        DecisionView? Decision,
        bool CanWithdraw);

    /// <summary>One change, told in the group's words, at a UK time.</summary>
    public sealed record TimelineEntry(string What, string? Reason, string When, DateTimeOffset At);

    /// <summary>The decision as the page shows it: amounts in pounds, the trail and comments as they were decided.</summary>
    public sealed record DecisionView(bool Funded, string? Amount, string? Pot, bool Partial, string Reason, IReadOnlyList<TrailLine> Trail, IReadOnlyList<string> PanelComments)
    {
        public static DecisionView Of(DecisionNotice notice) => new(
            notice.Amount > 0,
            notice.Amount > 0 ? Domain.Scoring.Money.Pounds(notice.Amount) : null,
            notice.PotName,
            notice.Partial,
            notice.Reason,
            notice.Trail,
            notice.PanelComments);
    }
}
