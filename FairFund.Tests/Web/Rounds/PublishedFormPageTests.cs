using System.Net;
using FairFund.Domain.Forms;
using FairFund.Tests.Domain.Forms;
using FairFund.Tests.Web.Panel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Rounds;

/// <summary>
/// A round's published form for the public (the round page and the printable form, no sign-in), and an application's
/// answers read through the form on the fund team's and the panel's pages.
/// </summary>
public sealed class PublishedFormPageTests(SharedFairFundApp app) : IClassFixture<SharedFairFundApp>
{
    private const string Demo = "CW-MH-2027-R1";
    private readonly FairFundFactory _factory = app.ForNextTest();

    private async Task<string> PublicPageAsync(string path)
    {
        using var client = _factory.CreateClient(new() { AllowAutoRedirect = false });
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The part of a page about one question, from its data-question mark to the next.</summary>
    private static string QuestionPart(string page, string key)
    {
        var start = page.IndexOf($"data-question=\"{key}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"the page has no question {key}");
        var end = page.IndexOf("data-question=\"", start + 1, StringComparison.Ordinal);
        return page[start..(end < 0 ? page.Length : end)];
    }

    [Fact]
    public async Task RoundPage_AFormWithAConditionalSection_ListsEveryQuestionWithItsLimitsAndConditionInWords()
    {
        var form = FormJsonTests.EveryKind();
        await PublishedForms.PublishAsync(_factory, Demo, form);

        var page = await PublicPageAsync($"/rounds/{Demo}");

        foreach (var question in form.Questions)
        {
            var part = QuestionPart(page, question.Key);
            Assert.Contains(question.Text, part);
            Assert.Contains(QuestionInWords.Required(question), part);
            if (QuestionInWords.Limits(question) is { } limits) Assert.Contains(limits, part);
            if (QuestionInWords.Condition(question.ShowWhen, form) is { } condition) Assert.Contains(condition, part);
            foreach (var choice in QuestionInWords.Choices(question)) Assert.Contains($"<li>{choice}</li>", part);
            if (question.Hint.Length > 0) Assert.Contains(question.Hint, part);
        }
        Assert.Contains("data-section-condition=\"extra\">Only if you ask for more than £10,000.50<", page);
        Assert.Contains("Only if you answered Yes to “Do you have paid staff?”", QuestionPart(page, "area"));
        Assert.Contains("Up to 300 words (3,000 characters at most)", QuestionPart(page, "whatYouWillDo"));
        Assert.Contains("£0 to £250,000.50", QuestionPart(page, "income"));
        Assert.Contains($"href=\"/rounds/{Demo}/form\"", page);
    }

    [Fact]
    public async Task RoundPage_TheDefaultForm_ListsItsQuestions()
    {
        var page = await PublicPageAsync($"/rounds/{Demo}");

        Assert.All(ApplicationForm.Default.Questions, question => Assert.Contains(question.Text, QuestionPart(page, question.Key)));
        Assert.Contains("Only if you answered Yes to “Will you work with partners on this project?”", QuestionPart(page, "partners"));
    }

    [Fact]
    public async Task PrintForm_WithoutSigningIn_RendersEveryQuestionWithRoomToAnswer()
    {
        var form = FormJsonTests.EveryKind();
        await PublishedForms.PublishAsync(_factory, Demo, form);

        var page = await PublicPageAsync($"/rounds/{Demo}/form");

        Assert.Equal(form.Sections.Count, page.Split("class=\"app-print-section\"").Length - 1);
        foreach (var question in form.Questions)
        {
            var part = QuestionPart(page, question.Key);
            Assert.Contains($">{question.Text}</h3>", part);
            if (QuestionInWords.Limits(question) is { } limits) Assert.Contains(limits, part);
            if (QuestionInWords.Condition(question.ShowWhen, form) is { } condition) Assert.Contains(condition, part);
            Assert.True(part.Contains("app-answer-line", StringComparison.Ordinal) || part.Contains("app-tick-box", StringComparison.Ordinal)
                || part.Contains("app-write-table", StringComparison.Ordinal) || part.Contains("app-answer-box", StringComparison.Ordinal), $"no room to answer {question.Key}");
        }
        // Room for the budget's ten lines and its total, the three helpers, and ruled lines for a long answer.
        Assert.Equal(1 + 10 + 1, QuestionPart(page, "budget").Split("<tr class=\"govuk-table__row\">").Length - 1);
        Assert.Equal(1 + 3, QuestionPart(page, "helpers").Split("<tr class=\"govuk-table__row\">").Length - 1);
        // 300 words would want 30 lines; a question gets at most 24, about a page.
        Assert.Equal(24, QuestionPart(page, "whatYouWillDo").Split("app-answer-line").Length - 1);
        Assert.Contains("Only if you ask for more than £10,000.50", page);
    }

    [Fact]
    public async Task PrintForm_ADraftOrUnknownRound_IsNotFound()
    {
        using var client = _factory.CreateClient(new() { AllowAutoRedirect = false });
        using var response = await client.GetAsync(new Uri("/rounds/NO-SUCH-ROUND/form", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task FundApplicationPage_ShowsTheAnswersSectionBySectionAsTheFormAsksThem()
    {
        var seed = await PanelRounds.SeedAsync(_factory, applications: 1, members: 0, PanelRoundStage.Screening);
        using var manager = await SignedInClient.As(_factory, SignedInClient.Manager);

        var page = WebUtility.HtmlDecode(await manager.GetStringAsync(new Uri($"/fund/rounds/{PanelRounds.Round}/applications/{seed.Applications[0]}", UriKind.Relative)));

        var application = await StoredApplicationAsync(seed.Applications[0]);
        var answers = FormAnswers.Of(application);
        foreach (var section in ApplicationForm.Default.ShownSections(answers).Where(section => section.Key != DefaultForm.DocumentsSection))
            Assert.Contains($"<h2 class=\"govuk-heading-m\" id=\"answers-{section.Key}\">{section.Title}</h2>", page);
        Assert.Contains(application.Title, QuestionPart(page, "title"));
        Assert.Contains(QuestionInWords.Date(application.StartDate!.Value), QuestionPart(page, "startDate"));
        Assert.Contains($"data-total>{QuestionInWords.Pounds(application.AmountRequested)}<", QuestionPart(page, "budget"));
        Assert.Contains(application.WorkingWithPartners == true ? ">Yes<" : ">No<", QuestionPart(page, "workingWithPartners").Replace("\n", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal));
        Assert.Equal(application.WorkingWithPartners == true, page.Contains("data-question=\"partners\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReviewPage_ACriterionWithSectionsToRead_NamesAndLinksThemBesideIt()
    {
        var seed = await PanelRounds.SeedAsync(_factory, applications: 1, members: 1, PanelRoundStage.Scoring);
        await PanelRounds.AssignAsync(_factory, seed.Applications[0], seed.Members[0]);
        var criterion = (await StoredRoundAsync(PanelRounds.Round)).Rules.Criteria[0];
        var form = ApplicationForm.Default.ReadForCriterion(criterion.Key, [DefaultForm.WhoBenefits, DefaultForm.SectionKey(FairFund.Domain.Applications.ApplicationTask.Budget)]).Form;
        await PublishedForms.PublishAsync(_factory, PanelRounds.Round, form);
        using var member = await SignedInClient.As(_factory, seed.Members[0]);
        await member.DeclareNoConflictAsync(seed.Applications[0]);

        var page = WebUtility.HtmlDecode(await member.GetStringAsync(new Uri(PanelPages.ReviewPath(seed.Applications[0]), UriKind.Relative)));

        var reading = page[page.IndexOf($"data-read-for=\"{criterion.Key}\"", StringComparison.Ordinal)..];
        reading = reading[..reading.IndexOf("</span>", StringComparison.Ordinal)];
        Assert.Contains("<a class=\"govuk-link\" href=\"#answers-whoBenefits\">Who will benefit</a>", reading);
        Assert.Contains("<a class=\"govuk-link\" href=\"#answers-budget\">How much you need, and what for</a>", reading);
        Assert.Contains("id=\"answers-whoBenefits\"", page);
    }

    private async Task<FairFund.Domain.Applications.Application> StoredApplicationAsync(string reference)
    {
        using var scope = _factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<FairFund.Web.Data.FairFundDbContext>().Applications.AsNoTracking().SingleAsync(a => a.Reference == reference);
    }

    private async Task<FairFund.Domain.Rounds.Round> StoredRoundAsync(string reference)
    {
        using var scope = _factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<FairFund.Web.Data.FairFundDbContext>().Rounds.AsNoTracking().SingleAsync(r => r.Reference == reference);
    }
}
