using FairFund.Domain.Validation;

namespace FairFund.Domain.Applications;

/// <summary>
/// The parts of an application form, each a task on the group's task list and a page of its own, so a
/// volunteer can answer one, stop, and come back on any device.
/// </summary>
public enum ApplicationTask { Project, WhoBenefits, Outcomes, LivedExperience, Budget, Partners }

/// <summary>Where a task stands, as the GOV.UK task list pattern shows it.</summary>
public enum TaskStatus { NotStarted, InProgress, Completed }

/// <summary>The project itself: a short title for the grant, and what the group will do with the money, when.</summary>
/// <param name="Title">The grant's title, as it will appear in published grant data.</param>
/// <param name="WhatYouWillDo">What the group will do, in its own words.</param>
/// <param name="StartDate">When the work starts; null until given.</param>
/// <param name="EndDate">When the work ends; null until given.</param>
public sealed record ProjectAnswers(string Title, string WhatYouWillDo, DateOnly? StartDate, DateOnly? EndDate)
{
    public static ProjectAnswers Empty { get; } = new("", "", null, null);
}

/// <summary>One line of the budget: what the money is for, and how much it costs.</summary>
public sealed record BudgetLine(string Item, decimal Cost);

/// <summary>An organisation the group will work with, and what it will do.</summary>
public sealed record Partner(string Name, string Role);

/// <summary>
/// The limits on each answer. Word limits keep answers short enough to write on a phone and to read
/// fairly; the title limit is the one 360Giving's data quality checks use.
/// </summary>
public static class AnswerLimits
{
    public const int TitleCharacters = 140;
    public const int WhatYouWillDoWords = 300;
    public const int WhoBenefitsWords = 200;
    public const int OutcomesWords = 250;
    public const int LivedExperienceWords = 200;
    public const int PartnerRoleWords = 50;
    public const int BudgetLines = 10;
    public const int Partners = 5;

    /// <summary>
    /// Words as a reader counts them: runs of characters between spaces or line breaks, so "peer-led"
    /// and "£1,200" are one word each. The browser's counter counts the same way.
    /// </summary>
    public static int WordsIn(string? text) =>
        string.IsNullOrWhiteSpace(text) ? 0 : text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}

/// <summary>The smallest and largest grant a round gives, which the amount requested must fall within.</summary>
public sealed record GrantRange(decimal Min, decimal Max);
