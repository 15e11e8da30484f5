using FairFund.Domain.Forms;
using FairFund.Domain.Validation;
using FairFund.Web.Data;
using FairFund.Web.Forms;
using Microsoft.AspNetCore.Mvc;

namespace FairFund.Web.Pages.Fund;

/// <summary>
/// One section of a round's form: its title, guidance and condition, and its questions in order, each moved,
/// removed or opened to change. Without a key, it adds a section at the end of the form.
/// </summary>
public sealed class FormSectionModel(FairFundDbContext db, TimeProvider time) : FormBuilderPage(db, time)
{
    [BindProperty]
    public SectionInput Input { get; set; } = new();

    [BindProperty]
    public ConditionInput Condition { get; set; } = new();

    /// <summary>The section shown; null while adding one.</summary>
    public FormSection? Section { get; private set; }

    public bool IsNew => Section is null;

    /// <summary>The answers the section's condition can test: those of questions in earlier sections.</summary>
    public IReadOnlyList<Choice> Answers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string reference, string? key, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken) || !Find(key)) return NotFound();
        if (Section is { } section)
        {
            Input = new SectionInput { Key = section.Key, Title = section.Title, Guidance = section.Guidance };
            Condition = ConditionInput.From(section.ShowWhen);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string reference, string? key, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken) || !Find(key)) return NotFound();
        var showWhen = Condition.Read(Errors, out var conditionRead);
        var title = Input.Title ?? "";
        var guidance = Input.Guidance ?? "";
        FormEdit Edit(ApplicationForm form)
        {
            if (Section is { } section) return form.EditSection(section.Key, title, guidance, showWhen);
            var newKey = string.IsNullOrWhiteSpace(Input.Key) ? FormBuilderPage.KeyFrom(title, form.Sections.Select(s => s.Key), "section") : Input.Key.Trim();
            Input.Key = newKey;
            return form.AddSection(new FormSection(newKey, title, []) { Guidance = guidance, ShowWhen = showWhen });
        }
        if (!conditionRead) return Round.WhyFormCannotChange is { } closed ? Refused(closed + ".") : Page();
        var shown = await SaveEditAsync(Edit, FieldOf, cancellationToken);
        if (shown is not null) return shown;
        return IsNew
            ? RedirectToPage(null, null, new { reference, key = Input.Key }, null)
            : RedirectToPage("/Fund/Form", null, new { reference }, FormModel.FieldOf(Section!.Key));
    }

    public Task<IActionResult> OnPostMoveUpAsync(string reference, string key, string question, CancellationToken cancellationToken) =>
        QuestionEditAsync(reference, key, question, form => form.MoveQuestionUp(question), cancellationToken);

    public Task<IActionResult> OnPostMoveDownAsync(string reference, string key, string question, CancellationToken cancellationToken) =>
        QuestionEditAsync(reference, key, question, form => form.MoveQuestionDown(question), cancellationToken);

    public Task<IActionResult> OnPostRemoveAsync(string reference, string key, string question, CancellationToken cancellationToken) =>
        QuestionEditAsync(reference, key, question, form => form.RemoveQuestion(question), cancellationToken);

    private async Task<IActionResult> QuestionEditAsync(string reference, string key, string question, Func<ApplicationForm, FormEdit> edit, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken) || !Find(key) || Section is null) return NotFound();
        Input = new SectionInput { Key = Section.Key, Title = Section.Title, Guidance = Section.Guidance };
        Condition = ConditionInput.From(Section.ShowWhen);
        var at = QuestionId(question);
        return await SaveEditAsync(edit, _ => at, cancellationToken) ?? RedirectToPage(null, null, new { reference, key }, at);
    }

    protected override IActionResult ShowAgain()
    {
        // The round may have been loaded afresh (someone saved meanwhile): show its section as it is now.
        Find(Section?.Key);
        return Page();
    }

    /// <summary>Finds the section with this key (none for a new one); false when the form has no such section.</summary>
    private bool Find(string? key)
    {
        var form = Round.Form;
        Section = key is null ? null : form.FindSection(key);
        if (key is not null && Section is null) return false;
        var before = Section is null ? form.Sections : form.Sections.TakeWhile(section => section.Key != key);
        Answers = ConditionInput.AnswersOf(before.SelectMany(section => section.Questions));
        return true;
    }

    public static string QuestionId(string key) => "question-" + key;

    private static string FieldOf(string location) => ConditionInput.FieldOf(location) ?? location switch
    {
        "key" or "title" or "guidance" => location,
        _ => "title",
    };

    public sealed class SectionInput
    {
        public string? Key { get; set; }
        public string? Title { get; set; }
        public string? Guidance { get; set; }
    }
}
