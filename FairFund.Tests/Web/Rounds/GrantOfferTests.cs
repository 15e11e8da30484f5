using System.Net;
using FairFund.Domain.Applications;
using FairFund.Domain.Grants;
using FairFund.Tests.Web.Apply;
using FairFund.Web.Data;
using FairFund.Web.Rounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Rounds;

/// <summary>
/// Sending a round's decisions offers each awarded application its grant, in the same save as the round's move to
/// Notified: one grant for each award, on the round's terms, and never a second, however often it is pressed or retried.
/// </summary>
public sealed class GrantOfferTests(SharedFairFundApp app) : IClassFixture<SharedFairFundApp>
{
    private readonly FairFundFactory factory = app.ForNextTest();

    private Task<List<Grant>> GrantsAsync() =>
        factory.WithScopeAsync(services => services.GetRequiredService<FairFundDbContext>().Grants.AsNoTracking().OrderBy(g => g.Reference).ToListAsync());

    [Fact]
    public async Task SendDecisions_TwoAwards_OffersOneGrantForEachOnTheRoundsTerms()
    {
        await GrantOffers.DecidedAsync(factory);
        Assert.Empty(await GrantsAsync());

        using var manager = await GrantOffers.SentAsync(factory, alreadyDecided: true);

        var grants = await GrantsAsync();
        Assert.Equal([GrantOffers.Own, GrantOffers.Other], grants.Select(g => g.Reference));
        var applications = await factory.WithScopeAsync(services => services.GetRequiredService<FairFundDbContext>().Applications.AsNoTracking()
            .Where(a => a.State == ApplicationState.Awarded).ToDictionaryAsync(a => a.Id, a => a.Reference));
        Assert.All(grants, grant =>
        {
            Assert.Equal(applications[grant.ApplicationId], grant.Reference);
            Assert.Equal(GrantState.Offered, grant.State);
            Assert.Equal(1500m, grant.Amount);
            Assert.Equal(SignedInClient.Manager, grant.OfferedBy);
            Assert.Equal(factory.Clock.GetUtcNow(), grant.OfferedAt);
            Assert.Equal(GrantTerms.Default.DaysToAccept, grant.Terms.DaysToAccept);
            Assert.Equal(GrantTerms.Default.Reports.Single(), grant.Terms.Reports.Single());
            Assert.Equal(1500m, Assert.Single(grant.Payments).Amount);
        });
    }

    [Fact]
    public async Task SendDecisions_PressedTwiceThenOfferedAgain_NeverMakesASecondGrant()
    {
        await GrantOffers.DecidedAsync(factory);
        using var manager = await SignedInClient.As(factory, SignedInClient.Manager);
        // Both presses from the same page, as a double click or a second tab would send them.
        var send = await manager.FormAsync(GrantOffers.DecisionsPage + "?handler=Send", [], GrantOffers.DecisionsPage);
        using (var first = await send.SubmitAsync(manager)) Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        using (var second = await send.SubmitAsync(manager)) Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);

        // A retry of the offering itself, as after a crash between the round's save and anything after it.
        var offeredAgain = await factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var round = await db.Rounds.SingleAsync(r => r.Reference == GrantOffers.Round);
            var count = await services.GetRequiredService<RoundOperations>().OfferGrantsAsync(round, factory.Clock.GetUtcNow(), SignedInClient.Manager, CancellationToken.None);
            await db.SaveChangesAsync();
            return count;
        });

        Assert.Equal(0, offeredAgain);
        var grants = await GrantsAsync();
        Assert.Equal(2, grants.Count);
        Assert.Equal(2, grants.Select(g => g.ApplicationId).Distinct().Count());
    }
}
