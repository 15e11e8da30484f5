using System.Text;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace FairFund.Web.Email;

/// <summary>
/// Queues email. <see cref="QueueAsync"/> only adds a row to the request's <see cref="FairFundDbContext"/>:
/// the caller's own <c>SaveChanges</c> commits it together with the change that caused it, and once that
/// has committed, the <see cref="OutboxDispatcher"/> is woken to send it.
/// </summary>
public sealed class Outbox(FairFundDbContext db, OutboxSignal signal, IOptions<MailOptions> mail, TimeProvider time)
{
    private readonly HashSet<string> _queuedKeys = new(StringComparer.Ordinal);
    private bool _wakesDispatcher;

    /// <summary>
    /// Adds the message to the outbox, giving it its Message-Id. With a <paramref name="dedupKey"/>, a message
    /// already queued under that key (saved, or waiting in this context) means nothing is added, and the
    /// answer is false; the unique index on the key stops two requests that both checked at the same moment.
    /// </summary>
    public async Task<bool> QueueAsync(MimeMessage message, MailKind kind, string? relatedReference, string? dedupKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        // Keys queued through this outbox are remembered here: DbSet.Local would detect changes on every tracked row each time.
        if (dedupKey is not null
            && (_queuedKeys.Contains(dedupKey) || await db.OutboxMessages.AnyAsync(queued => queued.DedupKey == dedupKey, cancellationToken)))
            return false;
        if (dedupKey is not null) _queuedKeys.Add(dedupKey);

        var id = Guid.NewGuid();
        message.MessageId = $"{id:N}@{MessageIdDomain(mail.Value.From)}";
        // Encoded now (quoted-printable where a part needs it), so what is kept is exactly what any server is sent.
        message.Prepare(EncodingConstraint.SevenBit);
        db.OutboxMessages.Add(new OutboxMessage(id, message.MessageId, kind, message.To.Mailboxes.Single().Address, message.Subject ?? "", MimeText(message),
            relatedReference, dedupKey, time.GetUtcNow()));
        if (!_wakesDispatcher)
        {
            _wakesDispatcher = true;
            db.SavedChanges += (_, _) => signal.Wake();
        }
        return true;
    }

    /// <summary>The message as the text a mail server would receive.</summary>
    public static string MimeText(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var buffer = new MemoryStream();
        message.WriteTo(buffer);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static MimeMessage Parse(string mime) => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(mime)));

    private static string MessageIdDomain(string from) =>
        MailboxAddress.TryParse(from, out var address) && address.Domain is { Length: > 0 } domain ? domain : "fairfund.localhost";
}

/// <summary>Wakes the dispatcher when a message has been queued, so it goes at once rather than at the next poll.</summary>
public sealed class OutboxSignal
{
    private readonly System.Threading.Channels.Channel<bool> _wakeUps =
        System.Threading.Channels.Channel.CreateBounded<bool>(new System.Threading.Channels.BoundedChannelOptions(1) { FullMode = System.Threading.Channels.BoundedChannelFullMode.DropWrite });

    public void Wake() => _wakeUps.Writer.TryWrite(true);

    /// <summary>Waits until woken or until <paramref name="longest"/> has passed on the app's clock.</summary>
    public async Task WaitAsync(TimeSpan longest, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(longest, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await _wakeUps.Reader.WaitToReadAsync(either.Token);
            _wakeUps.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Time to look for retries that have come due.
        }
    }
}
