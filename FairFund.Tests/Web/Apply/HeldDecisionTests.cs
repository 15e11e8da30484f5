using System.Net;
using FairFund.Domain.Applications;
using FairFund.Domain.Rounds;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Apply;

/// <summary>
/// A round's decisions are made at approval and held until the fund sends them, so that every group hears at
/// once: until then no page the group can open says what was decided, and once sent, each does.
/// </summary>
public sealed class HeldDecisionTests(SharedFairFundApp app) : IClassFixture<SharedFairFundApp>
{
    private readonly FairFundFactory factory = app.StartedForNextTest();

    /// <summary>The group's application, funded, in the demo round taken to <paramref name="state"/> through its intent methods.</summary>
    private async Task<string> FundedInRoundAsync(RoundState state)
    {
        var reference = await SeededApplications.SeedAsync(factory, ApplicationState.Awarded);
        await factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var round = await db.Rounds.SingleAsync(r => r.Reference == SeededApplications.DemoRound);
            var now = factory.Clock.GetUtcNow();
            round.Close(now, SignedInClient.Manager);
            round.StartScoring(now, SignedInClient.Manager, RoundProgress.None);
            round.CloseScoring(now, SignedInClient.Manager, RoundProgress.None);
            round.Approve(now, SignedInClient.Manager);
            if (state == RoundState.Notified) round.Notify(now, SignedInClient.Manager);
            Assert.Equal(state, round.State);
            await db.SaveChangesAsync();
        });
        return reference;
    }

    [Fact]
    public async Task ApplicationsList_RoundDecidedNotSent_ShowsItAsScoredNotFunded()
    {
        await FundedInRoundAsync(RoundState.Decided);
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);

        var page = await client.GetStringAsync(new Uri("/apply", UriKind.Relative));

        Assert.Contains(Labels.ForApplicant(ApplicationState.Scored), page);
        Assert.DoesNotContain(Labels.ForApplicant(ApplicationState.Awarded), page);
    }

    [Fact]
    public async Task ApplicationsList_DecisionsSent_ShowsItFunded()
    {
        await FundedInRoundAsync(RoundState.Notified);
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);

        var page = await client.GetStringAsync(new Uri("/apply", UriKind.Relative));

        Assert.Contains(Labels.ForApplicant(ApplicationState.Awarded), page);
    }

    [Fact]
    public async Task WithdrawPage_RoundDecidedNotSent_RefusesWithoutSayingWhatWasDecided()
    {
        var reference = await FundedInRoundAsync(RoundState.Decided);
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);

        using var response = await client.GetAsync(new Uri($"/apply/applications/{reference}/withdraw", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(Labels.ForApplicant(ApplicationState.Scored), page);
        Assert.Contains("This application cannot be withdrawn: the funding decision has been made, and will be sent to you soon.", page);
        Assert.DoesNotContain(Labels.ForApplicant(ApplicationState.Awarded), page);
        Assert.DoesNotContain("awarded", page, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task StatusPage_RoundDecidedNotSent_ShowsItAsScoredWithNoDecision()
    {
        var reference = await FundedInRoundAsync(RoundState.Decided);
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);

        var page = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/apply/applications/{reference}/status", UriKind.Relative)));

        Assert.Contains(Labels.ForApplicant(ApplicationState.Scored), page);
        Assert.DoesNotContain(Labels.ForApplicant(ApplicationState.Awarded), page);
    }
}
