using System.Net;
using FairFund.Domain.Grants;
using FairFund.Tests.Web.Apply;
using FairFund.Web.Data;
using FairFund.Web.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Grants;

/// <summary>
/// A change of bank details: asked for through the group's own form, it changes nothing until the link emailed to the
/// application's sender (never to whoever asked) is opened and the button pressed; the link works once, for its own
/// request, for 24 hours; meanwhile and afterwards the fund manager's grant page and payments view flag it (who, when,
/// the account before and after, masked) and hold its payments until the fund manager records a check.
/// </summary>
public sealed class BankChangePageTests : IDisposable
{
    private readonly FairFundFactory factory = new() { RunRoundClock = false };

    public void Dispose() => factory.Dispose();

    private const string OldMasked = "Foleshill Peer Support, **-**-50, ****5678";
    private const string NewMasked = "Foleshill Peer Support CIO, **-**-62, ****4321";

    private Task<(string? Bank, string? Pending, DateTimeOffset? UncheckedSince, int Events)> StoredAsync(string reference = GrantOffers.Own) =>
        factory.WithScopeAsync(async services =>
        {
            var grant = await services.GetRequiredService<FairFundDbContext>().Grants.AsNoTracking().SingleAsync(g => g.Reference == reference);
            return (grant.Bank?.Masked, grant.PendingBankChange?.Details.Masked, grant.BankChangeUncheckedSince, grant.BankEvents.Count);
        });

    private Task<List<string>> BankMailToAsync() =>
        factory.WithScopeAsync(async services => await services.GetRequiredService<FairFundDbContext>().OutboxMessages
            .Where(m => m.Kind == MailKind.BankChangeConfirm).Select(m => m.To).ToListAsync());

    private static async Task<string> PageAsync(HttpClient client, string path) =>
        WebUtility.HtmlDecode(await client.GetStringAsync(new Uri(path, UriKind.Relative)));

    [Fact]
    public async Task ChangeBank_AskedByAMemberThenConfirmedFromTheSendersEmail_ChangesOnlyOnTheButtonAndIsFlaggedUntilChecked()
    {
        var (manager, group) = await GrantJourney.ActiveAsync(factory);
        using var _ = manager;
        using var __ = group;
        using var treasurer = await GrantBankChange.TreasurerAsync(factory);
        var askedAt = factory.Clock.GetUtcNow();

        using (var asked = await GrantBankChange.AskAsync(treasurer))
            Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);

        // Nothing has changed yet; the one email went to the application's sender, not to the member who asked.
        Assert.Equal((OldMasked, NewMasked, (DateTimeOffset?)null, 2), await StoredAsync());
        Assert.Equal([SignedInClient.Applicant], await BankMailToAsync());
        Assert.Empty(Mailbox.To(factory, GrantBankChange.Treasurer));
        var mail = Mailbox.Message(factory, SignedInClient.Applicant, GrantBankChange.Subject);
        Assert.Contains($"{GrantBankChange.Treasurer} asked at", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Now: {OldMasked}", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"New: {NewMasked}", mail.TextBody, StringComparison.Ordinal);
        var link = GrantBankChange.LinkIn(factory);

        // The fund manager sees the change waiting, with who asked, when, and the account before and after.
        var waiting = await PageAsync(manager, GrantOffers.FundGrantPage(GrantOffers.Own));
        Assert.Contains("Change of bank details waiting for the group's emailed link", waiting, StringComparison.Ordinal);
        Assert.Contains($"Asked at {FairFund.Web.UkTime.Format(askedAt)} (UK time) by {GrantBankChange.Treasurer}", waiting, StringComparison.Ordinal);
        Assert.Contains(OldMasked, waiting, StringComparison.Ordinal);
        Assert.Contains(NewMasked, waiting, StringComparison.Ordinal);
        Assert.Contains($"Change waiting for the group's emailed link from {OldMasked} to {NewMasked}", await PageAsync(manager, GrantJourney.PaymentsPage), StringComparison.Ordinal);

        // Opening the link (a mail scanner does too) changes nothing.
        factory.Clock.Advance(TimeSpan.FromMinutes(30));
        using (var opened = await group.GetAsync(link))
        {
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
            var page = WebUtility.HtmlDecode(await opened.Content.ReadAsStringAsync());
            Assert.Contains(OldMasked, page, StringComparison.Ordinal);
            Assert.Contains(NewMasked, page, StringComparison.Ordinal);
        }
        Assert.Equal((OldMasked, NewMasked, (DateTimeOffset?)null, 2), await StoredAsync());

        var confirmedAt = factory.Clock.GetUtcNow();
        using (var confirmed = await GrantBankChange.ConfirmAsync(group, link))
            Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);

        Assert.Equal((NewMasked, (string?)null, (DateTimeOffset?)confirmedAt, 3), await StoredAsync());
        var flagged = await PageAsync(manager, GrantOffers.FundGrantPage(GrantOffers.Own));
        Assert.Contains("Bank details changed, not yet checked", flagged, StringComparison.Ordinal);
        Assert.Contains($"Confirmed by the emailed link at {FairFund.Web.UkTime.Format(confirmedAt)} (UK time) by {SignedInClient.Applicant}", flagged, StringComparison.Ordinal);
        var payments = await PageAsync(manager, GrantJourney.PaymentsPage);
        Assert.Contains("0 payments, £0", payments, StringComparison.Ordinal);
        Assert.Contains($"Changed from {OldMasked} to {NewMasked}: asked at", payments, StringComparison.Ordinal);

        // The link works once.
        using (var again = await group.GetAsync(link))
            Assert.Contains("There is no change of bank details waiting to be confirmed.", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The fund manager records the check: the payment is due again, to the new account.
        var grantPage = GrantOffers.FundGrantPage(GrantOffers.Own);
        using (var checkedResponse = await manager.PostFormAsync(grantPage + "?handler=CheckBank", [], grantPage))
            Assert.Equal(HttpStatusCode.Redirect, checkedResponse.StatusCode);
        Assert.Null((await StoredAsync()).UncheckedSince);
        var due = await PageAsync(manager, GrantJourney.PaymentsPage);
        Assert.Contains("1 payment, £750", due, StringComparison.Ordinal);
        Assert.Contains(NewMasked, due, StringComparison.Ordinal);
        Assert.DoesNotContain("bank-change", due, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfirmLink_PressedAfter24Hours_IsRefusedSayingItExpiredAndChangesNothing()
    {
        var (manager, group) = await GrantJourney.ActiveAsync(factory);
        using var _ = manager;
        using var __ = group;
        using (var asked = await GrantBankChange.AskAsync(group))
            Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var link = GrantBankChange.LinkIn(factory);
        var form = PageForms.For(await group.GetStringAsync(link), link.OriginalString, link.OriginalString, new Dictionary<string, string>());

        factory.Clock.Advance(TimeSpan.FromHours(24));
        using var late = await form.SubmitAsync(group);

        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains("This link has expired: it worked for 24 hours after the change was asked for. Ask to change the bank details again.",
            WebUtility.HtmlDecode(await late.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal((OldMasked, NewMasked, (DateTimeOffset?)null, 2), await StoredAsync());
        Assert.DoesNotContain("Confirm the new bank details</button>", await group.GetStringAsync(link), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfirmLink_OfARequestSinceReplaced_IsRefusedAndTheNewerLinkWorks()
    {
        var (manager, group) = await GrantJourney.ActiveAsync(factory);
        using var _ = manager;
        using var __ = group;
        using (var first = await GrantBankChange.AskAsync(group, new() { ["Input.AccountName"] = "Someone Else", ["Input.SortCode"] = "11-22-33", ["Input.AccountNumber"] = "11223344" }))
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var firstLink = GrantBankChange.LinkIn(factory);
        var firstForm = PageForms.For(await group.GetStringAsync(firstLink), firstLink.OriginalString, firstLink.OriginalString, new Dictionary<string, string>());
        using (var second = await GrantBankChange.AskAsync(group))
            Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);

        using var stale = await firstForm.SubmitAsync(group);

        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        Assert.Contains("This link is not for the change of bank details now waiting", WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(OldMasked, (await StoredAsync()).Bank);
        // The mail folder's files are not in the order sent: the newer link is the one that is not the first.
        var newest = Assert.Single(Mailbox.To(factory, SignedInClient.Applicant).Where(m => m.Subject == GrantBankChange.Subject)
            .Select(m => Mailbox.LinkTo(m, GrantBankChange.ConfirmPath(GrantOffers.Own))), candidate => candidate.OriginalString != firstLink.OriginalString);
        using (var confirmed = await GrantBankChange.ConfirmAsync(group, newest))
            Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(NewMasked, (await StoredAsync()).Bank);
    }

    [Fact]
    public async Task ChangeBank_BadSortCodeAndNoName_SaysSoAtEachFieldNeverShowsTheDigitsAndSendsNothing()
    {
        var (manager, group) = await GrantJourney.ActiveAsync(factory);
        using var _ = manager;
        using var __ = group;

        using var refused = await GrantBankChange.AskAsync(group, new() { ["Input.AccountName"] = " ", ["Input.SortCode"] = "40-11-6", ["Input.AccountNumber"] = NewAccountNumberTyped });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("<a href=\"#account-name\">Enter the name on the account</a>", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#sort-code\">Enter a valid sort code, like 30-99-50: six digits</a>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("40-11-6", page, StringComparison.Ordinal);
        Assert.DoesNotContain(NewAccountNumberTyped, page, StringComparison.Ordinal);
        Assert.Equal((OldMasked, (string?)null, (DateTimeOffset?)null, 1), await StoredAsync());
        Assert.Empty(await BankMailToAsync());
    }

    private const string NewAccountNumberTyped = "8765 4321";

    /// <summary>Every handler the bank change adds for the group, each asked of another group's grant.</summary>
    public static TheoryData<string, string> Handlers() => new()
    {
        { "GET", "grant/bank" },
        { "POST", "grant/bank" },
        { "GET", "grant/bank/confirm" },
        { "POST", "grant/bank/confirm" },
    };

    [Theory]
    [MemberData(nameof(Handlers))]
    public async Task AnotherGroupsGrant_AtEveryBankChangeHandler_IsNotFoundAndUnchanged(string method, string handler)
    {
        using var manager = await GrantOffers.SentAsync(factory);
        using var other = await GrantOffers.OtherGroupAsync(factory);
        using (var accepted = await GrantOffers.AcceptAsync(other, GrantOffers.Other, GrantOffers.GoodAcceptance()))
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        using var group = await SignedInClient.As(factory, SignedInClient.Applicant);
        using (var own = await GrantOffers.AcceptAsync(group, GrantOffers.Own, GrantOffers.GoodAcceptance()))
            Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
        var before = await StoredAsync(GrantOffers.Other);
        var path = $"/apply/applications/{GrantOffers.Other}/{handler}";

        using var response = method == "GET"
            ? await group.GetAsync(new Uri(path + "?link=anything", UriKind.Relative))
            : await group.PostComposedAsync(path, new() { ["Input.AccountName"] = "Thief", ["Input.SortCode"] = "11-22-33", ["Input.AccountNumber"] = "11223344", ["Link"] = "anything" },
                formPage: GrantBankChange.BankPage(GrantOffers.Own));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(before, await StoredAsync(GrantOffers.Other));
        Assert.Empty(await BankMailToAsync());
    }
}
