using System.Net;
using FairFund.Domain.Allocation;
using FairFund.Domain.Rounds;
using FairFund.Domain.Scoring;
using FairFund.Web.Forms;
using FairFund.Web.Rounds;

namespace FairFund.Tests.Web.Fund;

public sealed class NewRoundPageTests(SharedFairFundApp app) : IClassFixture<SharedFairFundApp>
{
    private readonly FairFundFactory _factory = app.ForNextTest();

    [Fact]
    public async Task Post_ValidRound_CreatesADraftInUtcAndListsIt()
    {
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);
        Assert.Contains("href=\"/fund/rounds/new\"", await client.GetStringAsync(new Uri("/fund", UriKind.Relative)));

        var location = await RoundForms.CreateAsync(client, "NFF-2027-R1");

        Assert.Equal("/fund/rounds/NFF-2027-R1/edit", location);
        var round = RoundForms.Stored(_factory, "NFF-2027-R1")!;
        Assert.Equal(RoundState.Draft, round.State);
        Assert.Equal("Neighbourhood Food Fund 2027", round.Name);
        Assert.Equal("Small grants for community food projects.", round.Purpose);
        // 9am and midday in British Summer Time are 8am and 11am in UTC.
        Assert.Equal(new DateTimeOffset(2027, 6, 1, 8, 0, 0, TimeSpan.Zero), round.OpensAt);
        Assert.Equal(new DateTimeOffset(2027, 6, 30, 11, 0, 0, TimeSpan.Zero), round.ClosesAt);
        var rules = round.Rules;
        Assert.Equal(("NFF-2027-R1", 25_000.50m, 500m, 5_000m, 55m, 3), (rules.Reference, rules.Budget, rules.GrantMin, rules.GrantMax, rules.Threshold, rules.MinReviews));
        Assert.Equal((Aggregation.Median, WhenTooBig.Partial, 0.6m, new LotteryBand(55m, 65m), false),
            (rules.Aggregation, rules.WhenTooBig, rules.PartialMinFraction, rules.LotteryBand, rules.Rollover));
        Assert.Equal(["need", "approach", "outcomes", "value"], rules.Criteria.Select(c => c.Key));
        Assert.Equal("", rules.Seed);

        var list = await client.GetStringAsync(new Uri("/fund", UriKind.Relative));
        Assert.Contains("/fund/rounds/NFF-2027-R1", list);
        Assert.Contains("Draft", list);
    }

    [Fact]
    public async Task Post_BadBudget_ShowsTheErrorOnTheFieldKeepsTheInputAndSavesNothing()
    {
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);
        var fields = RoundForms.NewRound("NFF-2027-R1");
        fields["Details.Budget"] = "lots";

        using var response = await client.PostFormAsync(RoundForms.NewRoundPage, fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("govuk-error-summary", page);
        Assert.Contains("<a href=\"#budget\">Enter the budget as an amount of money, like 25000 or 25,000.00</a>", page);
        Assert.Contains("id=\"budget-error\"", page);
        Assert.Contains("value=\"lots\"", page);
        Assert.Contains("value=\"Neighbourhood Food Fund 2027\"", page);
        Assert.Null(RoundForms.Stored(_factory, "NFF-2027-R1"));
    }

    [Theory]
    [InlineData("CW-MH-2027-R1")]
    [InlineData("cw-mh-2027-r1")]
    public async Task Post_ReferenceTaken_IsRefusedOnTheReference(string reference)
    {
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);

        using var response = await client.PostFormAsync(RoundForms.NewRoundPage, RoundForms.NewRound(reference));

        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains($"<a href=\"#reference\">There is already a round with the reference {reference}; enter a different reference</a>", page);
        Assert.Contains("id=\"reference-error\"", page);
    }

    [Fact]
    public async Task Post_ClosingBeforeOpening_IsAnErrorOnTheClosingDate()
    {
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);
        var fields = RoundForms.NewRound("NFF-2027-R1");
        fields["Details.Closes.Month"] = "5";

        using var response = await client.PostFormAsync(RoundForms.NewRoundPage, fields);

        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<a href=\"#closes-day\">The closing date must be after the opening date</a>", page);
        Assert.Null(RoundForms.Stored(_factory, "NFF-2027-R1"));
    }

    [Fact]
    public async Task Post_GrantMaxBelowGrantMin_ShowsTheDomainsProblemOnTheField()
    {
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);
        var fields = RoundForms.NewRound("NFF-2027-R1");
        fields["Details.GrantMax"] = "400";

        using var response = await client.PostFormAsync(RoundForms.NewRoundPage, fields);

        Assert.Contains("<a href=\"#grant-max\">The largest grant must be at least the smallest grant, £500</a>", await response.Content.ReadAsStringAsync());
        Assert.Null(RoundForms.Stored(_factory, "NFF-2027-R1"));
    }

    [Theory]
    [InlineData("£1,000.50", 1000.50)]
    [InlineData("1000.5", 1000.5)]
    [InlineData(" 25,000 ", 25000)]
    public void TryMoney_AmountsAsPeopleTypeThem_AreRead(string text, decimal expected)
    {
        Assert.True(FormNumbers.TryMoney(text, out var amount));
        Assert.Equal(expected, amount);
    }

    [Theory]
    [InlineData("lots")]
    [InlineData("1,00")]
    [InlineData("£")]
    [InlineData("1.000,50")]
    public void TryMoney_NotAnAmount_IsRefused(string text) => Assert.False(FormNumbers.TryMoney(text, out _));
}
