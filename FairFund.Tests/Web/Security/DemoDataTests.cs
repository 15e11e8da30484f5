using System.Net;
using FairFund.Tests.Web.Account;

namespace FairFund.Tests.Web.Security;

/// <summary>The demo accounts' passwords are published: a server has them only when someone asks for them.</summary>
public sealed class DemoDataTests
{
    [Fact]
    public async Task SignIn_ProductionWithNoDemoDataSetting_RefusesTheDemoManagersPassword()
    {
        var settings = AddressedClient.ProductionSettings();
        settings.Remove("FairFund:DemoData");
        using var factory = new FairFundFactory { EnvironmentName = "Production", Settings = settings };
        using var client = AddressedClient.From(factory, IPAddress.Parse("203.0.113.7"));

        using var response = await AccountForms.SignInAsync(client, SignedInClient.Manager, SignedInClient.Passwords[SignedInClient.Manager]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(FairFund.Web.Pages.Account.SignInModel.WrongMessage, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignIn_ProductionWithDemoDataTrue_AcceptsTheDemoManager()
    {
        using var factory = new FairFundFactory { EnvironmentName = "Production", Settings = AddressedClient.ProductionSettings(demoData: true) };
        using var client = AddressedClient.From(factory, IPAddress.Parse("203.0.113.7"));

        using var response = await AccountForms.SignInAsync(client, SignedInClient.Manager, SignedInClient.Passwords[SignedInClient.Manager]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
