using System.Text.RegularExpressions;
using MimeKit;

namespace FairFund.Tests.Web;

/// <summary>
/// Reads the mail the app wrote to its data folder, as a person's inbox would show it. Everything queued is
/// delivered first, so what a test reads (or finds missing) does not depend on the background worker's timing.
/// </summary>
public static partial class Mailbox
{
    public static IReadOnlyList<MimeMessage> All(FairFundFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        factory.DeliverMail();
        if (!Directory.Exists(factory.MailFolder)) return [];
        return Directory.GetFiles(factory.MailFolder, "*.eml").Order(StringComparer.Ordinal).Select(path => MimeMessage.Load(path)).ToList();
    }

    public static IReadOnlyList<MimeMessage> To(FairFundFactory factory, string address) =>
        All(factory).Where(message => message.To.Mailboxes.Any(mailbox => string.Equals(mailbox.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();

    /// <summary>The one message to that address with that subject; fails the test if there is not exactly one.</summary>
    public static MimeMessage Message(FairFundFactory factory, string address, string subject) =>
        Assert.Single(To(factory, address), message => message.Subject == subject);

    /// <summary>The link in the message's text part that goes to the page, as a path and query for the test client.</summary>
    public static Uri LinkTo(MimeMessage message, string path)
    {
        ArgumentNullException.ThrowIfNull(message);
        var link = Assert.Single(Links().Matches(message.TextBody ?? ""), match => new Uri(match.Value).AbsolutePath == path).Value;
        // The HTML part carries the same link, HTML-encoded.
        Assert.Contains(link, System.Net.WebUtility.HtmlDecode(message.HtmlBody), StringComparison.Ordinal);
        return new Uri(new Uri(link).PathAndQuery, UriKind.Relative);
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Links();
}
