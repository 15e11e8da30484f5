using System.Net;
using FairFund.Domain.Rounds;
using FairFund.Tests.Web.Apply;
using FairFund.Tests.Web.Panel;
using FairFund.Web.Data;
using FairFund.Web.Pages.Fund;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Fund;

/// <summary>
/// A group found not eligible hears by email when screening finishes only if the fund chose it on the screening page;
/// otherwise, and never twice, with every other group when the decisions are sent (issue 18).
/// </summary>
public sealed class IneligibleNoticeTests : IDisposable
{
    private const string Reason = "The project is outside Coventry and Warwickshire, which this fund serves.";
    private const string ScreeningPage = $"/fund/rounds/{PanelRounds.Round}/screening";
    private readonly FairFundFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static string IneligibleSubject(string reference) => $"Your application {reference} cannot be considered in this round";

    [Fact]
    public async Task ChosenOnTheScreeningPage_TheGroupIsEmailedWhenScoringStartsAndNotAgainWithTheDecisions()
    {
        var (seed, manager) = await ScreenedAsync(tellAtScreening: true);
        Assert.Empty(Mailbox.To(_factory, "contact1@group.fairfund.test"));

        await StartScoringAsync(manager);

        var told = Mailbox.Message(_factory, "contact1@group.fairfund.test", IneligibleSubject(seed.Applications[0]));
        Assert.Contains(Reason, told.TextBody);
        Assert.Contains($"/apply/applications/{seed.Applications[0]}", told.TextBody);
        Assert.Empty(Mailbox.To(_factory, "contact2@group.fairfund.test"));

        await DecideAndSendAsync(seed, manager);
        Assert.Single(Mailbox.To(_factory, "contact1@group.fairfund.test"));
        Assert.Single(Mailbox.To(_factory, "contact2@group.fairfund.test"));
    }

    [Fact]
    public async Task NotChosen_TheGroupHearsOnlyWithTheDecisions()
    {
        var (seed, manager) = await ScreenedAsync(tellAtScreening: false);

        await StartScoringAsync(manager);
        Assert.Empty(Mailbox.To(_factory, "contact1@group.fairfund.test"));

        await DecideAndSendAsync(seed, manager);
        var letter = Assert.Single(Mailbox.To(_factory, "contact1@group.fairfund.test"));
        Assert.NotEqual(IneligibleSubject(seed.Applications[0]), letter.Subject);
        Assert.Single(Mailbox.To(_factory, "contact2@group.fairfund.test"));
    }

    [Fact]
    public async Task Choice_IsRecordedWithWhoAndWhenAndFixedOnceScoringStarts()
    {
        var (_, manager) = await ScreenedAsync(tellAtScreening: true);

        var round = await StoredRoundAsync();
        Assert.True(round.TellsIneligibleAtScreening);
        var recorded = round.History.Last(change => change.Trigger == Round.IneligibleNoticeChanged);
        Assert.Equal((SignedInClient.Manager, _factory.Clock.GetUtcNow()), (recorded.Actor, recorded.At));

        await StartScoringAsync(manager);
        var page = await manager.GetStringAsync(new Uri(ScreeningPage, UriKind.Relative));
        Assert.Contains("Groups found not eligible were told by email when screening finished.", page);
        Assert.DoesNotContain("handler=IneligibleNotice", page);
    }

    /// <summary>Three applications in screening, the first found not eligible and the others eligible through their pages, with the choice made on the screening page.</summary>
    private async Task<(PanelRoundSeed Seed, HttpClient Manager)> ScreenedAsync(bool tellAtScreening)
    {
        var seed = await PanelRounds.SeedAsync(_factory, applications: 3, members: 2, PanelRoundStage.Screening);
        var manager = await SignedInClient.As(_factory, SignedInClient.Manager);
        using (var chosen = await manager.PostFormAsync($"{ScreeningPage}?handler=IneligibleNotice",
                   new() { ["Notice.When"] = tellAtScreening ? ScreeningModel.AtScreening : ScreeningModel.WithDecisions }, ScreeningPage))
            Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        for (var index = 0; index < seed.Applications.Count; index++)
        {
            var fields = index == 0
                ? new Dictionary<string, string> { ["Input.Decision"] = ApplicationModel.NotEligible, ["Input.Reason"] = Reason }
                : new Dictionary<string, string> { ["Input.Decision"] = ApplicationModel.Eligible, ["Input.Reason"] = "" };
            using var decided = await manager.PostFormAsync(Screenings.ApplicationPage(seed.Applications[index]), fields);
            Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        }
        return (seed, manager);
    }

    private static async Task StartScoringAsync(HttpClient manager)
    {
        using var started = await Moderating.ActAsync(manager, RoundTrigger.StartScoring);
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
    }

    private async Task DecideAndSendAsync(PanelRoundSeed seed, HttpClient manager)
    {
        await PanelRounds.ReviewAllAsync(_factory, seed, (application, member) => application == 0 ? null : Moderating.SpreadScores(application, member));
        await Moderating.CloseScoringAsync(manager);
        await Moderating.ApproveAsync(manager);
        using var sent = await manager.PostFormAsync(GrantOffers.DecisionsPage + "?handler=Send", [], GrantOffers.DecisionsPage);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
    }

    private Task<Round> StoredRoundAsync() =>
        _factory.WithScopeAsync(services => services.GetRequiredService<FairFundDbContext>().Rounds.AsNoTracking().SingleAsync(r => r.Reference == PanelRounds.Round));
}
