using System.Net;

namespace FairFund.Tests.Web.Fund;

/// <summary>
/// Huge numbers and over-long text on the round set-up forms: each is refused with a message at its
/// field, never a 500, and what was saved before is kept.
/// </summary>
public sealed class RoundSetupLimitTests(SharedFairFundApp app) : IClassFixture<SharedFairFundApp>
{
    private const string Largest = "79228162514264337593543950335";
    private const string Draft = "NFF-2027-R1";
    private const string EditPage = $"/fund/rounds/{Draft}/edit";
    private readonly FairFundFactory _factory = app.ForNextTest();

    [Theory]
    [InlineData("Details.Budget", Largest, "#budget\">The budget must be £1,000,000,000 or less")]
    [InlineData("Details.GrantMax", Largest, "#grant-max\">The largest grant must be £1,000,000,000 or less")]
    [InlineData("Details.MinReviews", "999999999", "#min-reviews\">Each application can need at most 100 reviews")]
    [InlineData("Details.Name", "LONG", "#name\">The name must be 200 characters or fewer (it has 5,000)")]
    public async Task NewRound_AHugeValue_IsRefusedAtItsField(string field, string value, string error)
    {
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);
        var fields = RoundForms.NewRound(Draft);
        fields[field] = value == "LONG" ? new string('n', 5_000) : value;

        using var response = await client.PostFormAsync(RoundForms.NewRoundPage, fields);

        Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True((int)response.StatusCode < 500, $"status {(int)response.StatusCode}");
        Assert.Contains(error, await response.Content.ReadAsStringAsync());
        Assert.Null(RoundForms.Stored(_factory, Draft));
    }

    [Theory]
    [InlineData("AddPot", "Pot.Share", Largest, "#pots-{i}-share\">“Big”: the share must be more than 0% and at most 100% of the budget")]
    [InlineData("AddCriterion", "Criterion.Weight", Largest, "#criteria-{i}-weight\">“Big”: the weight must be at most 1000")]
    [InlineData("AddCriterion", "Criterion.Max", "999999999", "#criteria-{i}-max\">“Big”: the scale can have at most 101 scores")]
    [InlineData("AddRule", "Rule.Amount", Largest, "#rules-{i}-amount\">“Big”: the points must be from -1000 to 1000")]
    [InlineData("AddCriterion", "Criterion.Key", "LONGKEY", "#criteria-{i}-key\">“Big”: The key must be 40 characters or fewer (it has 5,000)")]
    [InlineData("AddPot", "Pot.Key", "LONGKEY", "#pots-{i}-key\">“Big”: The key must be 40 characters or fewer (it has 5,000)")]
    [InlineData("AddCriterion", "Criterion.Guidance", "MANYWORDS", "#criteria-{i}-guidance\">“Big”: The guidance must be 600 words or fewer (it has 601)")]
    public async Task EditRound_AHugeNumberOnAListItem_IsRefusedAtItsFieldAndTheRoundKept(string handler, string field, string value, string error)
    {
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);
        await RoundForms.CreateAsync(client, Draft);
        var before = RoundForms.Stored(_factory, Draft)!.Rules;
        var index = handler switch { "AddPot" => before.Pots.Count, "AddCriterion" => before.Criteria.Count, _ => before.Rules.Count };
        var at = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Dictionary<string, string> fields = handler switch
        {
            "AddPot" => new() { ["index"] = at, ["Pot.Name"] = "Big", ["Pot.Share"] = "10", ["Pot.IncomeBands"] = "micro" },
            "AddCriterion" => new() { ["index"] = at, ["Criterion.Title"] = "Big", ["Criterion.Weight"] = "1", ["Criterion.Min"] = "0", ["Criterion.Max"] = "4" },
            _ => new() { ["index"] = at, ["Rule.Kind"] = "Bonus", ["Rule.Name"] = "Big", ["Rule.Amount"] = "5", ["Rule.Flags"] = "rural" },
        };
        fields[field] = value switch
        {
            "LONGKEY" => new string('k', 5_000),
            "MANYWORDS" => string.Join(' ', Enumerable.Repeat("word", 601)),
            _ => value,
        };
        fields["Version"] = RoundForms.Version(await client.GetStringAsync(new Uri(EditPage, UriKind.Relative)));

        using var response = await client.PostFormAsync($"{EditPage}?handler={handler}", fields, EditPage);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(page.Contains(error.Replace("{i}", at, StringComparison.Ordinal), StringComparison.Ordinal),
            string.Join(" | ", System.Text.RegularExpressions.Regex.Matches(page, "<a href=\"#[a-z0-9-]+\">[^<]*</a>").Select(match => match.Value)));
        var after = RoundForms.Stored(_factory, Draft)!.Rules;
        Assert.Equal((before.Criteria.Count, before.Rules.Count, before.Pots.Count), (after.Criteria.Count, after.Rules.Count, after.Pots.Count));
    }
}
