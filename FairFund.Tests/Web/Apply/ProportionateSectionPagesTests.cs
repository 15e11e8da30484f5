using System.Net;
using FairFund.Domain.Applications;
using FairFund.Domain.Forms;

namespace FairFund.Tests.Web.Apply;

/// <summary>
/// The demo round's form asks "Managing a larger grant" only of asks over £10,000: the task list, the pages and
/// check your answers show it as the amount asked for crosses the line, and sending needs it only while it is shown.
/// </summary>
public sealed class ProportionateSectionPagesTests(SharedFairFundApp app) : IClassFixture<SharedFairFundApp>
{
    private const string LargerGrant = "Managing a larger grant";
    private readonly FairFundFactory factory = app.ForNextTest();

    private static string Page(string reference, string page) => $"/apply/applications/{reference}/{page}";

    private static string TaskList(string reference) => $"/apply/applications/{reference}";

    /// <summary>A complete draft (budget £3,000 and £1,500) with its first line's cost changed on the budget page; where "Save and continue" went.</summary>
    private static async Task<string> AskForAsync(HttpClient client, string reference, string firstLineCost)
    {
        using var response = await client.PostFormAsync(Page(reference, "budget"), new() { ["Input.Lines[0].Cost"] = firstLineCost, ["action"] = "continue" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    [Fact]
    public async Task Ask_AtTenThousand_DoesNotShowTheLargerGrantSectionAndSends()
    {
        var reference = await factory.StartAsync(complete: true);
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);

        var next = await AskForAsync(client, reference, "8,500");

        Assert.Equal(10_000m, (await factory.LoadAsync(reference)).Application.AmountRequested);
        Assert.Equal(Page(reference, "partners"), next);
        Assert.DoesNotContain(LargerGrant, await client.GetStringAsync(new Uri(TaskList(reference), UriKind.Relative)));
        Assert.DoesNotContain(LargerGrant, await client.GetStringAsync(new Uri(Page(reference, "check"), UriKind.Relative)));
        using var hidden = await client.GetAsync(new Uri(Page(reference, "sections/largerGrant"), UriKind.Relative));
        Assert.Equal(TaskList(reference), hidden.Headers.Location!.OriginalString);
        using var sent = await client.PostFormAsync(Page(reference, "check"), []);
        Assert.Equal(Page(reference, "sent"), sent.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Ask_OverTenThousand_ShowsTheLargerGrantSectionWhichMustBeAnsweredToSend()
    {
        var reference = await factory.StartAsync(complete: true);
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);

        var next = await AskForAsync(client, reference, "8,500.01");

        Assert.Equal(Page(reference, "sections/largerGrant"), next);
        var taskList = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri(TaskList(reference), UriKind.Relative)));
        Assert.Contains($"href=\"{Page(reference, "sections/largerGrant")}\" aria-describedby=\"hint-largerGrant status-largerGrant\">{LargerGrant}</a>", taskList);
        Assert.Contains("Only for asks of more than £10,000", taskList);
        Assert.Contains("You have completed 7 of 8 parts.", taskList);
        var check = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri(Page(reference, "check"), UriKind.Relative)));
        Assert.Contains($"{LargerGrant}: <a class=\"govuk-link\" href=\"{Page(reference, "sections/largerGrant")}?returnTo=check#managed-larger-grant\">Select yes if your group has managed a grant of more than £10,000 before</a>", check);
        Assert.DoesNotContain("Send application", check);

        var page = Page(reference, "sections/largerGrant");
        using (var empty = await client.PostFormAsync(page, new() { ["action"] = "continue" }))
        {
            var html = WebUtility.HtmlDecode(await empty.Content.ReadAsStringAsync());
            Assert.Contains("<a href=\"#managed-larger-grant\">Select yes if your group has managed a grant of more than £10,000 before</a>", html);
            Assert.Contains("<a href=\"#larger-grant-plan\">Enter how you will manage and account for the grant</a>", html);
            Assert.Contains("data-maxwords=\"250\"", html);
        }
        using (var answered = await client.PostFormAsync(page, new()
        {
            ["answers.managedLargerGrant"] = "yes",
            ["answers.largerGrantPlan"] = "Our treasurer keeps the books and a second trustee signs every payment.",
            ["action"] = "continue",
        }))
            Assert.Equal(Page(reference, "partners"), answered.Headers.Location!.OriginalString);

        Assert.Contains("You have completed 8 of 8 parts.", await client.GetStringAsync(new Uri(TaskList(reference), UriKind.Relative)));
        using var sent = await client.PostFormAsync(Page(reference, "check"), []);
        Assert.Equal(Page(reference, "sent"), sent.Headers.Location!.OriginalString);
        var (application, _) = await factory.LoadAsync(reference);
        Assert.Equal(ApplicationState.Submitted, application.State);
        Assert.Equal(new Answer.YesNo(true), application.Answers["managedLargerGrant"]);
    }

    [Fact]
    public async Task Ask_LoweredToTenThousandAfterAnswering_HidesTheSectionAndKeepsItsAnswers()
    {
        var reference = await factory.StartAsync(complete: true);
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);
        await AskForAsync(client, reference, "20,000");
        using (var answered = await client.PostFormAsync(Page(reference, "sections/largerGrant"), new()
        {
            ["answers.managedLargerGrant"] = "no",
            ["answers.largerGrantPlan"] = "Our treasurer keeps the books.",
            ["action"] = "later",
        }))
            Assert.Equal(TaskList(reference), answered.Headers.Location!.OriginalString);
        Assert.Contains(LargerGrant, await client.GetStringAsync(new Uri(TaskList(reference), UriKind.Relative)));

        await AskForAsync(client, reference, "8,500");

        Assert.DoesNotContain(LargerGrant, await client.GetStringAsync(new Uri(TaskList(reference), UriKind.Relative)));
        Assert.DoesNotContain("Our treasurer keeps the books.", await client.GetStringAsync(new Uri(Page(reference, "check"), UriKind.Relative)));
        var (application, _) = await factory.LoadAsync(reference);
        Assert.Equal(new Answer.Text("Our treasurer keeps the books."), application.Answers["largerGrantPlan"]);
        Assert.False(ApplicationForm.DemoForm.IsShown("largerGrantPlan", application.Answers));
    }
}
