using System.Net;
using FairFund.Domain.Applications;

namespace FairFund.Tests.Web.Apply;

/// <summary>
/// Every page of an application, read or posted, with another group's reference: not found, exactly as a
/// reference that does not exist, and nothing changes.
/// </summary>
public sealed class OtherGroupsApplicationTests(SharedFairFundApp app) : IClassFixture<SharedFairFundApp>
{
    private readonly FairFundFactory factory = app.ForNextTest();

    public static TheoryData<string, string> Routes => new()
    {
        { "GET", "project" }, { "POST", "project" },
        { "GET", "who-benefits" }, { "POST", "who-benefits" },
        { "GET", "outcomes" }, { "POST", "outcomes" },
        { "GET", "lived-experience" }, { "POST", "lived-experience" },
        { "GET", "budget" }, { "POST", "budget" },
        { "GET", "partners" }, { "POST", "partners" },
        { "GET", "check" }, { "POST", "check" },
        { "GET", "sent" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task AnotherGroupsApplication_IsNotFoundAndUnchanged(string method, string page)
    {
        // The other group's application is complete, so that a post that got through would change it.
        var reference = await factory.StartAsync(Drafts.OtherGroup, complete: true, number: "0001");
        var (before, version) = await factory.LoadAsync(reference);
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);
        var path = $"/apply/applications/{reference}/{page}";

        using var response = method == "GET"
            ? await client.GetAsync(new Uri(path, UriKind.Relative))
            // Forged on purpose: no page of this applicant's offers a form for another group's application.
            : await client.PostComposedAsync(path, new()
            {
                ["Version"] = version.ToString(), ["action"] = "continue",
                ["Answer"] = "Changed by another group", ["Input.Title"] = "Changed", ["Input.Lines[0].Item"] = "Changed", ["Input.Lines[0].Cost"] = "5",
                ["Input.WorkingWithPartners"] = "no",
            }, formPage: "/apply/organisation");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var (after, versionAfter) = await factory.LoadAsync(reference);
        Assert.Equal(version, versionAfter);
        Assert.Equal(ApplicationState.Draft, after.State);
        Assert.Null(after.SubmittedAt);
        Assert.Equal(before.Project, after.Project);
        Assert.Equal(before.Outcomes, after.Outcomes);
        Assert.Equal(before.Budget, after.Budget);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task AGuessedReference_IsNotFound(string method, string page)
    {
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);
        var path = $"/apply/applications/{Drafts.DemoRound}-9999/{page}";

        using var response = method == "GET"
            ? await client.GetAsync(new Uri(path, UriKind.Relative))
            // Forged on purpose: no page offers a form for an application that does not exist.
            : await client.PostComposedAsync(path, [], formPage: "/apply/organisation");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
