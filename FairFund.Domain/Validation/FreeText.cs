using System.Globalization;
using System.Text;

namespace FairFund.Domain.Validation;

/// <summary>
/// The most a free-text field may hold: always a number of characters, and for prose a number of words too.
/// The word limit keeps answers short enough to write on a phone and read fairly; the character limit is what
/// stops one enormous "word" (or a pasted file) from passing the word limit and filling pages, emails and the
/// 32,767-character cells of a spreadsheet (docs/text-limits.md).
/// </summary>
/// <param name="Characters">The most characters (UTF-16 code units, as a browser's <c>maxlength</c> counts them).</param>
/// <param name="Words">The most words, or null for a name or a short line that has only a character limit.</param>
public sealed record TextLimit(int Characters, int? Words = null)
{
    /// <summary>A name of a person, a group, a partner or a budget item: one line.</summary>
    public static TextLimit Name { get; } = new(200);

    /// <summary>A key that names a criterion or a pot in files and scores: a short identifier, such as <c>lived-experience</c>.</summary>
    public static TextLimit Key { get; } = new(40);

    /// <summary>A reason or note of a few sentences: a conflict, a withdrawal, a cancellation.</summary>
    public static TextLimit Note { get; } = new(2_000, 300);

    /// <summary>A few paragraphs: a panel comment, a screening reason, guidance.</summary>
    public static TextLimit Paragraphs { get; } = new(4_000, 600);

    /// <summary>Prose with a word limit, given a character limit generous for it: about ten characters a word, as long words and links need.</summary>
    public static TextLimit OfWords(int words) => new(words * 10, words);
}

/// <summary>
/// The one way free text is cleaned and checked, for every field a person types into. Cleaning keeps what a
/// person meant and drops what they cannot have meant to publish: control characters (a NUL from a bad paste),
/// and invisible formatting characters, the right-to-left overrides and zero-width characters that can make a
/// published name read other than it is (<c>cod.exe</c> shown as <c>exe.doc</c>). Checking gives a located
/// <see cref="Problem"/> that names the field, its limit and how much was typed.
/// </summary>
public static class FreeText
{
    /// <summary>
    /// Text with several lines, as typed: line breaks made <c>\n</c>, tabs and line breaks kept, every other control
    /// or invisible formatting character dropped, and the ends trimmed. Null is empty.
    /// </summary>
    public static string Clean(string? text) => Filter(text, singleLine: false);

    /// <summary>
    /// A name or other one-line text: as <see cref="Clean"/>, with every run of spaces, tabs and line breaks made
    /// one space, so a name reads the same wherever it is shown.
    /// </summary>
    public static string CleanLine(string? text) => Filter(text, singleLine: true);

    /// <summary>Words as a reader counts them: runs of characters between spaces or line breaks, so "peer-led" and "£1,200" are one word each.</summary>
    public static int WordsIn(string? text) =>
        string.IsNullOrWhiteSpace(text) ? 0 : text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>
    /// What is wrong with this text against its limit, at <paramref name="location"/>, or null when it is within it:
    /// "What you will do must be 3,000 characters or fewer (it has 12,345)". Characters are checked first, as a
    /// text over its character limit cannot be stored.
    /// </summary>
    /// <param name="location">Where the problem is: the form field, such as <c>budget[1].item</c>.</param>
    /// <param name="name">The field as the person knows it, starting a sentence: "Project title".</param>
    /// <param name="text">The text, as cleaned.</param>
    /// <param name="limit">The field's limit.</param>
    public static Problem? Check(string location, string name, string? text, TextLimit limit)
    {
        ArgumentNullException.ThrowIfNull(limit);
        var characters = text?.Length ?? 0;
        if (characters > limit.Characters)
            return new Problem(location, $"{name} must be {Count(limit.Characters)} characters or fewer (it has {Count(characters)})");
        if (limit.Words is { } wordLimit && WordsIn(text) is var words && words > wordLimit)
            return new Problem(location, $"{name} must be {Count(wordLimit)} words or fewer (it has {Count(words)})");
        return null;
    }

    /// <summary>Like <see cref="Check"/>, but only the character limit: what decides whether the text can be stored at all.</summary>
    public static Problem? CheckCharacters(string location, string name, string? text, TextLimit limit) =>
        Check(location, name, text, limit with { Words = null });

    /// <summary>Whether a character is one that <see cref="Clean"/> drops: a control other than tab and line break, or an invisible format character.</summary>
    public static bool IsUnwanted(Rune rune) =>
        !(rune.Value is '\n' or '\t' or '\r') && Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate;

    private static string Filter(string? text, bool singleLine)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var clean = new StringBuilder(text.Length);
        var input = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        // A lone surrogate (half an emoji) is not a character: EnumerateRunes gives it as the replacement character, which is dropped.
        foreach (var rune in input.EnumerateRunes())
        {
            if (rune == Rune.ReplacementChar || IsUnwanted(rune)) continue;
            if (singleLine && Rune.IsWhiteSpace(rune))
            {
                if (clean.Length > 0 && clean[^1] != ' ') clean.Append(' ');
                continue;
            }
            clean.Append(rune.ToString());
        }
        return clean.ToString().Trim();
    }

    private static string Count(int count) => count.ToString("N0", CultureInfo.GetCultureInfo("en-GB"));
}
