using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace FairFund.Web.Forms;

/// <summary>
/// Lets a form with a NUL character in it (pasted from a PDF or a broken export) be read, so its page can keep the
/// answer: ASP.NET Core refuses to decode a form value containing <c>%00</c>, which fails the antiforgery check
/// first and answers a bare 400, losing everything typed. Before anything reads the form, this drops every
/// <c>%00</c> from a URL-encoded body (every <c>%</c> in such a body starts an escape, a typed % being <c>%25</c>, so
/// nothing else changes); the domain's <c>FreeText.Clean</c> then drops any other control character. It runs before
/// the antiforgery check, which still checks the token as posted. It is one filter on every page (Program.cs), as
/// any form can be pasted into, so no page can be left without it.
/// </summary>
public sealed class DropNulsFromForm : IAsyncAuthorizationFilter, IOrderedFilter
{
    /// <summary>The most of a body this reads; a larger one is left alone, for the request size limit to refuse.</summary>
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    /// <summary>
    /// After MVC's request size limit filter (900), which can only set the limit before anything reads the body
    /// (and otherwise logs a warning on every post), and before the antiforgery filter (1000), which reads the form.
    /// </summary>
    public int Order => 950;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.HttpContext.Request;
        if (!HttpMethods.IsPost(request.Method) || !request.HasFormContentType
            || !(request.ContentType ?? "").StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            || request.ContentLength is null or > MaxBodyBytes)
            return;

        using var read = new MemoryStream();
        await request.Body.CopyToAsync(read, context.HttpContext.RequestAborted);
        var body = Encoding.ASCII.GetString(read.GetBuffer(), 0, (int)read.Length);
        var cleaned = body.Contains("%00", StringComparison.Ordinal) ? body.Replace("%00", "", StringComparison.Ordinal) : body;
        var bytes = cleaned.Length == body.Length ? read.ToArray() : Encoding.ASCII.GetBytes(cleaned);
        request.Body = new MemoryStream(bytes, writable: false);
        request.ContentLength = bytes.Length;
    }
}
