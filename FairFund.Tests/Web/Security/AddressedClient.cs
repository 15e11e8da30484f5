using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace FairFund.Tests.Web.Security;

/// <summary>
/// A browser-like client (keeps cookies, does not follow redirects) whose requests reach the app from a chosen
/// IP address, as a proxy's or a client's would, and for a chosen site address.
/// </summary>
internal static class AddressedClient
{
    public static readonly IPAddress Proxy = IPAddress.Parse("10.0.0.1");

    public const string PublicSite = "https://grants.example.org";

    /// <summary>Settings a server needs outside Development, with <see cref="Proxy"/> as its one trusted proxy.</summary>
    public static Dictionary<string, string> ProductionSettings(bool demoData = false) => new()
    {
        ["FairFund:PublicBaseUrl"] = PublicSite,
        ["FairFund:ForwardedHeaders:KnownProxies:0"] = Proxy.ToString(),
        ["FairFund:DemoData"] = demoData ? "true" : "false",
    };

    public static HttpClient From(FairFundFactory factory, IPAddress address, string site = PublicSite)
    {
        ArgumentNullException.ThrowIfNull(factory);
#pragma warning disable CA2000 // The client owns and disposes its handlers.
        var handler = new CookieContainerHandler { InnerHandler = factory.Server.CreateHandler(context => context.Connection.RemoteIpAddress = address) };
#pragma warning restore CA2000
        return new HttpClient(handler) { BaseAddress = new Uri(site) };
    }
}
