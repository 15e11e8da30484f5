using FairFund.Domain.Forms;
using FairFund.Domain.Organisations;
using FairFund.Domain.Validation;

namespace FairFund.Domain.Applications;

/// <summary>The orders a round's list of applications can be read in.</summary>
public enum ApplicationListSort { Reference, Group, Postcode, Amount, State }

/// <summary>
/// How many of a round's applications are at each stage, from the day it opens: each application is counted once,
/// at the stage it is at now, so the counts add up to every application the round has.
/// </summary>
/// <param name="DraftsStarted">Begun and not yet sent.</param>
/// <param name="Sent">Sent and waiting for screening.</param>
/// <param name="Withdrawn">Withdrawn by the group, before or after sending.</param>
/// <param name="Eligible">Screened as eligible, waiting for the panel's scores.</param>
/// <param name="Ineligible">Screened as not eligible.</param>
/// <param name="Scored">Scored, waiting for the decision.</param>
/// <param name="Decided">Funded, on the waiting list or not funded.</param>
public sealed record ApplicationCounts(int DraftsStarted, int Sent, int Withdrawn, int Eligible, int Ineligible, int Scored, int Decided)
{
    public int Total => DraftsStarted + Sent + Withdrawn + Eligible + Ineligible + Scored + Decided;

    /// <summary>The counts from how many applications are in each state (states missing count as none).</summary>
    public static ApplicationCounts From(IReadOnlyDictionary<ApplicationState, int> byState)
    {
        ArgumentNullException.ThrowIfNull(byState);
        int Of(params ApplicationState[] states) => states.Sum(state => byState.GetValueOrDefault(state));
        return new ApplicationCounts(
            Of(ApplicationState.Draft), Of(ApplicationState.Submitted), Of(ApplicationState.Withdrawn), Of(ApplicationState.Eligible),
            Of(ApplicationState.Ineligible), Of(ApplicationState.Scored), Of(ApplicationState.Awarded, ApplicationState.Waitlisted, ApplicationState.Declined));
    }
}

/// <summary>How far a group has got with its application: the round form's sections it has completed, of those shown to it.</summary>
public sealed record TaskProgress(int Completed, int Of)
{
    public override string ToString() => $"{Completed} of {Of} sections completed";
}

/// <summary>
/// Where a group's postcode must start for it to lie in a postcode area, district or sector, read as
/// <see cref="AreaOfBenefit"/> reads an entry: an area (<c>CV</c>) is its letters followed by a digit, so <c>B</c>
/// never takes in <c>BA1 1AA</c>; a district (<c>CV47</c>) is itself followed by the space; a sector (<c>CV23 9</c>)
/// is itself.
/// </summary>
/// <param name="Prefix">The text the stored postcode starts with.</param>
/// <param name="ThenDigit">The character after the prefix must be a digit (an area).</param>
public sealed partial record PostcodePrefix(string Prefix, bool ThenDigit)
{
    /// <summary>True when a stored (normalised) postcode lies in this area, district or sector.</summary>
    public bool Contains(string postcode) =>
        postcode.StartsWith(Prefix, StringComparison.Ordinal) && (!ThenDigit || (postcode.Length > Prefix.Length && char.IsAsciiDigit(postcode[Prefix.Length])));

    /// <summary>The prefix for an area, district or sector as a person types it ("cv", "CV47", "cv23 9"); null when it is none of them.</summary>
    public static PostcodePrefix? Parse(string? entered)
    {
        var tidy = string.Join(' ', (entered ?? "").ToUpperInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (AreaPattern().IsMatch(tidy)) return new PostcodePrefix(tidy, ThenDigit: true);
        if (DistrictPattern().IsMatch(tidy)) return new PostcodePrefix(tidy + " ", ThenDigit: false);
        if (SectorPattern().IsMatch(tidy)) return new PostcodePrefix(tidy, ThenDigit: false);
        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Z]{1,2}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex AreaPattern();

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Z]{1,2}[0-9][A-Z0-9]?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex DistrictPattern();

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9]$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex SectorPattern();
}

/// <summary>
/// What a fund manager asks of a round's list of applications: words to search for, filters and an order. The page
/// binds it as typed; <see cref="Check"/> says what cannot be used, located by the field, before anything is read.
/// </summary>
/// <param name="Search">A reference, part of a group's name or a postcode; blank for every application.</param>
/// <param name="States">Only applications in these states; none for every state.</param>
/// <param name="IncomeBand">Only groups in this band of the round's income bands; blank for every band.</param>
/// <param name="Area">Only groups whose postcode is in this area, district or sector (<see cref="PostcodePrefix"/>); blank for anywhere.</param>
/// <param name="Flags">Only groups with every one of these flags (<see cref="FilterableFlags"/>).</param>
/// <param name="AmountFrom">Only applications asking for at least this much; null for no lower limit.</param>
/// <param name="AmountTo">Only applications asking for at most this much; null for no upper limit.</param>
/// <param name="Sort">The order the list is read in.</param>
/// <param name="Descending">Whether the order is reversed (largest, latest or last first).</param>
/// <param name="Page">Which page of <see cref="PageSize"/> applications is shown, from 1.</param>
public sealed record ApplicationListFilter(
    string? Search, IReadOnlyList<ApplicationState> States, string? IncomeBand, string? Area, IReadOnlyList<string> Flags,
    decimal? AmountFrom, decimal? AmountTo, ApplicationListSort Sort = ApplicationListSort.Reference, bool Descending = false, int Page = 1)
{
    /// <summary>Every application, in reference order.</summary>
    public static ApplicationListFilter Everything { get; } = new(null, [], null, null, [], null, null);

    /// <summary>The limit on the search words: a reference, a name or a postcode is never longer.</summary>
    public static TextLimit SearchLimit { get; } = new(100, 10);

    /// <summary>How many applications one page of the list shows.</summary>
    public const int PageSize = 50;

    /// <summary>The most pages a list can have: enough for a million applications at <see cref="PageSize"/> a page.</summary>
    public const int LastPossiblePage = 20_000;

    /// <summary>
    /// The flags the list can filter on: those a group's own details vouch for (<see cref="OrganisationProfile.DerivedFlags"/>),
    /// which are known from the day it applies. The others (rural, deprived area, first-time applicant, partnership bid)
    /// come from postcode data, past grants or the answers, and are known only when the allocation is worked out.
    /// </summary>
    public static IReadOnlyList<string> FilterableFlags => OrganisationProfile.DerivedFlags;

    /// <summary>The search words tidied: spaces trimmed and runs of spaces made one; "" when blank.</summary>
    public string SearchWords => string.Join(' ', (Search ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The postcode prefix <see cref="Area"/> names; null when no area is asked for (or it is not one).</summary>
    public PostcodePrefix? AreaPrefix => PostcodePrefix.Parse(Area);

    /// <summary>Whether a search, or any filter, narrows the list.</summary>
    public bool Narrows => SearchWords.Length > 0 || States.Count > 0 || !string.IsNullOrWhiteSpace(IncomeBand) || !string.IsNullOrWhiteSpace(Area)
        || Flags.Count > 0 || AmountFrom is not null || AmountTo is not null;

    /// <summary>
    /// What cannot be used, each located at its field (<c>search</c>, <c>band</c>, <c>area</c>, <c>flags</c>,
    /// <c>amountFrom</c>, <c>amountTo</c>, <c>page</c>) and worded for the fund manager; empty when the list can be read.
    /// </summary>
    /// <param name="bands">The round's income bands, which <see cref="IncomeBand"/> must be one of.</param>
    public IReadOnlyList<Problem> Check(IncomeBands bands)
    {
        ArgumentNullException.ThrowIfNull(bands);
        var problems = new List<Problem>();
        if (FreeText.Check("search", "The search", SearchWords, SearchLimit) is { } tooLong) problems.Add(tooLong);
        if (States.Any(state => !Enum.IsDefined(state))) problems.Add(new Problem("states", "Choose states from the list"));
        if (!string.IsNullOrWhiteSpace(IncomeBand) && !bands.Contains(IncomeBand))
            problems.Add(new Problem("band", $"Choose an income band from the list: {string.Join(", ", bands.Bands.Select(band => band.Key))}"));
        if (!string.IsNullOrWhiteSpace(Area) && AreaPrefix is null)
            problems.Add(new Problem("area", "Enter a postcode area, district or sector, like CV, CV47 or CV23 9"));
        if (Flags.FirstOrDefault(flag => !FilterableFlags.Contains(flag, StringComparer.Ordinal)) is { } unknown)
            problems.Add(new Problem("flags", $"Choose flags from the list; \"{unknown}\" is not one of them"));
        problems.AddRange(CheckAmount("amountFrom", "The smallest amount", AmountFrom));
        problems.AddRange(CheckAmount("amountTo", "The largest amount", AmountTo));
        if (AmountFrom is { } from && AmountTo is { } to && from > to && problems.Count == 0)
            problems.Add(new Problem("amountTo", $"The largest amount must be {Scoring.Money.Pounds(from)} or more, the smallest amount given"));
        if (Page is < 1 or > LastPossiblePage) problems.Add(new Problem("page", $"The page must be a number from 1 to {LastPossiblePage:N0}"));
        if (!Enum.IsDefined(Sort)) problems.Add(new Problem("sort", "Choose an order from the list"));
        return problems;
    }

    private static IEnumerable<Problem> CheckAmount(string field, string name, decimal? amount)
    {
        if (amount is not { } value) yield break;
        if (value < 0 || value > MoneyLimits.Largest) yield return new Problem(field, $"{name} must be from £0 to {MoneyLimits.LargestInWords}");
        else if (decimal.Round(value, 2) != value) yield return new Problem(field, $"{name} must be in pounds and pence, like 150 or 150.50");
    }
}
