using System.Net;
using System.Text.RegularExpressions;
using FairFund.Domain.Applications;
using FairFund.Domain.Scoring;
using FairFund.Tests.Builders;
using FairFund.Tests.Domain.Applications;
using FairFund.Web.Pages.Apply;

namespace FairFund.Tests.Web.Apply;

/// <summary>
/// The status page: each state in the group's words, the timeline without staff names, and after a decision
/// the amount, the whole explanation trail and the panel's comments, never naming a reviewer.
/// </summary>
public sealed partial class StatusPageTests(SharedFairFundApp app) : IClassFixture<SharedFairFundApp>
{
    /// <summary>Reviewer-like names and addresses the allocation sees, none of which the group may see.</summary>
    private static readonly string[] Reviewers = ["Sam Okafor", SignedInClient.Panel, "Helen Price", "panel.two@demo.fairfund.test"];

    private static readonly string[] Comments =
    [
        "The budget is realistic and the walks are well planned.",
        "Strong involvement of people with lived experience; say more about how you will reach men.",
    ];

    private readonly FairFundFactory factory = app.StartedForNextTest();

    /// <summary>A notice from the real allocator, for an application reviewed by the people in <see cref="Reviewers"/>.</summary>
    private static DecisionNotice NoticeFromTheAllocator(decimal requested, int first, int second, decimal threshold = 0m)
    {
        var result = new RoundBuilder { Threshold = threshold }.With(new ApplicationBuilder
        {
            Reference = "CW-MH-2027-R1-0001",
            Requested = requested,
            Reviews = [new Review(Reviewers[0], false, [first]), new Review(Reviewers[1], false, [second]), new Review(Reviewers[2], Conflict: true, [4])],
        }).Allocate().Applications.Single();
        return DecisionNotice.From(result, Comments);
    }

    private async Task<string> StatusPageAsync(string reference)
    {
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);
        using var response = await client.GetAsync(new Uri($"/apply/applications/{reference}/status", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The page's text as a person reads it: tags gone, entities decoded, spaces collapsed.</summary>
    private static string Text(string html) => Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(html, " ")), " ");

    public static TheoryData<ApplicationState> EveryState() => [.. Enum.GetValues<ApplicationState>()];

    [Theory]
    [MemberData(nameof(EveryState))]
    public async Task Status_EachState_ShowsItsApplicantLabelAsATagAndWhatHappensNextOrTheDecision(ApplicationState state)
    {
        var reference = await SeededApplications.SeedAsync(factory, state);

        var html = await StatusPageAsync(reference);

        var tag = Assert.Single(StatusTags().Matches(html));
        Assert.Equal(Labels.ForApplicant(state), WebUtility.HtmlDecode(tag.Groups[1].Value));
        var text = Text(html);
        // A decided application's letter says what comes next instead.
        Assert.Contains(ApplicantWords.WhatHappensNext(state) ?? "The decision", text);
        Assert.Contains($"Reference {reference}", text);
        Assert.Contains("Peer support walks", text);
        Assert.Contains("Round Community Mental Health Fund 2027, round 1", text);
    }

    [Fact]
    public async Task Status_Submitted_ShowsWhenItWasSentInUkTimeAndTheGroupsOwnActionAsYou()
    {
        var reference = await SeededApplications.SeedAsync(factory, ApplicationState.Submitted);

        var text = Text(await StatusPageAsync(reference));

        // ApplicationInState submits on Monday 1 March 2027 at 09:00 UTC, which is 9am in London (GMT).
        Assert.Contains("Sent 9am on Monday 1 March 2027 (UK time)", text);
        Assert.Contains("You sent the application 9am on Monday 1 March 2027 (UK time)", text);
        Assert.Contains("href=\"/apply/applications/CW-MH-2027-R1-0001/withdraw\"", await StatusPageAsync(reference));
    }

    [Fact]
    public async Task Status_Awarded_ShowsAmountPotReasonTheWholeTrailAndTheComments()
    {
        var notice = NoticeFromTheAllocator(1_500.50m, 4, 3);
        var reference = await SeededApplications.SeedAsync(factory, ApplicationState.Awarded, notice);

        var html = await StatusPageAsync(reference);
        var text = Text(html);

        Assert.Contains("Grant £1,500.50", text);
        Assert.Contains("Paid from General pot", text);
        Assert.Contains("You have been awarded £1,500.50, the full amount you asked for.", text);
        Assert.True(notice.Trail.Count >= 10, $"the trail has only {notice.Trail.Count} steps");
        Assert.Equal(notice.Trail, TrailOn(html));
        Assert.Contains("Review 3 does not count, because the reviewer declared a conflict of interest.", text);
        foreach (var comment in Comments) Assert.Contains(comment, text);
        Assert.Contains("The fund team decided to fund it", text);
    }

    [Fact]
    public async Task Status_Decided_OpensWithTheDecisionThenCommentsThenWhatHappensNextAndFoldsTheWholeWorkingInDetails()
    {
        var notice = NoticeFromTheAllocator(1_500.50m, 4, 3);
        var reference = await SeededApplications.SeedAsync(factory, ApplicationState.Awarded, notice);

        var html = await StatusPageAsync(reference);

        // The page opens with the decision, before the application's details, in the domain's words.
        var opening = Opening().Match(html);
        Assert.True(opening.Success, "the letter has no opening");
        Assert.Equal("You have been awarded £1,500.50, the full amount you asked for.", WebUtility.HtmlDecode(opening.Groups[1].Value));
        Assert.True(opening.Index < html.IndexOf("Reference</dt>", StringComparison.Ordinal), "the decision comes after the application's details");
        var comments = html.IndexOf("id=\"panel-comments\"", StringComparison.Ordinal);
        var next = html.IndexOf($">{DecisionLetter.NextHeading}</h3>", StringComparison.Ordinal);
        var details = WorkingDetails().Match(html);
        Assert.True(details.Success, "the working is not in a details component");
        Assert.True(opening.Index < comments && comments < next && next < details.Index, "the letter is not in the order decision, comments, what happens next, working");
        // Closed until the reader opens it: native HTML, so it opens with JavaScript off too.
        Assert.DoesNotContain(" open", details.Groups["tag"].Value, StringComparison.Ordinal);
        Assert.Contains($"<span class=\"govuk-details__summary-text\">{DecisionLetter.TrailHeading}</span>", details.Value, StringComparison.Ordinal);
        // Every step, with every number, is inside it: money in pounds and pence, scores out of 100, the lottery key explained first.
        Assert.Equal(notice.Trail, TrailOn(details.Value));
        var working = Text(details.Value);
        Assert.Contains("Eligible: you asked for £1,500.50, which is within this round's grants of £1,000.00 to £25,000.00.", working);
        Assert.Contains("Review 1 gave your application 100.00 out of 100.", working);
        Assert.Contains("Where the rules treat applications as equal, a lottery decides their order, using each application's lottery key. Anyone can check yours:", working);
        Assert.Contains("So the rules gave your application £1,500.50 from the General pot.", working);
        Assert.Single(TrailList().Matches(html));
    }

    [Fact]
    public async Task Status_Decided_NamesNoReviewerAndNoStaffMember()
    {
        var notice = NoticeFromTheAllocator(2_000m, 1, 1, threshold: 60m);
        var reference = await SeededApplications.SeedAsync(factory, ApplicationState.Declined, notice);

        var html = await StatusPageAsync(reference);

        Assert.Contains("needed at least 60.00", Text(html));
        foreach (var name in Reviewers.Append(ApplicationInState.Officer).Append(SignedInClient.Manager))
            Assert.DoesNotContain(name, html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("The fund team recorded the panel's scores", Text(html));
    }

    [Fact]
    public async Task Status_Ineligible_ShowsTheReason()
    {
        var reference = await SeededApplications.SeedAsync(factory, ApplicationState.Ineligible);

        var text = Text(await StatusPageAsync(reference));

        Assert.Contains($"Why it cannot be considered {ApplicationInState.IneligibleReason}", text);
        Assert.DoesNotContain("Withdraw this application", text);
    }

    [Fact]
    public async Task Status_Withdrawn_ShowsWhenAndTheReasonGiven()
    {
        var reference = await SeededApplications.SeedAsync(factory, ApplicationState.Withdrawn);

        var text = Text(await StatusPageAsync(reference));

        Assert.Contains("You withdrew the application at 9am on Monday 1 March 2027 (UK time).", text);
        Assert.Contains($"Reason given: {ApplicationInState.WithdrawReason}", text);
        Assert.DoesNotContain("Withdraw this application", text);
    }

    [Fact]
    public async Task Status_AnotherGroupsApplication_IsNotFound()
    {
        var others = await SeededApplications.SeedAsync(factory, ApplicationState.Awarded, NoticeFromTheAllocator(1_500m, 4, 4), SeededApplications.OtherGroup);
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);

        using var theirs = await client.GetAsync(new Uri($"/apply/applications/{others}/status", UriKind.Relative));
        using var guessed = await client.GetAsync(new Uri($"/apply/applications/{SeededApplications.DemoRound}-9999/status", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, guessed.StatusCode);
        Assert.DoesNotContain("1,500", await theirs.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_Anonymous_IsSentToSignIn()
    {
        var reference = await SeededApplications.SeedAsync(factory, ApplicationState.Submitted);
        using var client = SignedInClient.Anonymous(factory);

        using var response = await client.GetAsync(new Uri($"/apply/applications/{reference}/status", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/sign-in", response.Headers.Location!.AbsolutePath);
    }

    /// <summary>The numbered lines of the page's score trail, as a person reads them.</summary>
    private static List<TrailLine> TrailOn(string html)
    {
        var trail = TrailList().Match(html);
        Assert.True(trail.Success, "the page has no score trail");
        return [.. TrailItem().Matches(trail.Value).Select(item => new TrailLine(int.Parse(item.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), WebUtility.HtmlDecode(item.Groups[2].Value)))];
    }

    [GeneratedRegex("<ol [^>]*id=\"score-trail\"[^>]*>.*?</ol>", RegexOptions.Singleline)]
    private static partial Regex TrailList();

    [GeneratedRegex("<p [^>]*id=\"decision-opening\"[^>]*>(.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex Opening();

    [GeneratedRegex("(?<tag><details [^>]*id=\"decision-working\"[^>]*>).*?</details>", RegexOptions.Singleline)]
    private static partial Regex WorkingDetails();

    [GeneratedRegex("<li value=\"(\\d+)\">(.*?)</li>", RegexOptions.Singleline)]
    private static partial Regex TrailItem();

    [GeneratedRegex("<strong class=\"govuk-tag[^\"]*\">(.*?)</strong>")]
    private static partial Regex StatusTags();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
