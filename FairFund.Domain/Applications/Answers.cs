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
/// fairly; the title limit is the one 360Giving's data quality checks use. Every text also has a character
/// limit (<see cref="TextLimit"/>), which an answer must be within to be saved at all.
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

    public static TextLimit Title { get; } = new(TitleCharacters);
    public static TextLimit WhatYouWillDo { get; } = TextLimit.OfWords(WhatYouWillDoWords);
    public static TextLimit WhoBenefits { get; } = TextLimit.OfWords(WhoBenefitsWords);
    public static TextLimit Outcomes { get; } = TextLimit.OfWords(OutcomesWords);
    public static TextLimit LivedExperience { get; } = TextLimit.OfWords(LivedExperienceWords);
    public static TextLimit BudgetItem { get; } = TextLimit.Name;
    public static TextLimit PartnerName { get; } = TextLimit.Name;
    public static TextLimit PartnerRole { get; } = TextLimit.OfWords(PartnerRoleWords);

    /// <summary>
    /// Words as a reader counts them: runs of characters between spaces or line breaks, so "peer-led"
    /// and "£1,200" are one word each. The browser's counter counts the same way.
    /// </summary>
    public static int WordsIn(string? text) => FreeText.WordsIn(text);
}

/// <summary>
/// The most any amount of money typed into FairFund may be: far more than any grant, round or group's income,
/// and small enough that adding up a budget's lines, a round's pots or its awards can never overflow.
/// </summary>
public static class MoneyLimits
{
    public const decimal Largest = 1_000_000_000m;

    /// <summary>"£1,000,000,000", as messages write the limit.</summary>
    public static string LargestInWords => Scoring.Money.Pounds(Largest);

    /// <summary>
    /// Adds up amounts without overflowing: a total too large for a decimal is <see cref="decimal.MaxValue"/>
    /// (or its negative), which every range check then refuses, so amounts stored before
    /// <see cref="Largest"/> was checked still show, and never stop a page.
    /// </summary>
    public static decimal SafeSum(IEnumerable<decimal> amounts)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        var total = 0m;
        foreach (var amount in amounts)
        {
            try
            {
                total += amount;
            }
            catch (OverflowException)
            {
                return amount > 0 ? decimal.MaxValue : decimal.MinValue;
            }
        }
        return total;
    }
}

/// <summary>The smallest and largest grant a round gives, which the amount requested must fall within.</summary>
public sealed record GrantRange(decimal Min, decimal Max);
