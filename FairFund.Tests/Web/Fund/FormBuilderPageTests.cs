using System.Net;
using FairFund.Domain.Forms;
using FairFund.Domain.Rounds;
using FairFund.Domain.Validation;

namespace FairFund.Tests.Web.Fund;

/// <summary>
/// The form builder, through its own pages' forms: a fund manager builds a form with every kind of question, a
/// condition on an answer and a section only larger asks answer; it is stored with the round, published with its
/// rules when the round opens, and refused any edit after.
/// </summary>
public sealed class FormBuilderPageTests(SharedFairFundApp app) : IClassFixture<SharedFairFundApp>
{
    private const string Reference = "FB-2027-R1";
    private const string FormPage = "/fund/rounds/" + Reference + "/form";
    private const string NewSectionPage = FormPage + "/sections";
    private const string DemoReference = "CW-MH-2027-R1";

    private readonly FairFundFactory _factory = app.ForNextTest();

    private static string SectionPage(string key) => $"{NewSectionPage}/{key}";

    private static string QuestionPage(string section, string? key = null) => $"{NewSectionPage}/{section}/questions{(key is null ? "" : "/" + key)}";

    [Fact]
    public async Task Build_EveryKindAConditionAndAProportionateSection_IsStoredAndPublishedWhenTheRoundOpens()
    {
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);
        await RoundForms.CreateAsync(client, Reference);
        Assert.Contains($"href=\"{FormPage}\"", await client.GetStringAsync(new Uri($"/fund/rounds/{Reference}", UriKind.Relative)));
        Assert.Contains($"href=\"{NewSectionPage}\"", await client.GetStringAsync(new Uri(FormPage, UriKind.Relative)));

        await AddSectionAsync(client, new() { ["Input.Title"] = "More about you", ["Input.Key"] = "more" }, "more");
        await AddQuestionAsync(client, "more", QuestionKind.ShortText, new() { ["Input.Key"] = "groupName", ["Input.Text"] = "Your group's everyday name", ["Input.MaxCharacters"] = "100" });
        await AddQuestionAsync(client, "more", QuestionKind.LongText, new() { ["Input.Key"] = "history", ["Input.Text"] = "Your history", ["Input.MaxWords"] = "200", ["Input.MaxCharacters"] = "1500", ["Input.Hint"] = "A paragraph is plenty." });
        await AddQuestionAsync(client, "more", QuestionKind.WholeNumber, new() { ["Input.Key"] = "people", ["Input.Text"] = "How many people take part?", ["Input.Min"] = "1", ["Input.Max"] = "500" });
        await AddQuestionAsync(client, "more", QuestionKind.Money, new() { ["Input.Key"] = "otherFunding", ["Input.Text"] = "Other funding", ["Input.Min"] = "0", ["Input.Max"] = "5000", ["Input.Required"] = "no" });
        await AddQuestionAsync(client, "more", QuestionKind.Date, new() { ["Input.Key"] = "founded", ["Input.Text"] = "When did your group start?", ["Input.Latest"] = "31 12 2026" });
        await AddQuestionAsync(client, "more", QuestionKind.YesNo, new() { ["Input.Key"] = "registered", ["Input.Text"] = "Are you a registered charity?" });
        await AddQuestionAsync(client, "more", QuestionKind.OneChoice, new() { ["Input.Key"] = "where", ["Input.Text"] = "Where do you work?", ["Input.Choices"] = "Rural\nUrban\nBoth" });
        await AddQuestionAsync(client, "more", QuestionKind.SeveralChoices, new() { ["Input.Key"] = "ages", ["Input.Text"] = "Which ages?", ["Input.Choices"] = "Children\nAdults\nOlder people" });
        await AddQuestionAsync(client, "more", QuestionKind.Postcode, new() { ["Input.Key"] = "postcode", ["Input.Text"] = "Your postcode" });
        await AddQuestionAsync(client, "more", QuestionKind.Email, new() { ["Input.Key"] = "contactEmail", ["Input.Text"] = "Your email" });
        await AddQuestionAsync(client, "more", QuestionKind.Phone, new() { ["Input.Key"] = "contactPhone", ["Input.Text"] = "Your phone number" });
        await AddQuestionAsync(client, "more", QuestionKind.PartnerTable, new() { ["Input.Key"] = "funders", ["Input.Text"] = "Who else funds you?", ["Input.MaxRows"] = "3" });
        // Shown only for one answer to an earlier choice question: the page offers that answer in its list.
        await AddQuestionAsync(client, "more", QuestionKind.ShortText, new()
        {
            ["Input.Key"] = "ruralDetail", ["Input.Text"] = "Which villages?", ["Input.MaxCharacters"] = "200",
            ["Condition.When"] = "answer", ["Condition.Answer"] = "where|=Rural",
        });
        await AddSectionAsync(client, new() { ["Input.Title"] = "Bigger asks", ["Input.Key"] = "bigger", ["Condition.When"] = "over", ["Condition.Amount"] = "10,000" }, "bigger");
        await AddQuestionAsync(client, "bigger", QuestionKind.LongText, new() { ["Input.Key"] = "biggerPlan", ["Input.Text"] = "How will you manage it?", ["Input.MaxWords"] = "250", ["Input.MaxCharacters"] = "2000" });

        var stored = RoundForms.Stored(_factory, Reference)!;
        var form = stored.Form;
        Assert.Equal(Enum.GetValues<QuestionKind>().Order(), form.Questions.Select(question => question.Kind).Distinct().Order());
        Assert.Equal(new ShowWhen.Chosen("where", "Rural"), form.Find("ruralDetail")!.ShowWhen);
        Assert.Equal(new ShowWhen.AmountOver(10_000m), form.FindSection("bigger")!.ShowWhen);
        Assert.Equal(new TextLimit(1500, 200), form.Find("history")!.Limit);
        Assert.False(form.Find("otherFunding")!.Required);
        Assert.Equal(new DateOnly(2026, 12, 31), form.Find("founded")!.Latest);
        Assert.All(stored.History, change => Assert.Equal((Round.FormChanged, SignedInClient.Manager), (change.Trigger, change.Actor)));
        Assert.Equal(form.Questions.Count() - ApplicationForm.Default.Questions.Count() + 2, stored.History.Count);
        // The builder's pages say what was built: a section's condition and a question's, in words.
        var formPage = await client.GetStringAsync(new Uri(FormPage, UriKind.Relative));
        Assert.Contains("When the amount asked for is over £10,000", formPage);
        Assert.Contains("When the answer to “Where do you work” is “Rural”", WebUtility.HtmlDecode(await client.GetStringAsync(new Uri(SectionPage("more"), UriKind.Relative))));

        // A tab left open on the section page before the round opens.
        var staleEdit = await client.FormAsync(SectionPage("more") + "?handler=Save", new() { ["Input.Title"] = "Changed after opening" });
        var staleRemove = await client.FormAsync(SectionPage("more") + "?handler=Remove", new() { ["question"] = "postcode" });

        using (var open = await client.PostFormAsync($"/fund/rounds/{Reference}", new() { ["Input.Trigger"] = "Open" }))
            Assert.Equal(HttpStatusCode.Redirect, open.StatusCode);

        var opened = RoundForms.Stored(_factory, Reference)!;
        Assert.Equal(RoundState.Open, opened.State);
        Assert.Contains(FormJson.Write(form), opened.RulesJson!, StringComparison.Ordinal);
        Assert.Equal(PublishedRules.Of(opened.Rules, form).Sha256, opened.RulesHash);
        Assert.NotEqual(PublishedRules.Of(opened.Rules).Sha256, opened.RulesHash);

        using (var refused = await staleEdit.SubmitAsync(client, new Dictionary<string, string> { ["Input.Title"] = "Changed after opening" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("The round&#x27;s form cannot change now: it is open", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var refused = await staleRemove.SubmitAsync(client))
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(FormJson.Write(form), FormJson.Write(RoundForms.Stored(_factory, Reference)!.Form));

        // Once open, the pages show the form as it was fixed, with nothing to press.
        foreach (var page in new[] { FormPage, SectionPage("more"), QuestionPage("more", "history") })
        {
            var html = await client.GetStringAsync(new Uri(page, UriKind.Relative));
            Assert.Contains("id=\"why-fixed\"", html);
            Assert.DoesNotContain(PageForms.All(html, page), form => !form.Action.EndsWith("/account/sign-out", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task SectionPage_AFixedQuestion_SaysWhyItCannotBeRemovedAndOffersNoRemoveButton()
    {
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);
        await RoundForms.CreateAsync(client, Reference);

        var page = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri(SectionPage("project"), UriKind.Relative)));

        Assert.Contains(FixedQuestions.WhyNotRemovable(FixedQuestions.Title)! + ".", page, StringComparison.Ordinal);
        var removable = PageForms.All(page, SectionPage("project")).Where(form => form.Buttons.Any(button => button.FormAction?.Contains("handler=Remove", StringComparison.Ordinal) == true)).ToList();
        Assert.Equal(["whatYouWillDo"], removable.Select(form => form.Fields["question"]));
        var formPage = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri(FormPage, UriKind.Relative)));
        Assert.Contains("This section cannot be removed. You cannot remove the project title", formPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemoveQuestion_ThatAConditionTests_IsRefusedWithTheReasonAtTheQuestion()
    {
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);
        await RoundForms.CreateAsync(client, Reference);

        using var response = await client.PostFormAsync(SectionPage("partners") + "?handler=Remove", new() { ["question"] = "workingWithPartners" }, SectionPage("partners"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("<a href=\"#question-workingWithPartners\">“Working with partners” cannot be removed: the question “Your partners” is shown only for its answer", page, StringComparison.Ordinal);
        Assert.NotNull(RoundForms.Stored(_factory, Reference)!.Form.Find("workingWithPartners"));
    }

    [Fact]
    public async Task AddQuestion_BadSettings_ShowsTheDomainsProblemsAtTheirFieldsAndSavesNothing()
    {
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);
        await RoundForms.CreateAsync(client, Reference);
        var page = QuestionPage("project") + "?kind=OneChoice";

        using var response = await client.PostFormAsync(page, new() { ["Input.Key"] = "Bad key", ["Input.Text"] = "Pick one", ["Input.Choices"] = "Only one" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("govuk-error-summary", html);
        Assert.Contains("<a href=\"#key\">The key “Bad key” must start with a small letter", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#choices\">Give at least two answers to choose from</a>", html, StringComparison.Ordinal);
        Assert.Contains("Only one</textarea>", html, StringComparison.Ordinal);
        Assert.Equal(FormJson.Write(ApplicationForm.Default), FormJson.Write(RoundForms.Stored(_factory, Reference)!.Form));
    }

    [Fact]
    public async Task MoveSectionDown_IsSavedInTheNewOrder()
    {
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);
        await RoundForms.CreateAsync(client, Reference);

        using var response = await client.PostFormAsync(FormPage + "?handler=MoveDown", new() { ["section"] = "whoBenefits" }, FormPage);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(["project", "outcomes", "whoBenefits"], RoundForms.Stored(_factory, Reference)!.Form.Sections.Take(3).Select(section => section.Key));
    }

    [Fact]
    public async Task UseTheFormFromAnEarlierRound_CopiesItsForm()
    {
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);
        await RoundForms.CreateAsync(client, Reference);
        var page = FormPage + "/from-round";
        Assert.Contains($"href=\"{page}\"", await client.GetStringAsync(new Uri(FormPage, UriKind.Relative)));

        using var response = await client.PostFormAsync(page, new() { ["From"] = DemoReference });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(FormJson.Write(ApplicationForm.DemoForm), FormJson.Write(RoundForms.Stored(_factory, Reference)!.Form));
    }

    [Fact]
    public async Task NewRoundFromThisOne_CopiesSettingsCriteriaRulesPotsAndFormToANewDraft()
    {
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);
        var original = RoundForms.Stored(_factory, DemoReference)!;
        // The demo round is the default form with a section only asks over £10,000 answer.
        Assert.Equal(FormJson.Write(ApplicationForm.DemoForm), FormJson.Write(original.Form));
        var copyPage = $"/fund/rounds/{DemoReference}/copy";
        Assert.Contains($"href=\"{copyPage}\"", await client.GetStringAsync(new Uri($"/fund/rounds/{DemoReference}", UriKind.Relative)));

        using var response = await client.PostFormAsync(copyPage, new() { ["NewReference"] = "CW-MH-2028-R1", ["NewName"] = "Community wellbeing 2028" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/fund/rounds/CW-MH-2028-R1/edit", response.Headers.Location!.OriginalString);
        var copy = RoundForms.Stored(_factory, "CW-MH-2028-R1")!;
        Assert.Equal((RoundState.Draft, "Community wellbeing 2028"), (copy.State, copy.Name));
        Assert.Equal(PublishedRules.Of(original.Rules, original.Form).Json,
            PublishedRules.Of(copy.Rules with { Reference = original.Reference, Name = original.Name, Seed = original.Rules.Seed }, copy.Form).Json);
        Assert.NotEmpty(copy.Rules.Criteria);
        Assert.Equal((Round.CopiedFrom, SignedInClient.Manager), (Assert.Single(copy.History).Trigger, copy.History[0].Actor));
        Assert.Equal(RoundState.Open, RoundForms.Stored(_factory, DemoReference)!.State);
    }

    [Fact]
    public async Task NewRoundFromThisOne_ReferenceTaken_IsRefusedAtTheReference()
    {
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);

        using var response = await client.PostFormAsync($"/fund/rounds/{DemoReference}/copy", new() { ["NewReference"] = DemoReference, ["NewName"] = "Again" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<a href=\"#reference\">There is already a round with the reference {DemoReference}; enter a different reference</a>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> OtherRolesAndPages()
    {
        var data = new TheoryData<string, string>();
        var pages = new[]
        {
            $"/fund/rounds/{DemoReference}/form", $"/fund/rounds/{DemoReference}/form/sections", $"/fund/rounds/{DemoReference}/form/sections/project",
            $"/fund/rounds/{DemoReference}/form/sections/project/questions", $"/fund/rounds/{DemoReference}/form/sections/project/questions/title",
            $"/fund/rounds/{DemoReference}/form/preview", $"/fund/rounds/{DemoReference}/form/from-round", $"/fund/rounds/{DemoReference}/copy",
        };
        foreach (var email in new[] { SignedInClient.Panel, SignedInClient.Applicant })
            foreach (var page in pages) data.Add(email, page);
        return data;
    }

    [Theory]
    [MemberData(nameof(OtherRolesAndPages))]
    public async Task Get_BuilderPages_OtherRoles_AreRefused(string email, string page)
    {
        using var client = await SignedInClient.As(_factory, email);

        using var response = await client.GetAsync(new Uri(page, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/access-denied", response.Headers.Location!.AbsolutePath);
        using var denied = await client.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    [Fact]
    public async Task Preview_ShowsEverySectionAndQuestionWithHintsLimitsAndConditions()
    {
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);

        var page = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/fund/rounds/{DemoReference}/form/preview", UriKind.Relative)));

        Assert.All(ApplicationForm.DemoForm.Sections, section => Assert.Contains(section.Title, page, StringComparison.Ordinal));
        Assert.All(ApplicationForm.DemoForm.Questions, question => Assert.Contains(question.Text, page, StringComparison.Ordinal));
        Assert.Contains("When the amount asked for is over £10,000", page, StringComparison.Ordinal);
        Assert.Contains("Up to 250 words", page, StringComparison.Ordinal);
        Assert.DoesNotContain(PageForms.All(page, "/preview"), form => !form.Action.EndsWith("/account/sign-out", StringComparison.Ordinal));
    }

    private static async Task AddSectionAsync(HttpClient client, Dictionary<string, string> fields, string key)
    {
        using var response = await client.PostFormAsync(NewSectionPage + "?handler=Save", fields, NewSectionPage);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        Assert.Equal(SectionPage(key), response.Headers.Location!.OriginalString);
    }

    private static async Task AddQuestionAsync(HttpClient client, string section, QuestionKind kind, Dictionary<string, string> fields)
    {
        var page = $"{QuestionPage(section)}?kind={kind}";
        using var response = await client.PostFormAsync(page, fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{kind}: {WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync())}");
    }
}
