using System.Text.RegularExpressions;

namespace FairFund.Domain.Organisations;

/// <summary>
/// UK charity numbers as 360Giving's data quality checks read them: 6 or 7 digits after an
/// optional 2-letter prefix (England and Wales <c>1164883</c>, Scotland <c>SC042386</c>,
/// Northern Ireland <c>100019</c>).
/// </summary>
public static partial class CharityNumbers
{
    /// <summary>The number as it is stored: trimmed, upper case, without spaces; null when nothing was entered.</summary>
    public static string? Normalise(string? entered) => UkText.Squash(entered);

    public static bool IsWellFormed(string normalised) => Pattern().IsMatch(normalised);

    /// <summary>The digits after any prefix, which is what the England and Wales and Northern Ireland org-ids use.</summary>
    public static string Digits(string normalised) => normalised.TrimStart(UkText.Letters);

    [GeneratedRegex("^(?:[A-Z]{2})?[0-9]{6,7}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

/// <summary>
/// Companies House numbers: always 8 characters, digits with up to 2 letters in front
/// (<c>01234567</c>, <c>SC123456</c>, <c>NI123456</c>, <c>R0000123</c>). A 7-digit number is
/// reported rather than padded, because the group should copy the number Companies House shows.
/// </summary>
public static partial class CompanyNumbers
{
    public static string? Normalise(string? entered) => UkText.Squash(entered);

    public static bool IsWellFormed(string normalised) => Pattern().IsMatch(normalised);

    [GeneratedRegex("^(?=.{8}$)[A-Z]{0,2}[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

/// <summary>
/// UK postcodes in the shape Royal Mail uses: an outward code of 2 to 4 characters, a space and an
/// inward code of a digit and two letters (<c>CV1 1AA</c>, <c>B33 8TH</c>, <c>EC1A 1BB</c>). This
/// checks the shape only; whether the postcode exists is for postcode data outside the domain.
/// </summary>
public static partial class Postcodes
{
    /// <summary>
    /// Upper case with one space before the last three characters ("cv11aa" becomes "CV1 1AA");
    /// text too short to be a postcode is returned trimmed and upper case, for <see cref="IsWellFormed"/> to refuse.
    /// </summary>
    public static string Normalise(string? entered)
    {
        var squashed = UkText.Squash(entered) ?? "";
        return squashed.Length is >= 5 and <= 7 ? $"{squashed[..^3]} {squashed[^3..]}" : squashed;
    }

    public static bool IsWellFormed(string normalised) => Pattern().IsMatch(normalised);

    /// <summary>
    /// The postcode district, the outward code before the space ("CV1 1AA" gives "CV1"), which equity reports group
    /// by: it says roughly where a group is without saying which street. Null for a postcode that is not well formed.
    /// </summary>
    public static string? District(string? postcode)
    {
        var normalised = Normalise(postcode);
        return IsWellFormed(normalised) ? normalised[..normalised.IndexOf(' ', StringComparison.Ordinal)] : null;
    }

    [GeneratedRegex("^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

/// <summary>
/// A pragmatic email check: one @, something before it, and a domain with a dot, no spaces.
/// Whether the address works is only known by writing to it.
/// </summary>
public static partial class EmailAddresses
{
    public static bool IsWellFormed(string? email) => email is not null && Pattern().IsMatch(email);

    [GeneratedRegex(@"^[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

/// <summary>
/// A pragmatic UK phone check: digits, spaces, brackets, hyphens and a leading +, with 10 to 13 digits
/// (<c>024 7600 0000</c>, <c>+44 7700 900982</c>).
/// </summary>
public static partial class PhoneNumbers
{
    public static bool IsWellFormed(string? phone)
    {
        if (phone is null || !Pattern().IsMatch(phone)) return false;
        var digits = phone.Count(char.IsAsciiDigit);
        return digits is >= 10 and <= 13;
    }

    [GeneratedRegex(@"^\+?[0-9 ()\-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

internal static class UkText
{
    public static readonly char[] Letters = [.. Enumerable.Range('A', 26).Select(c => (char)c)];

    /// <summary>Upper case with every space removed; null for nothing entered.</summary>
    public static string? Squash(string? entered)
    {
        if (string.IsNullOrWhiteSpace(entered)) return null;
        return string.Concat(entered.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
    }
}
