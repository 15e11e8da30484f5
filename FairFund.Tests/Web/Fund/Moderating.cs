using System.Net;
using System.Text.RegularExpressions;
using FairFund.Domain.Rounds;
using FairFund.Tests.Web.Panel;

namespace FairFund.Tests.Web.Fund;

/// <summary>A fund manager's moves on the demo round, made through the pages as a person would make them.</summary>
internal static partial class Moderating
{
    public const string Round = PanelRounds.Round;
    public const string RoundPage = $"/fund/rounds/{Round}";
    public const string ModerationPage = $"/fund/rounds/{Round}/moderation";

    public static string ApplicationPage(string reference) => $"{ModerationPage}/{reference}";

    /// <summary>Presses one of the round page's buttons, with the version the page showed.</summary>
    public static async Task<HttpResponseMessage> ActAsync(HttpClient manager, RoundTrigger trigger, string? reason = null)
    {
        var page = await manager.GetStringAsync(new Uri(RoundPage, UriKind.Relative));
        var fields = new Dictionary<string, string> { ["Input.Trigger"] = trigger.ToString(), ["Input.Version"] = RoundForms.Version(page) };
        if (reason is not null) fields["Input.Reason"] = reason;
        return await manager.PostFormAsync(RoundPage, fields);
    }

    /// <summary>Closes scoring through the round page, which must accept it.</summary>
    public static async Task CloseScoringAsync(HttpClient manager, string? reason = null)
    {
        using var response = await ActAsync(manager, RoundTrigger.CloseScoring, reason);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>Records a change to one application's decision through its moderation page.</summary>
    public static async Task<HttpResponseMessage> OverrideAsync(HttpClient manager, string reference, string kind, string? amount, string? pot, string? reason)
    {
        var path = ApplicationPage(reference);
        var page = await manager.GetStringAsync(new Uri(path, UriKind.Relative));
        var fields = new Dictionary<string, string> { ["Input.RoundVersion"] = RoundVersion().Match(page).Groups[1].Value, ["Input.Kind"] = kind };
        if (amount is not null) fields["Input.Amount"] = amount;
        if (pot is not null) fields["Input.PotKey"] = pot;
        if (reason is not null) fields["Input.Reason"] = reason;
        return await manager.PostFormAsync(path, fields);
    }

    /// <summary>One row of the moderation page's ranked list, read from the data it carries.</summary>
    public sealed record RankedRow(string Reference, string Decision, decimal Amount, string Pot, string Rank, string FinalScore);

    public static IReadOnlyList<RankedRow> RankedRows(string moderationPage) =>
        [.. RankedRowPattern().Matches(moderationPage).Select(match => new RankedRow(
            match.Groups["reference"].Value,
            match.Groups["decision"].Value,
            decimal.Parse(match.Groups["amount"].Value, System.Globalization.CultureInfo.InvariantCulture),
            match.Groups["pot"].Value,
            match.Groups["rank"].Value,
            match.Groups["score"].Value))];

    [GeneratedRegex("name=\"Input.RoundVersion\" value=\"([^\"]+)\"")]
    private static partial Regex RoundVersion();

    [GeneratedRegex("<tr class=\"govuk-table__row\" data-reference=\"(?<reference>[^\"]+)\" data-decision=\"(?<decision>[^\"]+)\" data-amount=\"(?<amount>[^\"]+)\"(?: data-pot=\"(?<pot>[^\"]*)\")?(?: data-rank=\"(?<rank>[^\"]*)\")?(?: data-final-score=\"(?<score>[^\"]*)\")?>")]
    private static partial Regex RankedRowPattern();
}
