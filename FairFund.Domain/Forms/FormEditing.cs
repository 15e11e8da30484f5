using FairFund.Domain.Validation;

namespace FairFund.Domain.Forms;

/// <summary>
/// What an edit to a form gave: the new form, or the form as it was with the reasons the edit was refused.
/// Problems with the section or question being edited are located by its field alone (<c>key</c>, <c>text</c>,
/// <c>choices[1]</c>), as the builder's page names its inputs; others keep their place in the form.
/// </summary>
public sealed record FormEdit(ApplicationForm Form, IReadOnlyList<Problem> Problems)
{
    /// <summary>Whether the edit was made: then <see cref="Form"/> is the new form.</summary>
    public bool Succeeded => Problems.Count == 0;
}

public sealed partial class ApplicationForm
{
    /// <summary>Adds a section, cleaned, at <paramref name="position"/> (0 first) or at the end.</summary>
    public FormEdit AddSection(FormSection section, int? position = null)
    {
        ArgumentNullException.ThrowIfNull(section);
        var index = Math.Clamp(position ?? Sections.Count, 0, Sections.Count);
        var sections = Sections.ToList();
        sections.Insert(index, Tidy(section));
        return Edited(sections, CriteriaSections, SectionAt(index));
    }

    /// <summary>Changes a section's title, guidance and condition; its key and questions stay.</summary>
    public FormEdit EditSection(string key, string title, string guidance, ShowWhen? showWhen)
    {
        if (IndexOfSection(key) is not { } index) return Refused(key, "There is no such section: it may have been removed");
        var sections = Sections.ToList();
        sections[index] = Tidy(sections[index] with { Title = title, Guidance = guidance, ShowWhen = showWhen });
        return Edited(sections, CriteriaSections, SectionAt(index));
    }

    /// <summary>Moves a section one place up the task list; refused when it is first, or when a condition would then come before what it tests.</summary>
    public FormEdit MoveSectionUp(string key) => MoveSection(key, -1);

    /// <summary>Moves a section one place down the task list; refused when it is last, or when a condition would then come before what it tests.</summary>
    public FormEdit MoveSectionDown(string key) => MoveSection(key, +1);

    /// <summary>
    /// Removes a section and its questions, and drops it from the sections criteria name. Refused when it holds a
    /// question every form asks (<see cref="FixedQuestions"/>), or a question a condition elsewhere tests.
    /// </summary>
    public FormEdit RemoveSection(string key)
    {
        if (IndexOfSection(key) is not { } index) return Refused(key, "There is no such section: it may have been removed");
        if (Sections[index].Questions.Select(question => FixedQuestions.WhyNotRemovable(question.Key)).OfType<string>().FirstOrDefault() is { } why)
            return Refused("", $"This section cannot be removed. {why}");
        if (Sections[index].Questions.Select(question => (question, dependent: WhatTests(question.Key, except: key))).FirstOrDefault(pair => pair.dependent is not null) is { question: not null } tested)
            return Refused("", $"This section cannot be removed: {tested.dependent} is shown only for the answer to “{tested.question.Name}”. Change or remove that condition first");
        var sections = Sections.Where((_, at) => at != index).ToList();
        var criteria = CriteriaSections.Select(entry => entry with { Sections = [.. entry.Sections.Where(section => section != key)] }).ToList();
        return Edited(sections, criteria, null);
    }

    /// <summary>Adds a question, cleaned, to a section at <paramref name="position"/> (0 first) or at its end.</summary>
    public FormEdit AddQuestion(string sectionKey, Question question, int? position = null)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (IndexOfSection(sectionKey) is not { } s) return Refused(sectionKey, "There is no such section: it may have been removed");
        var questions = Sections[s].Questions.ToList();
        var index = Math.Clamp(position ?? questions.Count, 0, questions.Count);
        questions.Insert(index, Tidy(question));
        return Edited(Replace(s, Sections[s] with { Questions = questions }), CriteriaSections, QuestionAt(s, index));
    }

    /// <summary>
    /// Replaces the question with key <paramref name="key"/> by <paramref name="replacement"/>, cleaned. Its key may
    /// change, unless it is a fixed question; answers already saved are kept by key, so check
    /// <see cref="AnswersLost"/> first.
    /// </summary>
    public FormEdit EditQuestion(string key, Question replacement)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        if (IndexOfQuestion(key) is not var (s, q)) return Refused(key, "There is no such question: it may have been removed");
        if (FixedQuestions.IsFixed(key) && replacement.Key != key)
            return Refused("key", $"The key of {FixedQuestions.All.First(fixedOne => fixedOne.Key == key).Name} cannot change: every form asks for it by this key");
        var questions = Sections[s].Questions.ToList();
        questions[q] = Tidy(replacement);
        return Edited(Replace(s, Sections[s] with { Questions = questions }), CriteriaSections, QuestionAt(s, q));
    }

    /// <summary>Moves a question one place up within its section; refused when it is first, or when it would then come before a question it tests.</summary>
    public FormEdit MoveQuestionUp(string key) => MoveQuestion(key, -1);

    /// <summary>Moves a question one place down within its section; refused when it is last, or when a condition would then come before what it tests.</summary>
    public FormEdit MoveQuestionDown(string key) => MoveQuestion(key, +1);

    /// <summary>
    /// Removes a question. Refused, with the reason, for a question every form asks (<see cref="FixedQuestions"/>)
    /// and for one a condition tests (remove or change the condition first).
    /// </summary>
    public FormEdit RemoveQuestion(string key)
    {
        if (IndexOfQuestion(key) is not var (s, q)) return Refused(key, "There is no such question: it may have been removed");
        if (FixedQuestions.WhyNotRemovable(key) is { } why) return Refused("", why);
        if (WhatTests(key) is { } dependent)
            return Refused("", $"“{Sections[s].Questions[q].Name}” cannot be removed: {dependent} is shown only for its answer. Change or remove that condition first");
        var questions = Sections[s].Questions.Where((_, at) => at != q).ToList();
        return Edited(Replace(s, Sections[s] with { Questions = questions }), CriteriaSections, null);
    }

    /// <summary>Sets the sections the panel should read for a criterion; none removes the criterion's entry.</summary>
    public FormEdit ReadForCriterion(string criterionKey, IEnumerable<string> sectionKeys)
    {
        ArgumentNullException.ThrowIfNull(criterionKey);
        ArgumentNullException.ThrowIfNull(sectionKeys);
        var keys = sectionKeys.Distinct(StringComparer.Ordinal).ToList();
        var criteria = CriteriaSections.Where(entry => entry.Criterion != criterionKey).ToList();
        if (keys.Count > 0)
        {
            var at = CriteriaSections.ToList().FindIndex(entry => entry.Criterion == criterionKey);
            criteria.Insert(at < 0 ? criteria.Count : at, new CriterionSections(criterionKey, keys));
        }
        return Edited([.. Sections], criteria, null);
    }

    /// <summary>
    /// This form for a round with these criteria: the sections the panel should read are kept for the criteria
    /// the round has, and dropped for any it has not. For using an earlier round's form, whose criteria may differ.
    /// </summary>
    public ApplicationForm ForCriteria(IEnumerable<string> criterionKeys)
    {
        ArgumentNullException.ThrowIfNull(criterionKeys);
        var keys = criterionKeys.ToHashSet(StringComparer.Ordinal);
        return new ApplicationForm([.. Sections], [.. CriteriaSections.Where(entry => keys.Contains(entry.Criterion))]);
    }

    private FormEdit MoveSection(string key, int by)
    {
        if (IndexOfSection(key) is not { } index) return Refused(key, "There is no such section: it may have been removed");
        var to = index + by;
        if (to < 0 || to >= Sections.Count) return Refused("", by < 0 ? "This section is already first" : "This section is already last");
        var sections = Sections.ToList();
        (sections[index], sections[to]) = (sections[to], sections[index]);
        return Edited(sections, CriteriaSections, null);
    }

    private FormEdit MoveQuestion(string key, int by)
    {
        if (IndexOfQuestion(key) is not var (s, q)) return Refused(key, "There is no such question: it may have been removed");
        var questions = Sections[s].Questions.ToList();
        var to = q + by;
        if (to < 0 || to >= questions.Count) return Refused("", by < 0 ? "This question is already first in its section" : "This question is already last in its section");
        (questions[q], questions[to]) = (questions[to], questions[q]);
        return Edited(Replace(s, Sections[s] with { Questions = questions }), CriteriaSections, null);
    }

    /// <summary>
    /// The edited form, unless it has a problem this form did not have: then this form, with those problems.
    /// A form that already had problems (say, read from an old draft) can still be edited towards right.
    /// </summary>
    private FormEdit Edited(List<FormSection> sections, IReadOnlyList<CriterionSections> criteria, string? editedAt)
    {
        var edited = new ApplicationForm(sections, criteria);
        var before = Problems().Select(problem => problem.Message).ToHashSet(StringComparer.Ordinal);
        var added = edited.Problems().Where(problem => !before.Contains(problem.Message)).ToList();
        if (added.Count == 0) return new FormEdit(edited, []);
        return new FormEdit(this, [.. added.Select(problem => editedAt is not null && problem.Location.StartsWith(editedAt + ".", StringComparison.Ordinal)
            ? problem with { Location = problem.Location[(editedAt.Length + 1)..] }
            : problem)]);
    }

    /// <summary>The section or question (outside section <paramref name="except"/>) whose condition tests the question <paramref name="key"/>, in words; null when none.</summary>
    private string? WhatTests(string key, string? except = null)
    {
        static bool Tests(ShowWhen? condition, string key) => condition is ShowWhen.YesNoIs { Question: var yesNo } && yesNo == key || condition is ShowWhen.Chosen { Question: var chosen } && chosen == key;
        foreach (var section in Sections.Where(section => section.Key != except))
        {
            if (Tests(section.ShowWhen, key)) return $"the section “{section.Title}”";
            if (section.Questions.FirstOrDefault(question => Tests(question.ShowWhen, key)) is { } question) return $"the question “{question.Name}”";
        }
        return null;
    }

    private FormEdit Refused(string at, string message) => new(this, [new Problem(at, message)]);

    private List<FormSection> Replace(int index, FormSection section)
    {
        var sections = Sections.ToList();
        sections[index] = section;
        return sections;
    }

    private int? IndexOfSection(string key) => Sections.Select((section, index) => (section, index)).FirstOrDefault(pair => pair.section.Key == key) is { section: not null } found ? found.index : null;

    private (int Section, int Question)? IndexOfQuestion(string key)
    {
        for (var s = 0; s < Sections.Count; s++)
            for (var q = 0; q < Sections[s].Questions.Count; q++)
                if (Sections[s].Questions[q].Key == key) return (s, q);
        return null;
    }

    private static string SectionAt(int index) => Location.Item("sections", index);

    private static string QuestionAt(int section, int question) => Location.Item(Location.Field(SectionAt(section), "questions"), question);

    /// <summary>A section's typed texts cleaned as every typed text is: one line for its key and title.</summary>
    private static FormSection Tidy(FormSection section) => section with
    {
        Key = FreeText.CleanLine(section.Key),
        Title = FreeText.CleanLine(section.Title),
        Guidance = FreeText.Clean(section.Guidance),
        Questions = [.. (section.Questions ?? []).Select(Tidy)],
    };

    private static Question Tidy(Question question) => question with
    {
        Key = FreeText.CleanLine(question.Key),
        Text = FreeText.CleanLine(question.Text),
        Label = FreeText.CleanLine(question.Label),
        Hint = FreeText.Clean(question.Hint),
        IfMissing = FreeText.CleanLine(question.IfMissing),
        Choices = [.. (question.Choices ?? []).Select(FreeText.CleanLine)],
    };
}
