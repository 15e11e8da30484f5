using System.Net;
using System.Text;
using MimeKit;
using netDumbster.smtp;

namespace FairFund.Tests.Web.Email;

/// <summary>
/// A real SMTP server on 127.0.0.1 in the test process, which can be stopped and started again on the same
/// port, and an app set up to send to it.
/// </summary>
public sealed partial class SmtpLoopback : IDisposable
{
    private SimpleSmtpServer? _server;

    private SmtpLoopback(int port) => Port = port;

    public int Port { get; }

    public static SmtpLoopback Start()
    {
        var server = Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();
        return new SmtpLoopback(server.Configuration.Port) { _server = server };
    }

    /// <summary>A port that had a server a moment ago and now has none, for a server that is down.</summary>
    public static SmtpLoopback Down()
    {
        var loopback = Start();
        loopback.Stop();
        return loopback;
    }

    public void Stop()
    {
        _server?.Stop();
        _server?.Dispose();
        _server = null;
    }

    public void StartAgain() => _server ??= Configuration.Configure().WithAddress(IPAddress.Loopback).WithPort(Port).Build();

    /// <summary>Everything received, oldest first, as MimeKit reads it.</summary>
    public IReadOnlyList<MimeMessage> Received() =>
        _server is null ? [] : _server.ReceivedEmail.Reverse().Select(email => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(Unstuffed(email.Data))))).ToList();

    /// <summary>
    /// The message as sent: SMTP doubles the dot that starts a line (RFC 5321, 4.5.2) and the receiver takes it off
    /// again, as every mail server does; netDumbster keeps it, so a long line folded just before a full stop read "..".
    /// </summary>
    private static string Unstuffed(string data) => DotStuffed().Replace(data, "");

    [System.Text.RegularExpressions.GeneratedRegex(@"(?m)^\.")]
    private static partial System.Text.RegularExpressions.Regex DotStuffed();

    public int Count => _server?.ReceivedEmailCount ?? 0;

    /// <summary>An app that sends here with no TLS and no sign-in, and no background worker: the test runs each pass.</summary>
    public FairFundFactory App(Dictionary<string, string>? settings = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? withServices = null, bool runMailWorker = false)
    {
        var all = new Dictionary<string, string>
        {
            ["FairFund:Mail:Smtp:Host"] = "127.0.0.1",
            ["FairFund:Mail:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["FairFund:Mail:Smtp:Security"] = "None",
        };
        foreach (var (key, value) in settings ?? []) all[key] = value;
        return new FairFundFactory { Settings = all, RunMailWorker = runMailWorker, RunRoundClock = false, WithServices = withServices };
    }

    public void Dispose() => Stop();
}
