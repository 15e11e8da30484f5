using FairFund.Domain.Allocation;
using FairFund.Domain.Applications;
using FairFund.Domain.Forms;
using FairFund.Domain.Moderation;
using FairFund.Domain.Reviews;
using FairFund.Domain.RoundFiles;
using FairFund.Domain.Rounds;
using FairFund.Web.Accounts;
using FairFund.Web.Data;
using FairFund.Web.Rounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FairFund.Web.Allocation;

/// <summary>
/// A round's allocation from its live data: its screened applications, the groups behind them and the
/// panel's submitted reviews, turned into a round file and run through the same <see cref="Allocator"/>
/// as the <c>allocate</c> command. The moderation page and the exported round file are both made here, from
/// the same entries, so running <c>allocate</c> on the export gives exactly what the page shows.
/// </summary>
public sealed class RoundAllocation(FairFundDbContext db, IOptions<Funder> funder, TimeProvider time)
{
    /// <summary>The applications the allocation weighs: every one screened, whatever came after.</summary>
    private static readonly ApplicationState[] Screened =
        [ApplicationState.Eligible, ApplicationState.Ineligible, ApplicationState.Scored, ApplicationState.Awarded, ApplicationState.Waitlisted, ApplicationState.Declined];

    /// <summary>
    /// The round as a round file, with the revealed seed. Panel members are named <c>reviewer-01</c>,
    /// <c>reviewer-02</c>… in the order of their addresses, so the file carries nobody's address and the
    /// reviews keep the order the allocation reads them in. The file carries the form the round published and each
    /// application's answers that count on it, so anyone re-running the round sees what was asked and answered.
    /// </summary>
    public async Task<RoundFile> RoundFileAsync(Round round, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        var settings = round.RulesForAllocation();
        // Split queries: each owned list comes in its own query rather than as one join multiplying them all together.
        var applications = await db.Applications.AsNoTracking().AsSplitQuery()
            .Where(application => application.RoundId == round.Id && Screened.Contains(application.State))
            .ToListAsync(cancellationToken);
        applications.Sort((a, b) => string.CompareOrdinal(a.Reference, b.Reference));

        var organisationIds = applications.Select(application => application.OrganisationId).Distinct().ToList();
        var profiles = await db.Organisations.AsNoTracking().Where(profile => organisationIds.Contains(profile.Id)).ToDictionaryAsync(profile => profile.Id, cancellationToken);
        var fundedBefore = await FundedBeforeAsync(round, organisationIds, cancellationToken);

        var reviews = await ReviewsOf(round).AsNoTracking().AsSplitQuery().ToListAsync(cancellationToken);
        var pseudonyms = Pseudonyms(reviews.Select(review => review.ReviewerId));
        var reviewsByApplication = reviews.ToLookup(review => review.ApplicationId);
        var rural = funder.Value.RuralAreas;
        var form = round.Form;

        var entries = applications.Select(application => new ApplicationEntry(
            application.Reference,
            AllocationFacts.OrganisationFor(profiles[application.OrganisationId], application, fundedBefore.Contains(application.OrganisationId), rural),
            application.AmountRequested,
            Eligible: application.State != ApplicationState.Ineligible,
            application.State == ApplicationState.Ineligible ? application.IneligibleReason : null,
            [.. ReviewsForAllocation.For(reviewsByApplication[application.Id], settings.Criteria)
                .Select(review => review with { Reviewer = pseudonyms[review.Reviewer] })]) { Answers = Counted(form, application.Answers) })
            .ToList();
        return new RoundFile(settings, entries) { Form = form };
    }

    /// <summary>Only the answers that count: a hidden question's saved answer stays with the group, out of the file.</summary>
    private static FormAnswers Counted(ApplicationForm form, FormAnswers answers)
    {
        var counted = FormAnswers.Empty;
        foreach (var (question, answer) in form.AnswersThatCount(answers)) counted = counted.With(question.Key, answer);
        return counted;
    }

    /// <summary>
    /// Who each pseudonym in <see cref="RoundFileAsync"/> stands for: <c>reviewer-01</c> to the panel member's account
    /// name, which is their email address (accounts carry no other name). Only for a fund manager who asks for names.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> ReviewerNamesAsync(Round round, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        var reviewerIds = await ReviewsOf(round).Select(review => review.ReviewerId).Distinct().ToListAsync(cancellationToken);
        return Pseudonyms(reviewerIds).ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);
    }

    /// <summary>Every review of the round's applications, whatever its state; pseudonyms are numbered over all of them.</summary>
    private IQueryable<PanelReview> ReviewsOf(Round round) =>
        db.PanelReviews.Where(review => db.Applications.Any(application => application.Id == review.ApplicationId && application.RoundId == round.Id));

    /// <summary>The allocation the rules give, with moderation's overrides applied and the round's disagreement thresholds.</summary>
    public async Task<ModeratedAllocation> ModeratedAsync(Round round, CancellationToken cancellationToken)
    {
        var file = await RoundFileAsync(round, cancellationToken);
        var overrides = await OverridesAsync(round, cancellationToken);
        return Domain.Moderation.Moderation.Apply(file.Allocate(), overrides, round.DisagreementRange, round.DisagreementDeviation);
    }

    /// <summary>Every override made in the round, in the order made.</summary>
    public async Task<IReadOnlyList<AllocationOverride>> OverridesAsync(Round round, CancellationToken cancellationToken)
    {
        var overrides = await db.AllocationOverrides.AsNoTracking().Where(o => o.RoundId == round.Id).ToListAsync(cancellationToken);
        // SQLite cannot order by a DateTimeOffset, so the order is made here; ties keep the order they were stored in.
        return [.. overrides.OrderBy(o => o.At)];
    }

    /// <summary>
    /// What the round's StartScoring, CloseScoring and Notify guards weigh: applications not yet screened, eligible
    /// ones with fewer counted reviews (submitted, without a conflict) than the round's minimum, and those on the waiting list.
    /// </summary>
    public async Task<RoundProgress> ProgressAsync(Round round, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        var unscreened = await db.Applications.CountAsync(a => a.RoundId == round.Id && a.State == ApplicationState.Submitted, cancellationToken);
        var counted = await db.PanelReviews
            .Where(review => review.State == ReviewState.Submitted && db.Applications.Any(a => a.Id == review.ApplicationId && a.RoundId == round.Id))
            .GroupBy(review => review.ApplicationId)
            .Select(group => new { ApplicationId = group.Key, Count = group.Count() })
            .ToDictionaryAsync(group => group.ApplicationId, group => group.Count, cancellationToken);
        var eligible = await db.Applications.Where(a => a.RoundId == round.Id && a.State == ApplicationState.Eligible).Select(a => a.Id).ToListAsync(cancellationToken);
        var shortOfReviews = eligible.Count(id => counted.GetValueOrDefault(id) < round.Rules.MinReviews);
        var waitlisted = await db.Applications.CountAsync(a => a.RoundId == round.Id && a.State == ApplicationState.Waitlisted, cancellationToken);
        // Drafts whose group was given more time may still be sent; SQLite cannot compare the times, so they are weighed here.
        var extended = await db.Applications.AsNoTracking().Where(a => a.RoundId == round.Id && a.State == ApplicationState.Draft && a.ExtendedUntil != null).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return new RoundProgress(unscreened, shortOfReviews, waitlisted, extended.Count(a => a.HasExtensionRunning(round.ClosesAt, now)));
    }

    /// <summary>The day an instant falls on in the UK, where the groups read their letters.</summary>
    public static DateOnly UkDay(DateTimeOffset at) => DateOnly.FromDateTime(UkTime.From(at).DateTime);

    /// <summary>
    /// Groups this funder awarded a grant in another round before this one closed. Later awards do not count,
    /// so a decided round's allocation reads the same whenever it is worked out again.
    /// </summary>
    private async Task<HashSet<Guid>> FundedBeforeAsync(Round round, IReadOnlyCollection<Guid> organisationIds, CancellationToken cancellationToken)
    {
        var awarded = await db.Applications.AsNoTracking()
            .Where(application => application.RoundId != round.Id && application.State == ApplicationState.Awarded && organisationIds.Contains(application.OrganisationId))
            .ToListAsync(cancellationToken);
        return [.. awarded
            .Where(application => application.History.Any(change => change.To == nameof(ApplicationState.Awarded) && change.At < round.ClosesAt))
            .Select(application => application.OrganisationId)];
    }

    private static Dictionary<string, string> Pseudonyms(IEnumerable<string> reviewerIds)
    {
        var ordered = reviewerIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var width = Math.Max(2, ordered.Count.ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
        return ordered.Select((reviewer, index) => (reviewer, index))
            .ToDictionary(pair => pair.reviewer, pair => "reviewer-" + (pair.index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(width, '0'), StringComparer.Ordinal);
    }
}
