using System.Net;
using FairFund.Tests.Web.Account;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Security;

/// <summary>Links in emails go to the app's own address, never to the one a request's Host header names.</summary>
public sealed class PublicAddressTests
{
    [Fact]
    public async Task ForgotPassword_ForgedHostInDevelopment_LinksToTheAddressTheAppListensOn()
    {
        using var factory = new FairFundFactory();
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var listening = new Uri(factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true };
        using var client = new HttpClient(handler) { BaseAddress = listening };
        client.DefaultRequestHeaders.Host = "evil.example";

        using var asked = await client.PostFormAsync("/account/forgot-password", new() { ["Input.Email"] = SignedInClient.Applicant });

        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var text = Mailbox.Message(factory, SignedInClient.Applicant, AccountForms.ResetSubject).TextBody;
        Assert.Contains($"{listening.GetLeftPart(UriPartial.Authority)}/account/reset-password?", text, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForgotPassword_InProduction_LinksToThePublicAddressAndAForgedHostIsRefused()
    {
        using var factory = new FairFundFactory { EnvironmentName = "Production", Settings = AddressedClient.ProductionSettings(demoData: true) };
        using var client = AddressedClient.From(factory, IPAddress.Parse("203.0.113.7"));

        using (var asked = await client.PostFormAsync("/account/forgot-password", new() { ["Input.Email"] = SignedInClient.Applicant }))
            Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        client.DefaultRequestHeaders.Host = "evil.example";
        using var forged = await client.GetAsync(new Uri("/account/forgot-password", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var text = Mailbox.Message(factory, SignedInClient.Applicant, AccountForms.ResetSubject).TextBody;
        Assert.Contains($"{AddressedClient.PublicSite}/account/reset-password?", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("grants.example.org")]
    [InlineData("ftp://grants.example.org")]
    [InlineData("https://grants.example.org/fairfund")]
    public void Start_InProductionWithoutAUsablePublicBaseUrl_FailsNamingTheSetting(string? publicBaseUrl)
    {
        var settings = AddressedClient.ProductionSettings();
        if (publicBaseUrl is null) settings.Remove("FairFund:PublicBaseUrl");
        else settings["FairFund:PublicBaseUrl"] = publicBaseUrl;
        using var factory = new FairFundFactory { EnvironmentName = "Production", Settings = settings };

        var failure = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains("FairFund:PublicBaseUrl", failure.ToString(), StringComparison.Ordinal);
    }
}
