using FairFund.Web.Forms;
using System.Net;
using System.Text.RegularExpressions;

namespace FairFund.Tests.Web.Fund;

public sealed partial class EditRoundPageTests(SharedFairFundApp app) : IClassFixture<SharedFairFundApp>
{
    private const string Demo = "CW-MH-2027-R1";
    private const string Draft = "NFF-2027-R1";
    private const string EditPage = $"/fund/rounds/{Draft}/edit";
    private readonly FairFundFactory _factory = app.ForNextTest();

    [Fact]
    public async Task AddCriterion_WithoutAKey_AddsItWithAKeyFromItsTitle()
    {
        using var client = await ManagerWithDraftAsync(startWith: "none");

        using var response = await PostAsync(client, "AddCriterion", new()
        {
            ["index"] = "0",
            ["Criterion.Title"] = "Community reach",
            ["Criterion.Guidance"] = "Who in the neighbourhood takes part?",
            ["Criterion.Weight"] = "2.5",
            ["Criterion.Min"] = "0",
            ["Criterion.Max"] = "3",
            ["Criterion.Descriptors"] = "Nobody new\nA few\nMany\r\nMost of the street\n\n",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"{EditPage}#criteria", response.Headers.Location!.OriginalString);
        var criterion = Assert.Single(RoundForms.Stored(_factory, Draft)!.Rules.Criteria);
        Assert.Equal(("community-reach", "Community reach", 2.5m, 0, 3), (criterion.Key, criterion.Title, criterion.Weight, criterion.Min, criterion.Max));
        Assert.Equal(["Nobody new", "A few", "Many", "Most of the street"], criterion.Descriptors);
        Assert.Contains("value=\"Community reach\"", await client.GetStringAsync(new Uri(EditPage, UriKind.Relative)));
    }

    [Fact]
    public async Task SaveCriterion_ZeroWeight_ShowsTheDomainsProblemOnThatCriterionsWeight()
    {
        using var client = await ManagerWithDraftAsync();

        using var response = await PostAsync(client, "SaveCriterion", new()
        {
            ["index"] = "1",
            ["Criterion.Title"] = "Approach and coproduction",
            ["Criterion.Key"] = "approach",
            ["Criterion.Weight"] = "0",
            ["Criterion.Min"] = "0",
            ["Criterion.Max"] = "4",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<a href=\"#criteria-1-weight\">“Approach and coproduction”: the weight must be more than 0</a>", page);
        Assert.Contains("id=\"criteria-1-weight-error\"", page);
        Assert.Equal(2m, RoundForms.Stored(_factory, Draft)!.Rules.Criteria[1].Weight);
    }

    [Fact]
    public async Task AddPot_SharesOver100PercentInTotal_IsRefusedOnTheNewPotsShare()
    {
        using var client = await ManagerWithDraftAsync();
        using (var first = await PostAsync(client, "AddPot", new() { ["index"] = "0", ["Pot.Name"] = "Micro groups", ["Pot.Share"] = "60%", ["Pot.IncomeBands"] = "micro" }))
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        using var response = await PostAsync(client, "AddPot", new() { ["index"] = "1", ["Pot.Name"] = "Rural groups", ["Pot.Share"] = "50", ["Pot.Flags"] = "rural" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<a href=\"#pots-1-share\">The ring-fenced pots add up to 110% of the budget; together they can be at most 100%</a>", page);
        Assert.Contains("id=\"pots-1-share-error\"", page);
        Assert.Contains("value=\"Rural groups\"", page);
        var pot = Assert.Single(RoundForms.Stored(_factory, Draft)!.Rules.Pots);
        Assert.Equal(("micro-groups", 0.6m), (pot.Key, pot.Share));
        Assert.Equal(["micro"], pot.When.IncomeBands!);
        Assert.Null(pot.When.Flags);
    }

    [Fact]
    public async Task AddCriterionRuleAndPot_NamesWithInvisibleAndDirectionCharacters_AreSavedCleaned()
    {
        using var client = await ManagerWithDraftAsync(startWith: "none");

        using (var criterion = await PostAsync(client, "AddCriterion", new()
        {
            ["index"] = "0", ["Criterion.Title"] = "Community\u202e reach", ["Criterion.Guidance"] = "Who\u200b takes part?\0",
            ["Criterion.Weight"] = "1", ["Criterion.Min"] = "0", ["Criterion.Max"] = "1", ["Criterion.Descriptors"] = "No\u2066body\nSome\u00ad",
        }))
            Assert.Equal(HttpStatusCode.Redirect, criterion.StatusCode);
        using (var rule = await PostAsync(client, "AddRule", new()
        {
            ["index"] = "0", ["Rule.Kind"] = "Bonus", ["Rule.Name"] = "First\u202e application", ["Rule.Amount"] = "3", ["Rule.Flags"] = "firstTimeApplicant",
        }))
            Assert.Equal(HttpStatusCode.Redirect, rule.StatusCode);
        using (var pot = await PostAsync(client, "AddPot", new()
        {
            ["index"] = "0", ["Pot.Name"] = "Micro\u200f groups", ["Pot.Share"] = "10", ["Pot.IncomeBands"] = "micro",
        }))
            Assert.Equal(HttpStatusCode.Redirect, pot.StatusCode);

        var rules = RoundForms.Stored(_factory, Draft)!.Rules;
        var saved = Assert.Single(rules.Criteria);
        Assert.Equal(("Community reach", "Who takes part?"), (saved.Title, saved.Guidance));
        Assert.Equal(["Nobody", "Some"], saved.Descriptors);
        Assert.Equal("First application", Assert.Single(rules.Rules).Name);
        Assert.Equal("Micro groups", Assert.Single(rules.Pots).Name);
    }

    [Fact]
    public async Task AddRule_BonusForAFlag_IsSavedAndRemoveRule_RemovesIt()
    {
        using var client = await ManagerWithDraftAsync();

        using (var added = await PostAsync(client, "AddRule", new()
        {
            ["index"] = "0", ["Rule.Kind"] = "Bonus", ["Rule.Name"] = "First application", ["Rule.Amount"] = "3", ["Rule.Flags"] = "firstTimeApplicant",
        }))
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var rule = Assert.Single(RoundForms.Stored(_factory, Draft)!.Rules.Rules);
        Assert.Equal("First application: 3 points are added for organisations that are a first-time applicant", rule.Describe());

        using var removed = await PostAsync(client, "RemoveRule", new() { ["index"] = "0" });

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Empty(RoundForms.Stored(_factory, Draft)!.Rules.Rules);
    }

    [Fact]
    public async Task SaveDetails_ForgedForAnOpenRound_IsRefusedAndTheRulesAreShownReadOnlyWithTheirHash()
    {
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);
        var editDemo = $"/fund/rounds/{Demo}/edit";
        var hash = RoundForms.Stored(_factory, Demo)!.RulesHash!;

        var page = await client.GetStringAsync(new Uri(editDemo, UriKind.Relative));
        Assert.Contains("they were fixed when the round opened", page);
        Assert.Contains(hash, page);
        Assert.DoesNotContain("Save details", page);

        var fields = RoundForms.NewRound(Demo);
        fields["Version"] = await VersionAsync(client, $"/fund/rounds/{Demo}");
        // Forged on purpose: an open round's set-up page has no form; a made-up save must be refused.
        using var response = await client.PostComposedAsync($"{editDemo}?handler=SaveDetails", fields, $"/fund/rounds/{Demo}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("cannot change once it has opened", await response.Content.ReadAsStringAsync());
        Assert.Equal("Community Mental Health Fund 2027, round 1", RoundForms.Stored(_factory, Demo)!.Name);
    }

    [Fact]
    public async Task SaveDetails_StaleVersion_ShowsItChangedMeanwhileKeepsWhatWasTypedAndTheirChange()
    {
        using var client = await ManagerWithDraftAsync();
        // Two tabs opened on the same version of the page: theirs is saved first, then mine.
        var form = await client.FormAsync($"{EditPage}?handler=SaveDetails", [], EditPage);
        using (var first = await form.SubmitAsync(client, new Dictionary<string, string> { ["Details.Name"] = "Their name" }))
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        using var response = await form.SubmitAsync(client, new Dictionary<string, string> { ["Details.Name"] = "My name" });

        // The one outcome (docs/edit-conflicts.md): the page again, with the section's typed details kept.
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains(ChangedMeanwhile.Heading, page);
        Assert.Contains("value=\"My name\"", page);
        Assert.Equal("Their name", RoundForms.Stored(_factory, Draft)!.Name);
    }

    [Theory]
    [InlineData(SignedInClient.Panel, RoundForms.NewRoundPage)]
    [InlineData(SignedInClient.Applicant, RoundForms.NewRoundPage)]
    [InlineData(SignedInClient.Panel, $"/fund/rounds/{Demo}/edit")]
    [InlineData(SignedInClient.Applicant, $"/fund/rounds/{Demo}/edit")]
    public async Task Get_EditorPages_OtherRoles_AreRefused(string email, string path)
    {
        using var client = await SignedInClient.As(_factory, email);

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/access-denied", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Open_CreatedRound_FixesItsRulesAndTheEditPageShowsTheirHash()
    {
        using var client = await ManagerWithDraftAsync();
        var roundPage = $"/fund/rounds/{Draft}";

        using var opened = await client.PostFormAsync(roundPage, new() { ["Input.Trigger"] = "Open", ["Input.Version"] = await VersionAsync(client, roundPage) });

        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var hash = RoundForms.Stored(_factory, Draft)!.RulesHash;
        Assert.NotNull(hash);
        Assert.Contains(hash, await client.GetStringAsync(new Uri(roundPage, UriKind.Relative)));
        Assert.Contains(hash, await client.GetStringAsync(new Uri(EditPage, UriKind.Relative)));
    }

    [Fact]
    public async Task EditLink_DraftRoundPage_LeadsToTheSetUpWhoseFormSavesTheChange()
    {
        using var client = await ManagerWithDraftAsync();
        var roundPage = await client.GetStringAsync(new Uri($"/fund/rounds/{Draft}", UriKind.Relative));

        var link = EditLink().Match(roundPage);
        Assert.True(link.Success, "The draft round's page has no link to set it up");
        var editPage = System.Net.WebUtility.HtmlDecode(link.Groups[1].Value);
        var form = PageForms.Find(await client.GetStringAsync(new Uri(editPage, UriKind.Relative)), editPage, "handler=SaveDetails");
        using var saved = await form.SubmitAsync(client, new Dictionary<string, string> { ["Details.Name"] = "Neighbourhood Food Fund 2027, second try" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = RoundForms.Stored(_factory, Draft)!;
        Assert.Equal("Neighbourhood Food Fund 2027, second try", stored.Name);
        Assert.Equal(25_000.50m, stored.Rules.Budget);
    }

    [Fact]
    public async Task EditLinks_DraftAndOpenRounds_OnlyTheDraftCanBeSetUpFromItsPageAndTheList()
    {
        using var client = await ManagerWithDraftAsync();

        var list = await client.GetStringAsync(new Uri("/fund", UriKind.Relative));
        var openRoundPage = await client.GetStringAsync(new Uri($"/fund/rounds/{Demo}", UriKind.Relative));

        Assert.Contains($"href=\"/fund/rounds/{Draft}/edit\"", list);
        Assert.DoesNotContain($"/fund/rounds/{Demo}/edit", list);
        Assert.DoesNotContain("/edit\"", openRoundPage);
    }

    [GeneratedRegex("<a [^>]*href=\"([^\"]+/edit)\"[^>]*>Set up the round")]
    private static partial Regex EditLink();

    private async Task<HttpClient> ManagerWithDraftAsync(string startWith = "example")
    {
        var client = await SignedInClient.As(_factory, SignedInClient.Manager);
        await RoundForms.CreateAsync(client, Draft, fields => fields["Input.StartWith"] = startWith);
        return client;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string handler, Dictionary<string, string> fields)
    {
        fields["Version"] = await VersionAsync(client, EditPage);
        return await client.PostFormAsync($"{EditPage}?handler={handler}", fields, EditPage);
    }

    private static async Task<string> VersionAsync(HttpClient client, string page) =>
        RoundForms.Version(await client.GetStringAsync(new Uri(page, UriKind.Relative)));
}
