using FairFund.Domain.Reviews;
using FairFund.Web.Forms;

namespace FairFund.Web.Pages.Panel;

/// <summary>
/// What a member says about a conflict of interest, as the declaration form and the "I have found a conflict"
/// form post it: whether there is one (only the declaration asks), its kind and a note.
/// </summary>
public sealed class ConflictInput
{
    public const string No = "no";
    public const string Yes = "yes";

    /// <summary>The ids of the fields, in the order they appear, for the error summary.</summary>
    public const string ConflictId = "conflict";
    public const string KindId = "conflict-kind";
    public const string NoteId = "conflict-note";

    public string? Conflict { get; set; }
    public string? Kind { get; set; }
    public string? Note { get; set; }

    /// <summary>The kind chosen, or <see cref="ConflictKind.None"/> when none (or one the form does not offer) was.</summary>
    public ConflictKind ChosenKind =>
        Enum.TryParse<ConflictKind>(Kind, ignoreCase: false, out var kind) && PanelWords.ConflictKinds.Contains(kind) ? kind : ConflictKind.None;

    /// <summary>Adds what is wrong with the kind and note to <paramref name="errors"/>, at their fields; the rule is the domain's.</summary>
    public void CheckConflict(FormErrors errors)
    {
        foreach (var problem in ConflictDeclaration.Check(ChosenKind, Note))
            errors.Add(problem.Location == "note" ? NoteId : KindId, problem.Message);
    }
}

/// <summary>What the <c>_ConflictFields</c> partial shows: the kind and note of a conflict, with any errors.</summary>
public sealed record ConflictFields(ConflictInput Input, FormErrors Errors, string KindLegend);
