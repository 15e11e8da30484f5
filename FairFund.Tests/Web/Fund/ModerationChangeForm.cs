using System.Net;
using System.Text.RegularExpressions;

namespace FairFund.Tests.Web.Fund;

/// <summary>
/// The "Change this decision" form on an application's moderation page, filled in and sent as a browser would
/// send it: read from the page's own HTML (its address, its hidden fields with the antiforgery token and the
/// round's version, its radios, its amount and reason boxes), so a test fails if the form lacks a field it needs.
/// </summary>
internal static partial class ModerationChangeForm
{
    /// <summary>Opens the application's moderation page, chooses <paramref name="kind"/>, types the amount, picks the pot and types the reason, then presses "Record this change".</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient manager, string reference, string kind, string? amount, string? pot, string reason)
    {
        var path = Moderating.ApplicationPage(reference);
        var page = await manager.GetStringAsync(new Uri(path, UriKind.Relative));
        var form = Forms().Matches(page).Select(match => match.Value).SingleOrDefault(html => html.Contains("Record this change", StringComparison.Ordinal));
        Assert.True(form is not null, $"{path} has no form to change the decision");

        var fields = new List<KeyValuePair<string, string>>();
        var radios = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var boxes = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match input in Inputs().Matches(form))
        {
            var attributes = Attributes(input.Value);
            if (!attributes.TryGetValue("name", out var name)) continue;
            switch (attributes.GetValueOrDefault("type", "text"))
            {
                case "hidden": fields.Add(new(name, attributes.GetValueOrDefault("value", ""))); break;
                case "radio": (radios.TryGetValue(name, out var values) ? values : radios[name] = []).Add(attributes.GetValueOrDefault("value", "")); break;
                case "submit" or "button": break;
                default: boxes.Add(name); break;
            }
        }
        foreach (Match textarea in TextAreas().Matches(form)) boxes.Add(Attributes(textarea.Value)["name"]);
        Assert.Contains(fields, field => field.Key == "__RequestVerificationToken");

        Choose(fields, radios, "Input.Kind", kind);
        if (amount is not null) Type(fields, boxes, "Input.Amount", amount);
        if (pot is not null) Choose(fields, radios, "Input.PotKey", pot);
        Type(fields, boxes, "Input.Reason", reason);

        var action = ActionOf().Match(form) is { Success: true } found ? WebUtility.HtmlDecode(found.Groups[1].Value) : path;
        using var content = new FormUrlEncodedContent(fields);
        return await manager.PostAsync(new Uri(action, UriKind.Relative), content);
    }

    private static void Choose(List<KeyValuePair<string, string>> fields, Dictionary<string, List<string>> radios, string name, string value)
    {
        Assert.True(radios.TryGetValue(name, out var values) && values.Contains(value), $"the form offers no {name} of {value}");
        fields.Add(new(name, value));
    }

    private static void Type(List<KeyValuePair<string, string>> fields, HashSet<string> boxes, string name, string value)
    {
        Assert.True(boxes.Contains(name), $"the form has no box for {name}");
        fields.Add(new(name, value));
    }

    private static Dictionary<string, string> Attributes(string tag) =>
        Attribute().Matches(tag).ToDictionary(match => match.Groups[1].Value, match => WebUtility.HtmlDecode(match.Groups[2].Value), StringComparer.Ordinal);

    [GeneratedRegex("<form\\b[^>]*method=\"post\"[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex Forms();

    [GeneratedRegex("^<form\\b[^>]*\\baction=\"([^\"]+)\"")]
    private static partial Regex ActionOf();

    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.Singleline)]
    private static partial Regex Inputs();

    [GeneratedRegex("<textarea\\b[^>]*>", RegexOptions.Singleline)]
    private static partial Regex TextAreas();

    [GeneratedRegex("([a-zA-Z][\\w.-]*)=\"([^\"]*)\"")]
    private static partial Regex Attribute();
}
