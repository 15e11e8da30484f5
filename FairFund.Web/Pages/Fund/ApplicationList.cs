using System.Linq.Expressions;
using FairFund.Domain.Applications;
using FairFund.Domain.Organisations;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Fund;

/// <summary>One application as a round's list shows it: only the columns shown, read straight from the database.</summary>
public sealed record ApplicationListRow
{
    public Guid Id { get; init; }
    public Guid GroupId { get; init; }
    public string Reference { get; init; } = "";
    public ApplicationState State { get; init; }
    public string GroupName { get; init; } = "";
    public string Postcode { get; init; } = "";
    public decimal AnnualIncome { get; init; }
    public long AmountInPence { get; init; }
    public DateTimeOffset? SubmittedAt { get; init; }

    public decimal Amount => AmountInPence / 100m;
}

/// <summary>
/// A round's applications, searched, filtered and sorted in the database (<see cref="ApplicationListFilter"/>), so a
/// page of 50 from 10,000 reads 50 rows: the filters become SQL, and the group flags, income bands and postcode areas
/// the domain defines are asked of the database by the domain's own rules (<see cref="OrganisationProfile.Vouches"/>,
/// <see cref="IncomeBands.RangeOf"/>, <see cref="PostcodePrefix"/>). The filter must have passed its
/// <see cref="ApplicationListFilter.Check"/> first.
/// </summary>
public sealed class ApplicationList(FairFundDbContext db)
{
    /// <summary>How many of the round's applications are at each stage, whatever the filter.</summary>
    public async Task<ApplicationCounts> CountsAsync(Guid roundId, CancellationToken cancellationToken)
    {
        var byState = await db.Applications.AsNoTracking().Where(a => a.RoundId == roundId)
            .GroupBy(a => a.State).Select(group => new { group.Key, Count = group.Count() })
            .ToDictionaryAsync(group => group.Key, group => group.Count, cancellationToken);
        return ApplicationCounts.From(byState);
    }

    /// <summary>How many applications match, and the page of them the filter asks for.</summary>
    public async Task<(int Matching, IReadOnlyList<ApplicationListRow> Page)> PageAsync(Guid roundId, IncomeBands bands, ApplicationListFilter filter, CancellationToken cancellationToken)
    {
        var matching = Matching(roundId, bands, filter);
        var count = await matching.CountAsync(cancellationToken);
        var page = await Sorted(matching, filter).Skip((filter.Page - 1) * ApplicationListFilter.PageSize).Take(ApplicationListFilter.PageSize)
            .ToListAsync(cancellationToken);
        return (count, page);
    }

    /// <summary>Every application that matches, in the filter's order, for an export.</summary>
    public async Task<IReadOnlyList<ApplicationListRow>> AllAsync(Guid roundId, IncomeBands bands, ApplicationListFilter filter, CancellationToken cancellationToken) =>
        await Sorted(Matching(roundId, bands, filter), filter).ToListAsync(cancellationToken);

    /// <summary>The contacts of each group, by group, for an export seen by a fund manager.</summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<Contact>>> ContactsAsync(IReadOnlyCollection<Guid> groupIds, CancellationToken cancellationToken)
    {
        var contacts = new Dictionary<Guid, IReadOnlyList<Contact>>();
        // In batches, so no one statement carries thousands of parameters.
        foreach (var batch in groupIds.Distinct().Chunk(500))
        {
            var groups = await db.Organisations.AsNoTracking().Where(group => batch.Contains(group.Id)).ToListAsync(cancellationToken);
            foreach (var group in groups) contacts[group.Id] = group.Contacts;
        }
        return contacts;
    }

    /// <summary>The drafts among <paramref name="ids"/>, whole, so the domain can say how far along each is.</summary>
    public async Task<IReadOnlyList<Application>> DraftsAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var drafts = new List<Application>();
        foreach (var batch in ids.Distinct().Chunk(500))
            drafts.AddRange(await db.Applications.AsNoTracking().Where(a => batch.Contains(a.Id) && a.State == ApplicationState.Draft).ToListAsync(cancellationToken));
        return drafts;
    }

    private IQueryable<ApplicationListRow> Matching(Guid roundId, IncomeBands bands, ApplicationListFilter filter)
    {
        var applications = db.Applications.AsNoTracking().Where(a => a.RoundId == roundId);
        if (filter.States.Count > 0)
        {
            var states = filter.States.ToList();
            applications = applications.Where(a => states.Contains(a.State));
        }
        if (filter.AmountFrom is { } from)
        {
            var pence = ApplicationConfiguration.InPence(from);
            applications = applications.Where(a => EF.Property<long>(a, ApplicationConfiguration.AmountInPence) >= pence);
        }
        if (filter.AmountTo is { } to)
        {
            var pence = ApplicationConfiguration.InPence(to);
            applications = applications.Where(a => EF.Property<long>(a, ApplicationConfiguration.AmountInPence) <= pence);
        }

        var groups = db.Organisations.AsNoTracking();
        foreach (var flag in filter.Flags.Distinct(StringComparer.Ordinal)) groups = groups.Where(OrganisationProfile.Vouches(flag));
        if (!string.IsNullOrWhiteSpace(filter.IncomeBand) && bands.RangeOf(filter.IncomeBand) is { } range)
        {
            // SQLite keeps decimals as text, which it cannot compare as numbers; as a double, every income a group can
            // give (pounds and pence below a billion) compares exactly.
            if (range.From is { } lowest)
            {
                var atLeast = (double)lowest;
                groups = groups.Where(group => (double)group.AnnualIncome >= atLeast);
            }
            if (range.UpTo is { } below)
            {
                var under = (double)below;
                groups = groups.Where(group => (double)group.AnnualIncome < under);
            }
        }
        if (filter.AreaPrefix is { } area)
        {
            var prefix = area.Prefix;
            if (area.ThenDigit)
            {
                // An area's letters then a digit: "B" followed by 0 to 9, never "BA".
                var starts = Enumerable.Range(0, 10).Select(digit => prefix + digit.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
                var length = prefix.Length + 1;
                groups = groups.Where(group => starts.Contains(group.Postcode.Substring(0, length)));
            }
            else
            {
                groups = groups.Where(group => group.Postcode.StartsWith(prefix));
            }
        }

        var rows = from a in applications
                   join g in groups on a.OrganisationId equals g.Id
                   select new ApplicationListRow
                   {
                       Id = a.Id, GroupId = g.Id, Reference = a.Reference, State = a.State, GroupName = g.Name, Postcode = g.Postcode,
                       AnnualIncome = g.AnnualIncome, AmountInPence = EF.Property<long>(a, ApplicationConfiguration.AmountInPence), SubmittedAt = a.SubmittedAt,
                   };

        if (filter.SearchWords is { Length: > 0 } words)
        {
            // In capitals on both sides: SQLite's LIKE ignores case and PostgreSQL's does not, and a search should not care.
            var anywhere = $"%{Escaped(words.ToUpperInvariant())}%";
            var postcode = $"%{Escaped(words.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant())}%";
#pragma warning disable CA1304, CA1311 // ToUpper here is SQL's upper(), run by the database, where no .NET culture applies.
            rows = rows.Where(row => EF.Functions.Like(row.Reference.ToUpper(), anywhere, "\\") || EF.Functions.Like(row.GroupName.ToUpper(), anywhere, "\\")
                || EF.Functions.Like(row.Postcode.Replace(" ", "").ToUpper(), postcode, "\\"));
#pragma warning restore CA1304, CA1311
        }
        return rows;
    }

    private static IQueryable<ApplicationListRow> Sorted(IQueryable<ApplicationListRow> rows, ApplicationListFilter filter)
    {
        IOrderedQueryable<ApplicationListRow> ordered = filter.Sort switch
        {
            ApplicationListSort.Group => By(rows, row => EF.Functions.Collate(row.GroupName, "NOCASE"), filter.Descending),
            ApplicationListSort.Postcode => By(rows, row => row.Postcode, filter.Descending),
            ApplicationListSort.Amount => By(rows, row => row.AmountInPence, filter.Descending),
            ApplicationListSort.State => By(rows, StateOrder, filter.Descending),
            _ => By(rows, row => row.Reference, filter.Descending),
        };
        // The reference settles ties, so a page never shows a row another page shows too.
        return filter.Sort == ApplicationListSort.Reference ? ordered : ordered.ThenBy(row => row.Reference);
    }

    private static IOrderedQueryable<ApplicationListRow> By<TKey>(IQueryable<ApplicationListRow> rows, Expression<Func<ApplicationListRow, TKey>> key, bool descending) =>
        descending ? rows.OrderByDescending(key) : rows.OrderBy(key);

    /// <summary>The states in the order an application goes through them, not the alphabetical order of their stored names.</summary>
    private static readonly Expression<Func<ApplicationListRow, int>> StateOrder = row =>
        row.State == ApplicationState.Draft ? 0
        : row.State == ApplicationState.Submitted ? 1
        : row.State == ApplicationState.Eligible ? 2
        : row.State == ApplicationState.Ineligible ? 3
        : row.State == ApplicationState.Scored ? 4
        : row.State == ApplicationState.Awarded ? 5
        : row.State == ApplicationState.Waitlisted ? 6
        : row.State == ApplicationState.Declined ? 7
        : 8;

    /// <summary>The words with LIKE's wildcards and its escape character escaped, so "50%" finds "50%" only.</summary>
    private static string Escaped(string words) =>
        words.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
