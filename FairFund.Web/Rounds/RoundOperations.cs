using FairFund.Domain.Allocation;
using FairFund.Domain.Applications;
using FairFund.Domain.Moderation;
using FairFund.Domain.Reviews;
using FairFund.Domain.Rounds;
using FairFund.Web.Accounts;
using FairFund.Web.Data;
using FairFund.Web.Email;
using FairFund.Web.Allocation;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Rounds;

/// <summary>
/// The round's moves that change more than the round: closing scoring marks its applications scored,
/// approving gives each its decision, notifying queues the letters. Each is written here once, for the
/// round and decisions pages, the bench and the tests; each leaves the saving to the caller's one
/// <c>SaveChanges</c>, so the round and its applications change together or not at all.
/// </summary>
public sealed class RoundOperations(FairFundDbContext db, RoundAllocation allocation, DecisionMailing mailing, Mailer mailer, MailLinks links)
{
    /// <summary>
    /// Why <paramref name="trigger"/> cannot fire now, weighing what the round's applications and allocation say,
    /// exactly as the operation itself would refuse.
    /// </summary>
    /// <param name="reason">The reason that would be given, for CloseScoring and Cancel.</param>
    public async Task<IReadOnlyList<string>> WhyNotAsync(Round round, RoundTrigger trigger, string? reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        var progress = await allocation.ProgressAsync(round, cancellationToken);
        var problems = trigger == RoundTrigger.Approve ? await ApprovalProblemsAsync(round, cancellationToken) : null;
        return round.WhyNot(trigger, progress, reason, problems, now);
    }

    /// <summary>
    /// Starts scoring, once every submitted application has been screened. When the fund chose to tell groups found not
    /// eligible as screening finishes (<see cref="Round.TellsIneligibleAtScreening"/>), each is emailed now, through the
    /// outbox and once only: screening decisions are final from here, so no group hears one that is later changed.
    /// </summary>
    public async Task StartScoringAsync(Round round, DateTimeOffset now, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        round.StartScoring(now, actor, await allocation.ProgressAsync(round, cancellationToken));
        if (!round.TellsIneligibleAtScreening) return;
        // Whole applications: who sent one is read from its history, which the database cannot be asked about.
        var ineligible = (await db.Applications.AsNoTracking().AsSplitQuery()
                .Where(application => application.RoundId == round.Id && application.State == ApplicationState.Ineligible)
                .ToListAsync(cancellationToken))
            .Where(application => application.SubmittedBy is not null)
            .OrderBy(application => application.Reference, StringComparer.Ordinal)
            .ToList();
        var groupIds = ineligible.Select(application => application.OrganisationId).Distinct().ToList();
        var groupNames = await db.Organisations.AsNoTracking().Where(group => groupIds.Contains(group.Id)).ToDictionaryAsync(group => group.Id, group => group.Name, cancellationToken);
        var senders = ineligible.Select(application => application.SubmittedBy!).Distinct().ToList();
        var names = (await db.Users.AsNoTracking().Where(user => senders.Contains(user.Email!))
                .Join(db.UserClaims.Where(claim => claim.ClaimType == AccountMail.NameClaim), user => user.Id, claim => claim.UserId, (user, claim) => new { user.Email, claim.ClaimValue })
                .ToListAsync(cancellationToken))
            .DistinctBy(named => named.Email, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(named => named.Email!, named => named.ClaimValue, StringComparer.OrdinalIgnoreCase);
        foreach (var application in ineligible)
        {
            var mail = new IneligibleMail(names.GetValueOrDefault(application.SubmittedBy!), groupNames[application.OrganisationId], round.Name, application.Reference,
                application.IneligibleReason ?? "", links.To("/Apply/Status", new { reference = application.Reference }));
            await mailer.QueueAsync<FairFund.Web.Email.Templates.IneligibleEmail, IneligibleMail>(application.SubmittedBy!, mail, application.Reference, IneligibleDedupKey(application.Id), cancellationToken);
        }
    }

    /// <summary>The once-only key of the email telling a group, as screening finishes, that its application was found not eligible.</summary>
    public static string IneligibleDedupKey(Guid applicationId) => $"ineligible:{applicationId}";

    /// <summary>Closes scoring, revealing the seed, and marks every eligible application scored.</summary>
    public async Task CloseScoringAsync(Round round, DateTimeOffset now, string actor, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        round.CloseScoring(now, actor, await allocation.ProgressAsync(round, cancellationToken), reason);
        var eligible = await db.Applications.Where(a => a.RoundId == round.Id && a.State == ApplicationState.Eligible).ToListAsync(cancellationToken);
        foreach (var application in eligible) application.MarkScored(now, actor);
    }

    /// <summary>
    /// Approves the moderated allocation and gives every scored application its decision, with the notice the
    /// group will read (the rules' trail, every change moderation made to it in order, and the panel's comments
    /// without their names). Ineligible applications keep their state, and are given the notice of why.
    /// </summary>
    public async Task ApproveAsync(Round round, DateTimeOffset now, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        // Only a round in moderation is weighed: anywhere else Approve is refused on its state alone.
        var moderated = round.State == RoundState.Moderation ? await allocation.ModeratedAsync(round, cancellationToken) : null;
        round.Approve(now, actor, moderated?.ApprovalProblems());
        await DecideAsync(round, moderated!, now, actor, cancellationToken);
    }

    /// <summary>Sends the round's decisions: the round moves to Notified and every decision email is queued.</summary>
    /// <param name="statusLink">The full address of an application's status page, from its reference.</param>
    /// <returns>How many emails were queued.</returns>
    public async Task<int> NotifyAsync(Round round, DateTimeOffset now, string actor, Func<string, string> statusLink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        var letters = await mailing.LettersAsync(round, statusLink, cancellationToken);
        round.Notify(now, actor, await allocation.ProgressAsync(round, cancellationToken));
        await OfferGrantsAsync(round, now, actor, cancellationToken);
        return await mailing.QueueAsync(letters, cancellationToken);
    }

    /// <summary>
    /// Offers a grant for each awarded application of a notified round that has none yet, on the round's terms and
    /// conditions, leaving the saving to the caller (with the notification, when it comes from <see cref="NotifyAsync"/>).
    /// Offering again finds the grants made and makes none: each application has at most one grant (a unique index).
    /// </summary>
    /// <returns>How many grants were offered.</returns>
    public async Task<int> OfferGrantsAsync(Round round, DateTimeOffset now, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        if (round.State != RoundState.Notified) return 0;
        var awarded = await db.Applications
            .Where(a => a.RoundId == round.Id && a.State == ApplicationState.Awarded && !db.Grants.Any(grant => grant.ApplicationId == a.Id))
            .OrderBy(a => a.Reference)
            .ToListAsync(cancellationToken);
        foreach (var application in awarded)
            db.Grants.Add(FairFund.Domain.Grants.Grant.Offer(Guid.NewGuid(), application, round.GrantTerms, round.GrantConditions, now, actor));
        return awarded.Count;
    }

    private async Task<IReadOnlyList<string>?> ApprovalProblemsAsync(Round round, CancellationToken cancellationToken) =>
        round.State == RoundState.Moderation ? (await allocation.ModeratedAsync(round, cancellationToken)).ApprovalProblems() : null;

    private async Task DecideAsync(Round round, ModeratedAllocation moderated, DateTimeOffset now, string actor, CancellationToken cancellationToken)
    {
        var ineligible = await db.Applications.Where(a => a.RoundId == round.Id && a.State == ApplicationState.Ineligible).ToListAsync(cancellationToken);
        foreach (var application in ineligible)
            application.GiveNoticeOfIneligibility((moderated.Find(application.Reference)
                ?? throw new InvalidOperationException($"{application.Reference} was screened but is not in the allocation.")).Notice([], RoundAllocation.UkDay));

        var scored = await db.Applications.Where(a => a.RoundId == round.Id && a.State == ApplicationState.Scored).ToListAsync(cancellationToken);
        var ids = scored.Select(application => application.Id).ToList();
        var comments = (await db.PanelReviews.AsNoTracking()
                .Where(review => review.State == ReviewState.Submitted && ids.Contains(review.ApplicationId))
                .ToListAsync(cancellationToken))
            .OrderBy(review => review.ReviewerId, StringComparer.Ordinal)
            .ToLookup(review => review.ApplicationId, review => review.Submitted!.CommentForApplicant);
        foreach (var application in scored)
        {
            var result = moderated.Find(application.Reference)
                ?? throw new InvalidOperationException($"{application.Reference} is scored but not in the allocation.");
            var notice = result.Notice(comments[application.Id], RoundAllocation.UkDay);
            switch (notice.Decision)
            {
                case Decision.Award: application.Award(now, actor, notice); break;
                case Decision.Waitlist: application.Waitlist(now, actor, notice); break;
                default: application.Decline(now, actor, notice); break;
            }
        }
    }
}

/// <summary>Registers what the round's pages share: its allocation and its operations.</summary>
public static class RoundSetup
{
    public static IServiceCollection AddFairFundRounds(this IServiceCollection services)
    {
        services.AddScoped<RoundAllocation>();
        services.AddScoped<Equity.RoundEquity>();
        services.AddScoped<RoundOperations>();
        return services;
    }
}
