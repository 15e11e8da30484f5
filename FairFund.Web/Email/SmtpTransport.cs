using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace FairFund.Web.Email;

public enum SmtpSecurity
{
    /// <summary>No encryption: only for a server on the same machine or in tests.</summary>
    None,

    /// <summary>Connect in plain text and require STARTTLS before anything is sent (usually port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (usually port 465).</summary>
    Tls,
}

/// <summary>
/// The SMTP server, under <c>FairFund:Mail:Smtp</c>. Set these in the environment
/// (<c>FairFund__Mail__Smtp__Host</c>, <c>…__Password</c>) or user secrets, never in a file in the repository.
/// With no host, mail is written to <c>data/mail/</c> instead.
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "FairFund:Mail:Smtp";

    public string Host { get; set; } = "";

    /// <summary>0 means the usual port for <see cref="Security"/>: 25, 587 or 465.</summary>
    public int Port { get; set; }

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    public string UserName { get; set; } = "";

    public string Password { get; set; } = "";

    public bool IsSet => Host.Length > 0;

    public int PortOrDefault => Port > 0 ? Port : Security switch
    {
        SmtpSecurity.None => 25,
        SmtpSecurity.StartTls => 587,
        _ => 465,
    };
}

/// <summary>Sends through an SMTP server with MailKit, one connection for each pass of the dispatcher.</summary>
public sealed class SmtpTransport(IOptions<SmtpOptions> options) : IMailTransport
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public IMailSession OpenSession() => new Session(options.Value);

    private sealed class Session(SmtpOptions smtp) : IMailSession
    {
        private SmtpClient? _client;

        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            try
            {
                var client = await ConnectedAsync(cancellationToken);
                await client.SendAsync(message, cancellationToken);
            }
            catch
            {
                // The connection may be half-way through a command: the next message starts a fresh one.
                await CloseAsync(quit: false);
                throw;
            }
        }

        private async Task<SmtpClient> ConnectedAsync(CancellationToken cancellationToken)
        {
            if (_client is { IsConnected: true } connected) return connected;
            await CloseAsync(quit: false);
            var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
            _client = client;
            var security = smtp.Security switch
            {
                SmtpSecurity.None => SecureSocketOptions.None,
                SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                _ => SecureSocketOptions.SslOnConnect,
            };
            // Our own socket, to turn off Nagle's algorithm: each SMTP command is a small write that waits for its reply.
            var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(smtp.Host, smtp.PortOrDefault, cancellationToken);
                await client.ConnectAsync(socket, smtp.Host, smtp.PortOrDefault, security, cancellationToken);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
            if (smtp.UserName.Length > 0) await client.AuthenticateAsync(smtp.UserName, smtp.Password, cancellationToken);
            return client;
        }

        private async Task CloseAsync(bool quit)
        {
            if (_client is not { } client) return;
            _client = null;
            try
            {
                if (quit && client.IsConnected) await client.DisconnectAsync(quit: true, CancellationToken.None);
            }
            catch (Exception e) when (e is IOException or MailKit.ProtocolException or System.Net.Sockets.SocketException or OperationCanceledException)
            {
                // Every message was already accepted or not; a failed goodbye changes nothing.
            }
            finally
            {
                client.Dispose();
            }
        }

        public async ValueTask DisposeAsync() => await CloseAsync(quit: true);
    }
}
