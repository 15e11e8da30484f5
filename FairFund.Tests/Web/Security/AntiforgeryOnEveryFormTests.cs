using System.Net;
using System.Text.RegularExpressions;
using FairFund.Domain.Rounds;
using FairFund.Tests.Browser;
using FairFund.Tests.Web.Apply;
using FairFund.Tests.Web.Fund;
using FairFund.Tests.Web.Panel;
using FairFund.Web.Accounts;
using FairFund.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Security;

/// <summary>
/// Every form that posts carries the antiforgery token, or its button answers 400 (as "Approve the allocation"
/// once did). For a round at each stage, each kind of visitor starts from their home pages and follows every
/// link within the app, breadth first, as a person clicking around would, and every <c>&lt;form method="post"&gt;</c>
/// on every page reached is checked.
/// </summary>
public sealed partial class AntiforgeryOnEveryFormTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const string DraftRound = "CW-MH-2027-R2";
    private const string Round = PanelRounds.Round;

    /// <summary>More pages than any stage has; a crawl that reaches it is going round in circles.</summary>
    private const int MaxPages = 600;

    [Theory]
    [InlineData(RoundState.Draft)]
    [InlineData(RoundState.Open)]
    [InlineData(RoundState.Screening)]
    [InlineData(RoundState.Scoring)]
    [InlineData(RoundState.Moderation)]
    [InlineData(RoundState.Decided)]
    [InlineData(RoundState.Notified)]
    public async Task Crawl_EveryRoleAtThisStage_EveryPostFormCarriesTheAntiforgeryToken(RoundState stage)
    {
        using var app = new FairFundFactory { RunRoundClock = false, RunMailWorker = false };
        var visitors = await SetUpAsync(app, stage);

        var missing = new List<string>();
        var serverErrors = new List<string>();
        var unfinished = new List<string>();
        var postForms = 0;
        foreach (var visitor in visitors)
        {
            var crawl = await CrawlAsync(visitor.Client, visitor.Homes);
            missing.AddRange(crawl.FormsWithoutToken.Select(form => $"{visitor.Name}: {form}"));
            serverErrors.AddRange(crawl.ServerErrors.Select(page => $"{visitor.Name}: {page}"));
            postForms += crawl.PostForms;
            output.WriteLine($"{visitor.Name}: {crawl.Pages.Count} pages, {crawl.PostForms} forms that post");
            // The crawl must have reached the pages that matter, or it would pass by finding nothing.
            if (crawl.Pages.Count >= MaxPages) unfinished.Add($"{visitor.Name}'s crawl reached {MaxPages} pages without finishing");
            var unreached = visitor.MustReach.Where(page => !crawl.Pages.Contains(page)).ToList();
            if (unreached.Count > 0) unfinished.Add($"{visitor.Name} never reached {string.Join(", ", unreached)}; reached {string.Join(", ", crawl.Pages.Order())}");
        }

        Assert.True(missing.Count == 0, "Forms without the antiforgery token:" + Environment.NewLine + string.Join(Environment.NewLine, missing));
        Assert.True(serverErrors.Count == 0, "Pages that failed:" + Environment.NewLine + string.Join(Environment.NewLine, serverErrors));
        Assert.True(unfinished.Count == 0, string.Join(Environment.NewLine, unfinished));
        Assert.True(postForms > 0, "No form that posts was found at all");
    }

    /// <summary>Who looks at the app, where they start, and pages their crawl must reach for it to count.</summary>
    private sealed record Visitor(string Name, HttpClient Client, IReadOnlyList<string> Homes, IReadOnlyList<string> MustReach);

    private sealed record Crawl(IReadOnlySet<string> Pages, int PostForms, IReadOnlyList<string> FormsWithoutToken, IReadOnlyList<string> ServerErrors);

    /// <summary>Takes the demo round (or, for a draft, a second round) to <paramref name="stage"/> and signs in each kind of visitor.</summary>
    private static async Task<IReadOnlyList<Visitor>> SetUpAsync(FairFundFactory app, RoundState stage)
    {
        var roundPage = $"/fund/rounds/{(stage == RoundState.Draft ? DraftRound : Round)}";
        string panelMember = SignedInClient.Panel, applicant = SignedInClient.Applicant;
        var managerMustReach = new List<string> { "/fund", roundPage };
        var applicantMustReach = new List<string> { "/apply" };
        var panelMustReach = new List<string> { "/panel", $"/panel/rounds/{Round}" };
        switch (stage)
        {
            case RoundState.Draft:
                await Screenings.OtherRoundAsync(app);
                managerMustReach.Add($"{roundPage}/edit");
                break;
            case RoundState.Open:
                var draft = await app.StartAsync(complete: true);
                applicantMustReach.Add($"/apply/applications/{draft}");
                break;
            case RoundState.Screening:
                await PanelRounds.SeedAsync(app, applications: 3, members: 2, PanelRoundStage.Screening);
                managerMustReach.Add($"{roundPage}/screening");
                break;
            case RoundState.Scoring:
                await PanelRounds.SeedAsync(app, applications: 3, members: 2);
                await PanelRounds.AssignAsync(app, $"{Round}-0001", PanelRounds.Member(1));
                await PanelRounds.AssignAsync(app, $"{Round}-0002", PanelRounds.Member(1));
                managerMustReach.Add($"{roundPage}/panel");
                break;
            case RoundState.Moderation:
                await Moderating.InModerationAsync(app, applications: 6, members: 2, Moderating.SpreadScores);
                managerMustReach.Add(Moderating.ModerationPage);
                break;
            case RoundState.Decided:
                await DecidedRound.DecideAsync(app);
                managerMustReach.AddRange([Moderating.ModerationPage, $"{roundPage}/decisions"]);
                break;
            case RoundState.Notified:
                await DecidedRound.DecideAsync(app);
                await SendDecisionsAsync(app);
                managerMustReach.AddRange([Moderating.ModerationPage, $"{roundPage}/decisions"]);
                break;
        }
        if (stage >= RoundState.Screening)
        {
            // The panel is now the seeded members, and the groups that applied are seeded too: one of each signs in.
            panelMember = PanelRounds.Member(1);
            applicant = await GroupMemberAsync(app, $"{Round}-0001");
            applicantMustReach.Add($"/apply/applications/{Round}-0001/status");
        }
        if (stage >= RoundState.Scoring) panelMustReach.Add($"/panel/rounds/{Round}/applications/{Round}-0001");

        return
        [
            new("The fund manager", await SignedInClient.As(app, SignedInClient.Manager), ["/", "/fund"], managerMustReach),
            new("A panel member", await SignedInClient.As(app, panelMember), ["/", "/panel"], panelMustReach),
            new("An applicant", await SignedInClient.As(app, applicant), ["/", "/apply"], applicantMustReach),
            new("Someone signed out", SignedInClient.Anonymous(app), ["/"], ["/account/sign-in", "/account/register"]),
        ];
    }

    /// <summary>Sets the waiting list's closing date and sends the decisions, through the decisions page's own forms.</summary>
    private static async Task SendDecisionsAsync(FairFundFactory app)
    {
        const string decisions = $"/fund/rounds/{Round}/decisions";
        using var manager = await SignedInClient.As(app, SignedInClient.Manager);
        var closes = app.Clock.GetUtcNow().AddMonths(3);
        using (var saved = await manager.PostFormAsync(decisions + "?handler=Save", new()
        {
            ["Input.GrantConditions"] = "Spend the grant on the project you described.",
            ["Input.WaitingListUntil.Day"] = closes.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.WaitingListUntil.Month"] = closes.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.WaitingListUntil.Year"] = closes.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, decisions))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }
        using var sent = await manager.PostFormAsync(decisions + "?handler=Send", [], decisions);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var round = await app.RoundAsync();
        Assert.Equal(RoundState.Notified, round.State);
    }

    /// <summary>An account for a member of the group that sent <paramref name="reference"/>; returns its address.</summary>
    private static async Task<string> GroupMemberAsync(FairFundFactory app, string reference)
    {
        const string email = "member@group-one.fairfund.test";
        await app.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<IdentityUser>>();
            var db = services.GetRequiredService<FairFundDbContext>();
            var user = new IdentityUser(email) { Email = email, EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, PanelRounds.MemberPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Applicant)).Succeeded);
            var organisation = await db.Applications.Where(a => a.Reference == reference).Select(a => a.OrganisationId).SingleAsync();
            db.OrganisationMembers.Add(new OrganisationMember { OrganisationId = organisation, UserId = user.Id });
            await db.SaveChangesAsync();
        });
        return email;
    }

    /// <summary>
    /// Follows every same-origin link (and redirect) from <paramref name="homes"/>, breadth first, with GET only,
    /// leaving out downloads and signing out, and checks every form that posts on every HTML page reached.
    /// </summary>
    private static async Task<Crawl> CrawlAsync(HttpClient client, IEnumerable<string> homes)
    {
        var origin = new Uri("http://localhost/");
        var queued = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        void Enqueue(Uri from, string href)
        {
            if (!Uri.TryCreate(from, WebUtility.HtmlDecode(href), out var target)) return;
            if (target.Scheme != origin.Scheme || target.Authority != origin.Authority) return;
            var path = target.PathAndQuery;
            if (path.StartsWith("/account/sign-out", StringComparison.OrdinalIgnoreCase)) return;
            if (queued.Add(path)) queue.Enqueue(path);
        }
        foreach (var home in homes) Enqueue(origin, home);

        var pages = new HashSet<string>(StringComparer.Ordinal);
        var missing = new List<string>();
        var errors = new List<string>();
        var postForms = 0;
        while (queue.Count > 0 && pages.Count < MaxPages)
        {
            var path = queue.Dequeue();
            var here = new Uri(origin, path);
            using var response = await client.GetAsync(here);
            if ((int)response.StatusCode >= 500) errors.Add($"{path} answered {(int)response.StatusCode}");
            if (response.Headers.Location is { } location)
            {
                Enqueue(here, location.OriginalString);
                continue;
            }
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html") continue;
            var html = await response.Content.ReadAsStringAsync();
            pages.Add(here.AbsolutePath);

            foreach (Match form in Forms().Matches(html))
            {
                if (!PostMethod().IsMatch(form.Groups["attributes"].Value)) continue;
                postForms++;
                if (!form.Groups["body"].Value.Contains("name=\"__RequestVerificationToken\"", StringComparison.Ordinal))
                    missing.Add($"{path}: <form{form.Groups["attributes"].Value}> ({ButtonText(form.Groups["body"].Value)})");
            }
            foreach (Match link in Links().Matches(html))
            {
                var attributes = link.Groups["attributes"].Value;
                if (Download().IsMatch(attributes) || Href().Match(attributes) is not { Success: true } href) continue;
                Enqueue(here, href.Groups[1].Value);
            }
        }
        return new Crawl(pages, postForms, missing, errors);
    }

    private static string ButtonText(string formBody) =>
        ButtonTexts().Matches(formBody).Select(match => Tags().Replace(match.Groups[1].Value, "").Trim()).FirstOrDefault() ?? "no button";

    [GeneratedRegex(@"<form\b(?<attributes>[^>]*)>(?<body>.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Forms();

    [GeneratedRegex(@"\bmethod\s*=\s*[""']?post\b", RegexOptions.IgnoreCase)]
    private static partial Regex PostMethod();

    [GeneratedRegex(@"<a\b(?<attributes>[^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex Links();

    [GeneratedRegex(@"\shref\s*=\s*""([^""]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex Href();

    [GeneratedRegex(@"\sdownload(\s|=|$)", RegexOptions.IgnoreCase)]
    private static partial Regex Download();

    [GeneratedRegex(@"<button\b[^>]*>(.*?)</button>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ButtonTexts();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
