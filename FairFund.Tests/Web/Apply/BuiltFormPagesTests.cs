using System.Net;
using FairFund.Domain.Applications;
using FairFund.Domain.Forms;

namespace FairFund.Tests.Web.Apply;

/// <summary>
/// A round whose form the funder built is answered through the page built from the form: every kind of question
/// saved as typed, its problems at their fields, and the application sent once every shown section is complete.
/// Default sections the funder left alone keep their own pages.
/// </summary>
public sealed class BuiltFormPagesTests(SharedFairFundApp app) : IClassFixture<SharedFairFundApp>
{
    private const string Round = "BUILT-2027-R1";
    private readonly FairFundFactory factory = app.ForNextTest();

    private static string Page(string reference, string page) => $"/apply/applications/{reference}/{page}";

    private async Task<(HttpClient Client, string Reference)> StartAsync()
    {
        await BuiltForms.OpenRoundAsync(factory, Round, BuiltForms.EveryKind());
        var client = await SignedInClient.As(factory, SignedInClient.Applicant);
        using var started = await client.PostFormAsync($"/apply?handler=Start&round={Round}", [], formPage: "/apply");
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        return (client, started.Headers.Location!.OriginalString.Split('/').Last());
    }

    [Fact]
    public async Task TaskList_BuiltForm_LinksEachSectionToThePageThatAsksIt()
    {
        var (client, reference) = await StartAsync();
        using var signedIn = client;

        var taskList = await client.GetStringAsync(new Uri($"/apply/applications/{reference}", UriKind.Relative));

        Assert.Contains($"href=\"{Page(reference, "project")}\"", taskList);
        Assert.Contains($"href=\"{Page(reference, "outcomes")}\"", taskList);
        Assert.Contains($"href=\"{Page(reference, "sections/whoBenefits")}\"", taskList);
        Assert.Contains($"href=\"{Page(reference, "sections/budget")}\" aria-describedby=\"status-budget\">Your costs</a>", taskList);
        Assert.Contains($"href=\"{Page(reference, "sections/more")}\" aria-describedby=\"hint-more status-more\">More about your group</a>", taskList);
        Assert.Contains("We ask every group in this round these questions.", taskList);
        // The group's details, the six tasks and the new section; documents are optional.
        Assert.Contains("You have completed 1 of 8 parts.", taskList);
        // The changed section's own page is not where it is asked now.
        using var old = await client.GetAsync(new Uri(Page(reference, "budget"), UriKind.Relative));
        Assert.Equal(Page(reference, "sections/budget"), old.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SectionPage_EveryKind_SavesWhatIsReadableShowsLocatedProblemsThenSends()
    {
        var (client, reference) = await StartAsync();
        using var signedIn = client;
        var more = Page(reference, "sections/more");

        var blank = await client.GetStringAsync(new Uri(more, UriKind.Relative));
        Assert.Contains("<h1 class=\"govuk-heading-l\">More about your group</h1>", blank);
        Assert.Contains("Only if you chose “Rural” for “Where do you work?”.", blank);
        Assert.Contains("Up to 80 words (600 characters at most).", blank);
        Assert.Contains("data-maxwords=\"80\"", blank);
        Assert.Contains("How much other funding do you have? (optional)", blank);
        Assert.Contains("id=\"founded-day\"", blank);
        Assert.Contains("id=\"funders-0-name\"", blank);

        using var wrong = await client.PostFormAsync(more, new()
        {
            ["answers.groupNickname"] = "Walkers",
            ["answers.history"] = "We began as a walking group in 2019.",
            ["answers.people"] = "lots",
            ["answers.otherFunding"] = "250.505",
            ["answers.founded.Day"] = "31", ["answers.founded.Month"] = "2", ["answers.founded.Year"] = "2026",
            ["answers.where"] = "Rural",
            ["answers.meetingPostcode"] = "XYZ 123",
            ["answers.contactEmail"] = "walkers at example",
            ["answers.contactPhone"] = "12345",
            ["answers.funders[0].role"] = "Pays for the minibus.",
            ["action"] = "continue",
        });
        var html = WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("<title>Error: More about your group", html);
        Assert.Contains("<a href=\"#people\">How many people take part each week must be a whole number, like 12</a>", html);
        Assert.Contains("<a href=\"#other-funding\">How much other funding do you have must be in pounds and pence, like 150 or 150.50</a>", html);
        Assert.Contains("<a href=\"#founded-day\">When did your group start meeting: the date must be a real date, like 27 3 2027</a>", html);
        Assert.Contains("<a href=\"#registered\">Select yes or no for “Is your group a registered charity”</a>", html);
        Assert.Contains("<a href=\"#villages\">Enter an answer to “Which villages?”</a>", html);
        Assert.Contains("<a href=\"#ages\">Select at least one answer for “Which ages take part”</a>", html);
        Assert.Contains("<a href=\"#meeting-postcode\">Where do you meet? Give the postcode must be a UK postcode, like CV1 5FB</a>", html);
        Assert.Contains("<a href=\"#contact-email\">An email address for the project must be an email address, like name@example.org</a>", html);
        Assert.Contains("<a href=\"#contact-phone\">A phone number for the project must be a UK phone number, like 024 7683 1234 or 07700 900123</a>", html);
        Assert.Contains("<a href=\"#funders-0-name\">Enter the name of partner 1</a>", html);
        Assert.Contains("id=\"people-error\"", html);
        Assert.Contains("value=\"lots\"", html);
        Assert.Contains("Your answers on this page have been saved", html);
        Assert.True(html.IndexOf("#people\"", StringComparison.Ordinal) < html.IndexOf("#founded-day\"", StringComparison.Ordinal)
            && html.IndexOf("#founded-day\"", StringComparison.Ordinal) < html.IndexOf("#funders-0-name\"", StringComparison.Ordinal), "errors are in the order of the fields");
        var (saved, _) = await factory.LoadAsync(reference);
        Assert.Equal(new Answer.Text("Walkers"), saved.Answers["groupNickname"]);
        Assert.Equal(["Rural"], Assert.IsType<Answer.Choices>(saved.Answers["where"]).Values);
        Assert.Null(saved.Answers["people"]);
        Assert.Null(saved.Answers["founded"]);

        using var right = await client.PostFormAsync(more, new()
        {
            ["answers.people"] = "1,200",
            ["answers.otherFunding"] = "£250.50",
            ["answers.founded.Day"] = "1", ["answers.founded.Month"] = "March", ["answers.founded.Year"] = "2019",
            ["answers.registered"] = "no",
            ["answers.villages"] = "Brinklow and Binley Woods",
            ["answers.ages"] = "Older people",
            ["answers.meetingPostcode"] = "cv6 5fb",
            ["answers.contactEmail"] = "walkers@example.org",
            ["answers.contactPhone"] = "024 7683 1234",
            ["answers.funders[0].name"] = "Coventry Rotary",
            ["action"] = "continue",
        });
        // Read as typed (1,200), then checked against the question's range by the domain.
        Assert.Contains("<a href=\"#people\">How many people take part each week must be between 1 and 500</a>", WebUtility.HtmlDecode(await right.Content.ReadAsStringAsync()));
        using var fixedUp = await client.PostFormAsync(more, new() { ["answers.people"] = "12", ["action"] = "continue" });

        // The last section asked on a page: back to the task list.
        Assert.Equal($"/apply/applications/{reference}", fixedUp.Headers.Location!.OriginalString);
        (saved, _) = await factory.LoadAsync(reference);
        Assert.Equal(new Answer.Number(12), saved.Answers["people"]);
        Assert.Equal(new Answer.Money(250.50m), saved.Answers["otherFunding"]);
        Assert.Equal(new Answer.Day(new DateOnly(2019, 3, 1)), saved.Answers["founded"]);
        Assert.Equal(new Answer.YesNo(false), saved.Answers["registered"]);
        Assert.Equal(["Older people"], Assert.IsType<Answer.Choices>(saved.Answers["ages"]).Values);
        Assert.Equal([new Partner("Coventry Rotary", "Pays for the minibus.")], Assert.IsType<Answer.PartnerRows>(saved.Answers["funders"]).Partners);

        await AnswerTheRestAsync(client, reference);
        var check = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri(Page(reference, "check"), UriKind.Relative)));
        Assert.Contains("<h2 class=\"govuk-heading-m\">More about your group</h2>", check);
        Assert.Contains("Brinklow and Binley Woods", check);
        Assert.Contains("1 March 2019", check);
        Assert.Contains($"href=\"{Page(reference, "sections/more")}?returnTo=check\"", check);
        using var sent = await client.PostFormAsync(Page(reference, "check"), []);

        Assert.Equal(Page(reference, "sent"), sent.Headers.Location!.OriginalString);
        (saved, _) = await factory.LoadAsync(reference);
        Assert.Equal(ApplicationState.Submitted, saved.State);
        Assert.Equal(2_500m, saved.AmountRequested);
        var asSent = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri(Page(reference, "check"), UriKind.Relative)));
        Assert.Contains("Your application as sent", asSent);
        Assert.Contains("Brinklow and Binley Woods", asSent);
    }

    [Fact]
    public async Task SectionPage_AnAnswerOverItsCharacterLimit_SavesNothingAndSaysWhere()
    {
        var (client, reference) = await StartAsync();
        using var signedIn = client;
        var more = Page(reference, "sections/more");

        using var response = await client.PostFormAsync(more, new()
        {
            ["answers.groupNickname"] = new string('a', 61),
            ["answers.people"] = "12",
            ["action"] = "continue",
        });
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<a href=\"#group-nickname\">What do people call your group must be 60 characters or fewer (it has 61)</a>", html);
        Assert.Contains("You have used 61 characters, 1 more than the 60 you can use", html);
        Assert.Contains("Your answers on this page have not been saved", html);
        Assert.Null((await factory.LoadAsync(reference)).Application.Answers["people"]);
    }

    /// <summary>The other sections: the default ones through their own pages, the changed ones through the page built from the form.</summary>
    private static async Task AnswerTheRestAsync(HttpClient client, string reference)
    {
        async Task SaveAsync(string page, Dictionary<string, string> fields)
        {
            fields["action"] = "continue";
            using var response = await client.PostFormAsync(Page(reference, page), fields);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{page}: {WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync())}");
        }
        await SaveAsync("project", new()
        {
            ["Input.Title"] = "Walks for older people", ["Input.WhatYouWillDo"] = "Weekly walks with a cuppa after.",
            ["Input.StartDate.Day"] = "1", ["Input.StartDate.Month"] = "7", ["Input.StartDate.Year"] = "2027",
            ["Input.EndDate.Day"] = "30", ["Input.EndDate.Month"] = "6", ["Input.EndDate.Year"] = "2028",
        });
        await SaveAsync("sections/whoBenefits", new() { ["answers.whoBenefits"] = "Older people in the villages." });
        await SaveAsync("outcomes", new() { ["Answer"] = "Fewer people feel alone; we ask them." });
        await SaveAsync("lived-experience", new() { ["Answer"] = "Walkers choose the routes." });
        await SaveAsync("sections/budget", new()
        {
            ["answers.budget[0].item"] = "Minibus hire", ["answers.budget[0].cost"] = "£2,000",
            ["answers.budget[1].item"] = "Tea and biscuits", ["answers.budget[1].cost"] = "500",
        });
        await SaveAsync("partners", new() { ["Input.WorkingWithPartners"] = "no" });
    }
}
