using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FairFund.Web.Deployment;

/// <summary>
/// The settings that decide how FairFund faces the world, read and checked once at start, so a missing or
/// malformed one stops the app with a message that names it rather than showing up later as a wrong link.
/// </summary>
public sealed record DeploymentSettings(
    bool IsDevelopment,
    Uri? PublicBaseUrl,
    bool DemoData,
    IReadOnlyList<IPAddress> KnownProxies,
    IReadOnlyList<IPNetwork> KnownNetworks,
    X509Certificate2? KeyCertificate)
{
    public const string PublicBaseUrlKey = "FairFund:PublicBaseUrl";
    public const string DemoDataKey = "FairFund:DemoData";
    public const string KnownProxiesKey = "FairFund:ForwardedHeaders:KnownProxies";
    public const string KnownNetworksKey = "FairFund:ForwardedHeaders:KnownNetworks";
    public const string CertificatePathKey = "FairFund:DataProtection:CertificatePath";
    public const string CertificatePasswordKey = "FairFund:DataProtection:CertificatePassword";

    /// <summary>
    /// People reach the app over HTTPS (its public address says so), so outside Development its cookies are sent
    /// only over HTTPS, plain HTTP is redirected, and browsers are told to use HTTPS from then on (HSTS).
    /// </summary>
    /// <summary>Forwarded headers are believed from these only; with none, from nobody.</summary>
    public bool HasProxies => KnownProxies.Count > 0 || KnownNetworks.Count > 0;

    public bool RequiresHttps => !IsDevelopment && PublicBaseUrl?.Scheme == Uri.UriSchemeHttps;

    public static DeploymentSettings Read(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var isDevelopment = environment.IsDevelopment();
        return new DeploymentSettings(
            isDevelopment,
            ReadPublicBaseUrl(configuration[PublicBaseUrlKey], isDevelopment),
            // The demo accounts' passwords are published, so they are only ever on by choice outside Development.
            configuration.GetValue<bool?>(DemoDataKey) ?? isDevelopment,
            ReadList<IPAddress>(configuration, KnownProxiesKey, (string text, out IPAddress value) => IPAddress.TryParse(text, out value!), "an IP address such as 10.0.0.5"),
            ReadList<IPNetwork>(configuration, KnownNetworksKey, IPNetwork.TryParse, "a network such as 10.0.0.0/8"),
            ReadCertificate(configuration[CertificatePathKey], configuration[CertificatePasswordKey]));
    }

    private static Uri? ReadPublicBaseUrl(string? text, bool isDevelopment)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return isDevelopment ? null : throw new InvalidOperationException(
                $"Set {PublicBaseUrlKey} to the address people use to reach FairFund, such as https://grants.example.org. " +
                "Links in emails are made on it, never on the address a request claims to be for, and outside Development FairFund does not start without it.");
        }
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var address) || (address.Scheme != Uri.UriSchemeHttps && address.Scheme != Uri.UriSchemeHttp)
            || address.AbsolutePath != "/" || address.Query.Length > 0 || address.Fragment.Length > 0 || address.UserInfo.Length > 0)
        {
            throw new InvalidOperationException(
                $"{PublicBaseUrlKey} is \"{text}\": it must be an http or https address with no path, such as https://grants.example.org.");
        }
        return address;
    }

    private delegate bool TryParse<T>(string text, out T value);

    /// <summary>A list setting, given as separate entries (<c>KnownProxies:0</c>, <c>KnownProxies:1</c>) or as one comma-separated value.</summary>
    private static IReadOnlyList<T> ReadList<T>(IConfiguration configuration, string key, TryParse<T> tryParse, string example)
    {
        var section = configuration.GetSection(key);
        var entries = section.Value is { Length: > 0 } joined ? joined.Split(',') : section.GetChildren().Select(child => child.Value ?? "");
        return [.. entries.Select(entry => entry.Trim()).Where(entry => entry.Length > 0)
            .Select(entry => tryParse(entry, out var value) ? value : throw new InvalidOperationException($"{key} holds \"{entry}\", which is not {example}."))];
    }

    private static X509Certificate2? ReadCertificate(string? path, string? password)
    {
        if (string.IsNullOrWhiteSpace(path)) return null;
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
            return certificate.HasPrivateKey ? certificate
                : throw new InvalidOperationException($"The certificate at {CertificatePathKey} ({path}) has no private key, so it could not read the keys it protects.");
        }
        catch (Exception problem) when (problem is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"The certificate at {CertificatePathKey} ({path}) could not be read: {problem.Message}", problem);
        }
    }
}
