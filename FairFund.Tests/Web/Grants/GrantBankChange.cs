using System.Net;
using FairFund.Tests.Web.Apply;
using FairFund.Web.Accounts;
using FairFund.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Grants;

/// <summary>A change of the group's bank details, made as people make it: through the change page's form, and confirmed from the emailed link's page.</summary>
internal static class GrantBankChange
{
    public const string NewAccountName = "Foleshill Peer Support CIO";
    public const string NewSortCode = "40-11-62";
    public const string NewAccountNumber = "87654321";
    public const string Treasurer = "treasurer@foleshill-peer-support.test";
    private const string TreasurerPassword = "a-foleshill-member-2027";
    public const string Subject = $"Confirm the new bank details for grant {GrantOffers.Own}";

    public static string BankPage(string reference) => $"/apply/applications/{reference}/grant/bank";

    public static string ConfirmPath(string reference) => $"/apply/applications/{reference}/grant/bank/confirm";

    /// <summary>What the change page's form is given for the new account.</summary>
    public static Dictionary<string, string> NewAccount() => new()
    {
        ["Input.AccountName"] = NewAccountName,
        ["Input.SortCode"] = NewSortCode,
        ["Input.AccountNumber"] = NewAccountNumber,
    };

    /// <summary>Asks for the change through the bank page's own form.</summary>
    public static async Task<HttpResponseMessage> AskAsync(HttpClient group, Dictionary<string, string>? fields = null)
    {
        var page = BankPage(GrantOffers.Own);
        var typed = fields ?? NewAccount();
        var html = await group.GetStringAsync(new Uri(page, UriKind.Relative));
        return await PageForms.For(html, page, page, typed).SubmitAsync(group, typed);
    }

    /// <summary>The confirmation link in the one email to <paramref name="to"/> about the change (read from the mail folder).</summary>
    public static Uri LinkIn(FairFundFactory factory, string to = SignedInClient.Applicant) =>
        Mailbox.LinkTo(Mailbox.Message(factory, to, Subject), ConfirmPath(GrantOffers.Own));

    /// <summary>Presses "Confirm the new bank details" on the page the link opens.</summary>
    public static async Task<HttpResponseMessage> ConfirmAsync(HttpClient client, Uri link)
    {
        var html = await client.GetStringAsync(link);
        return await PageForms.For(html, link.OriginalString, link.OriginalString, new Dictionary<string, string>()).SubmitAsync(client, button: "Confirm the new bank details");
    }

    /// <summary>Another member of the demo applicant's own group, signed in: they may ask for the change, but the email goes to the application's sender.</summary>
    public static async Task<HttpClient> TreasurerAsync(FairFundFactory factory)
    {
        await factory.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<IdentityUser>>();
            var db = services.GetRequiredService<FairFundDbContext>();
            var user = new IdentityUser(Treasurer) { Email = Treasurer, EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, TreasurerPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Applicant)).Succeeded);
            var group = await db.Organisations.Where(o => o.Name == SeededApplications.OwnGroup).Select(o => o.Id).SingleAsync();
            db.OrganisationMembers.Add(new OrganisationMember { OrganisationId = group, UserId = user.Id });
            await db.SaveChangesAsync();
        });
        var client = SignedInClient.Anonymous(factory);
        using var signedIn = await client.PostFormAsync("/account/sign-in", new() { ["Input.Email"] = Treasurer, ["Input.Password"] = TreasurerPassword });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }
}
