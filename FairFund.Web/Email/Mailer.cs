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
/// Absolute links for emails. Made on <c>FairFund:PublicBaseUrl</c> when it is set, as it should be on any
/// server people reach: otherwise from the request, whose Host header a stranger could forge to send a link
/// (a password reset, say) elsewhere.
/// </summary>
public sealed class MailLinks(IConfiguration configuration)
{
    private readonly Uri? _publicBase = Uri.TryCreate(configuration["FairFund:PublicBaseUrl"], UriKind.Absolute, out var configured) ? configured : null;

    /// <summary>An application's status page, where its group sees where it stands and, once sent, its decision.</summary>
    public string StatusPage(IUrlHelper url, string reference) => To(url, "/Apply/Status", new { reference });

    public string To(IUrlHelper url, string page, object? values = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        return (_publicBase is { } configured
                ? url.Page(page, pageHandler: null, values, configured.Scheme, configured.Authority)
                : url.Page(page, pageHandler: null, values, url.ActionContext.HttpContext.Request.Scheme))
            ?? throw new InvalidOperationException($"No page {page} to link to.");
    }
}
