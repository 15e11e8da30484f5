using FairFund.Web.Forms;
using System.Net;
using FairFund.Domain.Applications;

namespace FairFund.Tests.Web.Apply;

/// <summary>
/// The application's question pages: each saves what was entered whatever is wrong with it, then shows the
/// problems or goes on to the next page; a stale tab never writes over newer answers.
/// </summary>
public sealed class QuestionPagesTests(SharedFairFundApp app) : IClassFixture<SharedFairFundApp>
{
    private readonly FairFundFactory factory = app.ForNextTest();

    private static string Page(string reference, string page) => $"/apply/applications/{reference}/{page}";

    private static string Words(int count) => string.Join(' ', Enumerable.Repeat("word", count));

    private async Task<(HttpClient Client, string Reference, Guid Version)> DraftAsync(bool complete = false)
    {
        var reference = await factory.StartAsync(complete: complete);
        var (_, version) = await factory.LoadAsync(reference);
        return (await SignedInClient.As(factory, SignedInClient.Applicant), reference, version);
    }

    [Fact]
    public async Task Project_CompleteAnswers_AreSavedAndGoOnToWhoBenefits()
    {
        var (client, reference, version) = await DraftAsync();
        using var _ = client;

        using var response = await client.PostFormAsync(Page(reference, "project"), new()
        {
            ["Input.Title"] = "  Peer support walks  ",
            ["Input.WhatYouWillDo"] = "Weekly walks led by peer supporters.",
            ["Input.StartDate.Day"] = "1", ["Input.StartDate.Month"] = "6", ["Input.StartDate.Year"] = "2027",
            ["Input.EndDate.Day"] = "31", ["Input.EndDate.Month"] = "May", ["Input.EndDate.Year"] = "2028",
            ["Version"] = version.ToString(), ["action"] = "continue",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Page(reference, "who-benefits"), response.Headers.Location!.OriginalString);
        var (saved, newVersion) = await factory.LoadAsync(reference);
        Assert.Equal(new ProjectAnswers("Peer support walks", "Weekly walks led by peer supporters.", new DateOnly(2027, 6, 1), new DateOnly(2028, 5, 31)), saved.Project);
        Assert.NotEqual(version, newVersion);
        var again = await client.GetStringAsync(new Uri(Page(reference, "project"), UriKind.Relative));
        Assert.Contains("value=\"Peer support walks\"", again);
        Assert.Contains("You have used 6 of 300 words", again);
    }

    [Fact]
    public async Task Project_OverTheWordLimitAndHalfADate_IsSavedAndShowsTheLocatedErrors()
    {
        var (client, reference, version) = await DraftAsync();
        using var _ = client;
        var tooLong = Words(AnswerLimits.WhatYouWillDoWords + 1);

        using var response = await client.PostFormAsync(Page(reference, "project"), new()
        {
            ["Input.Title"] = "Peer support walks",
            ["Input.WhatYouWillDo"] = tooLong,
            ["Input.StartDate.Day"] = "1", ["Input.StartDate.Month"] = "", ["Input.StartDate.Year"] = "2027",
            ["Version"] = version.ToString(), ["action"] = "continue",
        });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<title>Error: About your project", html);
        Assert.Contains("<a href=\"#what-you-will-do\">What you will do must be 300 words or fewer (it has 301)</a>", html);
        Assert.Contains("<a href=\"#start-date-day\">The date the project starts must include a month</a>", html);
        Assert.Contains("<a href=\"#end-date-day\">Enter the date the project ends</a>", html);
        Assert.Contains("id=\"what-you-will-do-error\"", html);
        Assert.Contains("Your answers on this page have been saved", html);
        Assert.Contains("You have used 301 words, 1 more than the 300 you can use", html);
        Assert.Contains("data-maxwords=\"300\"", html);
        Assert.True(html.IndexOf("#what-you-will-do\"", StringComparison.Ordinal) < html.IndexOf("#start-date-day\"", StringComparison.Ordinal), "errors are in the order of the fields");
        var (saved, _) = await factory.LoadAsync(reference);
        Assert.Equal("Peer support walks", saved.Title);
        Assert.Equal(tooLong, saved.WhatYouWillDo);
        Assert.Null(saved.StartDate);
    }

    [Theory]
    [InlineData("who-benefits", "who-benefits", AnswerLimits.WhoBenefitsWords, "outcomes")]
    [InlineData("outcomes", "outcomes", AnswerLimits.OutcomesWords, "lived-experience")]
    [InlineData("lived-experience", "lived-experience", AnswerLimits.LivedExperienceWords, "budget")]
    public async Task TextQuestion_AnsweredWithinTheLimit_IsSavedAndGoesOnToTheNextPage(string page, string fieldId, int limit, string next)
    {
        var (client, reference, version) = await DraftAsync();
        using var _ = client;

        var form = await client.GetStringAsync(new Uri(Page(reference, page), UriKind.Relative));
        using var response = await client.PostFormAsync(Page(reference, page), new() { ["Answer"] = Words(limit), ["Version"] = version.ToString(), ["action"] = "continue" });

        Assert.Contains($"<h1 class=\"govuk-label-wrapper\"><label class=\"govuk-label govuk-label--l\" for=\"{fieldId}\">", form);
        Assert.Contains($"You can enter up to {limit} words", form);
        Assert.Contains("Community Mental Health Fund 2027, round 1", form);
        Assert.Equal(Page(reference, next), response.Headers.Location!.OriginalString);
        var (saved, _) = await factory.LoadAsync(reference);
        Assert.Equal(Words(limit), page switch { "who-benefits" => saved.WhoBenefits, "outcomes" => saved.Outcomes, _ => saved.LivedExperience });
    }

    [Theory]
    [InlineData("who-benefits", "Who will benefit")]
    [InlineData("outcomes", "Outcomes")]
    [InlineData("lived-experience", "How people with lived experience shape the work")]
    public async Task TextQuestion_OverTheLimit_IsSavedAndTheErrorShown(string page, string name)
    {
        var (client, reference, version) = await DraftAsync();
        using var _ = client;
        var (limit, tooLong) = page switch
        {
            "who-benefits" => (AnswerLimits.WhoBenefitsWords, Words(AnswerLimits.WhoBenefitsWords + 5)),
            "outcomes" => (AnswerLimits.OutcomesWords, Words(AnswerLimits.OutcomesWords + 5)),
            _ => (AnswerLimits.LivedExperienceWords, Words(AnswerLimits.LivedExperienceWords + 5)),
        };

        using var response = await client.PostFormAsync(Page(reference, page), new() { ["Answer"] = tooLong, ["Version"] = version.ToString(), ["action"] = "continue" });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<a href=\"#{page}\">{name} must be {limit} words or fewer (it has {limit + 5})</a>", html);
        Assert.Contains($"You have used {limit + 5} words, 5 more than the {limit} you can use", html);
        var (saved, _) = await factory.LoadAsync(reference);
        Assert.Equal(tooLong, page switch { "who-benefits" => saved.WhoBenefits, "outcomes" => saved.Outcomes, _ => saved.LivedExperience });
    }

    [Fact]
    public async Task Budget_AnUnreadableCost_IsAnErrorAtThatFieldAndTheRestIsSaved()
    {
        var (client, reference, _) = await DraftAsync();
        using var _ = client;
        // The page shows three empty lines; a fourth comes from "Save and add more lines".
        using (var more = await client.PostFormAsync(Page(reference, "budget"), new()
        {
            ["Input.Lines[0].Item"] = "Room hire", ["Input.Lines[0].Cost"] = "£1,200.50", ["action"] = "more",
        }))
            Assert.Equal(HttpStatusCode.Redirect, more.StatusCode);

        using var response = await client.PostFormAsync(Page(reference, "budget"), new()
        {
            ["Input.Lines[1].Item"] = "", ["Input.Lines[1].Cost"] = "",
            ["Input.Lines[2].Item"] = "Snacks", ["Input.Lines[2].Cost"] = "twelve quid",
            ["Input.Lines[3].Item"] = "Travel", ["Input.Lines[3].Cost"] = "300",
            ["action"] = "continue",
        });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The empty row is dropped, so Snacks is line 2, shown again as typed with its error.
        Assert.Contains("<a href=\"#budget-1-cost\">Enter the cost of line 2 as an amount of money, like 150 or £1,200.50</a>", html);
        Assert.Contains("id=\"budget-1-cost-error\"", html);
        Assert.Contains("value=\"twelve quid\"", html);
        Assert.Equal(1, CountOf("There is a problem", html));
        var (saved, _) = await factory.LoadAsync(reference);
        Assert.Equal([new BudgetLine("Room hire", 1200.50m), new BudgetLine("Snacks", 0m), new BudgetLine("Travel", 300m)], saved.Budget);
        Assert.Contains("Total saved: <strong>£1,500.50</strong>", html);
    }

    [Fact]
    public async Task Budget_AValidBudget_IsSavedWithItsTotalAndGoesOnToPartners()
    {
        var (client, reference, version) = await DraftAsync();
        using var _ = client;

        using var response = await client.PostFormAsync(Page(reference, "budget"), new()
        {
            ["Input.Lines[0].Item"] = "Room hire", ["Input.Lines[0].Cost"] = "2,000",
            ["Input.Lines[1].Item"] = "Training", ["Input.Lines[1].Cost"] = "£500.25",
            ["Version"] = version.ToString(), ["action"] = "continue",
        });

        Assert.Equal(Page(reference, "partners"), response.Headers.Location!.OriginalString);
        var (saved, _) = await factory.LoadAsync(reference);
        Assert.Equal(2500.25m, saved.AmountRequested);
        var page = await client.GetStringAsync(new Uri(Page(reference, "budget"), UriKind.Relative));
        Assert.Contains("Total saved: <strong>£2,500.25</strong>", page);
        Assert.Contains("value=\"2,000\"", page);
        // The two lines and three empty ones.
        Assert.Contains("id=\"budget-4-item\"", page);
        Assert.DoesNotContain("id=\"budget-5-item\"", page);
    }

    [Fact]
    public async Task Budget_OutsideTheGrantRange_ShowsTheTotalProblem()
    {
        var (client, reference, version) = await DraftAsync();
        using var _ = client;

        using var response = await client.PostFormAsync(Page(reference, "budget"), new()
        {
            ["Input.Lines[0].Item"] = "Room hire", ["Input.Lines[0].Cost"] = "50000",
            ["Version"] = version.ToString(), ["action"] = "continue",
        });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("<a href=\"#budget\">The total, £50,000, must be between £1,000 and £25,000, the grants this round gives</a>", html);
        Assert.Contains("id=\"budget\" tabindex=\"-1\"", html);
        Assert.Equal(50000m, (await factory.LoadAsync(reference)).Application.AmountRequested);
    }

    [Fact]
    public async Task Partners_YesWithAPartner_IsSavedAndGoesBackToTheTaskList()
    {
        var (client, reference, version) = await DraftAsync();
        using var _ = client;

        using var response = await client.PostFormAsync(Page(reference, "partners"), new()
        {
            ["Input.WorkingWithPartners"] = "yes",
            ["Input.Partners[0].Name"] = "Foleshill Library", ["Input.Partners[0].Role"] = "Lends us a room.",
            ["Input.Partners[1].Name"] = "", ["Input.Partners[1].Role"] = "",
            ["Version"] = version.ToString(), ["action"] = "continue",
        });

        Assert.Equal($"/apply/applications/{reference}", response.Headers.Location!.OriginalString);
        var (saved, _) = await factory.LoadAsync(reference);
        Assert.True(saved.WorkingWithPartners);
        Assert.Equal([new Partner("Foleshill Library", "Lends us a room.")], saved.Partners);
    }

    [Fact]
    public async Task Partners_YesWithoutAName_IsSavedAndTheErrorLocated()
    {
        var (client, reference, version) = await DraftAsync();
        using var _ = client;

        using var response = await client.PostFormAsync(Page(reference, "partners"), new()
        {
            ["Input.WorkingWithPartners"] = "yes",
            ["Input.Partners[0].Name"] = "", ["Input.Partners[0].Role"] = "Runs the cafe.",
            ["Version"] = version.ToString(), ["action"] = "continue",
        });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("<a href=\"#partners-0-name\">Enter the name of partner 1</a>", html);
        Assert.Matches("value=\"yes\"\\s+checked=\"checked\"", html);
        Assert.Equal([new Partner("", "Runs the cafe.")], (await factory.LoadAsync(reference)).Application.Partners);
    }

    [Fact]
    public async Task SaveAndComeBackLater_WithProblems_SavesAndReturnsToTheTaskListWithoutErrors()
    {
        var (client, reference, version) = await DraftAsync();
        using var _ = client;

        using var response = await client.PostFormAsync(Page(reference, "who-benefits"),
            new() { ["Answer"] = Words(AnswerLimits.WhoBenefitsWords + 1), ["Version"] = version.ToString(), ["action"] = "later" });

        Assert.Equal($"/apply/applications/{reference}", response.Headers.Location!.OriginalString);
        Assert.Equal(Words(AnswerLimits.WhoBenefitsWords + 1), (await factory.LoadAsync(reference)).Application.WhoBenefits);
    }

    [Fact]
    public async Task SaveAndContinue_FromCheckYourAnswers_ReturnsThere()
    {
        var (client, reference, version) = await DraftAsync(complete: true);
        using var _ = client;

        using var response = await client.PostFormAsync(Page(reference, "outcomes") + "?returnTo=check",
            new() { ["Answer"] = "Fewer people feel alone.", ["Version"] = version.ToString(), ["action"] = "continue" });

        Assert.Equal($"/apply/applications/{reference}/check", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Save_FromAStaleTab_DoesNotOverwriteAndSaysSo()
    {
        var (client, reference, _) = await DraftAsync();
        using var _ = client;
        var typed = new Dictionary<string, string> { ["Answer"] = "Typed in the stale tab.", ["action"] = "continue" };
        var staleTab = await client.FormAsync(Page(reference, "outcomes"), typed);
        await factory.ChangeAsync(reference, application => application.AnswerOutcomes("Saved in the other tab."));

        using var response = await staleTab.SubmitAsync(client, typed);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains(ChangedMeanwhile.Heading, html);
        Assert.Contains("Typed in the stale tab.", html);
        var (saved, currentVersion) = await factory.LoadAsync(reference);
        Assert.Equal("Saved in the other tab.", saved.Outcomes);
        // Saving again from the page as shown knowingly replaces the other answer.
        Assert.Contains($"value=\"{currentVersion}\"", html);
        using var again = await PageForms.For(html, Page(reference, "outcomes"), Page(reference, "outcomes"), typed).SubmitAsync(client, typed);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("Typed in the stale tab.", (await factory.LoadAsync(reference)).Application.Outcomes);
    }

    [Fact]
    public async Task QuestionPage_OfASentApplication_RedirectsToItsStatusAndChangesNothing()
    {
        var reference = await factory.StartAsync(complete: true);
        var round = await factory.RoundAsync();
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);
        // A tab opened on the page before the application was sent, and saved from after.
        var typed = new Dictionary<string, string> { ["Answer"] = "Changed after sending", ["action"] = "continue" };
        var keptOpen = await client.FormAsync(Page(reference, "outcomes"), typed);
        await factory.ChangeAsync(reference, application => application.Submit(factory.Clock.GetUtcNow(), "test", new SubmissionWindow(true, round.ClosesAt, factory.Clock.GetUtcNow()), new GrantRange(1000m, 25000m)));
        var (_, version) = await factory.LoadAsync(reference);

        using var get = await client.GetAsync(new Uri(Page(reference, "outcomes"), UriKind.Relative));
        using var post = await keptOpen.SubmitAsync(client, typed);

        Assert.Equal($"/apply/applications/{reference}/status", get.Headers.Location!.OriginalString);
        Assert.Equal($"/apply/applications/{reference}/status", post.Headers.Location!.OriginalString);
        Assert.Equal(version, (await factory.LoadAsync(reference)).Version);
    }

    private static int CountOf(string text, string html)
    {
        var count = 0;
        for (var at = html.IndexOf(text, StringComparison.Ordinal); at >= 0; at = html.IndexOf(text, at + 1, StringComparison.Ordinal)) count++;
        return count;
    }
}
