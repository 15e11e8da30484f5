using System.Net;
using FairFund.Domain.Rounds;
using FairFund.Tests.Web.Fund;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Forms;

/// <summary>
/// A NUL character (from a bad paste) in any page's form (issue 14, 10): the form is read, the NUL dropped, and the
/// page answers as it would without it, never with a bare 400 that loses what was typed. Each form here is submitted as
/// its page gives it, on pages that once had no NUL cleaning of their own.
/// </summary>
public sealed class NulInFormTests(SharedFairFundApp app) : IClassFixture<SharedFairFundApp>
{
    private readonly FairFundFactory _factory = app.ForNextTest();

    [Fact]
    public async Task Register_NameWithANul_RegistersAsWithoutIt()
    {
        using var client = SignedInClient.Anonymous(_factory);
        var form = await FormOnAsync(client, "/account/register");

        using var response = await form.SubmitAsync(client, new Dictionary<string, string>
        {
            ["Input.Name"] = "Sam\0 Patel", ["Input.Email"] = "sam.patel@example.org",
            ["Input.Password"] = "a long new password", ["Input.ConfirmPassword"] = "a long new password",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/check-email", response.Headers.Location!.OriginalString);
        _factory.FinishAccountRequests();
        using var scope = _factory.Services.CreateScope();
        Assert.NotNull(await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().FindByEmailAsync("sam.patel@example.org"));
    }

    [Fact]
    public async Task SignIn_EmailWithANul_IsAnsweredByTheSignInPage()
    {
        using var client = SignedInClient.Anonymous(_factory);
        var form = await FormOnAsync(client, "/account/sign-in");

        using var response = await form.SubmitAsync(client, new Dictionary<string, string>
        {
            ["Input.Email"] = "manager@demo.fairfund.test\0", ["Input.Password"] = SignedInClient.Passwords[SignedInClient.Manager],
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task NewRound_NameWithANul_IsSetUpWithTheNameCleaned()
    {
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);
        var form = await FormOnAsync(client, RoundForms.NewRoundPage);
        var typed = RoundForms.NewRound("NUL-2027-R1");
        typed["Details.Name"] = "Neighbourhood\0 Food Fund";

        using var response = await form.SubmitAsync(client, typed);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("Neighbourhood Food Fund", RoundForms.Stored(_factory, "NUL-2027-R1")!.Name);
    }

    [Fact]
    public async Task CancelRound_ReasonWithANul_CancelsWithTheReasonCleaned()
    {
        const string roundPage = "/fund/rounds/CW-MH-2027-R1";
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);
        var form = await FormOnAsync(client, roundPage + "/cancel");

        using var response = await form.SubmitAsync(client, new Dictionary<string, string> { ["Input.Reason"] = "Funding\0 withdrawn" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var round = RoundForms.Stored(_factory, "CW-MH-2027-R1")!;
        Assert.Equal(RoundState.Cancelled, round.State);
        Assert.Equal("Funding withdrawn", round.History[^1].Reason);
    }

    [Fact]
    public async Task CancelRound_ReasonWithANulAndOverItsLimit_IsRefusedAtTheFieldNotWithABareBadRequest()
    {
        const string roundPage = "/fund/rounds/CW-MH-2027-R1";
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);
        var form = await FormOnAsync(client, roundPage + "/cancel");

        using var response = await form.SubmitAsync(client, new Dictionary<string, string> { ["Input.Reason"] = "\0" + new string('r', 2_001) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<a href=\"#reason-Cancel\">The reason must be 2,000 characters or fewer (it has 2,001)</a>", await response.Content.ReadAsStringAsync());
        Assert.Equal(RoundState.Open, RoundForms.Stored(_factory, "CW-MH-2027-R1")!.State);
    }

    private static async Task<PageForm> FormOnAsync(HttpClient client, string path) =>
        PageForms.Find(await client.GetStringAsync(new Uri(path, UriKind.Relative)), path, path);
}
