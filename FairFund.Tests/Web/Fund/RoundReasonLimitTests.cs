using System.Net;
using FairFund.Domain.Rounds;
using FairFund.Tests.Web.Panel;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Fund;

/// <summary>
/// The reason typed when cancelling a round or closing scoring early (issue 14): over its character or word limit it
/// is refused at its field, through the round page's own form, and the round is left as it was.
/// </summary>
public sealed class RoundReasonLimitTests(SharedFairFundApp app) : IClassFixture<SharedFairFundApp>
{
    private const string Demo = PanelRounds.Round;
    private const string RoundPage = $"/fund/rounds/{Demo}";
    private readonly FairFundFactory _factory = app.ForNextTest();

    [Theory]
    [InlineData(5_000, "The reason must be 2,000 characters or fewer (it has 5,000)")]
    [InlineData(-301, "The reason must be 300 words or fewer (it has 301)")]
    public async Task Cancel_ReasonOverItsLimit_IsRefusedAtTheFieldAndTheRoundStaysOpen(int size, string error)
    {
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);
        var before = StoredRound();

        using var response = await PressAsync(client, RoundTrigger.Cancel, ReasonOf(size));
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"<a href=\"#reason-Cancel\">{error}</a>", page);
        Assert.Contains($"<p id=\"reason-Cancel-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> {error}</p>", page);
        var after = StoredRound();
        Assert.Equal(RoundState.Open, after.State);
        Assert.Equal(before.History.Count, after.History.Count);
    }

    [Fact]
    public async Task CloseScoring_ReasonOverItsLimit_IsRefusedAtTheFieldAndScoringStaysOpen()
    {
        await PanelRounds.SeedAsync(_factory, applications: 2, members: 2);
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);
        var before = StoredRound();

        using var response = await PressAsync(client, RoundTrigger.CloseScoring, ReasonOf(5_000));
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        const string error = "The reason must be 2,000 characters or fewer (it has 5,000)";
        Assert.Contains($"<a href=\"#reason-CloseScoring\">{error}</a>", page);
        Assert.Contains($"<p id=\"reason-CloseScoring-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> {error}</p>", page);
        var after = StoredRound();
        Assert.Equal(RoundState.Scoring, after.State);
        Assert.Null(after.RevealedSeed);
        Assert.Equal(before.History.Count, after.History.Count);
    }

    [Fact]
    public async Task Cancel_ReasonWithinItsLimit_IsRecordedCleaned()
    {
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);

        using var response = await PressAsync(client, RoundTrigger.Cancel, "  Funding\u202e withdrawn  ");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = StoredRound();
        Assert.Equal(RoundState.Cancelled, after.State);
        Assert.Equal("Funding withdrawn", after.History[^1].Reason);
    }

    /// <summary>Presses the button of the round page's form for <paramref name="trigger"/>, with the reason typed into that form.</summary>
    private static async Task<HttpResponseMessage> PressAsync(HttpClient client, RoundTrigger trigger, string reason)
    {
        // Cancelling has a page of its own, whose one form confirms it.
        var formPage = trigger == RoundTrigger.Cancel ? $"{RoundPage}/cancel" : RoundPage;
        var html = await client.GetStringAsync(new Uri(formPage, UriKind.Relative));
        var form = trigger == RoundTrigger.Cancel
            ? PageForms.Find(html, formPage, formPage)
            : PageForms.For(html, RoundPage, RoundPage, new Dictionary<string, string> { ["Input.Trigger"] = trigger.ToString() });
        Assert.True(form.Fields.ContainsKey("Input.Reason"), $"The {trigger} form has no reason field");
        return await form.SubmitAsync(client, new Dictionary<string, string> { ["Input.Reason"] = reason });
    }

    /// <summary>A reason of <paramref name="size"/> characters in one word, or, for a negative size, that many short words.</summary>
    private static string ReasonOf(int size) => size >= 0 ? new string('r', size) : string.Join(' ', Enumerable.Repeat("word", -size));

    private Round StoredRound()
    {
        using var scope = _factory.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<FairFundDbContext>().Rounds.AsNoTracking().Single(r => r.Reference == Demo);
    }
}
