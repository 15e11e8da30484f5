using System.Net;
using System.Text.RegularExpressions;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Rounds;

/// <summary>
/// The public round page leads a group on to apply while the round takes applications: a group that read the
/// rules there had no link or button on to the start, only the funder's email address.
/// </summary>
public sealed partial class RoundPageApplyLinkTests(SharedFairFundApp app) : IClassFixture<SharedFairFundApp>
{
    private const string DemoRound = "CW-MH-2027-R1";
    private readonly FairFundFactory factory = app.ForNextTest();

    [Fact]
    public async Task RoundPage_OpenRoundSignedInGroup_LinksToTheStartButtonForThisRound()
    {
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);

        var roundPage = await client.GetStringAsync(new Uri($"/rounds/{DemoRound}", UriKind.Relative));
        var startPage = await client.GetStringAsync(new Uri(ApplyLinkIn(roundPage)!, UriKind.Relative));

        Assert.Contains($"action=\"/apply?round={DemoRound}&amp;handler=Start\"", startPage);
    }

    [Fact]
    public async Task RoundPage_OpenRoundSignedOut_LinksToApplyThroughSigningInAndOffersAnAccount()
    {
        using var client = SignedInClient.Anonymous(factory);

        var roundPage = await client.GetStringAsync(new Uri($"/rounds/{DemoRound}", UriKind.Relative));
        using var followed = await client.GetAsync(new Uri(ApplyLinkIn(roundPage)!, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, followed.StatusCode);
        Assert.Equal("/account/sign-in", new Uri(client.BaseAddress!, followed.Headers.Location!).AbsolutePath);
        Assert.Contains("href=\"/account/register\"", roundPage);
    }

    [Fact]
    public async Task RoundPage_AfterTheClosingTime_HasNoLinkToApply()
    {
        DateTimeOffset closesAt;
        using (var scope = factory.Services.CreateScope())
            closesAt = (await scope.ServiceProvider.GetRequiredService<FairFundDbContext>().Rounds.SingleAsync(r => r.Reference == DemoRound)).ClosesAt;
        factory.Clock.SetUtcNow(closesAt.AddMinutes(1));
        using var client = SignedInClient.Anonymous(factory);

        var roundPage = await client.GetStringAsync(new Uri($"/rounds/{DemoRound}", UriKind.Relative));

        Assert.Null(ApplyLinkIn(roundPage));
    }

    [Fact]
    public async Task RoundPage_FundManager_HasNoLinkToApply()
    {
        using var client = await SignedInClient.As(factory, SignedInClient.Manager);

        var roundPage = await client.GetStringAsync(new Uri($"/rounds/{DemoRound}", UriKind.Relative));

        Assert.Null(ApplyLinkIn(roundPage));
    }

    private static string? ApplyLinkIn(string page) => ApplyLink().Match(page) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value) : null;

    [GeneratedRegex("<a [^>]*id=\"apply-link\"[^>]*href=\"([^\"]+)\"|<a [^>]*href=\"([^\"]+)\"[^>]*id=\"apply-link\"")]
    private static partial Regex ApplyLink();
}
