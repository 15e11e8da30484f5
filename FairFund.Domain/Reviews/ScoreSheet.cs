using FairFund.Domain.Scoring;
using FairFund.Domain.Validation;

namespace FairFund.Domain.Reviews;

/// <summary>
/// What a panel member has written for one application: a whole-number score per criterion, keyed by the
/// criterion's key (a draft may leave some out), a comment the applicant will read and an optional private
/// note for the rest of the panel.
/// </summary>
public sealed record ScoreSheet(IReadOnlyDictionary<string, int> Scores, string CommentForApplicant, string NoteForPanel)
{
    public static readonly ScoreSheet Empty = new(new Dictionary<string, int>(), "", "");

    /// <summary>The limit on the comment for the applicant, which its decision letter quotes: a few paragraphs.</summary>
    public static TextLimit CommentLimit { get; } = TextLimit.Paragraphs;

    /// <summary>The limit on the private note for the panel.</summary>
    public static TextLimit NoteLimit { get; } = TextLimit.Paragraphs;

    /// <summary>
    /// What is wrong with the sheet as a draft, located by form field (<c>scores.need</c>, <c>commentForApplicant</c>):
    /// an unknown criterion, a score off its scale, or a comment or note over its limit. Missing scores and a
    /// missing comment are fine in a draft.
    /// </summary>
    public IReadOnlyList<Problem> CheckDraft(IReadOnlyList<Criterion> criteria)
    {
        var problems = new List<Problem>();
        if (FreeText.Check("commentForApplicant", "The comment for the group", CommentForApplicant, CommentLimit) is { } comment) problems.Add(comment);
        if (FreeText.Check("noteForPanel", "The note for the panel", NoteForPanel, NoteLimit) is { } note) problems.Add(note);
        foreach (var criterion in criteria)
        {
            if (Scores.TryGetValue(criterion.Key, out var score) && (score < criterion.Min || score > criterion.Max))
                problems.Add(new Problem(At(criterion.Key), $"{score} is outside the scale {criterion.Min}..{criterion.Max}"));
        }
        foreach (var key in Scores.Keys.Order(StringComparer.Ordinal))
        {
            if (!criteria.Any(criterion => criterion.Key == key))
                problems.Add(new Problem(At(key), $"\"{key}\" is not one of the round's criteria ({string.Join(", ", criteria.Select(criterion => criterion.Key))})"));
        }
        return problems;
    }

    /// <summary>
    /// What is wrong with the sheet as a submission: everything <see cref="CheckDraft"/> finds, plus every
    /// criterion unscored and a missing comment, since the applicant is owed a reason for the score.
    /// </summary>
    public IReadOnlyList<Problem> CheckSubmission(IReadOnlyList<Criterion> criteria)
    {
        var problems = new List<Problem>(CheckDraft(criteria));
        foreach (var criterion in criteria)
        {
            if (!Scores.ContainsKey(criterion.Key))
                problems.Add(new Problem(At(criterion.Key), $"Enter a score for {Label(criterion)}"));
        }
        if (string.IsNullOrWhiteSpace(CommentForApplicant))
            problems.Add(new Problem("commentForApplicant", "Enter a comment for the group"));
        return problems;
    }

    /// <summary>The scores in the order of the round's criteria, as the allocator reads them.</summary>
    internal int[] InCriteriaOrder(IReadOnlyList<Criterion> criteria) => [.. criteria.Select(criterion => Scores[criterion.Key])];

    internal ScoreSheet Tidied() => new(
        new Dictionary<string, int>(Scores, StringComparer.Ordinal).AsReadOnly(),
        FreeText.Clean(CommentForApplicant),
        FreeText.Clean(NoteForPanel));

    private static string At(string key) => Location.Field("scores", key);

    private static string Label(Criterion criterion) => criterion.Title.Length > 0 ? criterion.Title : criterion.Key;
}

/// <summary>One submitted version of a review: the first submission is number 1, each revision the next.</summary>
public sealed record Revision(int Number, DateTimeOffset At, string By, IReadOnlyDictionary<string, int> Scores, string CommentForApplicant, string NoteForPanel);
