using FairFund.Domain.Allocation;
using FairFund.Domain.Applications;
using FairFund.Domain.Rounds;
using FairFund.Web.Accounts;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FairFund.Web.Email;

/// <summary>One decision email as it will go: to whom, about which application, saying what.</summary>
public sealed record DecisionMailTo(Guid ApplicationId, string To, DecisionMail Mail)
{
    /// <summary>The once-only key: an application's decision is queued once, however often sending is asked for.</summary>
    public string DedupKey => $"decision:{ApplicationId}";
}

/// <summary>
/// A round's decisions as emails: one for every application given a decision (awarded, on the waiting list,
/// declined, or found ineligible), to the person who sent it, in the words its status page shows.
/// </summary>
public sealed class DecisionMailing(FairFundDbContext db, Mailer mailer, IOptions<Funder> funder)
{
    private static readonly ApplicationState[] Decided =
        [ApplicationState.Awarded, ApplicationState.Waitlisted, ApplicationState.Declined, ApplicationState.Ineligible];

    /// <summary>What the letters say about the time after the decision: the round's conditions and waiting list date, and the funder's address.</summary>
    public static AfterTheDecision After(Round round, Funder funder)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(funder);
        return new AfterTheDecision(round.GrantConditions, round.WaitingListUntil, funder.ReplyTo);
    }

    /// <summary>Every decision email the round would send, in reference order.</summary>
    /// <param name="statusLink">The full address of an application's status page, from its reference.</param>
    public async Task<IReadOnlyList<DecisionMailTo>> LettersAsync(Round round, Func<string, string> statusLink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(statusLink);
        // Split: each owned list comes in its own query rather than one join multiplying them together.
        var applications = await db.Applications.AsNoTracking().AsSplitQuery()
            .Where(application => application.RoundId == round.Id && Decided.Contains(application.State))
            .ToListAsync(cancellationToken);
        // A group found not eligible that was told when screening finished is not told again.
        var decided = applications.Where(application => application.Decision is not null
                && (round.DecisionsTellIneligible || application.State != ApplicationState.Ineligible)).OrderBy(application => application.Reference, StringComparer.Ordinal).ToList();

        var organisationIds = decided.Select(application => application.OrganisationId).Distinct().ToList();
        var groupNames = await db.Organisations.AsNoTracking().Where(group => organisationIds.Contains(group.Id))
            .ToDictionaryAsync(group => group.Id, group => group.Name, cancellationToken);
        var senders = decided.ToDictionary(application => application.Id, Sender);
        var addresses = senders.Values.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var names = (await db.Users.AsNoTracking()
                .Where(user => addresses.Contains(user.Email!))
                .Join(db.UserClaims.Where(claim => claim.ClaimType == AccountMail.NameClaim), user => user.Id, claim => claim.UserId,
                    (user, claim) => new { user.Email, claim.ClaimValue })
                .ToListAsync(cancellationToken))
            .DistinctBy(named => named.Email, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(named => named.Email!, named => named.ClaimValue, StringComparer.OrdinalIgnoreCase);

        var after = After(round, funder.Value);
        return [.. decided.Select(application => new DecisionMailTo(
            application.Id,
            senders[application.Id],
            new DecisionMail(
                names.GetValueOrDefault(senders[application.Id]),
                application.Reference,
                DecisionLetter.Write(application.Decision!, groupNames[application.OrganisationId], round.Name, application.Reference, after,
                    scoredByThePanel: application.State != ApplicationState.Ineligible),
                statusLink(application.Reference))))];
    }

    /// <summary>Queues each email whose application's decision has not been queued before; the caller saves.</summary>
    /// <returns>How many were queued: none, for a round whose decisions have all gone.</returns>
    public async Task<int> QueueAsync(IEnumerable<DecisionMailTo> letters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letters);
        var queued = 0;
        foreach (var letter in letters)
        {
            if (await mailer.QueueAsync<Templates.DecisionEmail, DecisionMail>(letter.To, letter.Mail, letter.Mail.Reference, letter.DedupKey, cancellationToken))
                queued++;
        }
        return queued;
    }

    /// <summary>Who sent the application: its decision goes to them, as its receipt did.</summary>
    private static string Sender(Application application) =>
        application.SubmittedBy
        ?? throw new InvalidOperationException($"{application.Reference} has a decision but was never submitted.");
}
