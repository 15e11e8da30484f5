using System.Net;
using System.Text.RegularExpressions;
using FairFund.Domain.Applications;
using FairFund.Domain.Reviews;
using FairFund.Domain.Rounds;
using FairFund.Tests.Web.Fund;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Panel;

/// <summary>
/// A whole panel round through the web handlers, as the people would do it: 40 sent applications, screened by the
/// fund manager (two not eligible); a panel of four assigned automatically, one conflict recorded by the fund manager
/// and three declared by members; every assigned review scored and submitted by its member; scoring closed. The
/// round file exported from moderation, run through <c>allocate</c>, gives exactly the allocation the page shows.
/// </summary>
public sealed partial class PanelRoundEndToEndTests : IDisposable
{
    private const int ApplicationCount = 40;
    private readonly FairFundFactory _factory = new() { RunRoundClock = false };

    public void Dispose() => _factory.Dispose();

    /// <summary>Scores that spread the field out, with the members' views differing a little and, on every seventh application, a lot.</summary>
    private static Dictionary<string, string> ScoresFor(int application, int member)
    {
        var level = (application * 3 + member) % 5;
        if (application % 7 == 0) level = member % 2 == 0 ? 4 : 1;
        return PanelPages.Scores(level, Math.Min(4, level + member % 2), Math.Max(0, level - 1), (application + member) % 5);
    }

    [Fact]
    public async Task PanelRound_ScreenedAssignedDeclaredAndScoredThroughThePages_ExportsARoundFileThatAllocateReproduces()
    {
        var seed = await PanelRounds.SeedAsync(_factory, ApplicationCount, members: 4, PanelRoundStage.Screening);
        using var manager = await SignedInClient.As(_factory, SignedInClient.Manager);

        // Screening: two groups are not eligible, every other one is.
        var ineligible = new[] { seed.Applications[10], seed.Applications[25] };
        foreach (var reference in seed.Applications)
        {
            var path = Screenings.ApplicationPage(reference);
            var page = await manager.GetStringAsync(new Uri(path, UriKind.Relative));
            var notEligible = ineligible.Contains(reference);
            using var screened = await manager.PostFormAsync(path, new()
            {
                ["Input.Version"] = Screenings.VersionIn(page),
                ["Input.Decision"] = notEligible ? "not-eligible" : "eligible",
                ["Input.Reason"] = notEligible ? "The group works outside Coventry and Warwickshire" : "",
            });
            Assert.Equal(HttpStatusCode.Redirect, screened.StatusCode);
        }
        using (var start = await Moderating.ActAsync(manager, RoundTrigger.StartScoring))
            Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);

        // The fund manager knows of a tie the member has not declared; automatic assignment then keeps them away.
        var recorded = (Member: seed.Members[3], Application: seed.Applications[2]);
        using (var conflict = await manager.PostFormAsync($"{PanelPage}?handler=RecordConflict",
            new() { ["Conflict.Member"] = recorded.Member, ["Conflict.Application"] = recorded.Application, ["Conflict.Kind"] = "FamilyOrFriend", ["Conflict.Note"] = "Her sister chairs the group" }, PanelPage))
            Assert.Equal(HttpStatusCode.Redirect, conflict.StatusCode);

        var members = new List<HttpClient>();
        foreach (var member in seed.Members) members.Add(await SignedInClient.As(_factory, member));
        var declared = new HashSet<(int Member, string Application)>();
        // The recorded conflict is on the member's list already, closed: there is nothing for them to do on it.
        var handled = new HashSet<(int Member, string Application)> { (3, recorded.Application) };
        var conflictsToDeclare = new Dictionary<int, int> { [0] = 2, [1] = 1 };
        var submitted = 0;
        // Assign, review, and assign again until every eligible application has its minimum: declared conflicts leave gaps to fill.
        for (var pass = 0; pass < 5; pass++)
        {
            using (var assigned = await manager.PostFormAsync($"{PanelPage}?handler=AssignAutomatically", [], PanelPage))
                Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
            var work = 0;
            for (var member = 0; member < members.Count; member++)
            {
                var list = await members[member].GetStringAsync(new Uri(PanelPages.RoundPath, UriKind.Relative));
                foreach (var reference in AssignedIn(list).Where(reference => handled.Add((member, reference))))
                {
                    work++;
                    if (conflictsToDeclare.GetValueOrDefault(member) > 0)
                    {
                        conflictsToDeclare[member]--;
                        using var declaredConflict = await members[member].DeclareConflictAsync(reference, "WorksOrVolunteersThere", "I volunteer there on Saturdays");
                        Assert.Equal(HttpStatusCode.Redirect, declaredConflict.StatusCode);
                        declared.Add((member, reference));
                        continue;
                    }
                    await members[member].SubmitAsync(reference, ScoresFor(IndexOf(seed, reference), member), $"Scored by panel member {member + 1}.");
                    submitted++;
                }
            }
            if (work == 0) break;
        }
        foreach (var client in members) client.Dispose();
        Assert.Equal(3, declared.Count);
        var recordedReview = await PanelRounds.ReviewAsync(_factory, recorded.Application, recorded.Member);
        Assert.Equal(ReviewState.Conflicted, recordedReview.State);
        Assert.True(recordedReview.Conflict!.RecordedByFundManager);
        Assert.Empty(recordedReview.Revisions);
        // 38 eligible applications with 2 counted reviews each.
        Assert.Equal(38 * 2, submitted);

        await Moderating.CloseScoringAsync(manager);

        var moderation = await manager.GetStringAsync(new Uri(Moderating.ModerationPage, UriKind.Relative));
        var shown = Moderating.RankedRows(moderation).OrderBy(row => row.Reference, StringComparer.Ordinal).ToList();
        using var export = await manager.GetAsync(new Uri($"/fund/rounds/{Moderating.Round}/round-file", UriKind.Relative));
        var roundFile = await export.Content.ReadAsStringAsync();
        var recomputed = Moderating.Allocate(roundFile).OrderBy(row => row.Reference, StringComparer.Ordinal).ToList();

        Assert.Equal(ApplicationCount, shown.Count);
        Assert.Equal(recomputed, shown);
        Assert.Contains(shown, row => row.Decision == "Award");
        Assert.All(ineligible, reference => Assert.Equal("Decline", shown.Single(row => row.Reference == reference).Decision));
        // No conflicted member's review reaches the file, and nobody's address does.
        Assert.Equal(submitted, ReviewerField().Count(roundFile));
        Assert.DoesNotContain("@panel.fairfund.test", roundFile);
        Assert.Equal(seed.Applications.Count, await _factory.WithScopeAsync(services =>
            services.GetRequiredService<FairFundDbContext>().Applications.CountAsync(a => a.State == ApplicationState.Scored || a.State == ApplicationState.Ineligible)));

        // A change in moderation is listed apart; the round file still gives what the rules gave.
        // (Lowering an award, which needs no money the budget may not have left.)
        var lowered = shown.First(row => row.Decision == "Award" && row.Amount > 1000m);
        using (var changed = await Moderating.OverrideAsync(manager, lowered.Reference, "ChangeAmount", "1000", null, "The panel agreed to fund its first stage."))
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(roundFile, await manager.GetStringAsync(new Uri($"/fund/rounds/{Moderating.Round}/round-file", UriKind.Relative)));
        Assert.Contains(lowered.Reference, await manager.GetStringAsync(new Uri($"/fund/rounds/{Moderating.Round}/overrides", UriKind.Relative)));
    }

    private static int IndexOf(PanelRoundSeed seed, string reference) => seed.Applications.ToList().IndexOf(reference);

    private const string PanelPage = $"/fund/rounds/{PanelRounds.Round}/panel";

    private static IEnumerable<string> AssignedIn(string roundPage) =>
        AssignedLink().Matches(roundPage).Select(match => match.Groups[1].Value).Distinct();

    [GeneratedRegex($"href=\"/panel/rounds/{PanelRounds.Round}/applications/([^\"/]+)\"")]
    private static partial Regex AssignedLink();

    [GeneratedRegex("\"reviewer\"\\s*:")]
    private static partial Regex ReviewerField();
}
