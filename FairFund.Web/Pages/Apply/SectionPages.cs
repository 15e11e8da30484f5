using FairFund.Domain.Applications;
using FairFund.Domain.Forms;
using FairFund.Web.Forms;
using Microsoft.AspNetCore.Mvc;

namespace FairFund.Web.Pages.Apply;

/// <summary>
/// Which page asks a section of a round's form. A section that is, word for word, one of the default form's six
/// tasks keeps that task's own page (<c>/project</c>, <c>/budget</c>…), so what groups know and what links say
/// stays the same; a section of documents alone is the documents page; every other section, and any default
/// section a funder changed, is asked by the page built from the form (<c>/sections/{key}</c>).
/// </summary>
public static class SectionPages
{
    public const string SectionPage = "/Apply/Section";
    public const string DocumentsPage = "/Apply/Documents";

    // The default form's sections as canonical JSON, to tell an unchanged one from a changed one by every word and setting.
    private static readonly Dictionary<string, (ApplicationTask Task, string Json)> DefaultSections =
        Enum.GetValues<ApplicationTask>().ToDictionary(DefaultForm.SectionKey, task => (task, JsonOf(ApplicationForm.Default.FindSection(DefaultForm.SectionKey(task))!)), StringComparer.Ordinal);

    /// <summary>The default task whose own page asks this section: only when the section is that task's, unchanged.</summary>
    public static ApplicationTask? TaskOf(FormSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return DefaultSections.TryGetValue(section.Key, out var task) && task.Json == JsonOf(section) ? task.Task : null;
    }

    /// <summary>A section that holds only a documents question, answered by adding files on the documents page.</summary>
    public static bool IsDocumentsOnly(FormSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return section.Questions.Count > 0 && section.Questions.All(question => question.Kind == QuestionKind.Documents);
    }

    /// <summary>The page, by name, that asks the section; <see cref="RouteValues"/> gives its address's values.</summary>
    public static string PageFor(FormSection section) =>
        TaskOf(section) is { } task ? TaskListModel.PageFor(task) : IsDocumentsOnly(section) ? DocumentsPage : SectionPage;

    public static object RouteValues(FormSection section, string reference, bool returnToCheck = false) => PageFor(section) switch
    {
        SectionPage => new { reference, section = section.Key, returnTo = returnToCheck ? QuestionPageModel.ReturnToCheck : null },
        DocumentsPage => new { reference },
        _ => new { reference, returnTo = returnToCheck ? QuestionPageModel.ReturnToCheck : null },
    };

    /// <summary>The address of the page that asks the section.</summary>
    public static string Href(IUrlHelper url, FormSection section, string reference, bool returnToCheck = false)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.Page(PageFor(section), RouteValues(section, reference, returnToCheck))!;
    }

    /// <summary>
    /// The id of the field on the section's page that a problem's location (<c>startDate</c>, <c>budget[1].cost</c>) is
    /// about: a date's problems are at its day, as the GOV.UK date input has it.
    /// </summary>
    public static string FieldIdOf(ApplicationForm form, string location)
    {
        ArgumentNullException.ThrowIfNull(form);
        var id = FieldIds.Of(location);
        return form.Find(location) is { Kind: QuestionKind.Date } ? id + "-day" : id;
    }

    private static string JsonOf(FormSection section) => FormJson.Write(new ApplicationForm([section]));
}
