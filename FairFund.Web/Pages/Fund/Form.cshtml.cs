using FairFund.Domain.Forms;
using FairFund.Web.Data;
using FairFund.Web.Forms;
using Microsoft.AspNetCore.Mvc;

namespace FairFund.Web.Pages.Fund;

/// <summary>
/// The round's application form, as the fund manager builds it: its sections in order, each moved, removed or
/// opened to change its questions; and which sections the panel should read for each criterion. Every button is a
/// form of its own, so it works without JavaScript. Once the round has opened, the form is shown as it was fixed.
/// </summary>
public sealed class FormModel(FairFundDbContext db, TimeProvider time) : FormBuilderPage(db, time)
{
    /// <summary>The criterion whose sections were posted, to show back what was ticked.</summary>
    [BindProperty]
    public string? Criterion { get; set; }

    [BindProperty]
    public List<string> ReadSections { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken) =>
        await LoadAsync(reference, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostMoveUpAsync(string reference, string section, CancellationToken cancellationToken) =>
        EditAsync(reference, section, form => form.MoveSectionUp(section), cancellationToken);

    public Task<IActionResult> OnPostMoveDownAsync(string reference, string section, CancellationToken cancellationToken) =>
        EditAsync(reference, section, form => form.MoveSectionDown(section), cancellationToken);

    public Task<IActionResult> OnPostRemoveAsync(string reference, string section, CancellationToken cancellationToken) =>
        EditAsync(reference, section, form => form.RemoveSection(section), cancellationToken);

    public Task<IActionResult> OnPostReadForCriterionAsync(string reference, CancellationToken cancellationToken) =>
        EditAsync(reference, "criterion-" + Criterion, form => form.ReadForCriterion(Criterion ?? "", ReadSections), cancellationToken);

    private async Task<IActionResult> EditAsync(string reference, string at, Func<ApplicationForm, FormEdit> edit, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken)) return NotFound();
        // Every problem is about the thing whose button was pressed: the summary links to it.
        return await SaveEditAsync(edit, _ => FieldOf(at), cancellationToken) ?? RedirectToPage(null, null, new { reference }, FieldOf(at));
    }

    /// <summary>The id of a section's card or a criterion's checkboxes on this page.</summary>
    public static string FieldOf(string at) => at.StartsWith("criterion-", StringComparison.Ordinal) ? at : "section-" + at;
}
