using FairFund.Domain.Applications;
using FairFund.Web.Accounts;
using FairFund.Web.Email;
using FairFund.Web.Email.Templates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FairFund.Tests.Web.Email;

public sealed class MailTemplatesTests : IAsyncDisposable
{
    private const string Hostile = "<script>alert(1)</script> & \"Co\"";

    private static readonly Funder Funder = new() { Name = "Test Fund", Address = "1 High Street, Rugby CV21 2AA", ReplyTo = "grants@fund.example" };

    private readonly ServiceProvider _services = new ServiceCollection().BuildServiceProvider();
    private readonly MailTemplates _templates;

    public MailTemplatesTests() => _templates = new MailTemplates(_services, NullLoggerFactory.Instance, Options.Create(Funder));

    public async ValueTask DisposeAsync()
    {
        await _templates.DisposeAsync();
        await _services.DisposeAsync();
    }

    public static TheoryData<string> Templates() => [.. Renders.Keys];

    /// <summary>The account emails carry nothing a person typed (they greet plainly), so only the others are given markup.</summary>
    public static TheoryData<string> TemplatesWithTypedText() => [.. Renders.Keys.Except(["ConfirmEmail", "AlreadyRegistered", "ResetPassword"])];

    /// <summary>Every template, with what a person typed (a name, a group's name, who invited) set to markup.</summary>
    private static readonly Dictionary<string, Func<MailTemplates, Task<RenderedMail>>> Renders = new()
    {
        ["ConfirmEmail"] = templates => templates.RenderAsync<ConfirmEmail, ConfirmEmailMail>(new("https://fund.example/account/confirm-email?code=a&userId=b", "https://fund.example/account/resend-confirmation", "24 hours")),
        ["AlreadyRegistered"] = templates => templates.RenderAsync<AlreadyRegistered, AlreadyRegisteredMail>(new("https://fund.example/account/sign-in", "https://fund.example/account/forgot-password")),
        ["ResetPassword"] = templates => templates.RenderAsync<ResetPassword, ResetPasswordMail>(new("https://fund.example/account/reset-password?code=a", "24 hours")),
        ["PanelInvite"] = templates => templates.RenderAsync<PanelInvite, PanelInviteMail>(new("sam@example.org", Hostile, "R1", Hostile, "https://fund.example/panel/join/abc")),
        ["Award"] = templates => templates.RenderAsync<DecisionEmail, DecisionMail>(Decision(FairFund.Domain.Allocation.Decision.Award, Hostile)),
        ["Waitlist"] = templates => templates.RenderAsync<DecisionEmail, DecisionMail>(Decision(FairFund.Domain.Allocation.Decision.Waitlist, Hostile)),
        ["Decline"] = templates => templates.RenderAsync<DecisionEmail, DecisionMail>(Decision(FairFund.Domain.Allocation.Decision.Decline, Hostile)),
        ["ApplicationReceived"] = templates => templates.RenderAsync<ApplicationReceived, ApplicationReceivedMail>(new(Hostile, Hostile, "Community Fund 2027", "A-0001", "12:00pm on Friday 26 March 2027", "https://fund.example/apply/applications/A-0001/status")),
    };

    /// <summary>A decision whose group name, panel comment and grant conditions are <paramref name="text"/>; the waiting list closes on 30 September 2027.</summary>
    public static DecisionMail Decision(FairFund.Domain.Allocation.Decision decision, string text) => new(
        null, "CW-MH-2027-R1-0007",
        DecisionLetter.Write(
            new DecisionNotice(decision, decision == FairFund.Domain.Allocation.Decision.Award ? 2500m : 0m,
                decision == FairFund.Domain.Allocation.Decision.Award ? "Rural pot" : null, false, "The reason, in plain words.",
                [new(1, "Review 1 gave 4 out of 5 for need."), new(2, "The final score is 3.75.")], [text, "A second comment."]),
            text, "Community Fund 2027", "CW-MH-2027-R1-0007",
            new AfterTheDecision(text + "\nSend us a short report within a year.", new DateOnly(2027, 9, 30), "grants@fund.example")),
        "https://fund.example/apply/applications/CW-MH-2027-R1-0007/status");

    [Theory]
    [InlineData(FairFund.Domain.Allocation.Decision.Award, "Your application CW-MH-2027-R1-0007 is funded")]
    [InlineData(FairFund.Domain.Allocation.Decision.Waitlist, "Your application CW-MH-2027-R1-0007 is on the waiting list")]
    [InlineData(FairFund.Domain.Allocation.Decision.Decline, "Your application CW-MH-2027-R1-0007 has not been funded")]
    public async Task Render_Decision_HasTheReasonEveryTrailStepAndThePanelsComments(FairFund.Domain.Allocation.Decision decision, string subject)
    {
        var model = Decision(decision, "Rugby Men's Shed");
        var mail = await _templates.RenderAsync<DecisionEmail, DecisionMail>(model);

        Assert.Equal(subject, model.Subject);
        // The notice's reason opens a letter that is not funded; a funded or waiting one opens with the amount or the date instead.
        Assert.Contains(decision switch
        {
            FairFund.Domain.Allocation.Decision.Award => "You have been awarded £2,500, the full amount you asked for.",
            FairFund.Domain.Allocation.Decision.Waitlist => "Your application is on the waiting list until 30 September 2027.",
            _ => "We are sorry: your application has not been funded. The reason, in plain words.",
        }, mail.Text, StringComparison.Ordinal);
        Assert.Contains("1. Review 1 gave 4 out of 5 for need.\n2. The final score is 3.75.\n", mail.Text, StringComparison.Ordinal);
        Assert.Contains("- Rugby Men's Shed\n- A second comment.\n", mail.Text, StringComparison.Ordinal);
        Assert.Contains("https://fund.example/apply/applications/CW-MH-2027-R1-0007/status", mail.Text, StringComparison.Ordinal);
        Assert.Equal(decision == FairFund.Domain.Allocation.Decision.Award, mail.Text.Contains("Grant: £2,500\nPaid from: Rural pot", StringComparison.Ordinal));
        Assert.Equal(decision == FairFund.Domain.Allocation.Decision.Award,
            mail.Text.Contains("The grant's conditions\n\nRugby Men's Shed\n\nSend us a short report within a year.", StringComparison.Ordinal));
        Assert.Equal(decision == FairFund.Domain.Allocation.Decision.Waitlist, mail.Text.Contains("The waiting list stays open until 30 September 2027.", StringComparison.Ordinal));
        Assert.Contains("write to grants@fund.example.", mail.Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TemplatesWithTypedText))]
    public async Task Render_UserTextWithMarkup_IsEncodedInHtmlAndPlainInText(string template)
    {
        var mail = await Renders[template](_templates);

        Assert.DoesNotContain("<script", mail.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;", mail.Html, StringComparison.Ordinal);
        Assert.Contains(Hostile, mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("&lt;", mail.Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task Render_AnyTemplate_HasTheFunderNoRemoteImagesAndATextPartWithNoMarkup(string template)
    {
        var mail = await Renders[template](_templates);

        Assert.StartsWith("<!DOCTYPE html>", mail.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", mail.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", mail.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", mail.Html, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("Test Fund\n\n", mail.Text, StringComparison.Ordinal);
        Assert.EndsWith("Sent by Test Fund, 1 High Street, Rugby CV21 2AA.\n\nYou can reply to this email: replies go to grants@fund.example.\n", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<p", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_ConfirmEmail_ReadsAsTheTextAPersonGets()
    {
        var mail = await _templates.RenderAsync<ConfirmEmail, ConfirmEmailMail>(new("https://fund.example/account/confirm-email?code=a&userId=b", "https://fund.example/account/resend-confirmation", "24 hours"));

        Assert.Equal("""
            Test Fund

            Hello,

            Confirm your email address to finish creating your FairFund account.

            Confirm your email address:
            https://fund.example/account/confirm-email?code=a&userId=b

            The link works for 24 hours.

            If it has stopped working, ask for a new one:
            https://fund.example/account/resend-confirmation

            If you did not create a FairFund account, you can ignore this email: nobody can use the account without confirming it.

            Sent by Test Fund, 1 High Street, Rugby CV21 2AA.

            You can reply to this email: replies go to grants@fund.example.

            """.ReplaceLineEndings("\n"), mail.Text);
        Assert.Contains("href=\"https://fund.example/account/confirm-email?code=a&amp;userId=b\"", mail.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_ApplicationReceived_NumbersWhatHappensNext()
    {
        var mail = await _templates.RenderAsync<ApplicationReceived, ApplicationReceivedMail>(new(null, "Rugby Men's Shed", "Community Fund 2027", "A-0001", "12:00pm on Friday 26 March 2027", "https://fund.example/apply/applications/A-0001/status"));

        Assert.Contains("Hello,\n\nWe received the application from Rugby Men's Shed to the Community Fund 2027 at 12:00pm on Friday 26 March 2027 (UK time).", mail.Text, StringComparison.Ordinal);
        Assert.Contains("What happens next\n\n1. We check that your application meets the fund's rules.\n2. If it does,", mail.Text, StringComparison.Ordinal);
        Assert.Contains("See where your application stands:\nhttps://fund.example/apply/applications/A-0001/status\n", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void FromHtml_NoFunderSet_SaysFairFund()
    {
        var templates = new MailTemplates(_services, NullLoggerFactory.Instance, Options.Create(new Funder()));

        Assert.Equal(new MailSender("FairFund", "", ""), templates.Sender);
    }

    [Fact]
    public void FromHtml_ListsLinksAndEntities_BecomeReadableText() =>
        Assert.Equal(
            "Title\n\nOne & two\nthree\n\n- a\n- b\n\nGo:\nhttps://x.example/?a=1&b=2\n\nWrite to me@x.example.\n",
            MailText.FromHtml("<html><head><title>Ignored</title></head><body><h1>Title</h1><p>One &amp;   two<br>three</p><ul><li>a</li><li>b</li></ul>" +
                "<p><a href=\"https://x.example/?a=1&amp;b=2\">Go</a></p><p>Write to <a href=\"mailto:me@x.example\">me@x.example</a>.</p></body></html>"));
}
