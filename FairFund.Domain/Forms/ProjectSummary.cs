namespace FairFund.Domain.Forms;

/// <summary>
/// A project as published data describes it (360Giving's title, description and planned dates): read from the
/// answers that count, by the form's fixed questions wherever the funder put them, so any form exports the same way.
/// </summary>
/// <param name="Title">The project title (<see cref="FixedQuestions.Title"/>); "" when unanswered.</param>
/// <param name="Description">The answer to the form's <see cref="ApplicationForm.DescriptionQuestion"/>; "" when there is none.</param>
/// <param name="StartDate">When the project starts (<see cref="FixedQuestions.StartDate"/>).</param>
/// <param name="EndDate">When it ends (<see cref="FixedQuestions.EndDate"/>).</param>
public sealed record ProjectSummary(string Title, string Description, DateOnly? StartDate, DateOnly? EndDate);

public sealed partial class ApplicationForm
{
    /// <summary>
    /// The question whose answer describes the project where a description is published: the default form's
    /// "What you will do" (<see cref="DefaultForm.WhatYouWillDo"/>) when the form asks it as long text; otherwise the
    /// first long-text question in the section that asks the project title, as a funder puts the project's account
    /// beside its name; otherwise the form's first long-text question. Null on a form with no long text. A
    /// description is not a fixed question, so a funder's own form need not say which it is.
    /// </summary>
    public Question? DescriptionQuestion =>
        Find(DefaultForm.WhatYouWillDo) is { Kind: QuestionKind.LongText } whatYouWillDo
            ? whatYouWillDo
            : SectionOf(FixedQuestions.Title)?.Questions.FirstOrDefault(IsLongText) ?? Questions.FirstOrDefault(IsLongText);

    /// <summary>The project's title, description and dates from the answers that count (<see cref="AnswersThatCount"/>).</summary>
    public ProjectSummary ProjectOf(FormAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var counted = AnswersThatCount(answers).ToDictionary(pair => pair.Question.Key, pair => pair.Answer, StringComparer.Ordinal);
        string Text(string? key) => key is not null && counted.GetValueOrDefault(key) is Answer.Text text ? text.Value : "";
        DateOnly? Day(string key) => counted.GetValueOrDefault(key) is Answer.Day day ? day.Value : null;
        return new ProjectSummary(Text(FixedQuestions.Title), Text(DescriptionQuestion?.Key), Day(FixedQuestions.StartDate), Day(FixedQuestions.EndDate));
    }

    private static bool IsLongText(Question question) => question.Kind == QuestionKind.LongText;
}
