using FairFund.Domain.Validation;

namespace FairFund.Domain.Reviews;

/// <summary>The kinds of conflict of interest a panel member can have with an applicant (docs/panel.md).</summary>
public enum ConflictKind { None, WorksOrVolunteersThere, Trustee, FamilyOrFriend, FundingRelationship, Other }

/// <summary>
/// What a panel member said about their ties to an applicant before seeing its answers, or a conflict
/// the fund manager recorded that the member did not declare (<see cref="RecordedByFundManager"/>).
/// Kept for the record whatever it says, so the panel can show its independence.
/// </summary>
public sealed record ConflictDeclaration(ConflictKind Kind, string Note, string DeclaredBy, DateTimeOffset At, bool RecordedByFundManager)
{
    /// <summary>The limit on a conflict's note: a few sentences saying what the tie is.</summary>
    public static TextLimit NoteLimit { get; } = TextLimit.Note;

    /// <summary>Whether this declaration keeps the member away from the application and its scores.</summary>
    public bool IsConflict => Kind != ConflictKind.None;

    /// <summary>
    /// What is wrong with declaring a conflict of this kind with this note, located at the form field;
    /// empty when it can be recorded. A conflict needs a kind other than <see cref="ConflictKind.None"/>, and "Other" says nothing on its own, so it needs a note saying what the tie is.
    /// The note must be within <see cref="NoteLimit"/>.
    /// </summary>
    public static IReadOnlyList<Problem> Check(ConflictKind kind, string? note)
    {
        var problems = new List<Problem>();
        if (kind == ConflictKind.None || !Enum.IsDefined(kind)) problems.Add(new Problem("kind", "Select the kind of conflict"));
        var clean = FreeText.Clean(note);
        if (kind == ConflictKind.Other && clean.Length == 0) problems.Add(new Problem("note", "Enter a note saying what the conflict is"));
        else if (FreeText.Check("note", "The note", clean, NoteLimit) is { } tooLong) problems.Add(tooLong);
        return problems;
    }

    /// <summary>The kind in words, for the panel pages and the audit log.</summary>
    public static string Describe(ConflictKind kind) => kind switch
    {
        ConflictKind.None => "No conflict",
        ConflictKind.WorksOrVolunteersThere => "Works or volunteers there",
        ConflictKind.Trustee => "Trustee",
        ConflictKind.FamilyOrFriend => "Family or friend",
        ConflictKind.FundingRelationship => "Funding relationship",
        _ => "Other",
    };
}
