using System.Net;

namespace FairFund.Tests.Web.Account;

public sealed class SignInTests
{
    [Fact]
    public async Task Post_SignIn_RightPassword_SignsInAndGoesBackWhereAsked()
    {
        using var factory = new FairFundFactory();
        using var client = SignedInClient.Anonymous(factory);

        using var response = await client.PostFormAsync("/account/sign-in?ReturnUrl=%2Ffund",
            new() { ["Input.Email"] = SignedInClient.Manager, ["Input.Password"] = "demo-manager-2027", ["ReturnUrl"] = "/fund" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/fund", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData(SignedInClient.Manager, "/fund")]
    [InlineData(SignedInClient.Panel, "/panel")]
    [InlineData(SignedInClient.Applicant, "/apply")]
    public async Task Post_SignIn_NoReturnUrl_LandsEachPersonOnTheirOwnArea(string email, string area)
    {
        using var factory = new FairFundFactory();
        using var client = SignedInClient.Anonymous(factory);

        using var response = await client.PostFormAsync("/account/sign-in", new() { ["Input.Email"] = email, ["Input.Password"] = SignedInClient.Passwords[email] });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(area, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Post_SignIn_ReturnUrlToAnotherPage_GoesThereRatherThanToTheirArea()
    {
        using var factory = new FairFundFactory();
        using var client = SignedInClient.Anonymous(factory);

        using var response = await client.PostFormAsync("/account/sign-in?ReturnUrl=%2Frounds%2FCW-MH-2027-R1",
            new() { ["Input.Email"] = SignedInClient.Applicant, ["Input.Password"] = SignedInClient.Passwords[SignedInClient.Applicant] });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/rounds/CW-MH-2027-R1", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Post_SignIn_WrongPassword_SaysSoWithoutSayingWhichWasWrong()
    {
        using var factory = new FairFundFactory();
        using var client = SignedInClient.Anonymous(factory);

        using var response = await client.PostFormAsync("/account/sign-in",
            new() { ["Input.Email"] = SignedInClient.Manager, ["Input.Password"] = "not-the-password" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("govuk-error-summary", page);
        Assert.Contains(FairFund.Web.Pages.Account.SignInModel.WrongMessage, page);
    }

    [Fact]
    public async Task Post_SignIn_TooManyAttemptsInAMinute_IsTurnedAwayButThePageStillShows()
    {
        using var factory = new FairFundFactory { SignInAttemptsPerMinute = 3 };
        using var client = SignedInClient.Anonymous(factory);
        var statuses = new List<HttpStatusCode>();

        for (var attempt = 0; attempt < 4; attempt++)
        {
            using var response = await client.PostFormAsync("/account/sign-in",
                new() { ["Input.Email"] = SignedInClient.Applicant, ["Input.Password"] = "guess-" + attempt });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        using var page = await client.GetAsync(new Uri("/account/sign-in", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
