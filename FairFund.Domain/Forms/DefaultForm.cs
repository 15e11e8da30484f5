using FairFund.Domain.Applications;
using FairFund.Domain.Validation;

namespace FairFund.Domain.Forms;

/// <summary>
/// The form every round had before funders could set their own: today's six tasks, word for word as the apply
/// pages ask them, with the keys the application's fields have always had, and the optional documents. A new
/// round starts from it; an application saved before forms existed reads the same on it
/// (<see cref="FormAnswers.Of"/>).
/// </summary>
public static class DefaultForm
{
    public const string Title = FixedQuestions.Title;
    public const string WhatYouWillDo = "whatYouWillDo";
    public const string StartDate = FixedQuestions.StartDate;
    public const string EndDate = FixedQuestions.EndDate;
    public const string WhoBenefits = "whoBenefits";
    public const string Outcomes = "outcomes";
    public const string LivedExperience = "livedExperience";
    public const string Budget = FixedQuestions.Budget;
    public const string WorkingWithPartners = "workingWithPartners";
    public const string Partners = "partners";
    public const string Documents = "documents";

    /// <summary>The section keys, one for each of today's <see cref="ApplicationTask"/>s, and the documents.</summary>
    public static string SectionKey(ApplicationTask task) => task switch
    {
        ApplicationTask.Project => "project",
        ApplicationTask.WhoBenefits => "whoBenefits",
        ApplicationTask.Outcomes => "outcomes",
        ApplicationTask.LivedExperience => "livedExperience",
        ApplicationTask.Budget => "budget",
        _ => "partners",
    };

    public const string DocumentsSection = "documents";

    /// <summary>The section the demo round adds for asks over <see cref="LargerGrantThreshold"/>.</summary>
    public const string LargerGrantSection = "largerGrant";

    /// <summary>Asks over this (more than £10,000.00) answer the demo round's extra section.</summary>
    public const decimal LargerGrantThreshold = 10_000m;

    internal static ApplicationForm Build() => new(
    [
        new FormSection(SectionKey(ApplicationTask.Project), "About your project",
        [
            new Question(Title, QuestionKind.ShortText, "Project title")
            {
                Hint = $"A short name for your project, up to {AnswerLimits.TitleCharacters} characters. If you get a grant, we publish it with this name, for example “Peer support walks in Foleshill”.",
                IfMissing = "Enter a title for your project",
                Limit = AnswerLimits.Title,
            },
            new Question(WhatYouWillDo, QuestionKind.LongText, "What you will do")
            {
                Hint = "Tell us what you will do with the grant, where, how often, and who will do it. Write it as you would explain it to a neighbour: there is no need for special words.",
                IfMissing = "Enter what you will do",
                Limit = AnswerLimits.WhatYouWillDo,
            },
            new Question(StartDate, QuestionKind.Date, "When will the project start?")
            {
                Label = "The start date",
                Hint = "For example, 1 6 2027. If you are not sure yet, give your best guess.",
                IfMissing = "Enter the date the project starts",
            },
            new Question(EndDate, QuestionKind.Date, "When will it end?")
            {
                Label = "The end date",
                Hint = "For example, 31 5 2028. This is when you expect to have spent the grant.",
                IfMissing = "Enter the date the project ends",
            },
        ]),
        TextSection(ApplicationTask.WhoBenefits, "Who will benefit", WhoBenefits, "Who will benefit from your project?", "Who will benefit",
            "Tell us who the project is for, such as their age, where they live or what they are going through. " +
            "Say roughly how many people will take part, and how you know they need this: for example, because they asked for it.",
            "Enter who will benefit", AnswerLimits.WhoBenefits),
        TextSection(ApplicationTask.Outcomes, "What will change, and how you will know", Outcomes, "What will change, and how will you know?", "Outcomes",
            "Tell us what will be different for people because of your project, and how you will know it has worked: " +
            "for example, by counting who comes, or asking people how they feel before and after. Keep it simple: we do not expect a formal evaluation.",
            "Enter what will change and how you will know", AnswerLimits.Outcomes),
        TextSection(ApplicationTask.LivedExperience, "How people with lived experience shape the work", LivedExperience, "How do people with lived experience shape the work?",
            "How people with lived experience shape the work",
            "Tell us how people with lived experience of mental ill health help to plan, run or check the project. " +
            "For example, they might sit on your committee, lead sessions, or decide what happens next. Say what they do, not only that they are involved.",
            "Enter how people with lived experience shape the work", AnswerLimits.LivedExperience),
        new FormSection(SectionKey(ApplicationTask.Budget), "How much you need, and what for",
        [
            new Question(Budget, QuestionKind.BudgetTable, "How much do you need, and what for?")
            {
                Label = "Budget",
                Hint = "Add a line for each thing you need money for, such as room hire, volunteers' travel, or art materials, with what it will cost. The total is the amount you are asking for.",
                IfMissing = "Enter at least one thing the money is for, and its cost",
                MaxRows = AnswerLimits.BudgetLines,
            },
        ]),
        new FormSection(SectionKey(ApplicationTask.Partners), "Partners",
        [
            new Question(WorkingWithPartners, QuestionKind.YesNo, "Will you work with partners on this project?")
            {
                Label = "Working with partners",
                Hint = "A partner is another group or organisation that will help run the project, such as a charity, a school or a GP surgery. You do not need partners to apply.",
                IfMissing = "Select yes if you will work with partners on this project",
            },
            new Question(Partners, QuestionKind.PartnerTable, "Your partners")
            {
                Hint = $"If you answered yes, tell us about up to {AnswerLimits.Partners} partners, the ones most involved. Leave any rows you do not need empty.",
                IfMissing = "Enter the name of at least one partner, or select no",
                ShowWhen = new ShowWhen.YesNoIs(WorkingWithPartners, true),
                MaxRows = AnswerLimits.Partners,
            },
        ]),
        new FormSection(DocumentsSection, "Supporting documents",
        [
            new Question(Documents, QuestionKind.Documents, "Add a document")
            {
                Label = "Supporting documents",
                Hint = "You do not have to send any documents. If something would help the panel understand your application, such as a budget spreadsheet or a letter from a partner, you can add it here. Only your group and the fund’s staff can see them.",
                Required = false,
                MaxDocuments = DocumentLimits.MaxDocuments,
                MaxBytes = DocumentLimits.MaxBytes,
            },
        ]) { Guidance = "Such as a budget spreadsheet or a letter from a partner" },
    ]);

    /// <summary>The default form with one more section, after the budget, that only asks over <see cref="LargerGrantThreshold"/> answer.</summary>
    internal static ApplicationForm BuildDemo()
    {
        var form = Build();
        var section = new FormSection(LargerGrantSection, "Managing a larger grant",
        [
            new Question("managedLargerGrant", QuestionKind.YesNo, "Has your group managed a grant of more than £10,000 before?")
            {
                Label = "Managed a larger grant before",
                IfMissing = "Select yes if your group has managed a grant of more than £10,000 before",
            },
            new Question("largerGrantPlan", QuestionKind.LongText, "How will you manage and account for a grant of this size?")
            {
                Label = "How you will manage the grant",
                Hint = "Tell us who will keep track of the money, how you will record what is spent, and who else checks it: for example, your treasurer and a second signatory.",
                IfMissing = "Enter how you will manage and account for the grant",
                Limit = TextLimit.OfWords(250),
            },
        ])
        {
            Guidance = $"Only for asks of more than {Scoring.Money.Pounds(LargerGrantThreshold)}",
            ShowWhen = new ShowWhen.AmountOver(LargerGrantThreshold),
        };
        var budgetAt = form.Sections.ToList().FindIndex(existing => existing.Key == SectionKey(ApplicationTask.Budget));
        return form.AddSection(section, budgetAt + 1).Form;
    }

    private static FormSection TextSection(ApplicationTask task, string title, string key, string text, string label, string hint, string ifMissing, TextLimit limit) =>
        new(SectionKey(task), title, [new Question(key, QuestionKind.LongText, text) { Label = label, Hint = hint, IfMissing = ifMissing, Limit = limit }]);
}

public sealed partial class ApplicationForm
{
    /// <summary>Today's six tasks, word for word, and the optional documents: every new round's form (<see cref="DefaultForm"/>).</summary>
    public static ApplicationForm Default { get; } = DefaultForm.Build();

    /// <summary>The demo round's form: the default, plus a section only asks over £10,000 answer, so a newcomer sees a proportionate form.</summary>
    public static ApplicationForm DemoForm { get; } = DefaultForm.BuildDemo();
}
