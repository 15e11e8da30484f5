using FairFund.Domain.Applications;
using FairFund.Domain.Forms;
using FairFund.Domain.Organisations;
using FairFund.Domain.Scoring;

namespace FairFund.Web.Pages.Shared;

/// <summary>
/// An application's answers, and its group's details, as summary list rows (the <c>_SummaryRows</c> partial), one
/// section of the round's form at a time, under the section's own title: for check your answers (with a change
/// link) and, read-only, the application as sent.
/// </summary>
public static class AnswerRows
{
    public const string NotAnswered = "Not answered yet";

    /// <summary>The rows of one task's answers; <paramref name="change"/> is where to change them, or null to show them read-only.</summary>
    public static List<Row> For(Application application, ApplicationTask task, string? change)
    {
        Row Text(string key, string answer) => new(key, Paragraphs(answer), change);
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
                .. application.Budget.Select((line, index) => new Row(line.Item.Length > 0 ? line.Item : $"Line {index + 1}", [Money.Pounds(line.Cost)], change)),
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

    /// <summary>
    /// The rows of one section's answers as the round's form asks them: each shown question and its answer
    /// (a budget by its lines and total, partners by name), for a section no page of today's tasks asks.
    /// Documents are left to the page, which lists the files. <paramref name="change"/> is where to change them, or null.
    /// </summary>
    public static List<Row> For(ApplicationForm form, FormSection section, FormAnswers answers, string? change)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(section);
        var shown = form.ShownQuestions(answers);
        var rows = new List<Row>();
        foreach (var question in section.Questions.Where(question => shown.Contains(question.Key) && question.Kind != QuestionKind.Documents))
        {
            var answer = answers[question.Key] is { } given && given.Fits(question.Kind) ? given : null;
            switch (answer)
            {
                case Answer.BudgetRows budget:
                    rows.AddRange(budget.Lines.Select((line, index) => new Row(line.Item.Length > 0 ? line.Item : $"Line {index + 1}", [Money.Pounds(line.Cost)], change)));
                    rows.Add(new Row("Total you are asking for", [Money.Pounds(MoneyLimits.SafeSum(budget.Lines.Select(line => line.Cost)))], change));
                    break;
                case Answer.PartnerRows partners:
                    rows.AddRange(partners.Partners.Select((partner, index) => new Row(partner.Name.Length > 0 ? partner.Name : $"{question.Text}: row {index + 1}", Paragraphs(partner.Role), change)));
                    break;
                case null:
                    rows.Add(new Row(question.Text, [NotAnswered], change));
                    break;
                default:
                    rows.Add(new Row(question.Text, QuestionInWords.Lines(answer) is { Count: > 0 } lines ? lines : [NotAnswered], change));
                    break;
            }
        }
        return rows;
    }

    private static string[] Paragraphs(string answer)
    {
        var lines = answer.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? [NotAnswered] : lines;
    }

    private static string Date(DateOnly? date) =>
        date?.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB")) ?? NotAnswered;

    /// <summary>A file's size as people read it: 340 KB, 2.5 MB.</summary>
    internal static string DocumentSize(long bytes) => bytes >= 1024 * 1024
        ? $"{bytes / (1024m * 1024m):0.#} MB"
        : $"{Math.Max(1, (bytes + 1023) / 1024)} KB";

    /// <summary>The group's details as summary rows, each changed at <paramref name="change"/>, or read-only when it is null.</summary>
    internal static List<Row> GroupRows(OrganisationProfile group, string? change)
    {
        var rows = new List<Row>
        {
            new("Name", [group.Name], change),
            new("Kind of group", [TypeInWords(group.Type)], change),
        };
        if (group.CharityNumber is { Length: > 0 } charity) rows.Add(new("Charity number", [charity], change));
        if (group.CompanyNumber is { Length: > 0 } company) rows.Add(new("Company number", [company], change));
        rows.Add(new("Income in its latest year", [$"{Money.Pounds(group.AnnualIncome)} in the year to {group.IncomeYearEnd.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))}"], change));
        rows.Add(new("Postcode", group.PostcodeIsHomeAddress
            ? [group.Postcode, "A home address: left out of published grant data"]
            : [group.Postcode, "Not a home address: published with any grant"], change));
        rows.Add(new("Area it works in", [group.AreaServed], change));
        rows.Add(new("People who run it", [
            $"{group.PeopleRunningTheGroup} in all",
            $"{group.OfThemWithLivedExperience} with lived experience of mental ill health",
            $"{group.OfThemWhoUseTheServices} who use the group's services"], change));
        for (var i = 0; i < group.Contacts.Count; i++)
        {
            var contact = group.Contacts[i];
            rows.Add(new(i == 0 ? "Contact" : "Second contact",
                [.. new[] { contact.Name, contact.Role, contact.Email, contact.Phone }.Where(part => !string.IsNullOrWhiteSpace(part)).Select(part => part!)], change));
        }
        return rows;
    }

    private static string TypeInWords(OrganisationType type) => type switch
    {
        OrganisationType.UnregisteredGroup => "A group that is not registered",
        OrganisationType.RegisteredCharity => "A registered charity",
        OrganisationType.CharitableIncorporatedOrganisation => "A charitable incorporated organisation (CIO)",
        OrganisationType.CharitableCompany => "A charity that is also a company",
        OrganisationType.CommunityInterestCompany => "A community interest company (CIC)",
        OrganisationType.CommunityBenefitSociety => "A community benefit society",
        _ => "Another kind of not-for-profit group",
    };

    /// <summary>One row of a summary list: what was asked, the answer as lines of text, and where to change it.</summary>
    public sealed record Row(string Key, IReadOnlyList<string> Lines, string? ChangeHref);

    public sealed record Section(string Title, IReadOnlyList<Row> Rows);
}
