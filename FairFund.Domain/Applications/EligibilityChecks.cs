using System.Globalization;
using FairFund.Domain.Organisations;
using FairFund.Domain.Scoring;
using FairFund.Domain.Validation;

namespace FairFund.Domain.Applications;

/// <summary>How an automatic check came out. <see cref="NotSet"/> is neither: the funder has not given what it checks against.</summary>
public enum CheckOutcome { Passed, Failed, NotSet }

/// <summary>
/// One automatic check on an application, with what it found in a sentence the fund manager reads
/// (the shape of RulesEngine's rule result: the rule, what it looked at, and whether it held).
/// </summary>
/// <param name="Key">A stable name for the check, for pages and tests: <see cref="EligibilityChecks.Amount"/> and the rest.</param>
/// <param name="Name">The check's name as a person reads it: "Amount requested".</param>
/// <param name="Outcome">Passed, failed, or not set.</param>
/// <param name="Sentence">What was found, with the figures it was found from.</param>
public sealed record EligibilityCheck(string Key, string Name, CheckOutcome Outcome, string Sentence)
{
    public bool Failed => Outcome == CheckOutcome.Failed;
}

/// <summary>
/// The checks a fund manager would otherwise do by hand when screening an application: whether the amount
/// is one the round gives, whether the group is in the funder's area, whether the group's details are complete,
/// and whether the project's dates make sense. They inform the screening decision and never make it: the fund
/// manager marks the application eligible or ineligible, and may know something the checks cannot (a group
/// that moved, an area the funder agreed to stretch).
/// </summary>
public static class EligibilityChecks
{
    public const string Amount = "amount";
    public const string Area = "area";
    public const string GroupDetails = "group";
    public const string ProjectDates = "dates";

    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>Every check, in the order the screening page shows them.</summary>
    /// <param name="application">The application as sent.</param>
    /// <param name="group">The group's profile as it is now.</param>
    /// <param name="grants">The round's grant range.</param>
    /// <param name="area">The funder's area of benefit; <see cref="AreaOfBenefit.None"/> when it has not set one.</param>
    /// <param name="today">The date in the UK, which the group's income year is measured against.</param>
    public static IReadOnlyList<EligibilityCheck> Run(Application application, OrganisationProfile group, GrantRange grants, AreaOfBenefit area, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(group);
        return
        [
            AmountWithinRange(application.AmountRequested, grants),
            PostcodeInArea(group.Postcode, area),
            DetailsComplete(group.Check(today)),
            DatesPlausible(application.StartDate, application.EndDate),
        ];
    }

    /// <summary>The amount requested is within the round's grant range, both ends included, as the application form required.</summary>
    public static EligibilityCheck AmountWithinRange(decimal amount, GrantRange grants)
    {
        ArgumentNullException.ThrowIfNull(grants);
        const string name = "Amount requested";
        var range = $"{Money.Pounds(grants.Min)} to {Money.Pounds(grants.Max)}";
        if (amount < grants.Min)
            return new(Amount, name, CheckOutcome.Failed, $"{Money.Pounds(amount)} is less than the smallest grant this round gives ({range}).");
        if (amount > grants.Max)
            return new(Amount, name, CheckOutcome.Failed, $"{Money.Pounds(amount)} is more than the largest grant this round gives ({range}).");
        return new(Amount, name, CheckOutcome.Passed, $"{Money.Pounds(amount)} is within the grants this round gives ({range}).");
    }

    /// <summary>
    /// The group's postcode is within the funder's area of benefit. With no area set there is nothing to check
    /// against, which is not the group's failing, so the check is <see cref="CheckOutcome.NotSet"/>.
    /// </summary>
    public static EligibilityCheck PostcodeInArea(string postcode, AreaOfBenefit area)
    {
        ArgumentNullException.ThrowIfNull(area);
        const string name = "Area of benefit";
        if (!area.IsSet)
            return new(Area, name, CheckOutcome.NotSet, "The funder has not set an area of benefit, so the group's postcode is not checked.");
        var listed = string.Join(", ", area.Entries);
        var normalised = Postcodes.Normalise(postcode);
        if (!Postcodes.IsWellFormed(normalised))
            return new(Area, name, CheckOutcome.Failed, normalised.Length == 0
                ? $"The group has not given a postcode, so it cannot be placed in the funder's area ({listed})."
                : $"The group's postcode, {normalised}, is not a full UK postcode, so it cannot be placed in the funder's area ({listed}).");
        return area.EntryContaining(normalised) is { } entry
            ? new(Area, name, CheckOutcome.Passed, $"The group's postcode, {normalised}, is in {entry}, part of the funder's area ({listed}).")
            : new(Area, name, CheckOutcome.Failed, $"The group's postcode, {normalised}, is outside the funder's area ({listed}).");
    }

    /// <summary>The group's profile has nothing missing or wrong, as its own check finds.</summary>
    /// <param name="problems">What <see cref="OrganisationProfile.Check"/> found.</param>
    public static EligibilityCheck DetailsComplete(IReadOnlyList<Problem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        const string name = "Group's details";
        if (problems.Count == 0) return new(GroupDetails, name, CheckOutcome.Passed, "The group's details are complete.");
        var what = string.Join("; ", problems.Select(problem => problem.Message));
        return new(GroupDetails, name, CheckOutcome.Failed, problems.Count == 1
            ? $"The group's details have 1 problem: {what}."
            : $"The group's details have {problems.Count} problems: {what}.");
    }

    /// <summary>
    /// The project has a start and an end date, and does not end before it starts. A one-day event ends the
    /// day it starts, so the same date passes, as it did on the application form.
    /// </summary>
    public static EligibilityCheck DatesPlausible(DateOnly? start, DateOnly? end)
    {
        const string name = "Project dates";
        if (start is not { } from || end is not { } to)
            return new(ProjectDates, name, CheckOutcome.Failed, start is null && end is null
                ? "The project has no start or end date."
                : $"The project has no {(start is null ? "start" : "end")} date.");
        return to < from
            ? new(ProjectDates, name, CheckOutcome.Failed, $"The project ends on {Date(to)}, before it starts on {Date(from)}.")
            : new(ProjectDates, name, CheckOutcome.Passed, $"The project runs from {Date(from)} to {Date(to)}.");
    }

    private static string Date(DateOnly date) => date.ToString("d MMMM yyyy", British);
}
