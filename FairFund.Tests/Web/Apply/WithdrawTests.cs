using FairFund.Web.Forms;
using System.Net;
using System.Text.RegularExpressions;
using FairFund.Domain.Applications;
using FairFund.Domain.Auditing;
using FairFund.Tests.Domain.Applications;

namespace FairFund.Tests.Web.Apply;

/// <summary>
/// The group withdraws its application before the decision, after confirming; afterwards, or for another
/// group's application, nothing changes.
/// </summary>
public sealed partial class WithdrawTests(SharedFairFundApp app) : IClassFixture<SharedFairFundApp>
{
    private const string Reason = "Our hall closed, so we cannot run the walks this year.";

    private readonly FairFundFactory factory = app.StartedForNextTest();

    private static string WithdrawPath(string reference) => $"/apply/applications/{reference}/withdraw";

    /// <summary>Types the reason into the confirmation form as the page gave it (its token and the version it showed) and presses "Withdraw application".</summary>
    private static async Task<HttpResponseMessage> ConfirmAsync(HttpClient client, string reference, string reason, Func<Task>? meanwhile = null)
    {
        var typed = new Dictionary<string, string> { ["Input.Reason"] = reason };
        var form = await client.FormAsync(WithdrawPath(reference), typed);
        if (meanwhile is not null) await meanwhile();
        return await form.SubmitAsync(client, typed);
    }

    /// <summary>Forged on purpose: posts straight to the handler, with a token from another of the person's forms and the version the database holds.</summary>
    private static async Task<HttpResponseMessage> PostDirectlyAsync(HttpClient client, string reference, Guid version)
    {
        var page = await client.GetStringAsync(new Uri("/apply/organisation", UriKind.Relative));
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token().Match(page).Groups[1].Value,
            ["Input.Version"] = version.ToString(),
            ["Input.Reason"] = Reason,
        });
        return await client.PostAsync(new Uri(WithdrawPath(reference), UriKind.Relative), content);
    }

    [Theory]
    [InlineData(ApplicationState.Draft)]
    [InlineData(ApplicationState.Submitted)]
    [InlineData(ApplicationState.Eligible)]
    [InlineData(ApplicationState.Scored)]
    public async Task Withdraw_BeforeTheDecision_RecordsTheStateWhoWhenAndWhy(ApplicationState state)
    {
        var reference = await SeededApplications.SeedAsync(factory, state);
        factory.Clock.SetUtcNow(new DateTimeOffset(2027, 6, 15, 13, 45, 0, TimeSpan.Zero));
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);

        using var response = await ConfirmAsync(client, reference, "  " + Reason + "  ");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/apply/applications/{reference}/status", response.Headers.Location!.OriginalString);
        var application = await SeededApplications.LoadAsync(factory, reference);
        Assert.Equal(ApplicationState.Withdrawn, application.State);
        Assert.Equal(
            new StateChange(factory.Clock.GetUtcNow(), SignedInClient.Applicant, state.ToString(), "Withdrawn", "Withdraw", Reason),
            application.History[^1]);
        var status = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/apply/applications/{reference}/status", UriKind.Relative)));
        Assert.Contains("Your application has been withdrawn", status);
        Assert.Contains(Labels.ForApplicant(ApplicationState.Withdrawn), status);
        Assert.Contains("2:45pm on Tuesday 15 June 2027", status);
    }

    [Fact]
    public async Task Withdraw_Page_AsksForConfirmationWithAWarningAndAnOptionalReason()
    {
        var reference = await SeededApplications.SeedAsync(factory, ApplicationState.Submitted);
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);

        var page = await client.GetStringAsync(new Uri(WithdrawPath(reference), UriKind.Relative));

        Assert.Contains("Are you sure you want to withdraw your application?", page);
        Assert.Contains("govuk-warning-text", page);
        Assert.Contains("You cannot undo this.", page);
        Assert.Contains("<textarea class=\"govuk-textarea", page);
        Assert.Contains("(optional)", page);
        Assert.Contains("govuk-button govuk-button--warning", page);
    }

    [Fact]
    public async Task Withdraw_WithoutAReason_RecordsNoReason()
    {
        var reference = await SeededApplications.SeedAsync(factory, ApplicationState.Submitted);
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);

        using var response = await ConfirmAsync(client, reference, "   ");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var application = await SeededApplications.LoadAsync(factory, reference);
        Assert.Equal(ApplicationState.Withdrawn, application.State);
        Assert.Null(application.History[^1].Reason);
    }

    [Fact]
    public async Task Withdraw_ReasonTooLong_ShowsTheErrorAndChangesNothing()
    {
        var reference = await SeededApplications.SeedAsync(factory, ApplicationState.Submitted);
        var before = await SeededApplications.StoredAsync(factory, reference);
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);

        using var response = await ConfirmAsync(client, reference, new string('a', 1001));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Your reason must be 1,000 characters or fewer (it has 1,001)", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await SeededApplications.StoredAsync(factory, reference));
    }

    [Theory]
    [InlineData(ApplicationState.Awarded, "awarded")]
    [InlineData(ApplicationState.Waitlisted, "waitlisted")]
    [InlineData(ApplicationState.Declined, "declined")]
    [InlineData(ApplicationState.Ineligible, "ineligible")]
    [InlineData(ApplicationState.Withdrawn, "withdrawn")]
    public async Task Withdraw_AfterTheDecision_IsRefusedWithTheReasonAndChangesNothing(ApplicationState state, string words)
    {
        var reference = await SeededApplications.SeedAsync(factory, state);
        var before = await SeededApplications.StoredAsync(factory, reference);
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);
        var refusal = $"This application cannot be withdrawn: it is {words}.";

        var page = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri(WithdrawPath(reference), UriKind.Relative)));
        using var response = await PostDirectlyAsync(client, reference, before.Version);

        Assert.Contains("You cannot withdraw this application", page);
        Assert.Contains(refusal, page);
        Assert.DoesNotContain("<form", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(refusal, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Equal(before, await SeededApplications.StoredAsync(factory, reference));
    }

    [Fact]
    public async Task Withdraw_DecidedWhileTheGroupWasConfirming_IsRefusedAndTheDecisionStands()
    {
        var reference = await SeededApplications.SeedAsync(factory, ApplicationState.Scored);
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);

        using var response = await ConfirmAsync(client, reference, Reason, () => SeededApplications.ChangeAsync(factory, reference,
            application => application.Award(factory.Clock.GetUtcNow(), ApplicationInState.Officer, ApplicationInState.Funded)));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("This application cannot be withdrawn: it is awarded.", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        var stored = await SeededApplications.StoredAsync(factory, reference);
        Assert.Equal(ApplicationState.Awarded, stored.State);
    }

    [Fact]
    public async Task Withdraw_ChangedWhileTheGroupWasConfirming_AsksAgainAndWithdrawsOnlyWhenConfirmed()
    {
        var reference = await SeededApplications.SeedAsync(factory, ApplicationState.Submitted);
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);

        using var first = await ConfirmAsync(client, reference, Reason, () => SeededApplications.ChangeAsync(factory, reference,
            application => application.MarkEligible(factory.Clock.GetUtcNow(), ApplicationInState.Officer)));

        Assert.Equal(HttpStatusCode.Conflict, first.StatusCode);
        var page = WebUtility.HtmlDecode(await first.Content.ReadAsStringAsync());
        Assert.Contains(ChangedMeanwhile.Heading, page);
        Assert.Contains(Reason, page);
        Assert.Equal(ApplicationState.Eligible, (await SeededApplications.StoredAsync(factory, reference)).State);

        using var second = await ConfirmAsync(client, reference, Reason);

        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(ApplicationState.Withdrawn, (await SeededApplications.StoredAsync(factory, reference)).State);
    }

    [Fact]
    public async Task Withdraw_AnotherGroupsApplication_IsNotFoundAndChangesNothing()
    {
        var theirs = await SeededApplications.SeedAsync(factory, ApplicationState.Submitted, group: SeededApplications.OtherGroup);
        var before = await SeededApplications.StoredAsync(factory, theirs);
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);

        using var get = await client.GetAsync(new Uri(WithdrawPath(theirs), UriKind.Relative));
        using var post = await PostDirectlyAsync(client, theirs, before.Version);
        using var guessedGet = await client.GetAsync(new Uri(WithdrawPath($"{SeededApplications.DemoRound}-9999"), UriKind.Relative));
        using var guessedPost = await PostDirectlyAsync(client, $"{SeededApplications.DemoRound}-9999", before.Version);

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, guessedGet.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, guessedPost.StatusCode);
        Assert.Equal(before, await SeededApplications.StoredAsync(factory, theirs));
    }

    [Fact]
    public async Task Withdraw_Anonymous_IsSentToSignInAndChangesNothing()
    {
        var reference = await SeededApplications.SeedAsync(factory, ApplicationState.Submitted);
        var before = await SeededApplications.StoredAsync(factory, reference);
        using var client = SignedInClient.Anonymous(factory);

        using var get = await client.GetAsync(new Uri(WithdrawPath(reference), UriKind.Relative));
        // Forged on purpose, with no token: a signed-out person is never shown the form.
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Version"] = before.Version.ToString(), ["Input.Reason"] = Reason });
        using var post = await client.PostAsync(new Uri(WithdrawPath(reference), UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.Redirect, get.StatusCode);
        Assert.Equal("/account/sign-in", get.Headers.Location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal("/account/sign-in", post.Headers.Location!.AbsolutePath);
        Assert.Equal(before, await SeededApplications.StoredAsync(factory, reference));
    }

    [Fact]
    public async Task TaskList_Draft_LinksToWithdraw()
    {
        var reference = await SeededApplications.SeedAsync(factory, ApplicationState.Draft);
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);

        var taskList = await client.GetStringAsync(new Uri($"/apply/applications/{reference}", UriKind.Relative));

        Assert.Contains($"href=\"{WithdrawPath(reference)}\"", taskList);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
