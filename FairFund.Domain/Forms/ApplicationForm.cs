using FairFund.Domain.Applications;
using FairFund.Domain.Validation;

namespace FairFund.Domain.Forms;

/// <summary>
/// A round's application form: ordered sections (the task list's tasks), each of ordered questions, and which
/// sections the panel should read for each criterion. A form is a value: editing gives a new form
/// (<see cref="AddQuestion"/> and the rest), and it is fixed when its round opens, as canonical JSON inside the
/// published rules (<see cref="FormJson"/>). Some questions are on every form, because allocation, screening,
/// 360Giving and letters need them (<see cref="FixedQuestions"/>); <see cref="Problems"/> says what is wrong
/// with a form, in the fund manager's words.
/// </summary>
public sealed partial class ApplicationForm
{
    /// <summary>A form of these sections, in order, and these criteria's sections. Not checked here: ask <see cref="Problems"/>.</summary>
    public ApplicationForm(IReadOnlyList<FormSection> sections, IReadOnlyList<CriterionSections>? criteria = null)
    {
        ArgumentNullException.ThrowIfNull(sections);
        Sections = [.. sections];
        CriteriaSections = [.. criteria ?? []];
    }

    public IReadOnlyList<FormSection> Sections { get; }

    /// <summary>For each criterion (by key) that has them, the sections the panel should read to score it.</summary>
    public IReadOnlyList<CriterionSections> CriteriaSections { get; }

    /// <summary>Every question, in the order asked.</summary>
    public IEnumerable<Question> Questions => Sections.SelectMany(section => section.Questions);

    /// <summary>The question with this key, or null.</summary>
    public Question? Find(string key) => Questions.FirstOrDefault(question => question.Key == key);

    /// <summary>The section with this key, or null.</summary>
    public FormSection? FindSection(string key) => Sections.FirstOrDefault(section => section.Key == key);

    /// <summary>The section that holds the question with this key, or null.</summary>
    public FormSection? SectionOf(string questionKey) => Sections.FirstOrDefault(section => section.Questions.Any(question => question.Key == questionKey));

    /// <summary>The sections the panel should read for the criterion with this key; empty when none are named.</summary>
    public IReadOnlyList<string> SectionsFor(string criterionKey) =>
        CriteriaSections.FirstOrDefault(criterion => criterion.Criterion == criterionKey)?.Sections ?? [];

    /// <summary>
    /// The amount requested: the total of the budget table's rows (<see cref="MoneyLimits.SafeSum"/>), so the two
    /// can never disagree; 0 before any row is given.
    /// </summary>
    public decimal AmountRequested(FormAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var budget = Questions.FirstOrDefault(question => question.Kind == QuestionKind.BudgetTable);
        return budget is not null && answers[budget.Key] is Answer.BudgetRows rows ? MoneyLimits.SafeSum(rows.Lines.Select(line => line.Cost)) : 0m;
    }

    /// <summary>
    /// The keys of the questions shown for these answers: in a shown section, with their condition holding.
    /// A condition on a hidden question does not hold, since a hidden question's answer does not count.
    /// </summary>
    public IReadOnlySet<string> ShownQuestions(FormAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var shown = new HashSet<string>(StringComparer.Ordinal);
        var amount = AmountRequested(answers);
        foreach (var section in Sections)
        {
            if (!Holds(section.ShowWhen, answers, shown, amount)) continue;
            foreach (var question in section.Questions)
                if (Holds(question.ShowWhen, answers, shown, amount)) shown.Add(question.Key);
        }
        return shown;
    }

    /// <summary>The sections shown for these answers, in order: the tasks on the group's task list.</summary>
    public IReadOnlyList<FormSection> ShownSections(FormAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var amount = AmountRequested(answers);
        var shown = ShownQuestions(answers);
        return [.. Sections.Where(section => Holds(section.ShowWhen, answers, shown, amount))];
    }

    /// <summary>Whether the question with this key is shown for these answers.</summary>
    public bool IsShown(string questionKey, FormAnswers answers) => ShownQuestions(answers).Contains(questionKey);

    /// <summary>
    /// The answers that count: those to shown questions, of the kind their question takes. What the panel,
    /// exports and letters read; a hidden question's saved answer is kept for the group, but does not count.
    /// </summary>
    public IReadOnlyList<(Question Question, Answer Answer)> AnswersThatCount(FormAnswers answers)
    {
        var shown = ShownQuestions(answers);
        return [.. Questions.Where(question => shown.Contains(question.Key))
            .Select(question => (question, answer: answers[question.Key]))
            .Where(pair => pair.answer is not null && pair.answer.Fits(pair.question.Kind))
            .Select(pair => (pair.question, pair.answer!))];
    }

    /// <summary>
    /// Every problem with the answers to shown questions, in form order, each located by its field
    /// (<c>whatYouWillDo</c>, <c>budget[1].cost</c>) and worded for the volunteer; empty when the application can be sent.
    /// </summary>
    /// <param name="answers">The group's answers.</param>
    /// <param name="grants">The round's grant range, which the budget's total and lines must fit.</param>
    /// <param name="documents">The application's documents, which a documents question counts; none when omitted.</param>
    public IReadOnlyList<Problem> Check(FormAnswers answers, GrantRange grants, IReadOnlyList<SupportingDocument>? documents = null) =>
        [.. Sections.SelectMany(section => Check(section.Key, answers, grants, documents))];

    /// <summary>
    /// Every problem with one section's shown answers, as <see cref="Check(FormAnswers, GrantRange, IReadOnlyList{SupportingDocument}?)"/>;
    /// empty for a hidden section. A key not on the form is a programming error (<see cref="ArgumentException"/>): pages take keys from the form.
    /// </summary>
    public IReadOnlyList<Problem> Check(string sectionKey, FormAnswers answers, GrantRange grants, IReadOnlyList<SupportingDocument>? documents = null)
    {
        ArgumentNullException.ThrowIfNull(grants);
        var section = FindSection(sectionKey) ?? throw new ArgumentException($"The form has no section {sectionKey}.", nameof(sectionKey));
        var shown = ShownQuestions(answers);
        var context = new AnswerChecks.Context(answers, shown, grants, documents ?? []);
        return [.. section.Questions.Where(question => shown.Contains(question.Key)).SelectMany(question => AnswerChecks.Check(question, context))];
    }

    /// <summary>
    /// How far the group has got with a section, as the task list shows it: not started until a shown question
    /// in it is answered (or, for documents, a document added); completed when <see cref="Check(string, FormAnswers, GrantRange, IReadOnlyList{SupportingDocument}?)"/>
    /// finds nothing; in progress between. A hidden section is not started: the task list shows only
    /// <see cref="ShownSections"/>. Whether the application can be sent is <see cref="Check(FormAnswers, GrantRange, IReadOnlyList{SupportingDocument}?)"/> finding nothing.
    /// </summary>
    public Applications.TaskStatus StatusOf(string sectionKey, FormAnswers answers, GrantRange grants, IReadOnlyList<SupportingDocument>? documents = null)
    {
        var section = FindSection(sectionKey) ?? throw new ArgumentException($"The form has no section {sectionKey}.", nameof(sectionKey));
        var shown = ShownQuestions(answers);
        var started = section.Questions.Any(question => shown.Contains(question.Key) &&
            (question.Kind == QuestionKind.Documents ? (documents?.Count ?? 0) > 0 : answers[question.Key] is { } answer && answer.Fits(question.Kind)));
        if (!started) return Applications.TaskStatus.NotStarted;
        return Check(sectionKey, answers, grants, documents).Count == 0 ? Applications.TaskStatus.Completed : Applications.TaskStatus.InProgress;
    }

    /// <summary>
    /// Saves one answer, cleaned as every typed text is (<see cref="FreeText.Clean"/>; one-line answers with
    /// <see cref="FreeText.CleanLine"/>), with blank table rows and empty answers dropped, complete or not:
    /// <see cref="Check(FormAnswers, GrantRange, IReadOnlyList{SupportingDocument}?)"/> says what is missing. Refused, changing nothing, only when the answer
    /// cannot be stored: a text over its character limit, an amount over <see cref="MoneyLimits.Largest"/>, an
    /// answer of the wrong kind, or a question not on the form. Null clears the answer.
    /// </summary>
    public SaveResult Save(FormAnswers answers, string key, Answer? answer)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(key);
        if (Find(key) is not { } question) return new SaveResult(answers, [new Problem(key, "This question is not on the form")]);
        if (answer is null) return new SaveResult(answers.With(key, null), []);
        if (!answer.Fits(question.Kind)) return new SaveResult(answers, [new Problem(key, $"{question.Name} cannot take this kind of answer")]);
        var (clean, refused) = AnswerChecks.Clean(question, answer);
        return refused.Count > 0 ? new SaveResult(answers, refused) : new SaveResult(answers.With(key, AnswerChecks.IsEmpty(clean) ? null : clean), []);
    }

    /// <summary>
    /// How many documents an application may send, and how large: the documents question's limits, or
    /// <see cref="DocumentAllowance.None"/> when the form asks for none. A documents question shown only sometimes
    /// still takes files while hidden (the group may not have given the amount it depends on yet); hidden, they do not count.
    /// </summary>
    public DocumentAllowance DocumentsAllowed
    {
        get
        {
            var question = Questions.FirstOrDefault(candidate => candidate.Kind == QuestionKind.Documents);
            if (question is null) return DocumentAllowance.None;
            return new DocumentAllowance(
                Math.Clamp(question.MaxDocuments ?? DocumentLimits.MaxDocuments, 0, DocumentLimits.MaxDocuments),
                Math.Clamp(question.MaxBytes ?? DocumentLimits.MaxBytes, 1, DocumentLimits.MaxBytes));
        }
    }

    /// <summary>
    /// Which saved answers a changed form would lose: the keys answered here that are not on
    /// <paramref name="changed"/>, or whose question there takes another kind of answer. For the builder to
    /// show the fund manager before saving, so no answer is lost silently.
    /// </summary>
    public static IReadOnlyList<string> AnswersLost(FormAnswers answers, ApplicationForm changed)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(changed);
        return [.. answers.Keys.Where(key => changed.Find(key) is not { } question || !answers[key]!.Fits(question.Kind))];
    }

    /// <summary>
    /// The saved answers this form takes that <paramref name="changed"/> would not (<see cref="AnswersLost"/>: its
    /// question removed, or now asking for another kind of answer), each with its question here, in this form's order.
    /// Shown or hidden for now, each is something the group wrote, so the builder lists them all before saving.
    /// </summary>
    public IReadOnlyList<(Question Question, Answer Answer)> AnswersLostTo(ApplicationForm changed, FormAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(changed);
        ArgumentNullException.ThrowIfNull(answers);
        var lost = AnswersLost(answers, changed).ToHashSet(StringComparer.Ordinal);
        return [.. Questions.Where(question => lost.Contains(question.Key))
            .Select(question => (question, answer: answers[question.Key]!))
            .Where(pair => pair.answer.Fits(pair.question.Kind))];
    }

    private static bool Holds(ShowWhen? condition, FormAnswers answers, IReadOnlySet<string> shown, decimal amount) => condition switch
    {
        null => true,
        ShowWhen.YesNoIs yesNo => shown.Contains(yesNo.Question) && answers[yesNo.Question] is Answer.YesNo answer && answer.Value == yesNo.Is,
        ShowWhen.Chosen chosen => shown.Contains(chosen.Question) && answers[chosen.Question] is Answer.Choices choices && choices.Values.Contains(chosen.Choice),
        ShowWhen.AmountOver over => amount > over.Amount,
        ShowWhen.AmountAtMost atMost => amount <= atMost.Amount,
        _ => false,
    };
}
