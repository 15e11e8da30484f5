using System.Net;
using FairFund.Domain.Applications;
using FairFund.Domain.Rounds;
using FairFund.Tests.Web.Apply;
using FairFund.Tests.Web.Email;
using FairFund.Web.Data;
using FairFund.Web.Rounds;
using Microsoft.Extensions.DependencyInjection;
using static FairFund.Tests.Web.Deadlines.DeadlinePages;

namespace FairFund.Tests.Web.Deadlines;

/// <summary>
/// Extensions made through their pages' own forms move the real deadline the send check uses, to the second: the
/// round's for every group, and one group's own, which holds even after the round has closed to everyone else.
/// </summary>
public sealed class DeadlineExtensionPageTests : IDisposable
{
    private const string RoundReason = "The library that lends laptops was shut for a week";
    private const string GroupReason = "Our treasurer was in hospital";
    private readonly FairFundFactory factory = new() { RunRoundClock = false };

    public void Dispose() => factory.Dispose();

    private async Task<DateTimeOffset> ExtendRoundByThreeDaysAsync()
    {
        var round = await factory.RoundAsync();
        using var manager = await SignedInClient.As(factory, SignedInClient.Manager);
        var (fields, newClose) = UkTimeFields("Input.Closes", UkDayAfter(round.ClosesAt, 3), new TimeOnly(17, 0));
        using var response = await ExtendRoundAsync(manager, fields, RoundReason);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return newClose;
    }

    private async Task<HttpResponseMessage> SendAtAsync(string reference, DateTimeOffset at)
    {
        factory.Clock.SetUtcNow(at.AddMinutes(-5));
        using var applicant = await SignedInClient.As(factory, SignedInClient.Applicant);
        var send = await applicant.FormAsync(Check(reference), []);
        factory.Clock.SetUtcNow(at);
        return await send.SubmitAsync(applicant);
    }

    [Fact]
    public async Task ExtendRound_SendOneSecondBeforeTheNewClose_IsAcceptedAfterTheOldClose()
    {
        var reference = await factory.StartAsync(complete: true);
        var oldClose = (await factory.RoundAsync()).ClosesAt;

        var newClose = await ExtendRoundByThreeDaysAsync();
        using var sent = await SendAtAsync(reference, newClose.AddSeconds(-1));

        Assert.True(newClose.AddSeconds(-1) > oldClose);
        Assert.Equal(Sent(reference), sent.Headers.Location?.OriginalString);
        var (saved, _) = await factory.LoadAsync(reference);
        Assert.Equal((ApplicationState.Submitted, newClose.AddSeconds(-1)), (saved.State, saved.SubmittedAt!.Value));
        var round = await factory.RoundAsync();
        Assert.Equal(newClose, round.ClosesAt);
        var move = Assert.Single(round.ClosingTimeExtensions);
        Assert.Equal((oldClose, newClose, RoundReason, SignedInClient.Manager), (move.From, move.To, move.Reason, move.By));
    }

    [Fact]
    public async Task ExtendRound_SendOneSecondAfterTheNewClose_IsRefusedAndKeepsTheDraft()
    {
        var reference = await factory.StartAsync(complete: true);
        var newClose = await ExtendRoundByThreeDaysAsync();

        using var refused = await SendAtAsync(reference, newClose.AddSeconds(1));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Your application was not sent", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(ApplicationState.Draft, (await factory.LoadAsync(reference)).Application.State);
    }

    [Fact]
    public async Task ExtendRound_EarlierThanTheCurrentClose_IsRefusedAtTheFieldAndChangesNothing()
    {
        var round = await factory.RoundAsync();
        using var manager = await SignedInClient.As(factory, SignedInClient.Manager);
        var (fields, _) = UkTimeFields("Input.Closes", UkDayAfter(round.ClosesAt, -1), new TimeOnly(12, 0));

        using var response = await ExtendRoundAsync(manager, fields, RoundReason);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("href=\"#closesAt-day\">The new closing time must be later than the round&#x27;s current closing time", html, StringComparison.Ordinal);
        Assert.Equal(round.ClosesAt, (await factory.RoundAsync()).ClosesAt);
    }

    [Fact]
    public async Task ExtendRound_ShownWithItsReasonOnThePublicRoundPage()
    {
        await ExtendRoundByThreeDaysAsync();
        using var anyone = SignedInClient.Anonymous(factory);

        var html = await anyone.GetStringAsync(new Uri($"/rounds/{Drafts.DemoRound}", UriKind.Relative));

        Assert.Contains("Why: " + RoundReason, html, StringComparison.Ordinal);
    }

    private async Task<DateTimeOffset> GiveGroupMoreTimeAsync(string reference, int hoursAfterTheRoundCloses = 26)
    {
        var round = await factory.RoundAsync();
        using var manager = await SignedInClient.As(factory, SignedInClient.Manager);
        var local = FairFund.Web.UkTime.From(round.ClosesAt.AddHours(hoursAfterTheRoundCloses));
        var (fields, until) = UkTimeFields("Input.Closes", DateOnly.FromDateTime(local.DateTime), new TimeOnly(local.Hour, 0));
        using var response = await ExtendGroupAsync(manager, reference, fields, GroupReason);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return until;
    }

    [Fact]
    public async Task ExtendGroup_SendOneSecondBeforeItsDeadline_IsAcceptedAfterTheRoundHasClosed()
    {
        var reference = await factory.StartAsync(complete: true);
        var until = await GiveGroupMoreTimeAsync(reference);
        var roundCloses = (await factory.RoundAsync()).ClosesAt;

        using var sent = await SendAtAsync(reference, until.AddSeconds(-1));

        Assert.Equal(Sent(reference), sent.Headers.Location?.OriginalString);
        Assert.True(until.AddSeconds(-1) > roundCloses);
        // The pages closed the round at its own time, to everyone else; this group's draft was not closed out.
        Assert.Equal(RoundState.Screening, (await factory.RoundAsync()).State);
        var (saved, _) = await factory.LoadAsync(reference);
        Assert.Equal((ApplicationState.Submitted, until.AddSeconds(-1)), (saved.State, saved.SubmittedAt!.Value));
        Assert.Equal((GroupReason, SignedInClient.Manager), (saved.ExtensionReason, saved.ExtendedBy));
    }

    [Fact]
    public async Task ExtendGroup_SendOneSecondAfterItsDeadline_IsRefusedAndKeepsTheDraft()
    {
        var reference = await factory.StartAsync(complete: true);
        var until = await GiveGroupMoreTimeAsync(reference);

        using var refused = await SendAtAsync(reference, until.AddSeconds(1));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Your application was not sent", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(ApplicationState.Draft, (await factory.LoadAsync(reference)).Application.State);
    }

    [Fact]
    public async Task ExtendGroup_OtherGroupAfterTheRoundCloses_IsRefused()
    {
        var mine = await factory.StartAsync(complete: true);
        var theirs = await factory.StartAsync(Drafts.OtherGroup, complete: true, number: "0002");
        await GiveGroupMoreTimeAsync(theirs);
        var roundCloses = (await factory.RoundAsync()).ClosesAt;

        using var refused = await SendAtAsync(mine, roundCloses.AddSeconds(1));

        Assert.Contains("Your application was not sent", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(ApplicationState.Draft, (await factory.LoadAsync(mine)).Application.State);
    }

    [Fact]
    public async Task ExtendGroup_ShownToThatGroupOnly_OnItsTaskListAndStatusPage()
    {
        var mine = await factory.StartAsync(complete: true);
        using var applicant = await SignedInClient.As(factory, SignedInClient.Applicant);
        var theirs = await factory.StartAsync(Drafts.OtherGroup, complete: true, number: "0002");
        await GiveGroupMoreTimeAsync(theirs);
        var beforeMine = await applicant.GetStringAsync(new Uri($"/apply/applications/{mine}", UriKind.Relative));

        await GiveGroupMoreTimeAsync(mine);
        var tasks = await applicant.GetStringAsync(new Uri($"/apply/applications/{mine}", UriKind.Relative));
        var status = await applicant.GetStringAsync(new Uri($"/apply/applications/{mine}/status", UriKind.Relative));

        Assert.DoesNotContain(GroupReason, beforeMine, StringComparison.Ordinal);
        Assert.Contains("Reason: " + GroupReason, tasks, StringComparison.Ordinal);
        Assert.Contains("Reason: " + GroupReason, status, StringComparison.Ordinal);
        // The timeline tells the extension as what it is, not as a change of state it is not.
        Assert.Contains("The fund team gave you more time to send it", status, StringComparison.Ordinal);
        Assert.DoesNotContain("sent the application", status, StringComparison.Ordinal);
        using var anyone = SignedInClient.Anonymous(factory);
        var publicPage = await anyone.GetStringAsync(new Uri($"/rounds/{Drafts.DemoRound}", UriKind.Relative));
        Assert.DoesNotContain(GroupReason, publicPage, StringComparison.Ordinal);
        Assert.Contains("2 groups were given more time", publicPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartScoring_WhileAGroupsExtensionRuns_IsRefusedUntilItEnds()
    {
        var reference = await factory.StartAsync(complete: true);
        var until = await GiveGroupMoreTimeAsync(reference);
        var round = await factory.RoundAsync();
        factory.Clock.SetUtcNow(round.ClosesAt.AddMinutes(1));
        await factory.WithScopeAsync(services => RoundClock.CloseDueRoundsAsync(services.GetRequiredService<FairFundDbContext>(), factory.Clock.GetUtcNow()));
        using var manager = await SignedInClient.As(factory, SignedInClient.Manager);

        var page = await manager.GetStringAsync(new Uri($"/fund/rounds/{Drafts.DemoRound}", UriKind.Relative));

        Assert.Contains("every group given more time to have reached its own deadline", page, StringComparison.Ordinal);
        factory.Clock.SetUtcNow(until);
        using var later = await SignedInClient.As(factory, SignedInClient.Manager);
        Assert.DoesNotContain("every group given more time to have reached its own deadline", await later.GetStringAsync(new Uri($"/fund/rounds/{Drafts.DemoRound}", UriKind.Relative)), StringComparison.Ordinal);
    }
}
