using System.Net;
using FairFund.Domain.Grants;
using FairFund.Tests.Web.Apply;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Fund;

/// <summary>
/// The fund manager's grants: the round's page links to them; each grant with its state, amount, who accepted it
/// and when; offers not yet accepted, flagged once past their acceptance date; and a checked acceptance started.
/// </summary>
public sealed class GrantsPageTests : IDisposable
{
    // The clock moves by weeks, so the round clock's minute timer stays off (see FairFundFactory.RunRoundClock).
    private readonly FairFundFactory factory = new() { RunRoundClock = false };

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task GrantsPage_OfferPastItsAcceptanceDate_IsFlaggedAndTheAcceptedOneShowsWhoAndWhen()
    {
        using var manager = await GrantOffers.SentAsync(factory);
        using var group = await SignedInClient.As(factory, SignedInClient.Applicant);
        using (var accepted = await GrantOffers.AcceptAsync(group, GrantOffers.Own, GrantOffers.GoodAcceptance()))
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);

        using var roundResponse = await manager.GetAsync(new Uri(Moderating.RoundPage, UriKind.Relative));
        Assert.True(roundResponse.StatusCode == HttpStatusCode.OK, $"{roundResponse.StatusCode} {roundResponse.Headers.Location}");
        var roundPage = await roundResponse.Content.ReadAsStringAsync();
        Assert.Contains($"href=\"{GrantOffers.FundGrantsPage}\"", roundPage, StringComparison.Ordinal);

        // The last day to accept is 28 days after the offer, to its end: on that day nothing is flagged yet.
        factory.Clock.Advance(TimeSpan.FromDays(28));
        // Weeks later the manager signs in again, as a sign-in does not last that long.
        using var later = await SignedInClient.As(factory, SignedInClient.Manager);
        var onTheLastDay = WebUtility.HtmlDecode(await later.GetStringAsync(new Uri(GrantOffers.FundGrantsPage, UriKind.Relative)));
        Assert.DoesNotContain("Past its acceptance date", onTheLastDay, StringComparison.Ordinal);
        Assert.Contains("<dd class=\"govuk-summary-list__value\" id=\"count-not-accepted\">1</dd>", onTheLastDay, StringComparison.Ordinal);

        factory.Clock.Advance(TimeSpan.FromDays(1));
        var page = WebUtility.HtmlDecode(await later.GetStringAsync(new Uri(GrantOffers.FundGrantsPage, UriKind.Relative)));

        Assert.Contains("<dd class=\"govuk-summary-list__value\" id=\"count-past-date\">1</dd>", page, StringComparison.Ordinal);
        var other = Row(page, GrantOffers.Other);
        Assert.Contains("Past its acceptance date", other, StringComparison.Ordinal);
        Assert.Contains(GrantLabels.ForStaff(GrantState.Offered), other, StringComparison.Ordinal);
        var own = Row(page, GrantOffers.Own);
        Assert.DoesNotContain("Past its acceptance date", own, StringComparison.Ordinal);
        Assert.Contains(GrantLabels.ForStaff(GrantState.Accepted), own, StringComparison.Ordinal);
        Assert.Contains("Amina Hussain, Treasurer", own, StringComparison.Ordinal);
        Assert.Contains($"9:30am on Monday 1 March 2027 by {SignedInClient.Applicant}", own, StringComparison.Ordinal);
        Assert.Contains("£1,500", own, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartTheGrant_AcceptanceChecked_IsActiveWithWhoAndWhen()
    {
        using var manager = await GrantOffers.SentAsync(factory);
        using var group = await SignedInClient.As(factory, SignedInClient.Applicant);
        var grantPage = GrantOffers.FundGrantPage(GrantOffers.Own);
        // Not offered to start before the group accepts.
        Assert.DoesNotContain("Start the grant</button>", await manager.GetStringAsync(new Uri(grantPage, UriKind.Relative)), StringComparison.Ordinal);
        using (var accepted = await GrantOffers.AcceptAsync(group, GrantOffers.Own, GrantOffers.GoodAcceptance()))
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        factory.Clock.Advance(TimeSpan.FromDays(2));

        using var started = await manager.PostFormAsync(grantPage + "?handler=Activate", [], grantPage);

        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var stored = await GrantOffers.StoredAsync(factory, GrantOffers.Own);
        Assert.Equal(GrantState.Active, stored.State);
        Assert.Equal(SignedInClient.Manager, stored.LastActor);
        Assert.Equal(factory.Clock.GetUtcNow(), stored.LastAt);
        var page = WebUtility.HtmlDecode(await manager.GetStringAsync(new Uri(grantPage, UriKind.Relative)));
        Assert.Contains("The grant has started.", page, StringComparison.Ordinal);
        Assert.Contains($"<td class=\"govuk-table__cell\">{GrantLabels.ForStaff(GrantState.Active)}</td><td class=\"govuk-table__cell\">{SignedInClient.Manager}</td>", page, StringComparison.Ordinal);
        Assert.Contains($"<td class=\"govuk-table__cell\">{GrantLabels.ForStaff(GrantState.Accepted)}</td><td class=\"govuk-table__cell\">{SignedInClient.Applicant}</td>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Start the grant</button>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OfferTheirGrants_RoundNotifiedBeforeGrants_OffersEachFundedGroupItsGrantOnce()
    {
        await GrantOffers.DecidedAsync(factory);
        // Sent as a round was before FairFund made grants: the round notified, and no grant offered.
        await factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var round = await db.Rounds.SingleAsync(r => r.Reference == GrantOffers.Round);
            round.Notify(factory.Clock.GetUtcNow(), SignedInClient.Manager);
            await db.SaveChangesAsync();
        });
        using var manager = await SignedInClient.As(factory, SignedInClient.Manager);
        var form = await manager.FormAsync(GrantOffers.FundGrantsPage + "?handler=Offer", [], GrantOffers.FundGrantsPage);

        using (var first = await form.SubmitAsync(manager)) Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        using (var second = await form.SubmitAsync(manager)) Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);

        var grants = await factory.WithScopeAsync(services => services.GetRequiredService<FairFundDbContext>().Grants.AsNoTracking().Select(g => g.Reference).OrderBy(r => r).ToListAsync());
        Assert.Equal([GrantOffers.Own, GrantOffers.Other], grants);
        var page = WebUtility.HtmlDecode(await manager.GetStringAsync(new Uri(GrantOffers.FundGrantsPage, UriKind.Relative)));
        Assert.Contains("Every funded group has its grant already: none was offered.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("funded-without-grant", page, StringComparison.Ordinal);
    }

    /// <summary>The grants table's row for one grant.</summary>
    private static string Row(string page, string reference)
    {
        var start = page.IndexOf($"id=\"grant-{reference}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no row for {reference}");
        return page[start..page.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }
}
