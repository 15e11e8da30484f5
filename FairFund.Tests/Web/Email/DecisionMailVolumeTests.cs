using FairFund.Domain.Allocation;
using FairFund.Web.Data;
using FairFund.Web.Email;
using FairFund.Web.Email.Templates;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Email;

public sealed class DecisionMailVolumeTests
{
    /// <summary>
    /// A round's worth of decisions rendered, queued in one save and delivered to a local SMTP server, each exactly once.
    /// (How long it takes is measured by a benchmark, not asserted here: a test's timing depends on the machine's load.)
    /// </summary>
    [Fact]
    public async Task RenderQueueAndDeliver_OneThousandDecisions_SendsEachExactlyOnce()
    {
        using var smtp = SmtpLoopback.Start();
        // EF's log of every SQL command would be most of the work.
        using var app = smtp.App(new() { ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning" });
        _ = app.Services;
        var decisions = new[] { Decision.Award, Decision.Waitlist, Decision.Decline };

        await app.WithScopeAsync(async services =>
        {
            var mailer = services.GetRequiredService<Mailer>();
            for (var i = 0; i < 1_000; i++)
            {
                var decision = decisions[i % 3];
                var model = MailTemplatesTests.Decision(decision, $"Group {i}") with { Reference = $"R1-{i:0000}" };
                var to = $"group{i}@example.org";
                var key = $"decision:{i}";
                await mailer.QueueAsync<DecisionEmail, DecisionMail>(to, model, model.Reference, key, CancellationToken.None);
            }
            await services.GetRequiredService<FairFundDbContext>().SaveChangesAsync();
        });
        var sent = app.DeliverMail();

        Assert.Equal(1_000, sent);
        Assert.Equal(1_000, smtp.Received().Select(mail => mail.MessageId).Distinct().Count());
    }
}
