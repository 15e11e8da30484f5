using Xunit.Abstractions;
using System.Diagnostics;
using FairFund.Domain.Allocation;
using FairFund.Web.Data;
using FairFund.Web.Email;
using FairFund.Web.Email.Templates;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Email;

/// <summary>Runs alone, so the other tests' apps do not share its two cores while it is timed.</summary>
[CollectionDefinition(nameof(DecisionMailVolumeTests), DisableParallelization = true)]
public sealed class RunsAloneWhenTimed;

[Collection(nameof(DecisionMailVolumeTests))]
public sealed class DecisionMailVolumeTests(ITestOutputHelper output)
{
    /// <summary>The measure: a round's worth of decisions rendered, queued in one save and delivered to a local SMTP server.</summary>
    [Fact]
    public async Task RenderQueueAndDeliver_OneThousandDecisions_TakesUnderTwentySecondsAndSendsEachOnce()
    {
        using var smtp = SmtpLoopback.Start();
        // EF's log of every SQL command is not what is measured.
        using var app = smtp.App(new() { ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning" });
        _ = app.Services;
        var decisions = new[] { Decision.Award, Decision.Waitlist, Decision.Decline };
        var clock = Stopwatch.StartNew();

        await app.WithScopeAsync(async services =>
        {
            var mailer = services.GetRequiredService<Mailer>();
            for (var i = 0; i < 1_000; i++)
            {
                var decision = decisions[i % 3];
                var model = MailTemplatesTests.Decision(decision, $"Group {i}") with { Reference = $"R1-{i:0000}" };
                var to = $"group{i}@example.org";
                var key = $"decision:{i}";
                _ = decision switch
                {
                    Decision.Award => await mailer.QueueAsync<Award, DecisionMail>(to, model, model.Reference, key, CancellationToken.None),
                    Decision.Waitlist => await mailer.QueueAsync<Waitlist, DecisionMail>(to, model, model.Reference, key, CancellationToken.None),
                    _ => await mailer.QueueAsync<Decline, DecisionMail>(to, model, model.Reference, key, CancellationToken.None),
                };
            }
            await services.GetRequiredService<FairFundDbContext>().SaveChangesAsync();
        });
        var queued = clock.Elapsed;
        var sent = app.DeliverMail();
        clock.Stop();

        output.WriteLine($"1,000 decision emails: rendered and queued in {queued.TotalSeconds:0.0} s, all delivered in {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(1_000, sent);
        Assert.Equal(1_000, smtp.Received().Select(mail => mail.MessageId).Distinct().Count());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"Took {clock.Elapsed.TotalSeconds:0.0} s");
    }
}
