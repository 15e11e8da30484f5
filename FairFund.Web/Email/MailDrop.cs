using MimeKit;

namespace FairFund.Web.Email;

/// <summary>
/// Writes each message as an <c>.eml</c> file in a folder (<c>data/mail/</c>), for running FairFund with no
/// SMTP server. A message is written to a temporary file and then renamed, so that anyone reading the folder
/// sees whole messages only; names sort by the time of sending, and a unique id keeps them apart.
/// </summary>
public sealed class MailDrop(string folder, TimeProvider time) : IMailTransport, IMailSession
{
    public const string Extension = ".eml";

    public string Folder { get; } = folder;

    public IMailSession OpenSession() => this;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        Directory.CreateDirectory(Folder);
        var name = $"{time.GetUtcNow().UtcDateTime:yyyyMMdd'T'HHmmss'.'fffffff'Z'}-{Guid.NewGuid():N}";
        // The temporary name does not end in .eml, so a reader looking for messages passes it by.
        var partial = Path.Combine(Folder, "." + name + ".partial");
        try
        {
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await message.WriteToAsync(file, cancellationToken);
                await file.FlushAsync(cancellationToken);
            }
            File.Move(partial, Path.Combine(Folder, name + Extension));
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
        }
    }
}
