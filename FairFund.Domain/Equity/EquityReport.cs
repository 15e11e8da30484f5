using FairFund.Domain.Organisations;
using FairFund.Domain.Scoring;

namespace FairFund.Domain.Equity;

/// <summary>
/// One group's figures: how many applied, were eligible and were funded, the money asked and awarded, and the
/// ratios a reader compares. Ratios are fractions (0.25 is 25%) rounded to 4 places, half away from zero.
/// </summary>
/// <param name="Key">The group within its dimension: a band key, a district, <c>rural</c>, a decile, <c>yes</c> or <c>no</c>; <see cref="EquityReport.NotKnown"/> where the fact is missing.</param>
/// <param name="Label">The group in words, for a table's row heading.</param>
/// <param name="Applications">How many applied.</param>
/// <param name="Eligible">How many of them were eligible.</param>
/// <param name="Funded">How many of them were funded.</param>
/// <param name="Asked">The money all of them asked for.</param>
/// <param name="Awarded">The money awarded to them.</param>
/// <param name="SuccessRate">Funded ÷ applications; null when nobody in the group applied.</param>
/// <param name="ShareOfBudget">Awarded ÷ the round's budget.</param>
/// <param name="ShareOfApplications">The group's applications ÷ all applications, to set beside <see cref="ShareOfBudget"/>; null when there are none.</param>
public sealed record GroupFigures(
    string Key,
    string Label,
    int Applications,
    int Eligible,
    int Funded,
    decimal Asked,
    decimal Awarded,
    decimal? SuccessRate,
    decimal ShareOfBudget,
    decimal? ShareOfApplications);

/// <summary>
/// One way of dividing the applications into groups: every application is in exactly one group of each
/// dimension, so each dimension's groups add up to the total (the small-number rules rely on this).
/// </summary>
/// <param name="Key"><c>incomeBand</c>, <c>district</c>, <c>rural</c>, <c>deprivationDecile</c>, or <c>flag:</c> and the flag (<c>flag:userLed</c>).</param>
/// <param name="Title">The dimension in words, for a table's caption.</param>
/// <param name="Groups">Its groups, in the order to show them.</param>
public sealed record EquityDimension(string Key, string Title, IReadOnlyList<GroupFigures> Groups);

/// <summary>
/// The equity report for one round's decisions: for each income band, district, rural or not, deprivation
/// decile and equity flag, who applied, who was funded and where the money went. It holds every figure exactly,
/// for the fund manager; <see cref="Published"/> gives the view that may be made public, with small numbers
/// withheld.
/// </summary>
public sealed record EquityReport(decimal Budget, GroupFigures Total, IReadOnlyList<EquityDimension> Dimensions)
{
    /// <summary>The key of the group whose fact (district, decile) is not known.</summary>
    public const string NotKnown = "notKnown";

    public const string IncomeBandDimension = "incomeBand";
    public const string DistrictDimension = "district";
    public const string RuralDimension = "rural";
    public const string DeprivationDimension = "deprivationDecile";
    public const string FlagDimensionPrefix = "flag:";

    /// <summary>
    /// The report on <paramref name="applications"/>. Every band of <paramref name="incomeBands"/> is listed in
    /// its order and every decile 1 to 10, even when empty; districts in ordinal order, then "not known"; every
    /// flag FairFund knows, then the round's own (<see cref="EquityFlags.Of"/>), each as "yes" and "no". The rural
    /// flag is reported once, as the rural dimension.
    /// </summary>
    /// <exception cref="ArgumentException">A fact is inconsistent; the message names the application and the field.</exception>
    public static EquityReport For(decimal budget, IReadOnlyList<string> incomeBands, IReadOnlyList<ApplicationFacts> applications)
    {
        ArgumentNullException.ThrowIfNull(incomeBands);
        ArgumentNullException.ThrowIfNull(applications);
        if (budget <= 0) throw new ArgumentOutOfRangeException(nameof(budget), budget, "The budget must be greater than 0.");
        Check(incomeBands, applications);

        var total = applications.Count;
        GroupFigures Figures(string key, string label, Func<ApplicationFacts, bool> inGroup)
        {
            var (count, eligible, funded, asked, awarded) = (0, 0, 0, 0m, 0m);
            foreach (var application in applications)
            {
                if (!inGroup(application)) continue;
                count++;
                if (application.IsEligible) eligible++;
                if (application.IsFunded) funded++;
                asked += application.Asked;
                awarded += application.Awarded;
            }
            return new GroupFigures(key, label, count, eligible, funded, asked, awarded,
                count == 0 ? null : Fraction(funded, count), Fraction(awarded, budget), total == 0 ? null : Fraction(count, total));
        }

        var dimensions = new List<EquityDimension>
        {
            new(IncomeBandDimension, "Income band", [.. incomeBands.Select(band => Figures(band, band, application => application.Band == band))]),
        };

        var districts = applications.Select(application => application.District).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        dimensions.Add(new(DistrictDimension, "Postcode district",
        [
            .. districts.Select(district => Figures(district, district, application => application.District == district)),
            Figures(NotKnown, "Not known", application => application.District is null),
        ]));

        dimensions.Add(new(RuralDimension, "Rural or not",
        [
            Figures("rural", "Rural", application => application.IsRural),
            Figures("notRural", "Not rural", application => !application.IsRural),
        ]));

        dimensions.Add(new(DeprivationDimension, "Deprivation decile (IMD)",
        [
            .. Enumerable.Range(1, 10).Select(decile => Figures(
                decile.ToString(System.Globalization.CultureInfo.InvariantCulture),
                decile switch { 1 => "1 (most deprived)", 10 => "10 (least deprived)", _ => decile.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                application => application.DeprivationDecile == decile)),
            Figures(NotKnown, "Not known", application => application.DeprivationDecile is null),
        ]));

        foreach (var flag in EquityFlags.Of(applications.Select(application => application.Flags)).Where(flag => flag != KnownFlags.Rural))
        {
            var words = KnownFlags.InWords(flag);
            dimensions.Add(new(FlagDimensionPrefix + flag, char.ToUpperInvariant(words[0]) + words[1..],
            [
                Figures("yes", "Yes", application => application.Flags.Contains(flag, StringComparer.Ordinal)),
                Figures("no", "No", application => !application.Flags.Contains(flag, StringComparer.Ordinal)),
            ]));
        }

        return new EquityReport(budget, Figures("all", "All applications", _ => true), dimensions);
    }

    /// <summary>The view that may be made public, with small numbers withheld (<see cref="SmallNumbers"/>).</summary>
    public PublishedEquityReport Published() => SmallNumbers.Withhold(this);

    /// <summary>A fraction rounded to 4 places, half away from zero.</summary>
    private static decimal Fraction(decimal part, decimal whole) => Math.Round(part / whole, 4, MidpointRounding.AwayFromZero);

    private static void Check(IReadOnlyList<string> incomeBands, IReadOnlyList<ApplicationFacts> applications)
    {
        var references = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < applications.Count; i++)
        {
            var application = applications[i];
            var at = $"applications[{i}]";
            if (string.IsNullOrWhiteSpace(application.Reference)) throw new ArgumentException($"{at}.reference: an application needs a reference.", nameof(applications));
            at = $"{at} ({application.Reference})";
            if (!references.Add(application.Reference)) throw new ArgumentException($"{at}.reference: listed twice, so it would be counted twice.", nameof(applications));
            if (!incomeBands.Contains(application.Band, StringComparer.Ordinal))
                throw new ArgumentException($"{at}.band: \"{application.Band}\" is not one of the round's income bands ({string.Join(", ", incomeBands)}).", nameof(applications));
            if (application.DeprivationDecile is < 1 or > 10)
                throw new ArgumentException($"{at}.deprivationDecile: {application.DeprivationDecile} must be from 1 to 10.", nameof(applications));
            if (application.Asked < 0 || !Money.HasAtMostTwoDecimals(application.Asked))
                throw new ArgumentException($"{at}.asked: {application.Asked} must be a sum of money, 0 or more.", nameof(applications));
            if (application.Awarded < 0 || !Money.HasAtMostTwoDecimals(application.Awarded))
                throw new ArgumentException($"{at}.awarded: {application.Awarded} must be a sum of money, 0 or more.", nameof(applications));
            if (!application.IsFunded && application.Awarded != 0)
                throw new ArgumentException($"{at}.awarded: {application.Awarded} was awarded to an application that is {application.Outcome}, not funded.", nameof(applications));
        }
    }
}
