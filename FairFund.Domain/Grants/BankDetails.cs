using FairFund.Domain.Validation;

namespace FairFund.Domain.Grants;

/// <summary>
/// The UK bank account a grant is paid into. A value the infrastructure encrypts at rest; the domain never writes
/// the sort code or account number out whole: <see cref="ToString"/> and every message give only the masked form
/// (<see cref="Masked"/>), so a log line or an error page cannot leak them. Make one with <see cref="Parse"/>,
/// which checks the form (not whether the account exists) and gives located problems that never repeat what was typed.
/// </summary>
public sealed record BankDetails
{
    private BankDetails(string accountName, string sortCode, string accountNumber) =>
        (AccountName, SortCode, AccountNumber) = (accountName, sortCode, accountNumber);

    /// <summary>The limit on the name on the account.</summary>
    public static TextLimit AccountNameLimit { get; } = new(100);

    /// <summary>The name on the account, as the bank has it.</summary>
    public string AccountName { get; }

    /// <summary>The sort code's six digits, no dashes: for the bank's upload and for encryption only, never for display.</summary>
    public string SortCode { get; }

    /// <summary>The account number's eight digits: for the bank's upload and for encryption only, never for display.</summary>
    public string AccountNumber { get; }

    /// <summary>The sort code as it may be shown: only its last two digits, "**-**-56".</summary>
    public string MaskedSortCode => $"**-**-{SortCode[^2..]}";

    /// <summary>The account number as it may be shown: only its last four digits, "****1234".</summary>
    public string MaskedAccountNumber => $"****{AccountNumber[^4..]}";

    /// <summary>The account as it may be shown anywhere: "Foleshill Walkers, **-**-56, ****1234".</summary>
    public string Masked => $"{AccountName}, {MaskedSortCode}, {MaskedAccountNumber}";

    /// <summary>Only the masked form, so that no log or message can print the account whole.</summary>
    public override string ToString() => Masked;

    /// <summary>
    /// Bank details from what a person typed: spaces and dashes in the sort code and spaces in the account number
    /// are dropped, as people write them "12-34-56" and "1234 5678". Either the details, or the problems at
    /// <c>accountName</c>, <c>sortCode</c> and <c>accountNumber</c>, none of which repeats the digits typed.
    /// </summary>
    public static (BankDetails? Details, IReadOnlyList<Problem> Problems) Parse(string? accountName, string? sortCode, string? accountNumber)
    {
        var name = FreeText.CleanLine(accountName);
        var sort = Digits(sortCode, allowDashes: true);
        var number = Digits(accountNumber, allowDashes: false);
        var problems = new List<Problem>();
        if (name.Length == 0) problems.Add(new Problem("accountName", "Enter the name on the account"));
        else if (FreeText.Check("accountName", "The name on the account", name, AccountNameLimit) is { } tooLong) problems.Add(tooLong);
        if (string.IsNullOrWhiteSpace(sortCode)) problems.Add(new Problem("sortCode", "Enter a sort code"));
        else if (sort is not { Length: 6 }) problems.Add(new Problem("sortCode", "Enter a valid sort code, like 30-99-50: six digits"));
        if (string.IsNullOrWhiteSpace(accountNumber)) problems.Add(new Problem("accountNumber", "Enter an account number"));
        else if (number is not { Length: 8 }) problems.Add(new Problem("accountNumber", "Enter a valid account number, like 00733445: eight digits (if yours has seven, put a 0 at the start)"));
        return problems.Count == 0 ? (new BankDetails(name, sort!, number!), []) : (null, problems);
    }

    /// <summary>The digits, with the separators people type dropped; null when anything else is there.</summary>
    private static string? Digits(string? typed, bool allowDashes)
    {
        if (typed is null) return null;
        var kept = new System.Text.StringBuilder();
        foreach (var character in typed)
        {
            if (char.IsAsciiDigit(character)) kept.Append(character);
            else if (!(char.IsWhiteSpace(character) || (allowDashes && character is '-' or '\u2010' or '\u2011' or '\u2013'))) return null;
        }
        return kept.ToString();
    }
}
