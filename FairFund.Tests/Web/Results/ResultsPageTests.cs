using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using FairFund.Domain.Applications;
using FairFund.Tests.Web.Fund;
using FairFund.Tests.Web.Panel;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Results;

/// <summary>
/// A decided round's public results, fetched by someone not signed in: the awards as moderation left them with
/// the panel's changes and reasons, nobody's personal details, and a round file that <c>allocate</c> turns back
/// into the published awards. They are public once the decisions are sent, so no group reads its outcome here
/// before its own letter; from approval until then only the fund manager sees them, as a preview.
/// </summary>
public sealed partial class ResultsPageTests(SharedFairFundApp app) : IClassFixture<SharedFairFundApp>
{
    private const int Applications = 30;
    private const string ResultsPage = $"/rounds/{Moderating.Round}/results";
    private const string RoundFile = $"{ResultsPage}/round-file";
    private const string DecisionsPage = $"/fund/rounds/{Moderating.Round}/decisions";
    private const string PreviewBanner = "Preview: not yet public";
    private readonly FairFundFactory _factory = app.ForNextTest();

    [Fact]
    public async Task Results_BeforeTheAllocationIsApproved_AreNotFound()
    {
        using var anyone = _factory.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync(new Uri(ResultsPage, UriKind.Relative))).StatusCode);

        var (_, manager) = await Moderating.InModerationAsync(_factory, Applications, members: 3, Moderating.SpreadScores);

        using var page = await anyone.GetAsync(new Uri(ResultsPage, UriKind.Relative));
        using var file = await anyone.GetAsync(new Uri(RoundFile, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, file.StatusCode);
        var publicRoundPage = await anyone.GetStringAsync(new Uri($"/rounds/{Moderating.Round}", UriKind.Relative));
        Assert.DoesNotContain(ResultsPage, publicRoundPage);
        manager.Dispose();
    }

    [Fact]
    public async Task Results_DecidedWithoutChanges_ShowTheRulesAwardsAndNobodysDetails()
    {
        var (_, manager) = await Moderating.InModerationAsync(_factory, Applications, members: 3, Moderating.SpreadScores);
        await Moderating.ApproveAsync(manager);
        await SendDecisionsAsync(manager);
        using var anyone = _factory.CreateClient();

        var page = await anyone.GetStringAsync(new Uri(ResultsPage, UriKind.Relative));
        using var download = await anyone.GetAsync(new Uri(RoundFile, UriKind.Relative));
        var json = await download.Content.ReadAsStringAsync();

        Assert.Equal($"{Moderating.Round}-public.round.json", download.Content.Headers.ContentDisposition!.FileNameStar ?? download.Content.Headers.ContentDisposition.FileName);
        Assert.Contains($"allocate {Moderating.Round}-public.round.json", page);
        await AssertNobodysDetailsAsync(page, json);
        var rulesAwards = Awards(Moderating.Allocate(json));
        Assert.Equal(rulesAwards, AwardsOn(page));
        Assert.Contains("None: every decision is exactly what the published rules give.", page);
        var round = await Apply.Drafts.RoundAsync(_factory);
        Assert.Contains(round.RulesHash!, page);
        Assert.Contains(round.SeedCommitment!, page);
        Assert.Contains($"printf '%s' '{round.RevealedSeed}' | sha256sum", page);
        var example = rulesAwards.Keys.Order(StringComparer.Ordinal).First(reference => page.Contains($"'{round.RevealedSeed}:{reference}'", StringComparison.Ordinal));
        Assert.Contains(FairFund.Domain.Allocation.LotteryKey.For(round.RevealedSeed!, example).ToString(), page);
        var roundPage = await anyone.GetStringAsync(new Uri($"/rounds/{Moderating.Round}", UriKind.Relative));
        Assert.Contains($"href=\"{ResultsPage}\"", roundPage);
        var fundRoundPage = await manager.GetStringAsync(new Uri(Moderating.RoundPage, UriKind.Relative));
        Assert.Contains($"href=\"{ResultsPage}\"", fundRoundPage);
        manager.Dispose();
    }

    [Fact]
    public async Task Results_ApprovedButNotSent_AreNotFoundForThePublicAndAPreviewForTheFundManagerUntilTheDecisionsGo()
    {
        var (_, manager) = await Moderating.InModerationAsync(_factory, Applications, members: 3, Moderating.SpreadScores);
        await Moderating.ApproveAsync(manager);
        using var anyone = _factory.CreateClient();
        using var applicant = await SignedInClient.As(_factory, SignedInClient.Applicant);

        using (var page = await anyone.GetAsync(new Uri(ResultsPage, UriKind.Relative))) Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        using (var file = await anyone.GetAsync(new Uri(RoundFile, UriKind.Relative))) Assert.Equal(HttpStatusCode.NotFound, file.StatusCode);
        using (var page = await applicant.GetAsync(new Uri(ResultsPage, UriKind.Relative))) Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        using (var file = await applicant.GetAsync(new Uri(RoundFile, UriKind.Relative))) Assert.Equal(HttpStatusCode.NotFound, file.StatusCode);
        Assert.DoesNotContain(ResultsPage, await anyone.GetStringAsync(new Uri($"/rounds/{Moderating.Round}", UriKind.Relative)), StringComparison.Ordinal);
        var preview = await manager.GetStringAsync(new Uri(ResultsPage, UriKind.Relative));
        using (var file = await manager.GetAsync(new Uri(RoundFile, UriKind.Relative))) Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        var fundRoundPage = WebUtility.HtmlDecode(await manager.GetStringAsync(new Uri(Moderating.RoundPage, UriKind.Relative)));

        Assert.Contains(PreviewBanner, preview, StringComparison.Ordinal);
        Assert.Contains("Who was funded", preview, StringComparison.Ordinal);
        Assert.Contains("Preview the results page, which becomes public when the decisions are sent", fundRoundPage, StringComparison.Ordinal);

        await SendDecisionsAsync(manager);

        using var published = await anyone.GetAsync(new Uri(ResultsPage, UriKind.Relative));
        using var publishedFile = await anyone.GetAsync(new Uri(RoundFile, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal(HttpStatusCode.OK, publishedFile.StatusCode);
        Assert.DoesNotContain(PreviewBanner, await published.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(PreviewBanner, await manager.GetStringAsync(new Uri(ResultsPage, UriKind.Relative)), StringComparison.Ordinal);
        Assert.Contains($"href=\"{ResultsPage}\"", await anyone.GetStringAsync(new Uri($"/rounds/{Moderating.Round}", UriKind.Relative)), StringComparison.Ordinal);
        manager.Dispose();
    }

    /// <summary>Sends the approved round's decisions from the decisions page, as the fund manager does: the waiting list's closing date first, then Send.</summary>
    private static async Task SendDecisionsAsync(HttpClient manager)
    {
        using (var saved = await manager.PostFormAsync(DecisionsPage + "?handler=Save", new()
        {
            ["Input.GrantConditions"] = "",
            ["Input.WaitingListUntil.Day"] = "30",
            ["Input.WaitingListUntil.Month"] = "9",
            ["Input.WaitingListUntil.Year"] = "2027",
        }, DecisionsPage)) Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        using var sent = await manager.PostFormAsync(DecisionsPage + "?handler=Send", [], DecisionsPage);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
    }

    [Theory]
    [InlineData("Decline", null, "The group has since closed.")]
    [InlineData("ChangeAmount", "1000", "Only the first year is ready to start.")]
    public async Task Results_DecidedWithOneChange_ShowTheChangeWithItsReasonAndTheRestAsTheRulesGave(string kind, string? amount, string reason)
    {
        var (_, manager) = await Moderating.InModerationAsync(_factory, Applications, members: 3, Moderating.SpreadScores);
        var moderation = await manager.GetStringAsync(new Uri(Moderating.ModerationPage, UriKind.Relative));
        var changed = Moderating.RankedRows(moderation).First(row => row.Decision == "Award");
        using (var response = await Moderating.OverrideAsync(manager, changed.Reference, kind, amount, null, reason))
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await Moderating.ApproveAsync(manager);
        await SendDecisionsAsync(manager);
        using var anyone = _factory.CreateClient();

        var page = await anyone.GetStringAsync(new Uri(ResultsPage, UriKind.Relative));
        var json = await anyone.GetStringAsync(new Uri(RoundFile, UriKind.Relative));

        await AssertNobodysDetailsAsync(page, json);
        var expected = Awards(Moderating.Allocate(json));
        Assert.Equal(changed.Amount, expected[changed.Reference]);
        if (amount is null) expected.Remove(changed.Reference);
        else expected[changed.Reference] = decimal.Parse(amount, CultureInfo.InvariantCulture);
        Assert.Equal(expected, AwardsOn(page));
        Assert.Contains($"data-change=\"{changed.Reference}\"", page);
        Assert.Contains(reason, page);
        if (amount is not null)
        {
            Assert.Contains("govuk-tag--purple\">Changed by the panel", page);
            Assert.Contains($"The rules gave {FairFund.Domain.Scoring.Money.Pounds(changed.Amount)}", page);
        }
        manager.Dispose();
    }

    /// <summary>
    /// No address of anyone, no panel member, no contact or postcode, and no group that was not funded is named in
    /// the page or the file; every funded group is named on the page with its grant.
    /// </summary>
    private async Task AssertNobodysDetailsAsync(string page, string json)
    {
        Assert.DoesNotMatch(EmailAddress(), page);
        Assert.DoesNotMatch(EmailAddress(), json);
        foreach (var text in new[] { page, json })
        {
            for (var member = 1; member <= 3; member++) Assert.DoesNotContain($"member{member}", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Contact ", text, StringComparison.Ordinal);
            Assert.DoesNotContain("CV1 1AA", text, StringComparison.Ordinal);
            Assert.DoesNotContain("CV47 0AB", text, StringComparison.Ordinal);
            Assert.DoesNotContain("reviewer-0", text, StringComparison.Ordinal);
        }
        var groups = await GroupsAsync();
        Assert.Contains(groups, group => group.State == ApplicationState.Declined);
        Assert.Contains(groups, group => group.State == ApplicationState.Waitlisted);
        foreach (var group in groups.Where(group => group.State != ApplicationState.Awarded))
        {
            Assert.DoesNotMatch(Named(group.Name), page);
            Assert.DoesNotContain($"\"{group.Name}\"", json, StringComparison.Ordinal);
        }
        var awards = AwardsOn(page);
        foreach (var group in groups.Where(group => group.State == ApplicationState.Awarded))
        {
            Assert.Matches(Named(group.Name), page);
            Assert.Equal(group.Amount, awards[group.Reference]);
        }
    }

    private sealed record Group(string Reference, string Name, ApplicationState State, decimal Amount);

    private Task<List<Group>> GroupsAsync() =>
        _factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var applications = await db.Applications.AsNoTracking().ToListAsync();
            var names = await db.Organisations.AsNoTracking().ToDictionaryAsync(profile => profile.Id, profile => profile.Name);
            return applications.Where(application => application.Decision is not null)
                .Select(application => new Group(application.Reference, names[application.OrganisationId], application.State, application.Decision!.Amount))
                .ToList();
        });

    /// <summary>A name standing alone, so "Group 1" is not found inside "Group 10".</summary>
    private static Regex Named(string name) => new($@"(?<!\w){Regex.Escape(name)}(?!\w)");

    private static Dictionary<string, decimal> Awards(IEnumerable<Moderating.RankedRow> rows) =>
        rows.Where(row => row.Decision == "Award").ToDictionary(row => row.Reference, row => row.Amount, StringComparer.Ordinal);

    private static Dictionary<string, decimal> AwardsOn(string page) =>
        AwardRow().Matches(page).ToDictionary(
            match => match.Groups["reference"].Value,
            match => decimal.Parse(match.Groups["amount"].Value, CultureInfo.InvariantCulture),
            StringComparer.Ordinal);

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")]
    private static partial Regex EmailAddress();

    [GeneratedRegex("<tr class=\"govuk-table__row\" data-reference=\"(?<reference>[^\"]+)\" data-amount=\"(?<amount>[^\"]+)\">")]
    private static partial Regex AwardRow();
}
