using System.Net;
using FairFund.Web.Data;
using FairFund.Web.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Email;

public sealed class FailedMailPageTests
{
    [Fact]
    public async Task TryAgain_MessageFailedEveryTry_IsListedWithItsErrorThenDeliveredOnce()
    {
        using var smtp = SmtpLoopback.Down();
        using var app = smtp.App(new() { ["FairFund:Mail:MaxAttempts"] = "2" });
        using var client = await SignedInClient.As(app, SignedInClient.Manager);
        app.DeliverMail();
        await app.WithScopeAsync(async services =>
        {
            var message = services.GetRequiredService<MailComposer>().Compose("sam@example.org", "Your <application> was received", Body("Thank you"));
            await services.GetRequiredService<Outbox>().QueueAsync(message, MailKind.ApplicationReceived, "CWMHA-2027-001", null, CancellationToken.None);
            await services.GetRequiredService<FairFundDbContext>().SaveChangesAsync();
        });
        app.DeliverMail();

        var waiting = await client.GetStringAsync(new Uri("/fund/mail", UriKind.Relative));
        Assert.Contains("No email has failed.", waiting, StringComparison.Ordinal);
        Assert.Contains("Your &lt;application&gt; was received", waiting, StringComparison.Ordinal);
        Assert.Contains("Connection refused", waiting, StringComparison.OrdinalIgnoreCase);

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        app.DeliverMail();
        Assert.Contains("1 failed", await client.GetStringAsync(new Uri("/fund", UriKind.Relative)), StringComparison.Ordinal);
        var failed = await client.GetStringAsync(new Uri("/fund/mail", UriKind.Relative));
        Assert.Contains("No email is waiting.", failed, StringComparison.Ordinal);
        Assert.Contains("sam@example.org", failed, StringComparison.Ordinal);
        Assert.Contains("Try again", failed, StringComparison.Ordinal);

        smtp.StartAgain();
        var id = await app.WithScopeAsync(services => services.GetRequiredService<FairFundDbContext>().OutboxMessages.Select(m => m.Id).SingleAsync());
        using (var retried = await client.PostFormAsync($"/fund/mail?handler=TryAgain&id={id}", [], "/fund/mail"))
            Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        Assert.Equal(1, app.DeliverMail());

        Assert.Equal("Your <application> was received", Assert.Single(smtp.Received()).Subject);
        var after = await client.GetStringAsync(new Uri("/fund/mail", UriKind.Relative));
        Assert.Contains("The email to sam@example.org will be tried again now", after, StringComparison.Ordinal);
        Assert.Contains("No email has failed.", after, StringComparison.Ordinal);
        Assert.Contains("No email is waiting.", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MailPage_Applicant_IsRefused()
    {
        using var app = new FairFundFactory();
        using var client = await SignedInClient.As(app, SignedInClient.Applicant);

        using var response = await client.GetAsync(new Uri("/fund/mail", UriKind.Relative));

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    private static RenderedMail Body(string text) => new($"<p>{System.Net.WebUtility.HtmlEncode(text)}</p>", text + "\n");
}
