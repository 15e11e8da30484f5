using System.Net;
using System.Text.RegularExpressions;

namespace FairFund.Tests.Web;

/// <summary>One form as a page gives it: where it posts, and the values its fields hold before anyone types.</summary>
internal sealed record PageForm(string Action, Dictionary<string, string> Fields)
{
    /// <summary>Submits the form as its button would, with <paramref name="changes"/> typed over the page's values.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(HttpClient client, IReadOnlyDictionary<string, string>? changes = null)
    {
        var fields = new Dictionary<string, string>(Fields);
        foreach (var (name, value) in changes ?? new Dictionary<string, string>()) fields[name] = value;
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri(Action, UriKind.Relative), content);
    }
}

/// <summary>Reads the forms on a fetched page, so a test posts exactly what the page's own form would.</summary>
internal static partial class PageForms
{
    /// <summary>The first form on <paramref name="html"/> (fetched from <paramref name="pagePath"/>) whose action contains <paramref name="actionContains"/>.</summary>
    public static PageForm Find(string html, string pagePath, string actionContains)
    {
        foreach (Match form in Forms().Matches(html))
        {
            var action = WebUtility.HtmlDecode(Attribute(form.Groups["attributes"].Value, "action") ?? pagePath);
            if (action.Contains(actionContains, StringComparison.Ordinal)) return new PageForm(action, FieldsOf(form.Groups["body"].Value));
        }
        throw new Xunit.Sdk.XunitException($"No form on {pagePath} posts to an address containing {actionContains}");
    }

    /// <summary>The first form on <paramref name="html"/> (fetched from <paramref name="pagePath"/>) whose field <paramref name="field"/> holds <paramref name="value"/>: one of several buttons' forms on one page.</summary>
    public static PageForm FindHolding(string html, string pagePath, string field, string value)
    {
        foreach (Match form in Forms().Matches(html))
        {
            var fields = FieldsOf(form.Groups["body"].Value);
            if (fields.TryGetValue(field, out var held) && held == value)
                return new PageForm(WebUtility.HtmlDecode(Attribute(form.Groups["attributes"].Value, "action") ?? pagePath), fields);
        }
        throw new Xunit.Sdk.XunitException($"No form on {pagePath} has {field} = {value}");
    }

    private static Dictionary<string, string> FieldsOf(string body)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match input in Inputs().Matches(body))
        {
            var attributes = input.Groups[1].Value;
            var type = Attribute(attributes, "type") ?? "text";
            if (Attribute(attributes, "name") is not { } name || type is "submit" or "button" or "file") continue;
            if (type is "radio" or "checkbox" && !CheckedAttribute().IsMatch(attributes)) continue;
            fields[name] = WebUtility.HtmlDecode(Attribute(attributes, "value") ?? (type is "radio" or "checkbox" ? "on" : ""));
        }
        foreach (Match textarea in TextAreas().Matches(body))
        {
            if (Attribute(textarea.Groups[1].Value, "name") is { } name) fields[name] = WebUtility.HtmlDecode(textarea.Groups[2].Value.TrimStart('\r', '\n'));
        }
        foreach (Match select in Selects().Matches(body))
        {
            if (Attribute(select.Groups[1].Value, "name") is not { } name) continue;
            var options = Options().Matches(select.Groups[2].Value);
            var chosen = options.FirstOrDefault(option => SelectedAttribute().IsMatch(option.Groups[1].Value)) ?? options.FirstOrDefault();
            if (chosen is not null) fields[name] = WebUtility.HtmlDecode(Attribute(chosen.Groups[1].Value, "value") ?? chosen.Groups[2].Value);
        }
        return fields;
    }

    private static string? Attribute(string attributes, string name)
    {
        var match = Regex.Match(attributes, $@"(?:^|\s){name}\s*=\s*""([^""]*)""", RegexOptions.IgnoreCase);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"<form\b(?<attributes>[^>]*)>(?<body>.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Forms();

    [GeneratedRegex(@"<input\b([^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex Inputs();

    [GeneratedRegex(@"<textarea\b([^>]*)>(.*?)</textarea>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex TextAreas();

    [GeneratedRegex(@"<select\b([^>]*)>(.*?)</select>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Selects();

    [GeneratedRegex(@"<option\b([^>]*)>(.*?)</option>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Options();

    [GeneratedRegex(@"\schecked(\s|=|$)", RegexOptions.IgnoreCase)]
    private static partial Regex CheckedAttribute();

    [GeneratedRegex(@"\sselected(\s|=|$)", RegexOptions.IgnoreCase)]
    private static partial Regex SelectedAttribute();
}
