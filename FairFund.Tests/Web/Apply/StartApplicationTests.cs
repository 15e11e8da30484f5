using System.Net;
using FairFund.Domain.Applications;
using FairFund.Domain.Organisations;
using FairFund.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Apply;

/// <summary>Starting an application from the applicant's start page, and reaching only one's own.</summary>
public sealed class StartApplicationTests(SharedFairFundApp app) : IClassFixture<SharedFairFundApp>
{
    private const string DemoRound = "CW-MH-2027-R1";

    private readonly FairFundFactory factory = app.ForNextTest();

    [Fact]
    public async Task Start_OpenRound_CreatesADraftWithTheRoundsFirstReferenceAndShowsItsTaskList()
    {
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);

        using var response = await client.PostFormAsync($"/apply?handler=Start&round={DemoRound}", [], formPage: "/apply");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/apply/applications/{DemoRound}-0001", response.Headers.Location!.OriginalString);
        var taskList = await client.GetStringAsync(new Uri($"/apply/applications/{DemoRound}-0001", UriKind.Relative));
        Assert.Contains("Your application", taskList);
        Assert.Contains("Foleshill Peer Support", taskList);
        Assert.Contains("href=\"/apply/applications/CW-MH-2027-R1-0001/who-benefits\"", taskList);
        Assert.Contains("Not yet started", taskList);
        Assert.Contains("You have completed 1 of 7 parts.", taskList);
    }

    [Fact]
    public async Task Start_Twice_OpensTheSameApplication()
    {
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);

        // The start page no longer offers the button after the first press, as a retried request or a second tab would not know.
        var start = await client.FormAsync($"/apply?handler=Start&round={DemoRound}", [], formPage: "/apply");
        using var first = await start.SubmitAsync(client);
        using var second = await start.SubmitAsync(client);

        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(1, factory.WithScope(services => services.GetRequiredService<FairFundDbContext>().Applications.Count()));
    }

    [Fact]
    public async Task TaskList_AnotherGroupsApplication_IsNotFound()
    {
        var othersReference = await OtherGroupStartsAsync();
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);

        using var taskList = await client.GetAsync(new Uri($"/apply/applications/{othersReference}", UriKind.Relative));
        using var status = await client.GetAsync(new Uri($"/apply/applications/{othersReference}/status", UriKind.Relative));
        using var guessed = await client.GetAsync(new Uri($"/apply/applications/{DemoRound}-9999", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, taskList.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, guessed.StatusCode);
    }

    [Fact]
    public async Task Start_WithoutAGroup_SendsThePersonToEnterTheirGroupsDetails()
    {
        await factory.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<IdentityUser>>();
            var user = new IdentityUser { UserName = "new@group.example", Email = "new@group.example", EmailConfirmed = true };
            await users.CreateAsync(user, "a-long-enough-password");
            await users.AddToRoleAsync(user, FairFund.Web.Accounts.Roles.Applicant);
        });
        using var client = SignedInClient.Anonymous(factory);
        using var signIn = await client.PostFormAsync("/account/sign-in", new() { ["Input.Email"] = "new@group.example", ["Input.Password"] = "a-long-enough-password" });

        using var response = await client.PostFormAsync($"/apply?handler=Start&round={DemoRound}", [], formPage: "/apply");

        Assert.Equal("/apply/organisation", response.Headers.Location!.OriginalString);
        var page = await client.GetStringAsync(new Uri("/apply/organisation", UriKind.Relative));
        Assert.Contains("Enter your group&#x27;s details first", page);
        Assert.Equal(0, factory.WithScope(services => services.GetRequiredService<FairFundDbContext>().Applications.Count()));
    }

    [Fact]
    public async Task TaskList_OnTheLastDay_WarnsWithTheClosingTimeAndTimeLeft()
    {
        var closesAt = await factory.WithScopeAsync(async services =>
            (await services.GetRequiredService<FairFundDbContext>().Rounds.SingleAsync(round => round.Reference == DemoRound)).ClosesAt);
        factory.Clock.SetUtcNow(closesAt.AddHours(-2).AddMinutes(-30));
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);
        using var started = await client.PostFormAsync($"/apply?handler=Start&round={DemoRound}", [], formPage: "/apply");

        var taskList = await client.GetStringAsync(started.Headers.Location);

        Assert.Contains($"Last day: send your application by {FairFund.Web.UkTime.Format(closesAt)} (UK time).", taskList);
        Assert.Contains(">2 hours 30 minutes</span> left.", taskList);
        Assert.Contains("class=\"govuk-warning-text\"", taskList);
    }

    [Fact]
    public async Task ApplyPage_AGroupNeverFunded_IsAFirstTimeApplicantUntilItsFirstAward()
    {
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);
        var before = await client.GetStringAsync(new Uri("/apply", UriKind.Relative));
        await factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var round = await db.Rounds.SingleAsync(round => round.Reference == DemoRound);
            var foleshill = await db.Organisations.FirstAsync(group => group.Name == "Foleshill Peer Support");
            var draft = FairFund.Tests.Domain.Applications.ApplicationInState.Draft(round.Id, foleshill.Id, $"{DemoRound}-0009");
            db.Applications.Add(FairFund.Tests.Domain.Applications.ApplicationInState.In(ApplicationState.Awarded, draft));
            await db.SaveChangesAsync();
        });

        var after = await client.GetStringAsync(new Uri("/apply", UriKind.Relative));

        Assert.Contains("a first-time applicant", before);
        Assert.DoesNotContain("a first-time applicant", after);
    }

    [Fact]
    public async Task ApplyPage_AGroupInAPostcodeTheFunderListsAsRural_IsRural()
    {
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);
        var inTheCity = await client.GetStringAsync(new Uri("/apply", UriKind.Relative));
        await factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var foleshill = await db.Organisations.FirstAsync(group => group.Name == "Foleshill Peer Support");
            // The demo funder lists the Southam district, CV47, as rural.
            foleshill.Update(foleshill.Details with { Postcode = "CV47 0AB" });
            await db.SaveChangesAsync();
        });

        var inSoutham = await client.GetStringAsync(new Uri("/apply", UriKind.Relative));

        Assert.DoesNotContain("; rural", inTheCity);
        Assert.Contains("; rural", inSoutham);
    }

    /// <summary>Another demo group starts an application to the demo round; its reference is the round's first.</summary>
    private async Task<string> OtherGroupStartsAsync() => await factory.WithScopeAsync(async services =>
    {
        var db = services.GetRequiredService<FairFundDbContext>();
        var round = await db.Rounds.SingleAsync(round => round.Reference == DemoRound);
        var other = await db.Organisations.FirstAsync(group => group.Name == "Southam Befriending Network");
        var application = new Application(Guid.NewGuid(), round.Id, other.Id, $"{DemoRound}-0001");
        db.Applications.Add(application);
        await db.SaveChangesAsync();
        return application.Reference;
    });
}
