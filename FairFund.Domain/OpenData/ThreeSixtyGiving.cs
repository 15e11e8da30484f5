using FairFund.Domain.Applications;
using FairFund.Domain.Auditing;
using FairFund.Domain.Rounds;

namespace FairFund.Domain.OpenData;

/// <summary>
/// What FairFund publishes of the 360Giving Data Standard (version 1.4): the columns of the "grants"
/// sheet it fills, with the standard's own titles in the standard's order, and its identifier rules.
/// A publisher leaves out the columns it has no data for; those it uses keep their titles.
/// </summary>
public static class ThreeSixtyGiving
{
    /// <summary>The standard's version, as the "meta" sheet gives it (major.minor).</summary>
    public const string Version = "1.4";

    /// <summary>The "grants" sheet's column titles, in the order the standard lists them.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "Identifier",
        "Title",
        "Description",
        "Currency",
        "Amount Applied For",
        "Amount Awarded",
        "Award Date",
        "Planned Dates:Start Date",
        "Planned Dates:End Date",
        "Planned Dates:Duration (months)",
        "Recipient Org:Identifier",
        "Recipient Org:Name",
        "Recipient Org:Charity Number",
        "Recipient Org:Company Number",
        "Recipient Org:Postal Code",
        "Beneficiary Location:Name",
        "Funding Org:Identifier",
        "Funding Org:Name",
        "Grant Programme:Code",
        "Grant Programme:Title",
        "From An Open Call?",
        "Last Modified",
        "Data Source",
    ];

    /// <summary>
    /// A grant's identifier, <c>360G-{prefix}-{round}-{reference}</c>. An application's reference already
    /// starts with its round's (<c>CW-MH-2027-R1-0001</c>), so the round is not written twice. The standard
    /// allows no slashes, and spaces make identifiers break in other tools, so every character other than a
    /// letter, digit, hyphen, full stop or underscore becomes <c>_</c>, as the standard's guidance does it.
    /// </summary>
    /// <param name="publisherPrefix">The funder's 360Giving prefix without <c>360G-</c>, such as <c>cwmha</c>.</param>
    /// <param name="round">The round's reference.</param>
    /// <param name="reference">The application's reference.</param>
    public static string GrantIdentifier(string publisherPrefix, string round, string reference)
    {
        var own = reference.StartsWith(round + "-", StringComparison.Ordinal) ? reference : $"{round}-{reference}";
        return $"360G-{Tidy(publisherPrefix)}-{Tidy(own)}";
    }

    /// <summary>
    /// How long the planned work runs, in whole months from the start date to the day after the end date,
    /// with a part month counted as one (1 June to 31 May is 12; 1 June to 14 June is 1), so that no
    /// project reads as lasting 0 months. Null without both dates, or when the start is after the end.
    /// </summary>
    public static int? DurationInMonths(DateOnly? start, DateOnly? end)
    {
        if (start is not { } from || end is not { } to || from > to) return null;
        var until = to.AddDays(1);
        var months = (until.Year - from.Year) * 12 + until.Month - from.Month;
        if (from.AddMonths(months) > until) months--;
        return from.AddMonths(months) < until ? months + 1 : months;
    }

    /// <summary>
    /// When the grant was awarded: the application's own award, which for a group funded from the waiting
    /// list comes after the round's approval; otherwise the round's approval, which fixed the decisions.
    /// </summary>
    public static DateTimeOffset? AwardedAt(Round round, Application application) =>
        LastOf(application.History, nameof(ApplicationTrigger.Award)) ?? LastOf(round.History, nameof(RoundTrigger.Approve));

    /// <summary>When the grant's record last changed: the latest change to the application.</summary>
    public static DateTimeOffset? LastModified(Application application) =>
        application.History.Count == 0 ? null : application.History.Max(change => change.At);

    private static DateTimeOffset? LastOf(IReadOnlyList<StateChange> history, string trigger) =>
        history.Where(change => change.Trigger == trigger).Select(change => (DateTimeOffset?)change.At).Max();

    private static string Tidy(string text) =>
        string.Concat(text.Trim().Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '_'));
}
