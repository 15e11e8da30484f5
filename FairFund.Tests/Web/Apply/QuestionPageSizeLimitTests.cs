using System.Net;
using FairFund.Web.Pages.Apply;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Apply;

/// <summary>
/// A question page refuses an absurd body before reading it, on real Kestrel (the test server has no body size
/// limit to set), so one request cannot make the server read and clean megabytes of form.
/// </summary>
public sealed class QuestionPageSizeLimitTests : IDisposable
{
    private readonly FairFundFactory factory = new();

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task Save_BodyOverTheQuestionPagesLimit_IsRefusedWith413AndNothingIsSaved()
    {
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var listening = new Uri(factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var reference = await factory.StartAsync();
        var (_, version) = await factory.LoadAsync(reference);
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true };
        using var client = new HttpClient(handler) { BaseAddress = listening };
        using (var signedIn = await client.PostFormAsync("/account/sign-in", new() { ["Input.Email"] = SignedInClient.Applicant, ["Input.Password"] = SignedInClient.Passwords[SignedInClient.Applicant] }))
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        // Over the page's limit, but under what the NUL cleaning would otherwise read in full.
        var absurd = new string('a', (int)QuestionPageModel.MaxRequestBytes + 1024);

        using var response = await client.PostFormAsync($"/apply/applications/{reference}/who-benefits", new()
        {
            ["Answer"] = absurd, ["Version"] = version.ToString(), ["action"] = QuestionPageModel.ContinueAction,
        });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var (saved, versionAfter) = await factory.LoadAsync(reference);
        Assert.Equal(version, versionAfter);
        Assert.True(string.IsNullOrEmpty(saved.WhoBenefits));
    }
}
