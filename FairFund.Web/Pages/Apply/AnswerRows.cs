using FairFund.Domain.Applications;
using FairFund.Domain.Scoring;

namespace FairFund.Web.Pages.Apply;

/// <summary>
/// An application's answers as summary list rows, one task at a time: the same words on check your answers
/// (with a change link) and, read-only, on the panel's scoring page.
/// </summary>
public static class AnswerRows
{
    public const string NotAnswered = "Not answered yet";

    /// <summary>The rows of one task's answers; <paramref name="change"/> is where to change them, or null to show them read-only.</summary>
    public static List<CheckModel.Row> For(Application application, ApplicationTask task, string? change)
    {
        CheckModel.Row Text(string key, string answer) => new(key, Paragraphs(answer), change);
        return task switch
        {
            ApplicationTask.Project =>
            [
                Text("Project title", application.Title),
                Text("What you will do", application.WhatYouWillDo),
                new("Starts", [Date(application.StartDate)], change),
                new("Ends", [Date(application.EndDate)], change),
            ],
            ApplicationTask.WhoBenefits => [Text("Who will benefit", application.WhoBenefits)],
            ApplicationTask.Outcomes => [Text("What will change, and how you will know", application.Outcomes)],
            ApplicationTask.LivedExperience => [Text("How people with lived experience shape the work", application.LivedExperience)],
            ApplicationTask.Budget =>
            [
                .. application.Budget.Select((line, index) => new CheckModel.Row(line.Item.Length > 0 ? line.Item : $"Line {index + 1}", [Money.Pounds(line.Cost)], change)),
                new("Total you are asking for", [application.Budget.Count == 0 ? NotAnswered : Money.Pounds(application.AmountRequested)], change),
            ],
            _ =>
            [
                new("Working with partners", [application.WorkingWithPartners switch { true => "Yes", false => "No", null => NotAnswered }], change),
                .. application.WorkingWithPartners == true
                    ? application.Partners.Select((partner, index) => Text(partner.Name.Length > 0 ? partner.Name : $"Partner {index + 1}", partner.Role))
                    : [],
            ],
        };
    }

    private static string[] Paragraphs(string answer)
    {
        var lines = answer.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? [NotAnswered] : lines;
    }

    private static string Date(DateOnly? date) =>
        date?.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB")) ?? NotAnswered;
}
