using System.Net;
using FairFund.Tests.Web.Apply;

namespace FairFund.Tests.Web.Grants;

/// <summary>
/// The finance view: the payments due across a round's grants, bank accounts masked; each marked paid through its own
/// form with the day and the bank's reference, recorded with who and when; bad input refused at its field with nothing
/// recorded; and the payments file for the bank's bulk upload, for fund managers only.
/// </summary>
public sealed class PaymentsPageTests : IDisposable
{
    private readonly FairFundFactory factory = new() { RunRoundClock = false };

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task MarkPaid_DuePaymentThroughItsForm_IsRecordedWithWhoAndWhenAndIsNoLongerDue()
    {
        var (manager, group) = await GrantJourney.ActiveAsync(factory);
        using var _ = manager;
        using var __ = group;
        factory.Clock.Advance(TimeSpan.FromDays(3));
        var before = WebUtility.HtmlDecode(await manager.GetStringAsync(new Uri(GrantJourney.PaymentsPage, UriKind.Relative)));
        Assert.Contains("1 payment, £750", before, StringComparison.Ordinal);
        Assert.Contains("Foleshill Peer Support, **-**-50, ****5678", before, StringComparison.Ordinal);
        Assert.Contains("value=\"CWMH2027R10001P1\"", before, StringComparison.Ordinal);

        using var paid = await GrantJourney.MarkPaidAsync(manager, 1, new() { ["Input.PaidOn.Day"] = "2", ["Input.Reference"] = "BACS-7781" });

        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        var payments = await GrantJourney.PaymentsAsync(factory);
        Assert.Equal((1, 750m, new DateOnly(2027, 3, 2), "BACS-7781", SignedInClient.Manager, factory.Clock.GetUtcNow()),
            (payments[0].Number, payments[0].Amount, payments[0].PaidOn, payments[0].Reference, payments[0].PaidBy, payments[0].RecordedAt));
        Assert.Null(payments[1].PaidOn);
        var after = WebUtility.HtmlDecode(await manager.GetStringAsync(new Uri(GrantJourney.PaymentsPage, UriKind.Relative)));
        Assert.Contains("Payment 1 of grant CW-MH-2027-R1-0001 is marked paid.", after, StringComparison.Ordinal);
        Assert.Contains("0 payments, £0", after, StringComparison.Ordinal);
        Assert.Contains("Paid on 2 March 2027, reference BACS-7781", after, StringComparison.Ordinal);
        Assert.Contains($"by {SignedInClient.Manager}", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarkPaid_FutureDayAndNoReference_SaysSoAtTheFieldsAndRecordsNothing()
    {
        var (manager, group) = await GrantJourney.ActiveAsync(factory);
        using var _ = manager;
        using var __ = group;

        using var refused = await GrantJourney.MarkPaidAsync(manager, 1, new() { ["Input.PaidOn.Day"] = "20", ["Input.Reference"] = " " });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("<a href=\"#paid-on-cw-mh-2027-r1-0001-1-day\">The day paid must be today or in the past</a>", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#reference-cw-mh-2027-r1-0001-1\">Enter the bank's reference for the payment</a>", page, StringComparison.Ordinal);
        Assert.Contains("id=\"paid-on-cw-mh-2027-r1-0001-1-day\" name=\"Input.PaidOn.Day\" type=\"text\" inputmode=\"numeric\" value=\"20\"", page, StringComparison.Ordinal);
        Assert.All(await GrantJourney.PaymentsAsync(factory), payment => Assert.Null(payment.PaidOn));
    }

    [Fact]
    public async Task PaymentsFile_PaymentDue_HasTheFullAccountForTheBankAndOnlyFundManagersGetIt()
    {
        var (manager, group) = await GrantJourney.ActiveAsync(factory);
        using var _ = manager;
        using var __ = group;
        var page = await manager.GetStringAsync(new Uri(GrantJourney.PaymentsPage, UriKind.Relative));
        var anchor = System.Text.RegularExpressions.Regex.Match(page, "<a[^>]*id=\"payments-file\"[^>]*>").Value;
        var link = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(anchor, "href=\"([^\"]+)\"").Groups[1].Value);
        Assert.Equal(GrantJourney.PaymentsPage + "?handler=Csv", link);

        using var file = await manager.GetAsync(new Uri(link, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("text/csv", file.Content.Headers.ContentType?.MediaType);
        Assert.Equal("payments-due-CW-MH-2027-R1-2027-03-01.csv", file.Content.Headers.ContentDisposition?.FileNameStar ?? file.Content.Headers.ContentDisposition?.FileName);
        Assert.Contains("no-store", file.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal("Account name,Sort code,Account number,Amount,Reference\r\nFoleshill Peer Support,309950,12345678,750.00,CWMH2027R10001P1\r\n", await file.Content.ReadAsStringAsync());

        using var asGroup = await group.GetAsync(new Uri(link, UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.OK, asGroup.StatusCode);
        Assert.DoesNotContain(GrantJourney.AccountNumber, await asGroup.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
