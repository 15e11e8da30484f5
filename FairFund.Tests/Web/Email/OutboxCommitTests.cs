using FairFund.Tests.Web.Data;
using FairFund.Web.Data;
using FairFund.Web.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Email;

/// <summary>How many commits the outbox costs while a deadline rush is writing too.</summary>
public sealed class OutboxCommitTests : IDisposable
{
    private const int Queued = 30;

    private readonly DatabaseCounters counters = new();
    private readonly FairFundFactory factory;

    public OutboxCommitTests() => factory = new FairFundFactory { RunRoundClock = false, RunMailWorker = false, WithServices = counters.AddTo };

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task Dispatch_ManyQueuedMessages_SendsEachOnceWithOneCommitPerMessageAndOnePerBatch()
    {
        await factory.WithScopeAsync(async services =>
        {
            var composer = services.GetRequiredService<MailComposer>();
            var outbox = services.GetRequiredService<Outbox>();
            for (var i = 1; i <= Queued; i++)
                await outbox.QueueAsync(composer.Compose($"applicant{i}@example.org", $"Message {i}", new RenderedMail($"<p>{i}</p>", $"{i}\n")),
                    MailKind.ApplicationReceived, $"A-{i}", $"commits:{i}", CancellationToken.None);
            await services.GetRequiredService<FairFundDbContext>().SaveChangesAsync();
        });
        counters.Reset();

        var sent = factory.DeliverMail();

        Assert.Equal(Queued, sent);
        Assert.Equal(Queued, Directory.GetFiles(factory.MailFolder, "*.eml").Length);
        Assert.Equal(Queued, await factory.WithScopeAsync(services =>
            services.GetRequiredService<FairFundDbContext>().OutboxMessages.CountAsync(message => message.SentAt != null && message.Attempts == 1)));
        // The batch is claimed in one commit and each message marked sent in one: not a claim and a mark for each.
        Assert.Equal(Queued + 1, counters.Commits);
    }
}
