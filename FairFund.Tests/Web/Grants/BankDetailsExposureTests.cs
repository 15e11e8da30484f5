using System.Net;
using FairFund.Tests.Web.Apply;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Grants;

/// <summary>
/// Bank details are shown only masked: on every page of a grant, the group's and the fund's, in every email queued,
/// and in every log line the app writes (captured at every level), from acceptance through payment. The payments
/// file is the one exception (<see cref="PaymentsPageTests"/>).
/// </summary>
public sealed class BankDetailsExposureTests : IDisposable
{
    private readonly LogCapture logs = new();
    private readonly FairFundFactory factory;

    public BankDetailsExposureTests() => factory = new FairFundFactory { RunRoundClock = false, WithServices = logs.AddTo };

    public void Dispose() => factory.Dispose();

    /// <summary>The sort code and account number as they were typed, and as the bank file and storage write them.</summary>
    private static readonly string[] Unmasked = [GrantJourney.AccountNumber, "309950", GrantJourney.SortCode, "30 99 50", "1234 5678",
        GrantBankChange.NewAccountNumber, GrantBankChange.NewSortCode, "401162"];

    [Fact]
    public async Task EveryPageEmailAndLogLine_FromAcceptanceToPaymentAndAChangeOfAccount_ShowsTheAccountsOnlyMasked()
    {
        var (manager, group) = await GrantJourney.ActiveAsync(factory);
        using var _ = manager;
        using var __ = group;
        using (var paid = await GrantJourney.MarkPaidAsync(manager, 1, new() { ["Input.Reference"] = "BACS-7781" }))
            Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        // A change of bank details asked for, its link page shown, confirmed, and the change page shown again with a second request waiting.
        using (var asked = await GrantBankChange.AskAsync(group))
            Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var link = GrantBankChange.LinkIn(factory);
        var confirmPage = await group.GetStringAsync(link);
        using (var confirmed = await GrantBankChange.ConfirmAsync(group, link))
            Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        using (var again = await GrantBankChange.AskAsync(group, new() { ["Input.AccountName"] = "Foleshill Peer Support", ["Input.SortCode"] = GrantJourney.SortCode, ["Input.AccountNumber"] = GrantJourney.AccountNumber }))
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);

        var pages = new List<(string Path, string Html)> { (link.OriginalString, confirmPage) };
        foreach (var path in new[] { GrantOffers.GrantPage(GrantOffers.Own), $"/apply/applications/{GrantOffers.Own}/status", GrantJourney.ReportPage(GrantOffers.Own, 1), GrantBankChange.BankPage(GrantOffers.Own) })
            pages.Add((path, await group.GetStringAsync(new Uri(path, UriKind.Relative))));
        foreach (var path in new[] { GrantOffers.FundGrantsPage, GrantOffers.FundGrantPage(GrantOffers.Own), GrantJourney.PaymentsPage })
            pages.Add((path, await manager.GetStringAsync(new Uri(path, UriKind.Relative))));
        var mail = await factory.WithScopeAsync(async services => await services.GetRequiredService<FairFundDbContext>().OutboxMessages.Select(m => m.Mime).ToListAsync());

        Assert.Contains(pages, page => page.Html.Contains("****5678", StringComparison.Ordinal));
        Assert.Contains(pages, page => page.Html.Contains("****4321", StringComparison.Ordinal));
        foreach (var (path, html) in pages)
            Assert.All(Unmasked, whole => Assert.False(html.Contains(whole, StringComparison.Ordinal), $"{path} shows {whole}"));
        Assert.NotEmpty(mail);
        Assert.All(mail, mime => Assert.All(Unmasked, whole => Assert.DoesNotContain(whole, mime, StringComparison.Ordinal)));
        Assert.NotEmpty(logs.Lines);
        Assert.All(logs.Lines, line => Assert.All(Unmasked, whole => Assert.False(line.Contains(whole, StringComparison.Ordinal), $"a log line shows {whole}: {line}")));
    }
}
