using System.Net;
using FairFund.Domain.Applications;
using FairFund.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Apply;

/// <summary>
/// Checking answers and sending: a send counts when it reaches the server before the round's closing
/// instant; sending twice, or twice at once, sends once; an incomplete application is not sent.
/// </summary>
public sealed class SendApplicationTests : IDisposable
{
    private readonly FairFundFactory factory = new() { RunRoundClock = false };

    public void Dispose() => factory.Dispose();

    private static string Check(string reference) => $"/apply/applications/{reference}/check";

    private static string Sent(string reference) => $"/apply/applications/{reference}/sent";

    private static string Received(string reference) => $"We received your application {reference}";

    [Fact]
    public async Task Check_CompleteApplication_ShowsEveryAnswerWithChangeLinksAndTheSendButton()
    {
        var reference = await factory.StartAsync(complete: true);
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);

        var html = await client.GetStringAsync(new Uri(Check(reference), UriKind.Relative));

        Assert.Contains("Check your answers before sending your application", html);
        Assert.Contains("Foleshill Peer Support", html);
        Assert.Contains("Peer support walks", html);
        Assert.Contains("£4,500", html);
        Assert.Contains($"href=\"/apply/applications/{reference}/budget?returnTo=check\"", html);
        Assert.Contains($"href=\"/apply/organisation?returnTo={reference}\"", html);
        Assert.Contains("<dt class=\"govuk-summary-list__key\">Supporting documents</dt>", html);
        Assert.Contains("By sending this application you confirm", html);
        Assert.Contains("data-prevent-double-click=\"true\">Send application</button>", html);
    }

    [Fact]
    public async Task Check_SentApplication_ShowsWhatWasSentWithNothingToChange()
    {
        var reference = await factory.StartAsync(complete: true);
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);
        using var sent = await client.PostFormAsync(Check(reference), []);

        var html = await client.GetStringAsync(new Uri(Check(reference), UriKind.Relative));

        Assert.Contains("<h1 class=\"govuk-heading-l\">Your application as sent</h1>", html);
        Assert.Contains("Peer support walks", html);
        Assert.Contains("£4,500", html);
        Assert.DoesNotContain(">Change<", html);
        Assert.DoesNotContain("Send application</button>", html);
    }

    [Fact]
    public async Task ChangeGroupDetails_FromCheckYourAnswers_ReturnsThereAfterSaving()
    {
        var reference = await factory.StartAsync(complete: true);
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);
        var check = await client.GetStringAsync(new Uri(Check(reference), UriKind.Relative));
        var change = System.Text.RegularExpressions.Regex.Match(check, "href=\"(/apply/organisation\\?returnTo=[^\"]+)\"").Groups[1].Value;
        var form = await client.GetStringAsync(new Uri(change, UriKind.Relative));
        var fields = System.Text.RegularExpressions.Regex.Matches(form, "<input[^>]*?name=\"(Input\\.[^\"]+)\"[^>]*?value=\"([^\"]*)\"")
            .Where(input => !input.Value.Contains("type=\"radio\"", StringComparison.Ordinal) || input.Value.Contains("checked", StringComparison.Ordinal))
            .ToDictionary(input => input.Groups[1].Value, input => WebUtility.HtmlDecode(input.Groups[2].Value));
        fields["Input.Type"] = "UnregisteredGroup";

        using var saved = await client.PostFormAsync(change, fields);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(Check(reference), saved.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Send_CompleteApplication_SubmitsItAsThePersonAndConfirms()
    {
        var reference = await factory.StartAsync(complete: true);
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);
        var now = factory.Clock.GetUtcNow();

        using var response = await client.PostFormAsync(Check(reference), []);

        Assert.Equal(Sent(reference), response.Headers.Location!.OriginalString);
        var (saved, _) = await factory.LoadAsync(reference);
        Assert.Equal(ApplicationState.Submitted, saved.State);
        Assert.Equal(now, saved.SubmittedAt);
        Assert.Single(saved.History, change => change.Trigger == nameof(ApplicationTrigger.Submit));
        Assert.Equal(SignedInClient.Applicant, saved.SubmittedBy);
        var confirmation = await client.GetStringAsync(new Uri(Sent(reference), UriKind.Relative));
        Assert.Contains("<h1 class=\"govuk-panel__title\">Application sent</h1>", confirmation);
        Assert.Contains($"<strong>{reference}</strong>", confirmation);
        Assert.Contains($"href=\"/apply/applications/{reference}/status\"", confirmation);
        var received = Mailbox.Message(factory, SignedInClient.Applicant, Received(reference));
        Assert.Contains($"Your reference number is {reference}.", received.TextBody, StringComparison.Ordinal);
        Assert.Equal($"/apply/applications/{reference}/status", Mailbox.LinkTo(received, $"/apply/applications/{reference}/status").OriginalString);
    }

    [Fact]
    public async Task Send_AtExactlyTheClosingInstant_IsRefusedAndKeepsTheDraft()
    {
        var reference = await factory.StartAsync(complete: true);
        var round = await factory.RoundAsync();
        using var client = await SignedInMinutesBeforeClosingAsync(round.ClosesAt);
        var send = await SendFormAsync(client, reference);
        var (_, version) = await factory.LoadAsync(reference);

        factory.Clock.SetUtcNow(round.ClosesAt);
        using var response = await send.SubmitAsync(client);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("This round closed at midday on", html);
        Assert.Contains("(UK time). Your application was not sent. Your answers are kept", html);
        Assert.DoesNotContain(">Send application</button>", html);
        var (saved, after) = await factory.LoadAsync(reference);
        Assert.Equal(ApplicationState.Draft, saved.State);
        Assert.Null(saved.SubmittedAt);
        Assert.Equal(version, after);
        Assert.Equal("Peer support walks", saved.Title);
        Assert.Empty(Mailbox.To(factory, SignedInClient.Applicant));
    }

    [Fact]
    public async Task Send_OneTickBeforeTheClosingInstant_IsAccepted()
    {
        var reference = await factory.StartAsync(complete: true);
        var round = await factory.RoundAsync();
        using var client = await SignedInMinutesBeforeClosingAsync(round.ClosesAt);
        var send = await SendFormAsync(client, reference);

        factory.Clock.SetUtcNow(round.ClosesAt.AddTicks(-1));
        using var response = await send.SubmitAsync(client);

        Assert.Equal(Sent(reference), response.Headers.Location!.OriginalString);
        var (saved, _) = await factory.LoadAsync(reference);
        Assert.Equal(ApplicationState.Submitted, saved.State);
        Assert.Equal(PostgreSqlTestDatabase.AsStored(round.ClosesAt.AddTicks(-1)), saved.SubmittedAt);
    }

    [Fact]
    public async Task Send_Twice_SendsOnceAndKeepsTheFirstTime()
    {
        var reference = await factory.StartAsync(complete: true);
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);
        var send = await SendFormAsync(client, reference);
        var first = factory.Clock.GetUtcNow();

        using var once = await send.SubmitAsync(client);
        factory.Clock.Advance(TimeSpan.FromSeconds(3));
        using var twice = await send.SubmitAsync(client);

        Assert.Equal(Sent(reference), once.Headers.Location!.OriginalString);
        Assert.Equal(Sent(reference), twice.Headers.Location!.OriginalString);
        var (saved, _) = await factory.LoadAsync(reference);
        Assert.Equal(first, saved.SubmittedAt);
        Assert.Single(saved.History, change => change.Trigger == nameof(ApplicationTrigger.Submit));
    }

    [Fact]
    public async Task Send_TwiceAtOnce_SendsOnceAndBothConfirm()
    {
        var reference = await factory.StartAsync(complete: true);
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);
        var send = await SendFormAsync(client, reference);

        var responses = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => send.SubmitAsync(client)));

        Assert.All(responses, response => Assert.Equal(Sent(reference), response.Headers.Location?.OriginalString));
        foreach (var response in responses) response.Dispose();
        var (saved, _) = await factory.LoadAsync(reference);
        Assert.Equal(ApplicationState.Submitted, saved.State);
        Assert.Single(saved.History, change => change.Trigger == nameof(ApplicationTrigger.Submit));
        Assert.Single(Mailbox.To(factory, SignedInClient.Applicant), mail => mail.Subject == Received(reference));
    }

    [Fact]
    public async Task Check_IncompleteApplication_ListsWhatIsMissingAndSendIsRefused()
    {
        var reference = await factory.StartAsync();
        await factory.ChangeAsync(reference, application => application.AnswerProject(new ProjectAnswers("Peer support walks", "", null, null)));
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);

        var html = await client.GetStringAsync(new Uri(Check(reference), UriKind.Relative));
        // Forged on purpose: the page offers no button, but a crafted post is refused too.
        using var response = await client.PostComposedAsync(Check(reference), [], formPage: "/apply/organisation");
        var refused = await response.Content.ReadAsStringAsync();

        Assert.Contains("You cannot send your application yet", html);
        Assert.Contains($"href=\"/apply/applications/{reference}/project?returnTo=check#what-you-will-do\">Enter what you will do</a>", html);
        Assert.Contains($"href=\"/apply/applications/{reference}/budget?returnTo=check#budget\">Enter at least one thing the money is for, and its cost</a>", html);
        Assert.DoesNotContain(">Send application</button>", html);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Your application was not sent, because some questions still need answers", refused);
        var (saved, _) = await factory.LoadAsync(reference);
        Assert.Equal(ApplicationState.Draft, saved.State);
        Assert.Null(saved.SubmittedAt);
    }

    [Fact]
    public async Task Send_WhenTheGroupsDetailsNeedUpdating_IsRefused()
    {
        var reference = await factory.StartAsync(complete: true);
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);
        // The check page opened while the group's details were complete, and sent from after they changed.
        var send = await client.FormAsync(Check(reference), []);
        await factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var group = await db.Organisations.SingleAsync(group => group.Name == Drafts.DemoGroup);
            group.Update(group.Details with { AreaServed = "" });
            await db.SaveChangesAsync();
        });

        using var response = await send.SubmitAsync(client);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("because your group&#x27;s details need updating first", html);
        Assert.Contains("Your group&#x27;s details: <a class=\"govuk-link\" href=\"/apply/organisation\">", html);
        Assert.Equal(ApplicationState.Draft, (await factory.LoadAsync(reference)).Application.State);
    }

    [Fact]
    public async Task Send_ManyTimesAMinute_IsLimited()
    {
        using var limited = factory.WithWebHostBuilder(builder => builder.UseSetting("FairFund:SendsPerMinute", "2"));
        var reference = await factory.StartAsync(complete: true);
        using var client = limited.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var signIn = await client.PostFormAsync("/account/sign-in",
            new() { ["Input.Email"] = SignedInClient.Applicant, ["Input.Password"] = SignedInClient.Passwords[SignedInClient.Applicant] });
        var send = await SendFormAsync(client, reference);

        using var first = await send.SubmitAsync(client);
        using var second = await send.SubmitAsync(client);
        using var third = await send.SubmitAsync(client);

        Assert.Equal(Sent(reference), second.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Single((await factory.LoadAsync(reference)).Application.History, change => change.Trigger == nameof(ApplicationTrigger.Submit));
    }

    /// <summary>A few minutes before the round closes, the person signs in (a sign-in lasts days, not weeks).</summary>
    private async Task<HttpClient> SignedInMinutesBeforeClosingAsync(DateTimeOffset closesAt)
    {
        factory.Clock.SetUtcNow(closesAt.AddMinutes(-5));
        return await SignedInClient.As(factory, SignedInClient.Applicant);
    }

    /// <summary>The check page's "Send application" form as the page gives it now, to press later or more than once.</summary>
    private static Task<PageForm> SendFormAsync(HttpClient client, string reference) => client.FormAsync(Check(reference), []);
}
