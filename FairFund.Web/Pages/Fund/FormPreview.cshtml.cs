using FairFund.Domain.Forms;
using FairFund.Domain.Rounds;
using FairFund.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Fund;

/// <summary>
/// The round's form as a group will see it: the task list's sections, then each section's questions with their
/// hints and limits, as inputs that cannot be typed in. A section or question shown only sometimes says when.
/// </summary>
public sealed class FormPreviewModel(FairFundDbContext db) : PageModel
{
    public Round Round { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken);
        if (round is null) return NotFound();
        Round = round;
        return Page();
    }

    /// <summary>The limits a group is told for a question, in its words: "Up to 300 words", "Between £500 and £5,000".</summary>
    public static string? LimitsOf(Question question) => question.Kind switch
    {
        QuestionKind.ShortText when question.Limit is { } limit => $"Up to {limit.Characters:N0} characters",
        QuestionKind.LongText when question.Limit is { } limit => $"Up to {limit.Words:N0} words ({limit.Characters:N0} characters)",
        QuestionKind.WholeNumber when question.Min is { } min && question.Max is { } max => $"A whole number from {min:N0} to {max:N0}",
        QuestionKind.Money when question.Min is { } min && question.Max is { } max => $"Between {Domain.Scoring.Money.Pounds(min)} and {Domain.Scoring.Money.Pounds(max)}",
        QuestionKind.Date when question.Earliest is not null || question.Latest is not null =>
            string.Join(" and ", new[] { question.Earliest is { } e ? $"no earlier than {e:d MMMM yyyy}" : null, question.Latest is { } l ? $"no later than {l:d MMMM yyyy}" : null }.OfType<string>()) is var words && words.Length > 0 ? char.ToUpperInvariant(words[0]) + words[1..] : null,
        QuestionKind.BudgetTable or QuestionKind.PartnerTable when question.MaxRows is { } rows => $"Up to {rows} rows",
        QuestionKind.Documents when question.MaxDocuments is { } most && question.MaxBytes is { } bytes => $"Up to {most} documents, each up to {bytes / (1024 * 1024)}MB",
        _ => null,
    };
}
