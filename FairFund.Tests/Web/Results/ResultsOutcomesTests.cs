using System.Net;
using System.Text.RegularExpressions;
using FairFund.Domain.Grants;
using FairFund.Tests.Web.Apply;
using FairFund.Tests.Web.Grants;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Results;

/// <summary>
/// What a round's grants have done, on its public results page, read by someone not signed in: the money paid, and
/// once a report is accepted, each indicator's total against the targets of the grants that reported; never a
/// person's name, the bank details, or the groups' own words.
/// </summary>
public sealed partial class ResultsOutcomesTests : IDisposable
{
    private readonly FairFundFactory factory = new() { RunRoundClock = false };

    public void Dispose() => factory.Dispose();

    private const string ResultsPage = $"/rounds/{GrantOffers.Round}/results";
    private const string Words = "Walkers meet every week now, and Margaret Ellis leads the Tuesday walk.";

    [Fact]
    public async Task Results_GrantPaidThenReportAccepted_ShowsMoneyPaidThenIndicatorTotalsAndNothingPersonal()
    {
        var (manager, group) = await GrantJourney.ActiveAsync(factory);
        using var _ = group;
        using var __ = manager;
        factory.Clock.Advance(TimeSpan.FromDays(1));
        using (var paid = await GrantJourney.MarkPaidAsync(manager, 1, new() { ["Input.Reference"] = "BACS-0001" }))
            Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        using var anyone = SignedInClient.Anonymous(factory);

        var beforeReport = WebUtility.HtmlDecode(await anyone.GetStringAsync(new Uri(ResultsPage, UriKind.Relative)));
        await factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var own = await db.Grants.SingleAsync(g => g.Reference == GrantOffers.Own);
            own.SendReport(2, new ReportContent([[12]], Words, "Walkers chose the routes.", [400m, 300m], ""), factory.Clock.GetUtcNow(), SignedInClient.Applicant);
            await db.SaveChangesAsync();
        });
        var sentNotAccepted = WebUtility.HtmlDecode(await anyone.GetStringAsync(new Uri(ResultsPage, UriKind.Relative)));
        await factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var own = await db.Grants.SingleAsync(g => g.Reference == GrantOffers.Own);
            own.AcceptReport(2, factory.Clock.GetUtcNow(), SignedInClient.Manager);
            await db.SaveChangesAsync();
        });
        var accepted = WebUtility.HtmlDecode(await anyone.GetStringAsync(new Uri(ResultsPage, UriKind.Relative)));

        Assert.Equal("£750", Figure(beforeReport, "paid"));
        Assert.Contains("No report has been accepted yet", beforeReport, StringComparison.Ordinal);
        Assert.Contains("No report has been accepted yet", sentNotAccepted, StringComparison.Ordinal);
        Assert.DoesNotContain("data-indicator=", sentNotAccepted, StringComparison.Ordinal);
        var row = Regex.Match(accepted, "<tr class=\"govuk-table__row\" data-indicator=\"People who say they feel less alone\">(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Equal(("1", "12", "40"), (Figure(row, "grants"), Figure(row, "achieved"), Figure(row, "target")));
        Assert.Equal("1", Figure(accepted, "reports-accepted"));
        // The second payment waits for the mid-year report's acceptance, and is not paid yet.
        Assert.Equal("£750", Figure(accepted, "paid"));
        foreach (var page in new[] { beforeReport, sentNotAccepted, accepted })
        {
            // The signatory (also the group's contact), the bank account in any form, and the group's own words.
            Assert.DoesNotContain("Amina Hussain", page, StringComparison.Ordinal);
            Assert.DoesNotContain("Treasurer", page, StringComparison.Ordinal);
            Assert.DoesNotContain(GrantJourney.AccountNumber, page, StringComparison.Ordinal);
            Assert.DoesNotContain("****5678", page, StringComparison.Ordinal);
            Assert.DoesNotContain("**-**-50", page, StringComparison.Ordinal);
            Assert.DoesNotContain(GrantJourney.SortCode, page, StringComparison.Ordinal);
            Assert.DoesNotContain("309950", page, StringComparison.Ordinal);
            Assert.DoesNotContain("Margaret Ellis", page, StringComparison.Ordinal);
            Assert.DoesNotContain(SignedInClient.Applicant, page, StringComparison.Ordinal);
        }
    }

    private static string Figure(string html, string figure) =>
        Assert.Single(Regex.Matches(html, $"data-figure=\"{figure}\">([^<]*)<")).Groups[1].Value.Trim();
}
