using System.Net;
using System.Text.RegularExpressions;
using FairFund.Domain.Rounds;
using FairFund.Web.Forms;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Fund;

public sealed partial class FundRoundPageTests(SharedFairFundApp app) : IClassFixture<SharedFairFundApp>
{
    private const string Demo = "CW-MH-2027-R1";
    private const string RoundPage = $"/fund/rounds/{Demo}";
    private const string CancelPage = $"/fund/rounds/{Demo}/cancel";
    private readonly FairFundFactory _factory = app.ForNextTest();

    [Theory]
    [InlineData("/fund")]
    [InlineData(RoundPage)]
    public async Task Get_FundPages_Anonymous_AreSentToSignIn(string path)
    {
        using var client = SignedInClient.Anonymous(_factory);

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SignedInClient.Applicant)]
    [InlineData(SignedInClient.Panel)]
    public async Task Get_FundPages_OtherRoles_AreRefused(string email)
    {
        using var client = await SignedInClient.As(_factory, email);

        using var response = await client.GetAsync(new Uri(RoundPage, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/access-denied", response.Headers.Location!.AbsolutePath);
        using var denied = await client.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    [Fact]
    public async Task Post_Close_AsFundManager_ClosesTheRoundAndRecordsWho()
    {
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);
        var page = await client.GetStringAsync(new Uri(RoundPage, UriKind.Relative));
        Assert.Contains("Close the round now", page);

        using var response = await client.PostFormAsync(RoundPage, new() { ["Input.Trigger"] = "Close", ["Input.Version"] = Version(page) });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var round = StoredRound();
        Assert.Equal(RoundState.Screening, round.State);
        Assert.Equal(SignedInClient.Manager, round.History[^1].Actor);
    }

    [Fact]
    public async Task Get_OpenRound_WarnsBesideCloseThatItEndsApplicationsEarlyAndForGood_AndNotOnceClosed()
    {
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);
        var closes = FairFund.Web.UkTime.Format(StoredRound().ClosesAt);

        var open = await client.GetStringAsync(new Uri(RoundPage, UriKind.Relative));
        using var closing = await client.PostFormAsync(RoundPage, new() { ["Input.Trigger"] = "Close", ["Input.Version"] = Version(open) });
        var closed = await client.GetStringAsync(new Uri(RoundPage, UriKind.Relative));

        var warning = Regex.Match(open, "id=\"close-warning\".*?</div>", RegexOptions.Singleline);
        Assert.True(warning.Success, "no warning beside the close button");
        Assert.Contains($"The round closes by itself at {closes} (UK time).", warning.Value);
        Assert.Contains("cannot be opened again", warning.Value);
        Assert.True(warning.Index < open.IndexOf("Close the round now", StringComparison.Ordinal));
        Assert.DoesNotContain("close-warning", closed);
    }

    [Fact]
    public async Task Get_RoundPage_DrawsTheLifecycleOnTheServerAsSvgWithEveryStateAndNoScript()
    {
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);

        var page = await client.GetStringAsync(new Uri(RoundPage, UriKind.Relative));
        using var mermaid = await client.GetAsync(new Uri("/lib/mermaid/mermaid.min.js", UriKind.Relative));

        Assert.DoesNotContain("mermaid", page, StringComparison.OrdinalIgnoreCase);
        var svg = Svg().Match(page);
        Assert.True(svg.Success, "The round page has no SVG diagram");
        Assert.Contains("role=\"img\"", svg.Value);
        Assert.Contains("<title id=\"lifecycle-title\">", svg.Value);
        foreach (var state in Enum.GetValues<RoundState>())
            Assert.Matches($"<g data-state=\"{state}\"><rect [^>]*/><text [^>]*>{state}( \\(now\\))?</text></g>", svg.Value);
        // The demo round is open: that state, and only that one, is drawn as where the round is now.
        Assert.Contains(">Open (now)</text>", svg.Value);
        Assert.Single(Regex.Matches(svg.Value, "\\(now\\)"));
        // Every move the machine allows is drawn: one arrow each.
        Assert.Equal(Round.Lifecycle().Count, Regex.Count(svg.Value, "<line "));
        Assert.Contains("Draft, then Open, then Screening, then Scoring, then Moderation, then Decided, then Notified, then Archived", page);
        Assert.Equal(HttpStatusCode.NotFound, mermaid.StatusCode);
    }

    [Fact]
    public async Task Post_ForgedTriggerNotAllowedNow_IsRefusedInWords()
    {
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);
        var page = await client.GetStringAsync(new Uri(RoundPage, UriKind.Relative));

        // Forged on purpose: an open round's page has no Approve button; a made-up post must be refused in words.
        using var response = await client.PostComposedAsync(RoundPage, new() { ["Input.Trigger"] = "Approve", ["Input.Version"] = Version(page) }, RoundPage);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The round cannot be approved: it is open for applications.", await response.Content.ReadAsStringAsync());
        Assert.Equal(RoundState.Open, StoredRound().State);
    }

    [Fact]
    public async Task Get_OpenRound_CancelLeadsToItsOwnConfirmPageAndThisPageCannotCancel()
    {
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);

        var page = await client.GetStringAsync(new Uri(RoundPage, UriKind.Relative));

        Assert.Contains($"href=\"{CancelPage}\"", page);
        Assert.DoesNotContain("name=\"Input.Trigger\" value=\"Cancel\"", page);
        var confirm = await client.GetStringAsync(new Uri(CancelPage, UriKind.Relative));
        Assert.Contains("Are you sure you want to cancel", confirm);
        Assert.Contains("Cancelling cannot be undone", confirm);
        Assert.Equal(RoundState.Open, StoredRound().State);
    }

    [Fact]
    public async Task Post_CancelPageWithAReason_CancelsAndRecordsWhoWhenAndWhy()
    {
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);

        using var response = await client.PostFormAsync(CancelPage, new() { ["Input.Reason"] = "Funding withdrawn" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(RoundPage, response.Headers.Location!.OriginalString);
        var round = StoredRound();
        Assert.Equal(RoundState.Cancelled, round.State);
        var change = round.History[^1];
        Assert.Equal((SignedInClient.Manager, "Funding withdrawn", _factory.Clock.GetUtcNow()), (change.Actor, change.Reason, change.At));
    }

    [Fact]
    public async Task Post_CancelWithoutReason_IsRefusedAndTheRoundStaysOpen()
    {
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);

        using var response = await client.PostFormAsync(CancelPage, new() { ["Input.Reason"] = " " });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The round cannot be cancelled: it needs a reason for cancelling.", await response.Content.ReadAsStringAsync());
        Assert.Equal(RoundState.Open, StoredRound().State);
    }

    [Fact]
    public async Task Post_StaleVersion_ShowsItChangedMeanwhileAndKeepsTheirChange()
    {
        using var mine = await SignedInClient.As(_factory, SignedInClient.Manager);
        using var theirs = await SignedInClient.As(_factory, SignedInClient.Manager);
        var cancel = new Dictionary<string, string> { ["Input.Reason"] = "Funding withdrawn" };
        var myForm = await mine.FormAsync(CancelPage, cancel);
        using (var theirClose = await theirs.PostFormAsync(RoundPage, new() { ["Input.Trigger"] = "Close" }))
            Assert.Equal(HttpStatusCode.Redirect, theirClose.StatusCode);

        using var response = await myForm.SubmitAsync(mine, cancel);

        // The one outcome (docs/edit-conflicts.md): the round as it is now, closed, so no longer cancellable here,
        // and the reason typed shown back all the same.
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains(ChangedMeanwhile.Heading, page);
        Assert.Contains("This round is <strong class=\"govuk-tag\">Screening</strong>", page);
        Assert.Contains("id=\"typed-without-a-form\">Funding withdrawn</div>", page);
        Assert.Equal(RoundState.Screening, StoredRound().State);
    }

    private Round StoredRound()
    {
        using var scope = _factory.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<FairFundDbContext>().Rounds.AsNoTracking().Single(r => r.Reference == Demo);
    }

    private static string Version(string page) => VersionField().Match(page).Groups[1].Value;

    [GeneratedRegex("<svg .*?</svg>", RegexOptions.Singleline)]
    private static partial Regex Svg();

    [GeneratedRegex("name=\"Input.Version\" value=\"([^\"]+)\"")]
    private static partial Regex VersionField();
}
