using System.Text.RegularExpressions;
using MimeKit;

namespace FairFund.Web.Accounts;

/// <summary>Checks on what people type into the account forms, made before anything is created.</summary>
public static partial class AccountInput
{
    public const int NameLength = 50;

    /// <summary>The longest email address accepted: longer than any address mail can be sent to (RFC 5321 allows 254).</summary>
    public const int EmailLength = 256;

    public const string EmailLengthMessage = "Your email address must be 256 characters or fewer";

    /// <summary>The longest password accepted: room for any passphrase or password manager, and no more.</summary>
    public const int PasswordMaxLength = 256;

    public const string PasswordLengthMessage = "Your password must be 256 characters or fewer";

    public const string EmailFormatMessage = "Enter an email address in the correct format, like name@example.com";

    public const string NameMessage = "Your name can only have letters, spaces, hyphens and apostrophes";

    /// <summary>
    /// An address mail can be sent to, as it is: one mailbox, with nothing else around it and no spaces. The form's
    /// own check only asks for an @, so <c>a b@x.test</c> passed it and then failed when the email was made.
    /// </summary>
    public static bool IsSendableEmail(string email) =>
        !string.IsNullOrEmpty(email) && !email.Any(character => char.IsWhiteSpace(character) || char.IsControl(character))
        && MailboxAddress.TryParse(ParserOptions.Default, email, out var mailbox)
        && mailbox.Name is null or "" && mailbox.Address == email && mailbox.Domain.Length > 0 && mailbox.LocalPart.Length > 0;

    /// <summary>
    /// A plain name: letters (of any alphabet), spaces, hyphens and apostrophes. Later emails greet the person by it
    /// under the funder's name, so it must not be able to carry a web address, a phone number or a message.
    /// </summary>
    public static bool IsPlainName(string name) => name.Length <= NameLength && PlainName().IsMatch(name);

    [GeneratedRegex(@"^\p{L}[\p{L}\p{M}'’ -]*$")]
    private static partial Regex PlainName();
}
