using FairFund.Web.Forms;
using System.Net;
using FairFund.Domain.Applications;
using FairFund.Tests.Web.Apply;
using FairFund.Tests.Web.Panel;
using static FairFund.Tests.Web.Fund.Screenings;

namespace FairFund.Tests.Web.Fund;

/// <summary>
/// One application for its fund manager: everything the group sent, the automatic checks, and the screening
/// decision, saved only while the round is being screened and only on the version the fund manager saw.
/// </summary>
public sealed class ApplicationScreeningTests(SharedFairFundApp app) : IClassFixture<SharedFairFundApp>
{
    private const string Reason = "The project is outside Coventry and Warwickshire, which this fund serves.";
    private readonly FairFundFactory _factory = app.ForNextTest();

    private async Task<(HttpClient Client, string Reference)> ScreeningAsync(PanelRoundStage stage = PanelRoundStage.Screening)
    {
        var seed = await PanelRounds.SeedAsync(_factory, applications: 2, members: 0, stage);
        return (await SignedInClient.As(_factory, SignedInClient.Manager), seed.Applications[0]);
    }

    /// <summary>Chooses a screening decision and types the reason on the application's page, then presses "Save decision".</summary>
    private static Task<HttpResponseMessage> DecideAsync(HttpClient client, string reference, string? decision, string? reason = null) =>
        client.PostFormAsync(ApplicationPage(reference), DecisionFields(decision, reason));

    /// <summary>
    /// Forged on purpose, for a test that a decision the page does not offer now is refused: posts the decision with
    /// <paramref name="version"/> and a token from the round's page, which always has a form, where the application
    /// page shows no form (or another version), as a form kept open from earlier would send it.
    /// </summary>
    private static Task<HttpResponseMessage> ForgedDecisionAsync(HttpClient client, string reference, string? decision, string? reason, string version)
    {
        var fields = DecisionFields(decision, reason);
        fields["Input.Version"] = version;
        return client.PostComposedAsync(ApplicationPage(reference), fields, formPage: $"/fund/rounds/{Round}");
    }

    private static Dictionary<string, string> DecisionFields(string? decision, string? reason)
    {
        var fields = new Dictionary<string, string> { ["Input.Reason"] = reason ?? "" };
        if (decision is not null) fields["Input.Decision"] = decision;
        return fields;
    }

    [Fact]
    public async Task Get_SentApplication_ShowsTheGroupEveryAnswerItsChecksAndTheScreeningForm()
    {
        var (client, reference) = await ScreeningAsync();
        using var _ = client;

        var page = await client.GetStringAsync(new Uri(ApplicationPage(reference), UriKind.Relative));

        Assert.Contains("Group 1", page);
        Assert.Contains("Project 1 of group 1", page);
        Assert.Contains("Adults in Foleshill who feel isolated.", page);
        Assert.Contains("Our walk leaders have lived experience and plan the routes.", page);
        Assert.Contains("contact1@group.fairfund.test", page);
        Assert.DoesNotContain("Change<span class=\"govuk-visually-hidden\">", page);
        Assert.Contains("The group&#x27;s postcode, CV1 1AA, is in CV, part of the funder&#x27;s area (CV, B49, B50).", page);
        Assert.Equal("Passed", OutcomeOf(page, EligibilityChecks.Amount));
        Assert.Contains("name=\"Input.Decision\" type=\"radio\" value=\"eligible\"", page);
        Assert.Contains("data-app-reveals=\"conditional-decision-2\"", page);
        Assert.Contains("The group will see this reason", page);
        Assert.Contains("Draft to Submitted", page);
    }

    [Fact]
    public async Task Get_SentWithADocument_LinksItForDownload()
    {
        var reference = await SendWithDocumentAsync(_factory, "Our accounts.pdf");
        await PanelRounds.SeedAsync(_factory, applications: 1, members: 0, PanelRoundStage.Screening);
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);

        var page = await client.GetStringAsync(new Uri(ApplicationPage(reference), UriKind.Relative));

        var stored = await SeededApplications.LoadAsync(_factory, reference);
        Assert.Contains($"href=\"/fund/applications/{reference}/documents/{stored.Documents[0].Id}\"", page);
        Assert.Contains("Our accounts.pdf", page);
    }

    [Fact]
    public async Task Get_OutOfAreaGroup_FailsTheAreaCheckWithItsSentence()
    {
        var (client, reference) = await ScreeningAsync();
        using var _ = client;
        await SetPostcodeAsync(_factory, reference, "B1 1AA");

        var page = await client.GetStringAsync(new Uri(ApplicationPage(reference), UriKind.Relative));

        Assert.Equal("Failed", OutcomeOf(page, EligibilityChecks.Area));
        Assert.Contains("The group&#x27;s postcode, B1 1AA, is outside the funder&#x27;s area (CV, B49, B50).", page);
    }

    [Fact]
    public async Task Post_Eligible_MarksItAndRecordsWhoAndWhen()
    {
        var (client, reference) = await ScreeningAsync();
        using var _ = client;
        _factory.Clock.Advance(TimeSpan.FromHours(3));

        using var response = await DecideAsync(client, reference, "eligible");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(ApplicationPage(reference), response.Headers.Location!.OriginalString);
        var stored = await SeededApplications.LoadAsync(_factory, reference);
        Assert.Equal(ApplicationState.Eligible, stored.State);
        var change = stored.History[^1];
        Assert.Equal((SignedInClient.Manager, _factory.Clock.GetUtcNow(), "Submitted", "Eligible", (string?)null),
            (change.Actor, change.At, change.From, change.To, change.Reason));
        var page = await client.GetStringAsync(response.Headers.Location);
        Assert.Contains($"{reference} is marked eligible", page);
        Assert.Contains("Submitted to Eligible", page);
    }

    [Fact]
    public async Task Post_NotEligibleWithoutAReason_IsRefusedAtTheReasonFieldAndSavesNothing()
    {
        var (client, reference) = await ScreeningAsync();
        using var _ = client;
        var before = await SeededApplications.StoredAsync(_factory, reference);

        using var response = await DecideAsync(client, reference, "not-eligible", "   ");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<a href=\"#reason\">Enter why the application is not eligible</a>", page);
        Assert.Contains("id=\"reason-error\"", page);
        Assert.Contains("<title>Error:", page);
        Assert.Equal(before, await SeededApplications.StoredAsync(_factory, reference));
    }

    [Fact]
    public async Task Post_NoDecision_IsRefusedAtTheRadios()
    {
        var (client, reference) = await ScreeningAsync();
        using var _ = client;

        using var response = await DecideAsync(client, reference, decision: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<a href=\"#decision\">Select whether the application is eligible or not eligible</a>", await response.Content.ReadAsStringAsync());
        Assert.Equal(ApplicationState.Submitted, (await SeededApplications.LoadAsync(_factory, reference)).State);
    }

    [Fact]
    public async Task Post_NotEligibleWithAReason_MarksItAndKeepsTheReasonInHistory()
    {
        var (client, reference) = await ScreeningAsync();
        using var _ = client;

        using var response = await DecideAsync(client, reference, "not-eligible", $"  {Reason}  ");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await SeededApplications.LoadAsync(_factory, reference);
        Assert.Equal((ApplicationState.Ineligible, Reason), (stored.State, stored.IneligibleReason));
        Assert.Equal((SignedInClient.Manager, "Ineligible", Reason), (stored.History[^1].Actor, stored.History[^1].To, stored.History[^1].Reason));
        var page = await client.GetStringAsync(new Uri(ApplicationPage(reference), UriKind.Relative));
        Assert.Contains($"id=\"current-reason\">{System.Net.WebUtility.HtmlEncode(Reason)}", page.Replace("&#x27;", "'", StringComparison.Ordinal));
        Assert.Contains("checked=\"checked\" data-app-reveals=\"conditional-decision-2\"", page);
        Assert.Contains("class=\"govuk-radios__conditional \" id=\"conditional-decision-2\"", page);
    }

    [Fact]
    public async Task Post_EligibleAfterNotEligible_SwitchesBackWithBothChangesInHistory()
    {
        var (client, reference) = await ScreeningAsync();
        using var _ = client;
        using (var refused = await DecideAsync(client, reference, "not-eligible", Reason)) Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);

        using var response = await DecideAsync(client, reference, "eligible");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await SeededApplications.LoadAsync(_factory, reference);
        Assert.Equal(ApplicationState.Eligible, stored.State);
        Assert.Equal(["Draft to Submitted", "Submitted to Ineligible", "Ineligible to Eligible"], stored.History.Select(change => $"{change.From} to {change.To}"));
        var page = await client.GetStringAsync(new Uri(ScreeningPage, UriKind.Relative));
        Assert.Contains(">Eligible<", RowOf(page, reference));
    }

    [Fact]
    public async Task Post_EligibleWhenAlreadyEligible_ChangesAndRecordsNothing()
    {
        var (client, reference) = await ScreeningAsync();
        using var _ = client;
        using (var first = await DecideAsync(client, reference, "eligible")) Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var before = await SeededApplications.StoredAsync(_factory, reference);

        using var response = await DecideAsync(client, reference, "eligible");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(before, await SeededApplications.StoredAsync(_factory, reference));
        Assert.Contains($"No change: {reference} was already eligible", await client.GetStringAsync(response.Headers.Location));
    }

    [Fact]
    public async Task Post_StaleForm_ShowsThatItChangedAndSavesNothing()
    {
        var (client, reference) = await ScreeningAsync();
        using var _ = client;
        var kept = await client.FormAsync(ApplicationPage(reference), DecisionFields("eligible", null));
        await SeededApplications.ChangeAsync(_factory, reference, a => a.MarkIneligible(_factory.Clock.GetUtcNow(), "other.manager@demo.fairfund.test", Reason));
        var afterOther = await SeededApplications.StoredAsync(_factory, reference);

        using var response = await kept.SubmitAsync(client, DecisionFields("eligible", null));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains(ChangedMeanwhile.Heading, page);
        Assert.Contains($"value=\"{afterOther.Version}\"", page);
        Assert.Equal(afterOther, await SeededApplications.StoredAsync(_factory, reference));
    }

    [Fact]
    public async Task Post_ForgedForAWithdrawnApplication_ShowsTheRuleInTheErrorSummary()
    {
        var (client, reference) = await ScreeningAsync();
        using var _ = client;
        await SeededApplications.ChangeAsync(_factory, reference, a => a.Withdraw(_factory.Clock.GetUtcNow(), "contact1@group.fairfund.test"));
        var page = await client.GetStringAsync(new Uri(ApplicationPage(reference), UriKind.Relative));
        Assert.DoesNotContain("name=\"Input.Decision\"", page);
        Assert.Contains("This application is withdrawn, so it needs no screening decision.", page);

        // A form kept open from before would carry the old version and be shown the change; this one carries the new version.
        using var response = await ForgedDecisionAsync(client, reference, "eligible", null, (await SeededApplications.StoredAsync(_factory, reference)).Version.ToString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The application cannot be marked eligible: it is withdrawn.", await response.Content.ReadAsStringAsync());
        Assert.Equal(ApplicationState.Withdrawn, (await SeededApplications.LoadAsync(_factory, reference)).State);
    }

    [Fact]
    public async Task Scoring_FormIsAbsentAndAForgedPostIsRefused()
    {
        var (client, reference) = await ScreeningAsync(PanelRoundStage.Scoring);
        using var _ = client;
        var before = await SeededApplications.StoredAsync(_factory, reference);

        var page = await client.GetStringAsync(new Uri(ApplicationPage(reference), UriKind.Relative));
        using var response = await ForgedDecisionAsync(client, reference, "not-eligible", Reason, before.Version.ToString());

        Assert.DoesNotContain("name=\"Input.Decision\"", page);
        Assert.Contains("Screening decisions can be made only while the round is being screened", page);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("This round is being scored, so nothing was saved.", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await SeededApplications.StoredAsync(_factory, reference));
    }

    [Fact]
    public async Task Get_DraftUnknownOrAnotherRoundsApplication_IsNotFound()
    {
        var draft = await _factory.StartAsync(complete: true, number: "0100");
        var (client, reference) = await ScreeningAsync();
        using var _ = client;
        var otherRound = await OtherRoundAsync(_factory);

        foreach (var path in new[] { ApplicationPage(draft), ApplicationPage($"{Round}-9999"), ApplicationPage(reference, otherRound), ApplicationPage(reference, "NO-SUCH-ROUND") })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path} gave {(int)response.StatusCode}");
        }
        // Forged on purpose: no page offers a form for a draft's screening; a post made up for it is not found.
        using var post = await client.PostComposedAsync(ApplicationPage(draft), new() { ["Input.Decision"] = "eligible", ["Input.Version"] = Guid.Empty.ToString() }, formPage: ApplicationPage(reference));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(ApplicationState.Draft, (await SeededApplications.LoadAsync(_factory, draft)).State);
    }

    [Theory]
    [InlineData(SignedInClient.Panel)]
    [InlineData(SignedInClient.Applicant)]
    public async Task Get_PanelMemberOrApplicant_IsDeniedBothPages(string email)
    {
        var seed = await PanelRounds.SeedAsync(_factory, applications: 1, members: 0, PanelRoundStage.Screening);
        using var client = await SignedInClient.As(_factory, email);

        foreach (var path in new[] { ScreeningPage, ApplicationPage(seed.Applications[0]) })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/access-denied", response.Headers.Location!.AbsolutePath);
        }
        // Forged on purpose, with no token: these roles are never shown the form, and their post must change nothing.
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Decision"] = "eligible" });
        using var post = await client.PostAsync(new Uri(ApplicationPage(seed.Applications[0]), UriKind.Relative), content);
        Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal(ApplicationState.Submitted, (await SeededApplications.LoadAsync(_factory, seed.Applications[0])).State);
    }
}
