using FairFund.Web.Accounts;
using FairFund.Web.Email;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace FairFund.Tests.Web.Email;

public sealed class MailDropTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("fairfund-mail-");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2027, 3, 1, 9, 30, 0, TimeSpan.Zero));

    public void Dispose() => _folder.Delete(recursive: true);

    private string MailFolder => Path.Combine(_folder.FullName, "mail");

    [Fact]
    public async Task Send_OneMessage_WritesOneWholeEmlFileAndNothingElse()
    {
        var drop = new MailDrop(MailFolder, _clock);

        await drop.SendAsync(Composer().Compose("sam@example.org", "Hello", Body("Body text")), CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(MailFolder));
        Assert.Matches(@"^20270301T093000\.0000000Z-[0-9a-f]{32}\.eml$", Path.GetFileName(file));
        var read = await MimeMessage.LoadAsync(file);
        Assert.Equal("Hello", read.Subject);
        Assert.Equal("sam@example.org", read.To.Mailboxes.Single().Address);
        Assert.Equal("Body text\n", read.TextBody!.ReplaceLineEndings("\n"));
        Assert.Contains("<p>Body text</p>", read.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_ManyAtOnceAndLater_EachGetsItsOwnFileAndNamesSortByTime()
    {
        var drop = new MailDrop(MailFolder, _clock);
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => drop.SendAsync(Composer().Compose("sam@example.org", $"First {i}", Body("x")), CancellationToken.None)));
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        await drop.SendAsync(Composer().Compose("sam@example.org", "Last", Body("x")), CancellationToken.None);

        var names = Directory.GetFiles(MailFolder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(21, names.Count);
        Assert.All(names, name => Assert.EndsWith(MailDrop.Extension, name, StringComparison.Ordinal));
        Assert.Equal("Last", MimeMessage.Load(Path.Combine(MailFolder, names[^1]!)).Subject);
    }

    [Fact]
    public void Compose_FunderWithNoReplyTo_ComesFromTheFunderAtTheConfiguredAddressWithNoReplyTo()
    {
        var composer = Composer(new Funder { Name = "Test Fund" }, new MailOptions { From = "grants@fund.example" });

        var message = composer.Compose("sam@example.org", "Subject", Body("x"));

        Assert.Equal("\"Test Fund\" <grants@fund.example>", message.From.ToString());
        Assert.Empty(message.ReplyTo);
        Assert.Equal(_clock.GetUtcNow(), message.Date);
    }

    [Fact]
    public void Compose_NoFunderSet_ComesFromFairFundAtTheDefaultAddress()
    {
        var message = Composer(new Funder(), new MailOptions()).Compose("sam@example.org", "Subject", Body("x"));

        Assert.Equal("FairFund", message.From.Mailboxes.Single().Name);
        Assert.Equal("no-reply@fairfund.localhost", message.From.Mailboxes.Single().Address);
    }

    private MailComposer Composer(Funder? funder = null, MailOptions? options = null) =>
        new(Options.Create(options ?? new MailOptions()), Options.Create(funder ?? new Funder { Name = "Test Fund", ReplyTo = "help@fund.example" }), _clock);

    private static RenderedMail Body(string text) => new($"<p>{text}</p>", text + "\n");
}
