using System.Net;
using FairFund.Domain.Applications;
using FairFund.Domain.Messages;
using FairFund.Tests.Web.Apply;
using FairFund.Tests.Web.Email;
using FairFund.Tests.Web.Panel;
using FairFund.Web.Data;
using FairFund.Web.Rounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Messages;

/// <summary>
/// The fund manager's messages, each written on the page's own form: to one group, to the groups the applications
/// list's filter finds, or to the panel. Each goes once through the outbox to a real SMTP server, with the funder's
/// reply-to address, and is kept on the application's or the round's record with who and when; the group reads it on
/// its status page. A question asked during screening is answered on the group's status page and kept with the application.
/// </summary>
public sealed class MessagePageTests
{
    private const string Round = Drafts.DemoRound;
    private const string ReplyTo = "grants@demo.fairfund.test";

    private static string MessagePage(string query) => $"/fund/rounds/{Round}/message?{query}";

    private static async Task<HttpResponseMessage> WriteAsync(HttpClient manager, string page, string subject, string body)
    {
        var html = await manager.GetStringAsync(new Uri(page, UriKind.Relative));
        return await PageForms.Find(html, page, "/message").SubmitAsync(manager, new Dictionary<string, string> { ["Subject"] = subject, ["Body"] = body });
    }

    private static Task<List<FundMessage>> MessagesAsync(FairFundFactory app) =>
        app.WithScopeAsync(services => services.GetRequiredService<FairFundDbContext>().FundMessages.AsNoTracking().ToListAsync());

    [Fact]
    public async Task WriteToOneGroup_GoesOnceWithTheReplyToAndShowsOnItsStatusPage()
    {
        using var smtp = SmtpLoopback.Start();
        using var app = smtp.App();
        var reference = await app.StartAsync(complete: true);
        using var manager = await SignedInClient.As(app, SignedInClient.Manager);

        using var sent = await WriteAsync(manager, MessagePage($"to=group&application={reference}"), "Your budget", "Please check line 2.\n\nThe cost looks high.");
        app.DeliverMail();
        app.DeliverMail();

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var mail = Assert.Single(smtp.Received());
        Assert.Equal(("Your budget", SignedInClient.Applicant, ReplyTo), (mail.Subject, mail.To.Mailboxes.Single().Address, mail.ReplyTo.Mailboxes.Single().Address));
        Assert.Contains("Please check line 2.", mail.TextBody, StringComparison.Ordinal);
        var kept = Assert.Single(await MessagesAsync(app));
        var (application, _) = await app.LoadAsync(reference);
        Assert.Equal((application.Id, SignedInClient.Manager, app.Clock.GetUtcNow(), MessageAudience.Group), (kept.ApplicationId!.Value, kept.SentBy, kept.SentAt, kept.Audience));
        using var applicant = await SignedInClient.As(app, SignedInClient.Applicant);
        var status = await applicant.GetStringAsync(new Uri($"/apply/applications/{reference}/status", UriKind.Relative));
        Assert.Contains("<strong>Your budget</strong>", status, StringComparison.Ordinal);
        Assert.Contains("The cost looks high.", status, StringComparison.Ordinal);
        Assert.DoesNotContain(SignedInClient.Manager, status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteToOneGroup_OverTheWordLimit_IsRefusedAtTheFieldAndNothingIsSent()
    {
        using var smtp = SmtpLoopback.Start();
        using var app = smtp.App();
        var reference = await app.StartAsync(complete: true);
        using var manager = await SignedInClient.As(app, SignedInClient.Manager);

        using var refused = await WriteAsync(manager, MessagePage($"to=group&application={reference}"), "Subject", string.Join(' ', Enumerable.Repeat("word", FundMessage.BodyLimit.Words!.Value + 1)));
        app.DeliverMail();

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("href=\"#body\">The message must be 600 words or fewer", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await MessagesAsync(app));
        Assert.Equal(0, smtp.Count);
    }

    [Fact]
    public async Task WriteToFilteredGroups_FromTheApplicationsList_ReachesExactlyTheGroupsTheFilterFinds()
    {
        using var smtp = SmtpLoopback.Start();
        using var app = smtp.App();
        var mine = await app.StartAsync(complete: true);
        var theirs = await app.StartAsync(Drafts.OtherGroup, complete: true, number: "0002");
        var round = await app.RoundAsync();
        await app.ChangeAsync(theirs, application => application.Submit(app.Clock.GetUtcNow(), "someone@southam.example",
            application.WindowIn(round.State, round.ClosesAt, app.Clock.GetUtcNow()), new GrantRange(round.Rules.GrantMin, round.Rules.GrantMax)));
        using var manager = await SignedInClient.As(app, SignedInClient.Manager);
        var list = await manager.GetStringAsync(new Uri($"/fund/rounds/{Round}/applications?state=Draft", UriKind.Relative));
        var link = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(list, "id=\"message-these\" href=\"([^\"]+)\"").Groups[1].Value);

        using var sent = await WriteAsync(manager, link, "Still time to send", "Your draft is not sent yet.");
        app.DeliverMail();

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var (draft, _) = await app.LoadAsync(mine);
        Assert.Equal([draft.Id], (await MessagesAsync(app)).Select(message => message.ApplicationId!.Value));
        Assert.Equal(SignedInClient.Applicant, Assert.Single(smtp.Received()).To.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task WriteToThePanel_EachMemberOnceKeptOnTheRoundsRecord()
    {
        using var smtp = SmtpLoopback.Start();
        using var app = smtp.App();
        var seed = await PanelRounds.SeedAsync(app, applications: 1, members: 2, PanelRoundStage.Screening);
        using var manager = await SignedInClient.As(app, SignedInClient.Manager);

        using var sent = await WriteAsync(manager, MessagePage("to=panel"), "Scoring opens on Monday", "Please keep Monday morning free.");
        app.DeliverMail();
        app.DeliverMail();

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal(seed.Members.Order(), smtp.Received().Select(mail => mail.To.Mailboxes.Single().Address).Order());
        var kept = Assert.Single(await MessagesAsync(app));
        Assert.Equal((MessageAudience.Panel, (Guid?)null, SignedInClient.Manager), (kept.Audience, kept.ApplicationId, kept.SentBy));
        var page = await manager.GetStringAsync(new Uri(MessagePage("to=panel"), UriKind.Relative));
        Assert.Contains("Scoring opens on Monday</strong>, by " + SignedInClient.Manager, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskForInformation_DuringScreening_GroupAnswersOnItsStatusPageAndTheAnswerIsKept()
    {
        using var smtp = SmtpLoopback.Start();
        using var app = smtp.App();
        var reference = await app.StartAsync(complete: true);
        var round = await app.RoundAsync();
        await app.ChangeAsync(reference, application => application.Submit(app.Clock.GetUtcNow(), SignedInClient.Applicant,
            application.WindowIn(round.State, round.ClosesAt, app.Clock.GetUtcNow()), new GrantRange(round.Rules.GrantMin, round.Rules.GrantMax)));
        app.Clock.SetUtcNow(round.ClosesAt.AddMinutes(1));
        await app.WithScopeAsync(services => RoundClock.CloseDueRoundsAsync(services.GetRequiredService<FairFundDbContext>(), app.Clock.GetUtcNow()));
        using var manager = await SignedInClient.As(app, SignedInClient.Manager);
        var askPage = $"/fund/rounds/{Round}/applications/{reference}/ask";
        var applicationPage = await manager.GetStringAsync(new Uri($"/fund/rounds/{Round}/applications/{reference}", UriKind.Relative));
        Assert.Contains($"href=\"{askPage}\"", applicationPage, StringComparison.Ordinal);

        using var asked = await PageForms.Find(await manager.GetStringAsync(new Uri(askPage, UriKind.Relative)), askPage, "/ask")
            .SubmitAsync(manager, new Dictionary<string, string> { ["Question"] = "Please tell us your income last year." });
        app.DeliverMail();
        using var applicant = await SignedInClient.As(app, SignedInClient.Applicant);
        var statusPath = $"/apply/applications/{reference}/status";
        var status = await applicant.GetStringAsync(new Uri(statusPath, UriKind.Relative));
        using var answered = await PageForms.Find(status, statusPath, "handler=Answer").SubmitAsync(applicant, new Dictionary<string, string> { ["Answer"] = "£3,400 in 2026." });
        app.DeliverMail();

        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        var mail = Assert.Single(smtp.Received());
        Assert.Equal(($"We need more information about your application {reference}", SignedInClient.Applicant), (mail.Subject, mail.To.Mailboxes.Single().Address));
        var kept = Assert.Single(await app.WithScopeAsync(services => services.GetRequiredService<FairFundDbContext>().InformationRequests.AsNoTracking().ToListAsync()));
        Assert.Equal(("Please tell us your income last year.", SignedInClient.Manager, "£3,400 in 2026.", SignedInClient.Applicant),
            (kept.Question, kept.AskedBy, kept.Answer, kept.AnsweredBy));
        var after = await manager.GetStringAsync(new Uri($"/fund/rounds/{Round}/applications/{reference}", UriKind.Relative));
        Assert.Contains("£3,400 in 2026.", after, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Answer", await applicant.GetStringAsync(new Uri(statusPath, UriKind.Relative)), StringComparison.Ordinal);
    }
}
