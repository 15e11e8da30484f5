using FairFund.Domain.Applications;
using FairFund.Domain.Scoring;
using FairFund.Domain.Validation;

namespace FairFund.Domain.Grants;

/// <summary>When an instalment of a grant may be paid.</summary>
public enum ReleaseRule
{
    /// <summary>As soon as the group has accepted the offer.</summary>
    OnAcceptance,
    /// <summary>From the start of a given day (UK time).</summary>
    OnDate,
    /// <summary>When the fund manager accepts a named report.</summary>
    OnReportAccepted,
}

/// <summary>
/// One instalment of a round's payment schedule: a percentage of each grant, and when it is released.
/// </summary>
/// <param name="Percent">The share of the grant, more than 0 and at most 100, to two decimal places; a schedule's shares add up to exactly 100.</param>
/// <param name="Rule">When it is released.</param>
/// <param name="On">For <see cref="ReleaseRule.OnDate"/>: the day; otherwise null.</param>
/// <param name="ReportName">For <see cref="ReleaseRule.OnReportAccepted"/>: the name of one of the round's expected reports; otherwise null.</param>
public sealed record Instalment(decimal Percent, ReleaseRule Rule, DateOnly? On = null, string? ReportName = null)
{
    /// <summary>The release rule in words: "when the group accepts the offer", "from 1 June 2027", "when the Mid-year report is accepted".</summary>
    public string ReleaseInWords() => Rule switch
    {
        ReleaseRule.OnAcceptance => "when the group accepts the offer",
        ReleaseRule.OnDate => $"from {DecisionLetter.LongDate(On ?? default)}",
        _ => $"when the {ReportName} is accepted",
    };
}

/// <summary>
/// A report the round expects from each grant: its name, when it is due, and whether it is the final report.
/// Due either on a fixed day or a number of months after the group accepts.
/// </summary>
/// <param name="Name">What the report is called, unique in the round: "Mid-year report". Instalments name it.</param>
/// <param name="DueOn">A fixed day it is due by; null when due <paramref name="MonthsAfterAcceptance"/> instead.</param>
/// <param name="MonthsAfterAcceptance">Months after acceptance it is due by; null when due <paramref name="DueOn"/> instead.</param>
/// <param name="IsFinal">The report that closes the grant: exactly one of the round's reports is.</param>
public sealed record ExpectedReport(string Name, DateOnly? DueOn, int? MonthsAfterAcceptance, bool IsFinal)
{
    /// <summary>The day it is due by for a grant accepted on <paramref name="accepted"/>.</summary>
    public DateOnly DueFor(DateOnly accepted) => DueOn ?? accepted.AddMonths(MonthsAfterAcceptance ?? 0);

    /// <summary>When it is due, in words: "by 30 June 2028" or "6 months after the offer is accepted".</summary>
    public string DueInWords() => DueOn is { } day
        ? $"by {DecisionLetter.LongDate(day)}"
        : $"{MonthsAfterAcceptance} month{(MonthsAfterAcceptance == 1 ? "" : "s")} after the offer is accepted";
}

/// <summary>
/// What a round asks of every grant it makes (a value the round holds): how each grant is paid, the reports it
/// owes, the amount under which a grant asks only a short end report (proportionate: never asking for more than
/// the grant is worth), how long a group has to accept an offer, and how many days before a report is due the
/// group is reminded. <see cref="Check"/> says, located and in words, everything wrong with a set of terms.
/// </summary>
/// <remarks>
/// Instalments that do not divide a grant evenly: every instalment but the last is its percentage of the grant
/// rounded down to the penny, and the last takes the remainder, so the payments always add up to the grant
/// exactly (<see cref="Split"/>). The last instalment takes it because it is paid last, when the work is known.
/// </remarks>
/// <param name="Schedule">The instalments, in the order they are paid; one at 100% for a single payment.</param>
/// <param name="Reports">The reports expected, exactly one of them final.</param>
/// <param name="ProportionateThreshold">A grant of less than this asks only a short end report; 0 for never.</param>
/// <param name="DaysToAccept">Days after the offer the group has to accept it, to the end of the last day.</param>
/// <param name="ReminderDaysBefore">Days before a report is due that the group is reminded.</param>
public sealed record GrantTerms(
    IReadOnlyList<Instalment> Schedule,
    IReadOnlyList<ExpectedReport> Reports,
    decimal ProportionateThreshold,
    int DaysToAccept,
    int ReminderDaysBefore)
{
    public const int MostInstalments = 12;
    public const int MostReports = 12;
    public const int MostMonthsAfterAcceptance = 60;
    public const int FewestDaysToAccept = 1;
    public const int MostDaysToAccept = 180;
    public const int FewestReminderDays = 1;
    public const int MostReminderDays = 90;

    /// <summary>The limit on a report's name: a short line.</summary>
    public static TextLimit ReportNameLimit { get; } = new(80);

    /// <summary>The name a short end report is given when a grant under the threshold asks only for one.</summary>
    public const string ShortEndReportName = "End of grant report";

    /// <summary>One payment on acceptance and one final report a year after: a sensible start for a small fund.</summary>
    public static GrantTerms Default { get; } = new(
        [new Instalment(100m, ReleaseRule.OnAcceptance)],
        [new ExpectedReport("Final report", null, 12, IsFinal: true)],
        ProportionateThreshold: 0m, DaysToAccept: 28, ReminderDaysBefore: 14);

    /// <summary>
    /// Everything wrong with these terms, each at its place (<c>schedule[1].percent</c>, <c>reports[0].name</c>)
    /// and in words; empty when they can be used. The percentages must add up to exactly 100.
    /// </summary>
    public IReadOnlyList<Problem> Check()
    {
        var problems = new List<Problem>();
        CheckReports(problems);
        CheckSchedule(problems);
        if (ProportionateThreshold < 0 || ProportionateThreshold > MoneyLimits.Largest)
            problems.Add(new Problem("proportionateThreshold", $"The amount under which a grant asks only a short end report must be from £0 to {MoneyLimits.LargestInWords}"));
        else if (!Money.HasAtMostTwoDecimals(ProportionateThreshold))
            problems.Add(new Problem("proportionateThreshold", "The amount under which a grant asks only a short end report must be in pounds and pence, like 1000 or 999.99"));
        if (DaysToAccept is < FewestDaysToAccept or > MostDaysToAccept)
            problems.Add(new Problem("daysToAccept", $"The days a group has to accept an offer must be from {FewestDaysToAccept} to {MostDaysToAccept}"));
        if (ReminderDaysBefore is < FewestReminderDays or > MostReminderDays)
            problems.Add(new Problem("reminderDaysBefore", $"The days before a report is due that the group is reminded must be from {FewestReminderDays} to {MostReminderDays}"));
        return problems;
    }

    /// <summary>Whether a grant of <paramref name="amount"/> asks only a short end report: it is under <see cref="ProportionateThreshold"/>.</summary>
    public bool IsProportionate(decimal amount) => amount < ProportionateThreshold;

    /// <summary>
    /// The reports a grant of <paramref name="amount"/> owes: every expected report, or, under the threshold, only
    /// a short end report, due when the final report would be.
    /// </summary>
    public IReadOnlyList<ExpectedReport> ReportsFor(decimal amount) => IsProportionate(amount)
        ? [.. Reports.Where(report => report.IsFinal).Take(1).Select(report => report with { Name = ShortEndReportName })]
        : Reports;

    /// <summary>
    /// The instalments for a grant of <paramref name="amount"/>, with their release rules: for a grant under the
    /// threshold, an instalment that waits for a report the grant does not owe waits for the short end report instead.
    /// </summary>
    public IReadOnlyList<(Instalment Instalment, decimal Amount)> InstalmentsFor(decimal amount)
    {
        var amounts = Split(amount);
        var finalName = ReportsFor(amount).FirstOrDefault(report => report.IsFinal)?.Name;
        return [.. Schedule.Select((instalment, index) =>
        {
            var owed = instalment.Rule != ReleaseRule.OnReportAccepted || ReportsFor(amount).Any(report => report.Name == instalment.ReportName);
            return (owed ? instalment : instalment with { ReportName = finalName }, amounts[index]);
        })];
    }

    /// <summary>
    /// Splits <paramref name="amount"/> into the schedule's instalments, pence-exact: each but the last is its
    /// percentage rounded down to the penny, and the last takes what is left, so the parts add up to the amount
    /// exactly: £1,000 in 33.33%, 33.33% and 33.34% is £333.30, £333.30 and £333.40, and £1,000.01 in halves is
    /// £500.00 and £500.01.
    /// </summary>
    public IReadOnlyList<decimal> Split(decimal amount)
    {
        if (Schedule.Count == 0) return [];
        var parts = Schedule.Take(Schedule.Count - 1).Select(instalment => Money.FloorToPenny(amount * instalment.Percent / 100m)).ToList();
        parts.Add(amount - parts.Sum());
        return parts;
    }

    private void CheckSchedule(List<Problem> problems)
    {
        if (Schedule.Count == 0)
        {
            problems.Add(new Problem("schedule", "Enter at least one payment: one at 100% for a single payment"));
            return;
        }
        if (Schedule.Count > MostInstalments)
            problems.Add(new Problem("schedule", $"A payment schedule can have up to {MostInstalments} instalments"));
        for (var index = 0; index < Schedule.Count; index++)
        {
            var at = Location.Item("schedule", index);
            var instalment = Schedule[index];
            var which = $"Instalment {index + 1}";
            if (instalment.Percent is <= 0 or > 100)
                problems.Add(new Problem(Location.Field(at, "percent"), $"{which} must be more than 0% and at most 100% of the grant"));
            else if (!Money.HasAtMostTwoDecimals(instalment.Percent))
                problems.Add(new Problem(Location.Field(at, "percent"), $"{which} must be a percentage to at most two decimal places, like 33.33"));
            switch (instalment.Rule)
            {
                case ReleaseRule.OnDate when instalment.On is null:
                    problems.Add(new Problem(Location.Field(at, "on"), $"Enter the day {which.ToLowerInvariant()} is released"));
                    break;
                case ReleaseRule.OnReportAccepted when string.IsNullOrWhiteSpace(instalment.ReportName):
                    problems.Add(new Problem(Location.Field(at, "reportName"), $"Choose the report whose acceptance releases {which.ToLowerInvariant()}"));
                    break;
                case ReleaseRule.OnReportAccepted when !Reports.Any(report => report.Name == instalment.ReportName):
                    problems.Add(new Problem(Location.Field(at, "reportName"), $"{which} waits for a report the round does not expect: choose one of its reports"));
                    break;
                case not (ReleaseRule.OnAcceptance or ReleaseRule.OnDate or ReleaseRule.OnReportAccepted):
                    problems.Add(new Problem(Location.Field(at, "rule"), $"Choose when {which.ToLowerInvariant()} is released"));
                    break;
            }
        }
        var total = Schedule.Sum(instalment => instalment.Percent);
        if (total != 100m)
            problems.Add(new Problem("schedule", $"The instalments must add up to exactly 100% of the grant; they add up to {total.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}%"));
    }

    private void CheckReports(List<Problem> problems)
    {
        if (Reports.Count > MostReports) problems.Add(new Problem("reports", $"A round can expect up to {MostReports} reports from each grant"));
        var finals = Reports.Count(report => report.IsFinal);
        if (finals != 1) problems.Add(new Problem("reports", finals == 0 ? "Choose which report is the final report" : "Only one report can be the final report"));
        for (var index = 0; index < Reports.Count; index++)
        {
            var at = Location.Item("reports", index);
            var report = Reports[index];
            var which = $"report {index + 1}";
            if (string.IsNullOrWhiteSpace(report.Name)) problems.Add(new Problem(Location.Field(at, "name"), $"Enter a name for {which}"));
            else if (FreeText.Check(Location.Field(at, "name"), $"The name of {which}", report.Name, ReportNameLimit) is { } name) problems.Add(name);
            else if (Reports.Take(index).Any(earlier => string.Equals(earlier.Name.Trim(), report.Name.Trim(), StringComparison.OrdinalIgnoreCase)))
                problems.Add(new Problem(Location.Field(at, "name"), $"Give {which} a name no other report has: instalments name the report they wait for"));
            if ((report.DueOn is null) == (report.MonthsAfterAcceptance is null))
                problems.Add(new Problem(Location.Field(at, "dueOn"), $"Enter either the day {which} is due or the months after acceptance it is due, not both"));
            else if (report.MonthsAfterAcceptance is { } months && months is < 1 or > MostMonthsAfterAcceptance)
                problems.Add(new Problem(Location.Field(at, "monthsAfterAcceptance"), $"The months after acceptance that {which} is due must be from 1 to {MostMonthsAfterAcceptance}"));
        }
    }
}
