using FairFund.Domain.Applications;

namespace FairFund.Domain.Grants;

/// <summary>A round's money after the award: offered, accepted, paid and returned, to the penny.</summary>
/// <param name="Offered">Every grant offered, whatever became of it.</param>
/// <param name="Accepted">Grants the group accepted that the fund has not withdrawn: accepted, active or closed.</param>
/// <param name="Paid">Every payment made, on any grant.</param>
/// <param name="Returned">What groups gave back when their grants were closed.</param>
public sealed record OutcomeMoney(decimal Offered, decimal Accepted, decimal Paid, decimal Returned)
{
    /// <summary>What the groups have kept: paid less returned.</summary>
    public decimal Spent => Paid - Returned;
}

/// <summary>
/// A round's reports at an instant, counted over the grants still running or closed (a declined or withdrawn
/// grant owes none).
/// </summary>
/// <param name="Expected">Every report the grants owe, due or not.</param>
/// <param name="Due">Reports whose due day has come (today or before, UK): the ones that could be in by now.</param>
/// <param name="Received">Reports the group has sent at least once.</param>
/// <param name="Accepted">Reports the fund manager has accepted.</param>
/// <param name="Overdue">Reports of active grants past their due instant (the end of their due day, UK) and never sent,
/// as the fund manager's grant page flags them (<see cref="Grant.OverdueReports"/>): a grant the fund has not yet started
/// cannot be reported on.</param>
/// <param name="SentLate">Reports first sent at or after their due instant.</param>
public sealed record OutcomeReports(int Expected, int Due, int Received, int Accepted, int Overdue, int SentLate)
{
    /// <summary>Reports that are late: overdue now, or sent after they were due.</summary>
    public int Late => Overdue + SentLate;
}

/// <summary>
/// One indicator counted across the round's grants: those that count the same thing in the same unit, compared
/// without regard to capital letters or spacing (<see cref="RoundOutcomes.IndicatorKey"/>).
/// </summary>
/// <param name="WhatIsCounted">What is counted, as the first grant (by reference) words it.</param>
/// <param name="Unit">The unit, as the first grant words it.</param>
/// <param name="Grants">How many grants count it.</param>
/// <param name="Target">The grants' targets added up.</param>
/// <param name="GrantsReporting">How many of those grants have an accepted report that gives a figure for it.</param>
/// <param name="TargetOfReporting">The targets of just those grants, to set the achieved figure against.</param>
/// <param name="Achieved">What the reporting grants achieved, each grant's latest accepted figure added up.</param>
public sealed record IndicatorTotal(string WhatIsCounted, string Unit, int Grants, long Target, int GrantsReporting, long TargetOfReporting, long Achieved);

/// <summary>What a group said changed for people, in its own words, in the latest version of a report it sent.</summary>
/// <param name="Group">The group's name.</param>
/// <param name="Grant">The grant's reference.</param>
/// <param name="Report">The report's name.</param>
/// <param name="Accepted">Whether the fund manager has accepted the report.</param>
/// <param name="SentAt">When the version quoted was sent.</param>
/// <param name="WhatChanged">The group's words.</param>
public sealed record GroupWords(string Group, string Grant, string Report, bool Accepted, DateTimeOffset SentAt, string WhatChanged);

/// <summary>
/// A round's outcomes at a glance, worked out from its grants (and the reports they hold) at an instant: the money,
/// the reports, each indicator's total against its targets, and the groups' own words. A pure summary: the fund
/// manager's page, its workbook sheet and CSV, and the public results page all show this one answer.
/// </summary>
public sealed record RoundOutcomes(int Grants, OutcomeMoney Money, OutcomeReports Reports, IReadOnlyList<IndicatorTotal> Indicators, IReadOnlyList<GroupWords> Words)
{
    /// <summary>
    /// Sums up <paramref name="grants"/> at <paramref name="now"/>; <paramref name="groupNames"/> names each grant's
    /// group by its organisation id (a group not in it is named by its grant's reference).
    /// </summary>
    /// <remarks>
    /// A report gives what a grant has achieved so far, so a grant's figure for an indicator is the one in its latest
    /// accepted report (the latest version sent): adding a grant's reports up would count the same people twice.
    /// Only accepted reports count towards what was achieved, as the fund has checked them. A figure whose outcome or
    /// indicator a later agreed change removed is left out, since nothing it counted is still measured.
    /// </remarks>
    public static RoundOutcomes Of(IReadOnlyCollection<Grant> grants, IReadOnlyDictionary<Guid, string> groupNames, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(grants);
        ArgumentNullException.ThrowIfNull(groupNames);
        var ordered = grants.OrderBy(grant => grant.Reference, StringComparer.Ordinal).ToList();
        var running = ordered.Where(IsRunningOrClosed).ToList();
        var money = new OutcomeMoney(
            MoneyLimits.SafeSum(ordered.Select(grant => grant.Amount)),
            MoneyLimits.SafeSum(running.Select(grant => grant.Amount)),
            MoneyLimits.SafeSum(ordered.Select(grant => grant.AmountPaid)),
            MoneyLimits.SafeSum(ordered.Select(grant => grant.Closure?.Returned ?? 0m)));

        var today = UkCalendar.DateOf(now);
        var reports = running.SelectMany(grant => grant.Reports).ToList();
        var counted = new OutcomeReports(
            reports.Count,
            reports.Count(report => report.DueOn <= today),
            reports.Count(report => report.HasBeenSent),
            reports.Count(report => report.State == ReportState.Accepted),
            running.Sum(grant => grant.OverdueReports(now).Count),
            reports.Count(report => report.HasBeenSent && report.Versions[0].At >= report.DueAt));

        var words = running
            .SelectMany(grant => grant.Reports.Where(report => report.HasBeenSent).Select(report => (grant, report, sent: report.Versions[^1])))
            .Where(item => item.sent.Content.WhatChanged.Length > 0)
            .Select(item => new GroupWords(NameOf(item.grant, groupNames), item.grant.Reference, item.report.Name, item.report.State == ReportState.Accepted,
                item.sent.At, item.sent.Content.WhatChanged))
            .ToList();

        return new RoundOutcomes(ordered.Count, money, counted, IndicatorTotals(running), words);
    }

    /// <summary>
    /// What makes two grants' indicators the same one: the unit and what is counted, each with its spacing
    /// collapsed and compared without regard to capital letters ("People" and " people " are one unit).
    /// Different wordings of the same idea stay apart: merging them is a judgement, not arithmetic.
    /// </summary>
    public static (string Unit, string WhatIsCounted) IndicatorKey(Indicator indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        return (Normal(indicator.Unit), Normal(indicator.WhatIsCounted));
    }

    private static List<IndicatorTotal> IndicatorTotals(IReadOnlyList<Grant> running)
    {
        var totals = new List<IndicatorTotal>();
        var index = new Dictionary<(string, string), int>();
        foreach (var grant in running)
        {
            var figures = LatestAcceptedFigures(grant);
            for (var outcome = 0; outcome < grant.Outcomes.Count; outcome++)
            {
                var indicators = grant.Outcomes[outcome].Indicators;
                for (var number = 0; number < indicators.Count; number++)
                {
                    var indicator = indicators[number];
                    var key = IndicatorKey(indicator);
                    if (!index.TryGetValue(key, out var at))
                    {
                        at = totals.Count;
                        index[key] = at;
                        totals.Add(new IndicatorTotal(indicator.WhatIsCounted, indicator.Unit, 0, 0, 0, 0, 0));
                    }
                    var total = totals[at];
                    var achieved = figures is not null && outcome < figures.Count && number < figures[outcome].Count ? figures[outcome][number] : null;
                    totals[at] = total with
                    {
                        Grants = total.Grants + 1,
                        Target = total.Target + indicator.Target,
                        GrantsReporting = total.GrantsReporting + (achieved is null ? 0 : 1),
                        TargetOfReporting = total.TargetOfReporting + (achieved is null ? 0 : indicator.Target),
                        Achieved = total.Achieved + (achieved ?? 0),
                    };
                }
            }
        }
        return totals;
    }

    /// <summary>The figures of the grant's latest accepted report that gives any (a short end report gives none); null when none does.</summary>
    private static IReadOnlyList<IReadOnlyList<int?>>? LatestAcceptedFigures(Grant grant) =>
        grant.Reports
            .Where(report => report.State == ReportState.Accepted && report.HasBeenSent && report.Versions[^1].Content.Achieved.Count > 0)
            .OrderBy(report => report.AcceptedAt)
            .ThenBy(report => report.Number)
            .LastOrDefault()?.Versions[^1].Content.Achieved;

    private static bool IsRunningOrClosed(Grant grant) => grant.State is GrantState.Accepted or GrantState.Active or GrantState.Closed;

    private static string NameOf(Grant grant, IReadOnlyDictionary<Guid, string> groupNames) =>
        groupNames.TryGetValue(grant.OrganisationId, out var name) && name.Length > 0 ? name : grant.Reference;

    private static string Normal(string text) =>
        string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
}
