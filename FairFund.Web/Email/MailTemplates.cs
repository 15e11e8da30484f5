using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using FairFund.Web.Accounts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Options;

namespace FairFund.Web.Email;

/// <summary>An email's two parts: the HTML one, and the plain-text one made from it.</summary>
public sealed record RenderedMail(string Html, string Text);

/// <summary>An email template in <c>templates/</c>: a Razor component given its words and its sender.</summary>
public abstract class MailTemplate<TModel> : ComponentBase where TModel : IMailModel
{
    [Parameter, EditorRequired] public TModel Model { get; set; } = default!;

    [Parameter, EditorRequired] public MailSender Sender { get; set; } = null!;
}

/// <summary>
/// Renders the templates with ASP.NET Core's <see cref="HtmlRenderer"/>, which HTML-encodes every value it
/// is given, so what a person typed (a group called &lt;script&gt;) arrives as text, never as markup. One
/// renderer serves a scope (a request, or a batch of decisions); its dispatcher takes one render at a time.
/// </summary>
public sealed class MailTemplates(IServiceProvider services, ILoggerFactory loggers, IOptions<Funder> funder) : IAsyncDisposable
{
    private readonly HtmlRenderer _renderer = new(services, loggers);

    /// <summary>The funder from settings; "FairFund" until one is set.</summary>
    public MailSender Sender => funder.Value is { IsSet: true } set ? new MailSender(set.Name, set.Address, set.ReplyTo) : new MailSender("FairFund", "", "");

    public async Task<RenderedMail> RenderAsync<TTemplate, TModel>(TModel model)
        where TTemplate : MailTemplate<TModel>
        where TModel : IMailModel
    {
        var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
        {
            [nameof(MailTemplate<TModel>.Model)] = model,
            [nameof(MailTemplate<TModel>.Sender)] = Sender,
        });
        var html = await _renderer.Dispatcher.InvokeAsync(async () => (await _renderer.RenderComponentAsync<TTemplate>(parameters)).ToHtmlString());
        return new RenderedMail(html, MailText.FromHtml(html));
    }

    public ValueTask DisposeAsync() => _renderer.DisposeAsync();
}

/// <summary>
/// The plain-text part, made from the HTML the templates write (paragraphs, headings, lists, line breaks,
/// links), so the two parts always say the same thing. A web link is written as its words, a colon and the
/// full address on the next line; an email address as itself.
/// </summary>
public static partial class MailText
{
    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase) { "p", "div", "h1", "h2", "h3", "ol", "ul", "li", "table", "tr", "dl", "dt", "dd" };

    public static string FromHtml(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var text = new StringBuilder();
        var skipping = 0;
        string? linkHref = null;
        var linkText = new StringBuilder();
        var listNumbers = new Stack<int>();

        foreach (Match token in Tokens().Matches(html))
        {
            if (token.Groups["text"].Success)
            {
                if (skipping > 0) continue;
                var words = Whitespace().Replace(WebUtility.HtmlDecode(token.Groups["text"].Value), " ");
                if (linkHref is not null) linkText.Append(words);
                else if (!(words == " " && (text.Length == 0 || text[^1] is '\n' or ' '))) text.Append(AtLineStart(text) ? words.TrimStart() : words);
                continue;
            }
            var name = token.Groups["name"].Value.ToLowerInvariant();
            var closing = token.Groups["close"].Length > 0;
            if (name is "head" or "style" or "script") { skipping += closing ? -1 : 1; continue; }
            if (skipping > 0) continue;
            switch (name)
            {
                case "br":
                    TrimEndSpaces(text);
                    text.Append('\n');
                    break;
                case "a" when !closing:
                    linkHref = WebUtility.HtmlDecode(Href().Match(token.Value).Groups[1].Value);
                    linkText.Clear();
                    break;
                case "a" when linkHref is not null:
                    var words = linkText.ToString().Trim();
                    if (linkHref.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)) text.Append(words);
                    else
                    {
                        BlankLine(text, single: true);
                        text.Append(words).Append(":\n").Append(linkHref).Append('\n');
                    }
                    linkHref = null;
                    break;
                case "ol" or "ul":
                    if (closing) listNumbers.TryPop(out _);
                    else listNumbers.Push(name == "ol" ? 1 : 0);
                    BlankLine(text);
                    break;
                case "li" when !closing:
                    BlankLine(text, single: true);
                    if (listNumbers.TryPop(out var number))
                    {
                        text.Append(number > 0 ? $"{number}. " : "- ");
                        listNumbers.Push(number > 0 ? number + 1 : 0);
                    }
                    break;
                case "li":
                    break;
                case var block when Blocks.Contains(block):
                    BlankLine(text);
                    break;
            }
        }
        return BlankLines().Replace(text.ToString().Trim(), "\n\n") + "\n";
    }

    private static bool AtLineStart(StringBuilder text) => text.Length == 0 || text[^1] == '\n';

    /// <summary>Ends the line, and leaves a blank one unless <paramref name="single"/>.</summary>
    private static void BlankLine(StringBuilder text, bool single = false)
    {
        TrimEndSpaces(text);
        if (text.Length == 0) return;
        if (text[^1] != '\n') text.Append('\n');
        if (!single && (text.Length < 2 || text[^2] != '\n')) text.Append('\n');
    }

    private static void TrimEndSpaces(StringBuilder text)
    {
        while (text.Length > 0 && text[^1] == ' ') text.Length--;
    }

    [GeneratedRegex(@"<(?<close>/?)(?<name>[a-zA-Z][a-zA-Z0-9]*)[^>]*>|<![^>]*>|(?<text>[^<]+)")]
    private static partial Regex Tokens();

    [GeneratedRegex("href=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex Href();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();
}
