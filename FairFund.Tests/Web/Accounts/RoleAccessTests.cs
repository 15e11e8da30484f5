using System.Net;

namespace FairFund.Tests.Web.Accounts;

/// <summary>Each role reaches its own pages and is refused the others: a redirect to sign in or 403, never a 500.</summary>
public sealed class RoleAccessTests(FairFundFactory factory) : IClassFixture<FairFundFactory>
{
    public static TheoryData<string?, string, HttpStatusCode> Matrix()
    {
        var pages = new Dictionary<string, string?>
        {
            ["/fund"] = SignedInClient.Manager,
            ["/fund/rounds/CW-MH-2027-R1"] = SignedInClient.Manager,
            ["/fund/rounds/new"] = SignedInClient.Manager,
            ["/fund/mail"] = SignedInClient.Manager,
            ["/panel"] = SignedInClient.Panel,
            ["/apply"] = SignedInClient.Applicant,
        };
        string?[] people = [null, SignedInClient.Manager, SignedInClient.Panel, SignedInClient.Applicant];
        var matrix = new TheoryData<string?, string, HttpStatusCode>();
        foreach (var (page, owner) in pages)
        {
            foreach (var person in people)
            {
                matrix.Add(person, page, person == owner ? HttpStatusCode.OK : person is null ? HttpStatusCode.Redirect : HttpStatusCode.Forbidden);
            }
        }
        return matrix;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Get_Page_OnlyItsRoleGetsIn(string? person, string page, HttpStatusCode expected)
    {
        using var client = person is null ? SignedInClient.Anonymous(factory) : await SignedInClient.As(factory, person);

        using var response = await client.GetAsync(new Uri(page, UriKind.Relative));
        var status = response.StatusCode;
        if (status == HttpStatusCode.Redirect && response.Headers.Location!.AbsolutePath == "/account/access-denied")
        {
            using var denied = await client.GetAsync(response.Headers.Location);
            status = denied.StatusCode;
        }

        Assert.Equal(expected, status);
        if (expected == HttpStatusCode.Redirect) Assert.Equal("/account/sign-in", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Get_ApplyPage_ShowsTheApplicantsOwnGroupOnly()
    {
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);

        var page = await client.GetStringAsync(new Uri("/apply", UriKind.Relative));

        Assert.Contains("Foleshill Peer Support", page);
        Assert.Contains("led by people with lived experience", page);
        Assert.DoesNotContain("Southam Befriending Network", page);
        Assert.Contains("Community Mental Health Fund 2027, round 1", page);
    }
}
