using MimeKit;

namespace FairFund.Web.Email;

/// <summary>
/// Sends one finished message. For now <see cref="MailDrop"/> writes it to a folder; a later change puts an
/// outbox and SMTP behind this same interface, so callers do not change.
/// </summary>
public interface IMailSender
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
