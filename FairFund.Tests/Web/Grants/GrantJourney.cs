using System.Net;
using FairFund.Tests.Web.Apply;
using FairFund.Tests.Web.Fund;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Grants;

/// <summary>
/// A grant under way, reached as people reach it, each step through its page's own form: the fund manager sets the
/// demo round's grant terms (half on acceptance, half when the mid-year report, report 2, is accepted; a final
/// report, report 1), the decisions are sent, the demo group accepts its offer, and the fund manager starts the grant.
/// </summary>
internal static class GrantJourney
{
    public const string SortCode = "30-99-50";
    public const string AccountNumber = "12345678";

    public static string PaymentsPage => $"/fund/rounds/{GrantOffers.Round}/payments";

    public static string ReportPage(string reference, int number) => $"/apply/applications/{reference}/grant/reports/{number}";

    public static string FundReportPage(string reference, int number) => $"/fund/rounds/{GrantOffers.Round}/grants/{reference}/reports/{number}";

    /// <summary>The group's grant active on two instalments; returns the manager's and the group's clients.</summary>
    public static async Task<(HttpClient Manager, HttpClient Group)> ActiveAsync(FairFundFactory factory)
    {
        using (var setup = await SignedInClient.As(factory, SignedInClient.Manager))
        using (var saved = await GrantTermsPageTests.SetTwoInstalmentsAsync(setup))
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var manager = await GrantOffers.SentAsync(factory);
        var group = await SignedInClient.As(factory, SignedInClient.Applicant);
        using (var accepted = await GrantOffers.AcceptAsync(group, GrantOffers.Own, GrantOffers.GoodAcceptance(SortCode, AccountNumber)))
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var grantPage = GrantOffers.FundGrantPage(GrantOffers.Own);
        using (var started = await manager.PostFormAsync(grantPage + "?handler=Activate", [], grantPage))
            Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        return (manager, group);
    }

    /// <summary>The group's grant's payments as stored: number, whether paid, the day, the reference, who and when.</summary>
    public static Task<List<(int Number, decimal Amount, DateOnly? PaidOn, string? Reference, string? PaidBy, DateTimeOffset? RecordedAt)>> PaymentsAsync(FairFundFactory factory, string reference = GrantOffers.Own) =>
        factory.WithScopeAsync(async services =>
            (await services.GetRequiredService<FairFundDbContext>().Grants.AsNoTracking().SingleAsync(g => g.Reference == reference))
                .Payments.Select(p => (p.Number, p.Amount, p.PaidOn, p.Reference, p.PaidBy, p.RecordedAt)).ToList());

    /// <summary>Marks payment <paramref name="number"/> of the group's grant paid through its form on the payments page.</summary>
    public static async Task<HttpResponseMessage> MarkPaidAsync(HttpClient manager, int number, Dictionary<string, string>? typed = null)
    {
        var fields = new Dictionary<string, string>(typed ?? []) { ["Input.Grant"] = GrantOffers.Own, ["Input.Number"] = number.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var page = await manager.GetStringAsync(new Uri(PaymentsPage, UriKind.Relative));
        return await PageForms.For(page, PaymentsPage, PaymentsPage + "?handler=Paid", fields).SubmitAsync(manager, fields);
    }
}
