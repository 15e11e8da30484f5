using System.Globalization;
using System.Text.RegularExpressions;
using FairFund.Domain.Organisations;
using FairFund.Domain.Scoring;

namespace FairFund.Domain.OpenData;

/// <summary>
/// Something in a grant's row that 360Giving's data quality tool would question, named by the grant's
/// identifier and the column, so the fund manager can find it and put it right where it came from.
/// </summary>
public sealed record GrantDataProblem(string Grant, string Column, string Message)
{
    public override string ToString() => $"{Grant}, {Column}: {Message}";
}

/// <summary>
/// The checks 360Giving's data quality tool makes on published grants, made before the data leaves
/// FairFund. Each is a warning, not a refusal: the fix belongs in the application or the group's
/// profile, and the data can still be downloaded.
/// </summary>
public static partial class GrantDataChecks
{
    /// <summary>360Giving asks for titles of no more than 140 characters, so that lists of grants stay readable.</summary>
    public const int TitleMaxLength = 140;

    /// <summary>Every problem with every grant, grant by grant in the order given; empty when all is well.</summary>
    /// <param name="grants">The rows to publish.</param>
    /// <param name="today">The date in the UK, which award dates must not be after.</param>
    public static IReadOnlyList<GrantDataProblem> Check(IReadOnlyList<GrantRecord> grants, DateOnly today) =>
        [.. grants.SelectMany(grant => Check(grant, today))];

    private static IEnumerable<GrantDataProblem> Check(GrantRecord grant, DateOnly today) =>
    [
        .. ZeroAmounts(grant),
        .. CharityNumber(grant),
        .. CompanyNumber(grant),
        .. LineBreaksInIdentifiers(grant),
        .. EmailAddresses(grant),
        .. AwardDateInTheFuture(grant, today),
        .. StartAfterEnd(grant),
        .. TitleProblems(grant),
    ];

    /// <summary>A grant of £0 is almost always a missing amount, and it skews every total it is part of.</summary>
    public static IEnumerable<GrantDataProblem> ZeroAmounts(GrantRecord grant)
    {
        if (grant.AmountAwarded <= 0)
            yield return new(grant.Identifier, "Amount Awarded", $"The amount awarded is {Pounds(grant.AmountAwarded)}: a grant must be for more than £0.");
        if (grant.AmountAppliedFor <= 0)
            yield return new(grant.Identifier, "Amount Applied For", $"The amount applied for is {Pounds(grant.AmountAppliedFor)}: it must be more than £0.");
    }

    /// <summary>A charity number is 6 or 7 digits after an optional 2-letter prefix; anything else will not match the charity's register entry.</summary>
    public static IEnumerable<GrantDataProblem> CharityNumber(GrantRecord grant)
    {
        if (grant.RecipientOrgCharityNumber is { Length: > 0 } number && !CharityNumbers.IsWellFormed(number))
            yield return new(grant.Identifier, "Recipient Org:Charity Number",
                $"The charity number \"{number}\" is not 6 or 7 digits after an optional 2-letter prefix, like 1234567 or SC012345.");
    }

    /// <summary>A Companies House number is 8 characters; anything else will not match the company's record.</summary>
    public static IEnumerable<GrantDataProblem> CompanyNumber(GrantRecord grant)
    {
        if (grant.RecipientOrgCompanyNumber is { Length: > 0 } number && !CompanyNumbers.IsWellFormed(number))
            yield return new(grant.Identifier, "Recipient Org:Company Number",
                $"The company number \"{number}\" is not 8 characters as Companies House gives it, like 01234567 or SC123456.");
    }

    /// <summary>An identifier with a line break in it no longer matches itself anywhere else, so the grant cannot be joined up.</summary>
    public static IEnumerable<GrantDataProblem> LineBreaksInIdentifiers(GrantRecord grant)
    {
        (string Column, string Value)[] identifiers =
        [
            ("Identifier", grant.Identifier),
            ("Recipient Org:Identifier", grant.RecipientOrgIdentifier),
            ("Funding Org:Identifier", grant.FundingOrgIdentifier),
            ("Grant Programme:Code", grant.GrantProgrammeCode),
        ];
        foreach (var (column, value) in identifiers)
        {
            if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
                yield return new(grant.Identifier, column, "The identifier has a line break in it: an identifier must be one line.");
        }
    }

    /// <summary>
    /// An email address in published text is someone's personal data. "An email address" here is text
    /// before an @ and a domain with a dot after it (<c>sam@example.org</c>); a social media handle such
    /// as <c>@hillfieldskitchen</c> is not one.
    /// </summary>
    public static IEnumerable<GrantDataProblem> EmailAddresses(GrantRecord grant)
    {
        (string Column, string Value)[] texts =
        [
            ("Title", grant.Title),
            ("Description", grant.Description),
            ("Recipient Org:Name", grant.RecipientOrgName),
            ("Beneficiary Location:Name", grant.BeneficiaryLocationName),
        ];
        foreach (var (column, value) in texts)
        {
            if (EmailInText().Match(value) is { Success: true } found)
                yield return new(grant.Identifier, column, $"The text has an email address in it ({found.Value}): take it out before publishing, since it is someone's personal data.");
        }
    }

    /// <summary>A grant cannot have been awarded after the day the data is published.</summary>
    public static IEnumerable<GrantDataProblem> AwardDateInTheFuture(GrantRecord grant, DateOnly today)
    {
        if (grant.AwardDate > today)
            yield return new(grant.Identifier, "Award Date", $"The award date, {Day(grant.AwardDate)}, is in the future.");
    }

    /// <summary>Planned work cannot end before it starts.</summary>
    public static IEnumerable<GrantDataProblem> StartAfterEnd(GrantRecord grant)
    {
        if (grant.PlannedStartDate is { } start && grant.PlannedEndDate is { } end && start > end)
            yield return new(grant.Identifier, "Planned Dates:Start Date", $"The start date, {Day(start)}, is after the end date, {Day(end)}.");
    }

    /// <summary>A title says what the grant is for in a line; a copy of the description, or a paragraph, does not.</summary>
    public static IEnumerable<GrantDataProblem> TitleProblems(GrantRecord grant)
    {
        if (string.Equals(grant.Title.Trim(), grant.Description.Trim(), StringComparison.OrdinalIgnoreCase))
            yield return new(grant.Identifier, "Title", "The title is the same as the description: give the grant a short title of its own.");
        if (grant.Title.Length > TitleMaxLength)
            yield return new(grant.Identifier, "Title", $"The title is {grant.Title.Length} characters long: 360Giving asks for {TitleMaxLength} or fewer.");
    }

    private static string Pounds(decimal amount) => Money.Written(amount, "£", alwaysPence: true);

    private static string Day(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));

    [GeneratedRegex(@"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex EmailInText();
}
