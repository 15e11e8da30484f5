using System.Net;
using FairFund.Domain.Applications;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Apply;

/// <summary>
/// What the question pages do with what cannot be stored: a text over its character limit or an amount
/// beyond any grant is refused with a located message and what was saved before is kept; a NUL or direction
/// character is cleaned away and the answer kept; and a budget stored before costs were capped never stops a page.
/// </summary>
public sealed class AnswerLimitPagesTests(SharedFairFundApp app) : IClassFixture<SharedFairFundApp>
{
    private const string Overflowing = "79228162514264337593543950335";

    private readonly FairFundFactory factory = app.ForNextTest();

    private static string Page(string reference, string page) => $"/apply/applications/{reference}/{page}";

    private async Task<(HttpClient Client, string Reference, Guid Version)> DraftAsync()
    {
        var reference = await factory.StartAsync(complete: true);
        var (_, version) = await factory.LoadAsync(reference);
        return (await SignedInClient.As(factory, SignedInClient.Applicant), reference, version);
    }

    [Fact]
    public async Task Project_AOneMegabyteWord_IsRefusedAtTheFieldAndTheSavedAnswerKept()
    {
        var (client, reference, version) = await DraftAsync();
        using var _ = client;
        var word = new string('a', 1_000_000);

        using var response = await client.PostFormAsync(Page(reference, "project"), new()
        {
            ["Input.Title"] = "A new title",
            ["Input.WhatYouWillDo"] = word,
            ["Input.StartDate.Day"] = "1", ["Input.StartDate.Month"] = "6", ["Input.StartDate.Year"] = "2027",
            ["Input.EndDate.Day"] = "31", ["Input.EndDate.Month"] = "5", ["Input.EndDate.Year"] = "2028",
            ["Version"] = version.ToString(), ["action"] = "continue",
        });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<a href=\"#what-you-will-do\">What you will do must be 3,000 characters or fewer (it has 1,000,000)</a>", html);
        Assert.Contains("Your answers on this page have not been saved", html);
        var (saved, after) = await factory.LoadAsync(reference);
        Assert.Equal(("Peer support walks", "Weekly walks in the park led by peer supporters.", version), (saved.Title, saved.WhatYouWillDo, after));
    }

    [Theory]
    [InlineData("who-benefits")]
    [InlineData("outcomes")]
    [InlineData("lived-experience")]
    public async Task TextQuestion_OverItsCharacterLimit_IsRefusedAndLaterDoesNotLoseTheSavedAnswer(string page)
    {
        var (client, reference, version) = await DraftAsync();
        using var _ = client;
        var (before, _) = await factory.LoadAsync(reference);

        using var response = await client.PostFormAsync(Page(reference, page), new()
        {
            ["Answer"] = new string('x', 200_000), ["Version"] = version.ToString(), ["action"] = "later",
        });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"<a href=\"#{page}\">", html);
        Assert.Contains("characters or fewer (it has 200,000)", html);
        var (saved, _) = await factory.LoadAsync(reference);
        Assert.Equal((before.WhoBenefits, before.Outcomes, before.LivedExperience), (saved.WhoBenefits, saved.Outcomes, saved.LivedExperience));
    }

    [Fact]
    public async Task WhoBenefits_WithANulAndARightToLeftOverride_IsSavedCleaned()
    {
        var (client, reference, version) = await DraftAsync();
        using var _ = client;

        using var response = await client.PostFormAsync(Page(reference, "who-benefits"), new()
        {
            ["Answer"] = "Adults\0 in \u202EFoleshill\u202C who feel isolated.", ["Version"] = version.ToString(), ["action"] = "continue",
        });

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync() + string.Join(";", response.Headers.Select(h => h.Key + "=" + string.Join(",", h.Value))));
        Assert.Equal("Adults in Foleshill who feel isolated.", (await factory.LoadAsync(reference)).Application.WhoBenefits);
    }

    [Fact]
    public async Task Budget_TwoLinesOfTheLargestDecimal_IsRefusedAtTheLineAndEveryPageStillWorks()
    {
        var (client, reference, version) = await DraftAsync();
        using var _ = client;

        using var response = await client.PostFormAsync(Page(reference, "budget"), new()
        {
            ["Input.Lines[0].Item"] = "Hall", ["Input.Lines[0].Cost"] = Overflowing,
            ["Input.Lines[1].Item"] = "More hall", ["Input.Lines[1].Cost"] = Overflowing,
            ["Version"] = version.ToString(), ["action"] = "continue",
        });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<a href=\"#budget-0-cost\">The cost of line 1 of the budget must be £1,000,000,000 or less</a>", html);
        Assert.Contains("<a href=\"#budget-1-cost\">The cost of line 2 of the budget must be £1,000,000,000 or less</a>", html);
        Assert.Equal([new BudgetLine("Walk leader expenses", 3000m), new BudgetLine("Training", 1500m)], (await factory.LoadAsync(reference)).Application.Budget);
        foreach (var page in new[] { "", "/budget", "/check" })
        {
            using var shown = await client.GetAsync(new Uri($"/apply/applications/{reference}{page}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        }
    }

    [Fact]
    public async Task Budget_ALineOverTheLargestGrant_IsSavedWithAnErrorAtThatLine()
    {
        var (client, reference, version) = await DraftAsync();
        using var _ = client;

        using var response = await client.PostFormAsync(Page(reference, "budget"), new()
        {
            ["Input.Lines[0].Item"] = "Hall", ["Input.Lines[0].Cost"] = "250",
            ["Input.Lines[1].Item"] = "Minibus", ["Input.Lines[1].Cost"] = "30000",
            ["Version"] = version.ToString(), ["action"] = "continue",
        });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<a href=\"#budget-1-cost\">The cost of line 2 of the budget must be no more than £25,000, the largest grant this round gives</a>", html);
        Assert.Equal(30250m, (await factory.LoadAsync(reference)).Application.AmountRequested);
    }

    [Fact]
    public async Task Pages_ABudgetStoredBeforeCostsWereCapped_ShowWithoutFailing()
    {
        var (client, reference, _) = await DraftAsync();
        using var _ = client;
        // As the budget page stored it before the cap: two lines whose total overflows a decimal.
        await factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            // Every line's cost, where the answers are kept (one JSON column by question key).
            await StoredRows.SetBudgetCostsAsync(db, reference, Overflowing);
        });

        foreach (var page in new[] { "", "/budget", "/check" })
        {
            using var shown = await client.GetAsync(new Uri($"/apply/applications/{reference}{page}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        }
        var budget = await client.GetStringAsync(new Uri(Page(reference, "budget"), UriKind.Relative));
        Assert.Contains("79,228,162,514,264,337,593,543,950,335", budget);
    }
}
