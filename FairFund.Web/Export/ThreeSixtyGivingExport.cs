using FairFund.Domain.Applications;
using FairFund.Domain.OpenData;
using FairFund.Domain.Rounds;
using FairFund.Web.Accounts;
using FairFund.Web.Data;
using FairFund.Web.Email;
using FairFund.Web.Rounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FairFund.Web.Export;

/// <summary>A decided round's grants as 360Giving data, with what the data quality checks found and whose postcodes are left out.</summary>
/// <param name="Reference">The round's reference, which names the files.</param>
/// <param name="RoundName">The round's name.</param>
/// <param name="Publisher">The funder, as the "meta" sheet names it.</param>
/// <param name="Grants">One per awarded application, in reference order.</param>
/// <param name="Problems">What 360Giving's data quality tool would question, grant by grant.</param>
/// <param name="PostcodesLeftOut">The groups whose postcode is a home address, so is not published.</param>
/// <param name="GeneratedAt">When the data was made, in UTC.</param>
public sealed record OpenDataExport(
    string Reference,
    string RoundName,
    Publisher Publisher,
    IReadOnlyList<PublishedGrant> Grants,
    IReadOnlyList<GrantDataProblem> Problems,
    IReadOnlyList<string> PostcodesLeftOut,
    DateTimeOffset GeneratedAt)
{
    public decimal Total => Grants.Sum(grant => grant.Row.AmountAwarded);

    public IReadOnlyList<GrantRecord> Rows => [.. Grants.Select(grant => grant.Row)];
}

/// <summary>An awarded application's 360Giving row, with the application's own reference for the pages that link to it.</summary>
public sealed record PublishedGrant(string ApplicationReference, GrantRecord Row);

/// <summary>
/// Builds a round's 360Giving data from the database: every awarded application with its group, the funder
/// from its settings, dates as UK dates. The Data Source is the round's public results page, on the app's public
/// address as emails' links are (<see cref="MailLinks"/>), never on the address a request claims.
/// </summary>
public sealed class ThreeSixtyGivingExport(FairFundDbContext db, IOptions<Funder> funder, MailLinks links, TimeProvider time)
{
    /// <summary>The round's data, or null when there is no such round or it is not decided yet.</summary>
    /// <param name="reference">The round's reference.</param>
    /// <param name="cancellationToken">Stops the queries.</param>
    public async Task<OpenDataExport?> ForRoundAsync(string reference, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken);
        if (round is null || !Round.IsDecided(round.State)) return null;

        var awarded = await db.Applications.AsNoTracking().AsSplitQuery()
            .Where(application => application.RoundId == round.Id && application.State == ApplicationState.Awarded)
            .ToListAsync(cancellationToken);
        awarded.Sort((a, b) => string.CompareOrdinal(a.Reference, b.Reference));
        var groupIds = awarded.Select(application => application.OrganisationId).Distinct().ToList();
        var groups = await db.Organisations.AsNoTracking().Where(group => groupIds.Contains(group.Id)).ToDictionaryAsync(group => group.Id, cancellationToken);

        var settings = funder.Value;
        var publisher = new Publisher(settings.OrgIdPrefix, settings.OrgId, settings.Name);
        var dataSource = links.Absolute($"/rounds/{Uri.EscapeDataString(round.Reference)}/results");
        var now = time.GetUtcNow();
        var form = round.Form;
        var grants = awarded.Select(application => new PublishedGrant(application.Reference, GrantRecord.For(publisher, round, application, form,
                groups[application.OrganisationId],
                UkDate(ThreeSixtyGiving.AwardedAt(round, application) ?? now),
                UkDate(ThreeSixtyGiving.LastModified(application) ?? now),
                dataSource)))
            .ToList();
        var postcodesLeftOut = awarded.Select(application => groups[application.OrganisationId])
            .Where(group => group.PostcodeIsHomeAddress).Select(group => group.Name).Distinct().Order(StringComparer.CurrentCulture).ToList();
        return new OpenDataExport(round.Reference, round.Name, publisher, grants, GrantDataChecks.Check([.. grants.Select(grant => grant.Row)], UkDate(now)), postcodesLeftOut, now);
    }

    private static DateOnly UkDate(DateTimeOffset at) => DateOnly.FromDateTime(UkTime.From(at).DateTime);
}
