using System.Net;
using FairFund.Domain.Applications;
using FairFund.Domain.Grants;
using FairFund.Domain.Rounds;
using FairFund.Tests.Domain.Applications;
using FairFund.Web.Accounts;
using FairFund.Web.Data;
using FairFund.Web.Rounds;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Apply;

/// <summary>A grant as the database holds it, to show what a request changed or did not.</summary>
internal sealed record StoredGrant(GrantState State, int Changes, Guid Version, Signatory? Signatory, string? MaskedBank, IReadOnlyList<Outcome> Outcomes, string? LastActor, DateTimeOffset? LastAt);

/// <summary>
/// The demo round with two funded applications, the demo applicant's group's and another group's, decided, and
/// the decisions sent through the decisions page, which offers each its grant.
/// </summary>
internal static class GrantOffers
{
    public const string Round = SeededApplications.DemoRound;
    public const string Own = $"{Round}-0001";
    public const string Other = $"{Round}-0002";
    public const string DecisionsPage = $"/fund/rounds/{Round}/decisions";
    public const string OtherMember = "treasurer@southam-befriending.test";
    public const string OtherMemberPassword = "a-group-member-2027";

    public static string GrantPage(string reference) => $"/apply/applications/{reference}/grant";

    public static string AcceptPage(string reference) => $"/apply/applications/{reference}/grant/accept";

    public static string DeclinePage(string reference) => $"/apply/applications/{reference}/grant/decline";

    public static string FundGrantsPage => $"/fund/rounds/{Round}/grants";

    public static string FundGrantPage(string reference) => $"/fund/rounds/{Round}/grants/{reference}";

    /// <summary>The two funded applications, in a decided round whose decisions are not yet sent.</summary>
    public static async Task DecidedAsync(FairFundFactory factory)
    {
        await SeededApplications.SeedAsync(factory, ApplicationState.Awarded, ApplicationInState.Funded);
        await SeededApplications.SeedAsync(factory, ApplicationState.Awarded, ApplicationInState.Funded, SeededApplications.OtherGroup);
        await factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var round = await db.Rounds.SingleAsync(r => r.Reference == Round);
            var now = factory.Clock.GetUtcNow();
            round.Close(now, SignedInClient.Manager);
            round.StartScoring(now, SignedInClient.Manager, RoundProgress.None);
            round.CloseScoring(now, SignedInClient.Manager, RoundProgress.None);
            round.Approve(now, SignedInClient.Manager);
            await db.SaveChangesAsync();
        });
    }

    /// <summary>Decided, then sent by the fund manager pressing the decisions page's button; returns the manager's client.</summary>
    public static async Task<HttpClient> SentAsync(FairFundFactory factory, bool alreadyDecided = false)
    {
        if (!alreadyDecided) await DecidedAsync(factory);
        var manager = await SignedInClient.As(factory, SignedInClient.Manager);
        using var sent = await manager.PostFormAsync(DecisionsPage + "?handler=Send", [], DecisionsPage);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        return manager;
    }

    /// <summary>Decided, then sent as the decisions page sends them (for a browser test, whose app has no test client).</summary>
    public static async Task SentDirectlyAsync(FairFundFactory factory)
    {
        await DecidedAsync(factory);
        await factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var round = await db.Rounds.SingleAsync(r => r.Reference == Round);
            await services.GetRequiredService<RoundOperations>().NotifyAsync(round, factory.Clock.GetUtcNow(), SignedInClient.Manager, reference => $"https://fund.example/{reference}", CancellationToken.None);
            await db.SaveChangesAsync();
        });
    }

    /// <summary>A member of the other group, signed in.</summary>
    public static async Task<HttpClient> OtherGroupAsync(FairFundFactory factory)
    {
        await factory.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<IdentityUser>>();
            var db = services.GetRequiredService<FairFundDbContext>();
            var user = new IdentityUser(OtherMember) { Email = OtherMember, EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, OtherMemberPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Applicant)).Succeeded);
            var group = await db.Organisations.Where(o => o.Name == SeededApplications.OtherGroup).Select(o => o.Id).SingleAsync();
            db.OrganisationMembers.Add(new OrganisationMember { OrganisationId = group, UserId = user.Id });
            await db.SaveChangesAsync();
        });
        var client = SignedInClient.Anonymous(factory);
        using var signedIn = await client.PostFormAsync("/account/sign-in", new() { ["Input.Email"] = OtherMember, ["Input.Password"] = OtherMemberPassword });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }

    /// <summary>What a complete, correct acceptance types into the acceptance page's form, over what the page gave.</summary>
    public static Dictionary<string, string> GoodAcceptance(string sortCode = "30-99-50", string accountNumber = "12345678") => new()
    {
        ["Input.Name"] = "Amina Hussain",
        ["Input.Role"] = "Treasurer",
        ["Input.MaySign"] = "yes",
        ["Input.Outcomes[0].Description"] = "Fewer people feel isolated",
        ["Input.Outcomes[0].Indicators[0].WhatIsCounted"] = "People who say they feel less alone",
        ["Input.Outcomes[0].Indicators[0].Unit"] = "people",
        ["Input.Outcomes[0].Indicators[0].Target"] = "40",
        ["Input.AccountName"] = "Foleshill Peer Support",
        ["Input.SortCode"] = sortCode,
        ["Input.AccountNumber"] = accountNumber,
    };

    /// <summary>Accepts the group's grant through the acceptance page's own form.</summary>
    public static async Task<HttpResponseMessage> AcceptAsync(HttpClient group, string reference, Dictionary<string, string> fields)
    {
        var page = AcceptPage(reference);
        var form = PageForms.For(await group.GetStringAsync(new Uri(page, UriKind.Relative)), page, page, fields);
        return await form.SubmitAsync(group, fields, button: "Accept the grant");
    }

    public static Task<StoredGrant> StoredAsync(FairFundFactory factory, string reference) =>
        factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var grant = await db.Grants.SingleAsync(g => g.Reference == reference);
            var version = (Guid)db.Entry(grant).Property(FairFundDbContext.VersionColumn).CurrentValue!;
            var last = grant.History.Count > 0 ? grant.History[^1] : null;
            return new StoredGrant(grant.State, grant.History.Count, version, grant.Signatory, grant.Bank?.Masked, grant.Outcomes, last?.Actor, last?.At);
        });
}
