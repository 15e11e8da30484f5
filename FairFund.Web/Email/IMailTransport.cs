using MimeKit;

namespace FairFund.Web.Email;

/// <summary>
/// Where finished messages go: an SMTP server (<see cref="SmtpTransport"/>) or, with no server set, a folder
/// of <c>.eml</c> files (<see cref="MailDrop"/>). Only the <see cref="OutboxDispatcher"/> uses it.
/// </summary>
public interface IMailTransport
{
    /// <summary>A session for one pass of the dispatcher, so SMTP can send every due message over one connection.</summary>
    IMailSession OpenSession();
}

public interface IMailSession : IAsyncDisposable
{
    /// <summary>Returns once the message was accepted; throws if it was not, or if that is unknown.</summary>
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
