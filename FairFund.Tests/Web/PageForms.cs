using System.Net;
using System.Text.RegularExpressions;

namespace FairFund.Tests.Web;

/// <summary>One field of a form as the page gives it: its name, its kind, its value, and for radios, boxes and lists what may be chosen.</summary>
internal sealed record FormControl(string Name, string Type, string Value, bool Chosen, IReadOnlyList<string> Choices)
{
    public bool IsHidden => Type == "hidden";

    /// <summary>A field a person chooses from (radios, tick boxes, a list), so only what the page offers can be sent.</summary>
    public bool IsChoice => Type is "radio" or "checkbox" or "select";
}

/// <summary>A submit button: its name and value (sent only when it is the one pressed), and the address it posts to when not the form's.</summary>
internal sealed record SubmitButton(string? Name, string Value, string? FormAction, bool Disabled, string Text);

/// <summary>
/// One form as a page gives it: where it posts, its fields with the values they hold before anyone types, and
/// its buttons. <see cref="SubmitAsync"/> sends what a browser would send when a person changes some fields and
/// presses a button, and refuses, naming it, anything a browser could not send from this form: a field the form
/// lacks, a hidden field with another value, a choice it does not offer, or a button that is disabled.
/// </summary>
internal sealed record PageForm(string Action, IReadOnlyList<FormControl> Controls, IReadOnlyList<SubmitButton> Buttons)
{
    /// <summary>Each field's value before anyone types (the first, for a name given more than once).</summary>
    public Dictionary<string, string> Fields =>
        Defaults().GroupBy(pair => pair.Key, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.First().Value, StringComparer.Ordinal);

    /// <summary>Submits the form as its button would, with <paramref name="changes"/> typed or chosen over the page's values.</summary>
    /// <param name="changes">Fields a person changes, by name; a button's name with its value picks that button.</param>
    /// <param name="button">The text of the button pressed, when the form has several; otherwise the first that can be pressed.</param>
    public async Task<HttpResponseMessage> SubmitAsync(HttpClient client, IReadOnlyDictionary<string, string>? changes = null, string? button = null)
    {
        var (action, body) = Body(changes ?? new Dictionary<string, string>(), button);
        using var content = new FormUrlEncodedContent(body);
        return await client.PostAsync(new Uri(action, UriKind.Relative), content);
    }

    /// <summary>The address a GET form goes to when a person changes <paramref name="changes"/> and presses its button: its action with the fields as the query.</summary>
    public Uri QueryAddress(IReadOnlyDictionary<string, string>? changes = null, string? button = null)
    {
        var (action, body) = Body(changes ?? new Dictionary<string, string>(), button);
        var query = string.Join('&', body.Select(pair => $"{Uri.EscapeDataString(pair.Key)}={Uri.EscapeDataString(pair.Value)}"));
        return new Uri(query.Length == 0 ? action : $"{action}{(action.Contains('?', StringComparison.Ordinal) ? '&' : '?')}{query}", UriKind.Relative);
    }

    /// <summary>Why this form cannot send <paramref name="changes"/>, or null when a browser could.</summary>
    public string? CannotSend(IReadOnlyDictionary<string, string> changes)
    {
        foreach (var (name, value) in changes)
        {
            if (Buttons.Any(candidate => candidate.Name == name))
            {
                if (!Buttons.Any(candidate => candidate.Name == name && candidate.Value == value && !candidate.Disabled))
                    return $"the form posting to {Action} has no button {name}={value} that can be pressed";
                continue;
            }
            var controls = Controls.Where(control => control.Name == name).ToList();
            if (controls.Count == 0) return $"the form posting to {Action} has no field {name}";
            if (controls.All(control => control.IsHidden) && !controls.Any(control => control.Value == value))
                return $"the form posting to {Action} has the hidden field {name}={controls[0].Value}, which a browser cannot send as {value}";
            if (controls.All(control => control.IsChoice) && value.Length > 0 && !controls.Any(control => control.Choices.Contains(value)))
                return $"the form posting to {Action} offers {name} only as {string.Join(", ", controls.SelectMany(control => control.Choices))}, not {value}";
        }
        if (Buttons.Count > 0 && Buttons.All(candidate => candidate.Disabled)) return $"the form posting to {Action} has only disabled buttons";
        return null;
    }

    private (string Action, List<KeyValuePair<string, string>> Body) Body(IReadOnlyDictionary<string, string> changes, string? buttonText)
    {
        if (CannotSend(changes) is { } problem) throw new Xunit.Sdk.XunitException($"Not a request the page makes: {problem}");
        var pressed = buttonText is not null
            ? Buttons.FirstOrDefault(candidate => candidate.Text == buttonText && !candidate.Disabled)
                ?? throw new Xunit.Sdk.XunitException($"The form posting to {Action} has no button “{buttonText}” that can be pressed")
            : Buttons.FirstOrDefault(candidate => candidate.Name is { } name && changes.TryGetValue(name, out var value) && value == candidate.Value)
                ?? Buttons.FirstOrDefault(candidate => !candidate.Disabled);

        var body = Defaults().Where(field => !changes.ContainsKey(field.Key)).ToList();
        foreach (var (name, value) in changes)
        {
            if (Buttons.Any(candidate => candidate.Name == name)) continue;
            // Choosing nothing from radios or tick boxes sends nothing, as a browser does.
            if (value.Length == 0 && Controls.Where(control => control.Name == name).All(control => control.Type is "radio" or "checkbox")) continue;
            body.Add(new(name, value));
        }
        if (pressed?.Name is { } pressedName) body.Add(new(pressedName, pressed.Value));
        return (pressed?.FormAction ?? Action, body);
    }

    private IEnumerable<KeyValuePair<string, string>> Defaults() =>
        Controls.Where(control => control.Type is not ("radio" or "checkbox") || control.Chosen).Where(control => control.Type != "file")
            .Select(control => new KeyValuePair<string, string>(control.Name, control.Value));
}

/// <summary>Reads the forms on a fetched page, so a test posts exactly what the page's own form would.</summary>
internal static partial class PageForms
{
    /// <summary>The first form on <paramref name="html"/> (fetched from <paramref name="pagePath"/>) whose action contains <paramref name="actionContains"/>.</summary>
    public static PageForm Find(string html, string pagePath, string actionContains) =>
        All(html, pagePath).FirstOrDefault(form => form.Action.Contains(actionContains, StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException($"No form on {pagePath} posts to an address containing {actionContains}");

    /// <summary>
    /// The form on <paramref name="html"/> that posts to <paramref name="action"/> (itself or through one of its
    /// buttons) and can send <paramref name="changes"/>: where a page has several forms to one address (one per
    /// row, say), the one whose hidden fields hold the values given.
    /// </summary>
    public static PageForm For(string html, string pagePath, string action, IReadOnlyDictionary<string, string> changes)
    {
        var posting = All(html, pagePath)
            .Select(form => form.Action is var own && SameAddress(own, action) ? form
                : form.Buttons.FirstOrDefault(button => button.FormAction is { } to && SameAddress(to, action)) is { } button ? form with { Action = button.FormAction!, Buttons = [button] }
                : null)
            .OfType<PageForm>().ToList();
        if (posting.Count == 0)
            throw new Xunit.Sdk.XunitException($"No form on {pagePath} posts to {action}; its forms post to {string.Join(", ", All(html, pagePath).Select(form => form.Action))}");
        return posting.FirstOrDefault(form => form.CannotSend(changes) is null)
            ?? throw new Xunit.Sdk.XunitException($"Not a request the page makes: {string.Join("; or ", posting.Select(form => form.CannotSend(changes)))}");
    }

    /// <summary>The form with this id on the page that sends its fields as a GET (a search, say).</summary>
    public static PageForm FindGet(string html, string pagePath, string id) =>
        Forms().Matches(html)
            .Where(form => Attribute(form.Groups["attributes"].Value, "id") == id && string.Equals(Attribute(form.Groups["attributes"].Value, "method"), "get", StringComparison.OrdinalIgnoreCase))
            .Select(form => new PageForm(
                WebUtility.HtmlDecode(Attribute(form.Groups["attributes"].Value, "action") ?? pagePath),
                ControlsOf(form.Groups["body"].Value),
                ButtonsOf(form.Groups["body"].Value)))
            .FirstOrDefault() ?? throw new Xunit.Sdk.XunitException($"No GET form with id {id} on {pagePath}");

    /// <summary>Every form on the page that posts.</summary>
    public static IReadOnlyList<PageForm> All(string html, string pagePath) =>
        [.. Forms().Matches(html)
            .Where(form => string.Equals(Attribute(form.Groups["attributes"].Value, "method"), "post", StringComparison.OrdinalIgnoreCase))
            .Select(form => new PageForm(
                WebUtility.HtmlDecode(Attribute(form.Groups["attributes"].Value, "action") ?? pagePath),
                ControlsOf(form.Groups["body"].Value),
                ButtonsOf(form.Groups["body"].Value)))];

    /// <summary>Whether two addresses are the same page and handler: the same path, and the same query values in any order.</summary>
    private static bool SameAddress(string one, string other)
    {
        static (string Path, string Query) Split(string address)
        {
            if (Uri.TryCreate(address, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal)) address = absolute.PathAndQuery;
            var question = address.IndexOf('?', StringComparison.Ordinal);
            var path = question < 0 ? address : address[..question];
            var query = question < 0 ? "" : address[(question + 1)..];
            var pairs = query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).Order(StringComparer.Ordinal);
            return (Uri.UnescapeDataString(path).TrimEnd('/'), string.Join("&", pairs));
        }
        var (a, b) = (Split(one), Split(other));
        return string.Equals(a.Path, b.Path, StringComparison.OrdinalIgnoreCase) && a.Query == b.Query;
    }

    private static List<FormControl> ControlsOf(string body)
    {
        var controls = new List<FormControl>();
        foreach (Match input in Inputs().Matches(body))
        {
            var attributes = input.Groups[1].Value;
            var type = (Attribute(attributes, "type") ?? "text").ToLowerInvariant();
            if (Attribute(attributes, "name") is not { } name || type is "submit" or "button" or "image" or "reset" || Disabled(attributes)) continue;
            var value = WebUtility.HtmlDecode(Attribute(attributes, "value") ?? (type is "radio" or "checkbox" ? "on" : ""));
            controls.Add(new FormControl(name, type, value, CheckedAttribute().IsMatch(attributes), type is "radio" or "checkbox" ? [value] : []));
        }
        foreach (Match textarea in TextAreas().Matches(body))
        {
            if (Attribute(textarea.Groups[1].Value, "name") is { } name && !Disabled(textarea.Groups[1].Value))
                controls.Add(new FormControl(name, "textarea", WebUtility.HtmlDecode(textarea.Groups[2].Value.TrimStart('\r', '\n')), false, []));
        }
        foreach (Match select in Selects().Matches(body))
        {
            if (Attribute(select.Groups[1].Value, "name") is not { } name || Disabled(select.Groups[1].Value)) continue;
            var options = Options().Matches(select.Groups[2].Value)
                .Select(option => (Value: WebUtility.HtmlDecode(Attribute(option.Groups[1].Value, "value") ?? option.Groups[2].Value), Selected: SelectedAttribute().IsMatch(option.Groups[1].Value)))
                .ToList();
            var chosen = options.FirstOrDefault(option => option.Selected).Value ?? options.FirstOrDefault().Value ?? "";
            controls.Add(new FormControl(name, "select", chosen, true, [.. options.Select(option => option.Value)]));
        }
        return controls;
    }

    private static List<SubmitButton> ButtonsOf(string body)
    {
        var buttons = new List<SubmitButton>();
        foreach (Match button in Buttons().Matches(body))
        {
            var attributes = button.Groups[1].Value;
            if ((Attribute(attributes, "type") ?? "submit") != "submit") continue;
            var formAction = Attribute(attributes, "formaction") is { } to ? WebUtility.HtmlDecode(to) : null;
            var text = WebUtility.HtmlDecode(Tags().Replace(button.Groups[2].Value, " ")).Trim();
            buttons.Add(new SubmitButton(Attribute(attributes, "name"), WebUtility.HtmlDecode(Attribute(attributes, "value") ?? ""), formAction, Disabled(attributes), Spaces().Replace(text, " ")));
        }
        foreach (Match input in Inputs().Matches(body))
        {
            var attributes = input.Groups[1].Value;
            if (!string.Equals(Attribute(attributes, "type"), "submit", StringComparison.OrdinalIgnoreCase)) continue;
            var value = WebUtility.HtmlDecode(Attribute(attributes, "value") ?? "Submit");
            buttons.Add(new SubmitButton(Attribute(attributes, "name"), value, Attribute(attributes, "formaction") is { } to ? WebUtility.HtmlDecode(to) : null, Disabled(attributes), value));
        }
        return buttons;
    }

    private static bool Disabled(string attributes) => DisabledAttribute().IsMatch(attributes);

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

    [GeneratedRegex(@"<button\b([^>]*)>(.*?)</button>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Buttons();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\schecked(\s|=|/|$)", RegexOptions.IgnoreCase)]
    private static partial Regex CheckedAttribute();

    [GeneratedRegex(@"\sselected(\s|=|/|$)", RegexOptions.IgnoreCase)]
    private static partial Regex SelectedAttribute();

    [GeneratedRegex(@"\sdisabled(\s|=|/|$)", RegexOptions.IgnoreCase)]
    private static partial Regex DisabledAttribute();
}
