using FairFund.Web.Deployment;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc;

namespace FairFund.Web.Email;

/// <summary>Renders a template and queues the email in the outbox; the caller's <c>SaveChanges</c> commits it with its change.</summary>
public sealed class Mailer(MailTemplates templates, MailComposer composer, Outbox outbox)
{
    /// <returns>False when a message with the same <paramref name="dedupKey"/> was already queued, so nothing was added.</returns>
    public async Task<bool> QueueAsync<TTemplate, TModel>(string to, TModel model, string? relatedReference, string? dedupKey, CancellationToken cancellationToken)
        where TTemplate : MailTemplate<TModel>
        where TModel : IMailModel
    {
        ArgumentNullException.ThrowIfNull(model);
        var body = await templates.RenderAsync<TTemplate, TModel>(model);
        return await outbox.QueueAsync(composer.Compose(to, model.Subject, body), model.Kind, relatedReference, dedupKey, cancellationToken);
    }
}

/// <summary>
/// Absolute links for emails and files, made on <c>FairFund:PublicBaseUrl</c>; in Development without it, on the
/// address Kestrel listens on. Never on a request's Host header, which whoever sends the request chooses: a
/// forged one would otherwise send a password reset link to the forger's site.
/// </summary>
public sealed class MailLinks(DeploymentSettings deployment, IServer server, LinkGenerator routes)
{
    /// <summary>The address people reach the app at, ending in a slash.</summary>
    public Uri Base => deployment.PublicBaseUrl ?? ListeningAddress();

    /// <summary>An application's status page, where its group sees where it stands and, once sent, its decision.</summary>
    public string StatusPage(IUrlHelper url, string reference) => To(url, "/Apply/Status", new { reference });

    /// <summary>A link to a page, from within a request (whose own route values fill any the page needs and are not given).</summary>
    public string To(IUrlHelper url, string page, object? values = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        return Absolute(url.Page(page, pageHandler: null, values), page);
    }

    /// <summary>A link to a page, from outside any request (a background service).</summary>
    public string To(string page, object? values = null) => Absolute(routes.GetPathByPage(page, handler: null, values), page);

    /// <summary>An app path (<c>/rounds/X/results</c>) as an absolute address.</summary>
    public string Absolute(string path) => new Uri(Base, path).AbsoluteUri;

    private string Absolute(string? path, string page) => Absolute(path ?? throw new InvalidOperationException($"No page {page} to link to."));

    /// <summary>Development only: the first address Kestrel listens on, a wildcard host read as localhost; a test server has none.</summary>
    private Uri ListeningAddress()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var listening = addresses.OrderByDescending(address => address.StartsWith("https:", StringComparison.OrdinalIgnoreCase)).FirstOrDefault();
        if (listening is null) return new Uri("http://localhost/");
        var wildcard = new Uri(listening.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        var host = wildcard.Host is "0.0.0.0" or "[::]" ? "localhost" : wildcard.Host;
        return new UriBuilder(wildcard.Scheme, host, wildcard.Port).Uri;
    }
}
