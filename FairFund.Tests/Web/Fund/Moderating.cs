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

    /// <summary>Presses one of the round page's buttons (its form is the one whose hidden trigger is <paramref name="trigger"/>), typing the reason if given.</summary>
    public static Task<HttpResponseMessage> ActAsync(HttpClient manager, RoundTrigger trigger, string? reason = null)
    {
        var fields = new Dictionary<string, string> { ["Input.Trigger"] = trigger.ToString() };
        if (reason is not null) fields["Input.Reason"] = reason;
        return manager.PostFormAsync(RoundPage, fields);
    }

    /// <summary>
    /// Forged on purpose, for tests that the server refuses what the page does not offer: posts <paramref name="trigger"/>
    /// to the round page with the version it showed, whether or not the page has an enabled button for it.
    /// </summary>
    public static async Task<HttpResponseMessage> ForgedActAsync(HttpClient manager, RoundTrigger trigger)
    {
        var page = await manager.GetStringAsync(new Uri(RoundPage, UriKind.Relative));
        return await manager.PostComposedAsync(RoundPage, new() { ["Input.Trigger"] = trigger.ToString(), ["Input.Version"] = RoundForms.Version(page) }, RoundPage);
    }

    /// <summary>Closes scoring through the round page, which must accept it.</summary>
    public static async Task CloseScoringAsync(HttpClient manager, string? reason = null)
    {
        using var response = await ActAsync(manager, RoundTrigger.CloseScoring, reason);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>
    /// Scores for two of the members that spread the applications out, so some are funded, some wait and some fall
    /// below the threshold; the two disagree widely on every fifth application.
    /// </summary>
    public static int[]? SpreadScores(int application, int member)
    {
        if (member > 1) return null;
        var level = (application * 7 + member) % 5;
        if (application % 5 == 0) level = member == 0 ? 4 : 0;
        return [level, Math.Min(4, level + 1), level, Math.Max(0, level - 1)];
    }

    /// <summary>
    /// The demo round in Moderation: <paramref name="applications"/> applications seeded eligible, reviewed by
    /// <paramref name="members"/> members with <paramref name="scores"/> (see <see cref="PanelRounds.ReviewAllAsync"/>),
    /// and scoring closed through the round page. Returns the seed and the fund manager's signed-in client.
    /// </summary>
    public static async Task<(PanelRoundSeed Seed, HttpClient Manager)> InModerationAsync(FairFundFactory factory, int applications, int members, Func<int, int, int[]?> scores)
    {
        var seed = await PanelRounds.SeedAsync(factory, applications, members);
        await PanelRounds.ReviewAllAsync(factory, seed, scores);
        var manager = await SignedInClient.As(factory, SignedInClient.Manager);
        await CloseScoringAsync(manager);
        return (seed, manager);
    }

    /// <summary>Approves the allocation through the round page, which must accept it: the round is then Decided.</summary>
    public static async Task ApproveAsync(HttpClient manager)
    {
        using var response = await ActAsync(manager, RoundTrigger.Approve);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>Records a change to one application's decision through its moderation page's form, as "Record this change" sends it.</summary>
    public static Task<HttpResponseMessage> OverrideAsync(HttpClient manager, string reference, string kind, string? amount, string? pot, string? reason) =>
        manager.PostFormAsync(ApplicationPage(reference), OverrideFields(kind, amount, pot, reason));

    /// <summary>
    /// Forged on purpose, for tests that a change the page no longer offers (the round decided) is refused: posts the
    /// change with the round version the page showed, whether or not the page has the form.
    /// </summary>
    public static async Task<HttpResponseMessage> ForgedOverrideAsync(HttpClient manager, string reference, string kind, string? amount, string? pot, string? reason)
    {
        var path = ApplicationPage(reference);
        var page = await manager.GetStringAsync(new Uri(path, UriKind.Relative));
        var fields = OverrideFields(kind, amount, pot, reason);
        fields["Input.RoundVersion"] = RoundVersion().Match(page).Groups[1].Value;
        return await manager.PostComposedAsync(path, fields, path);
    }

    private static Dictionary<string, string> OverrideFields(string kind, string? amount, string? pot, string? reason)
    {
        var fields = new Dictionary<string, string> { ["Input.Kind"] = kind };
        if (amount is not null) fields["Input.Amount"] = amount;
        if (pot is not null) fields["Input.PotKey"] = pot;
        if (reason is not null) fields["Input.Reason"] = reason;
        return fields;
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

    /// <summary>
    /// Runs the <c>allocate</c> command on a round file, as anyone holding it could, and reads its result back
    /// in the shape of the moderation page's rows (decisions capitalised as the page has them).
    /// </summary>
    public static IReadOnlyList<RankedRow> Allocate(string roundFileJson)
    {
        var folder = Directory.CreateTempSubdirectory("fairfund-export-");
        try
        {
            var roundFile = Path.Combine(folder.FullName, "round.json");
            var result = Path.Combine(folder.FullName, "result.json");
            File.WriteAllText(roundFile, roundFileJson);
            using var output = new StringWriter();
            using var error = new StringWriter();
            var exit = FairFund.Web.Cli.AllocateCommand.Run(["allocate", roundFile, "--json", result], output, error);
            Assert.True(exit == 0, $"allocate failed: {error}");
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(result));
            return [.. json.RootElement.GetProperty("applications").EnumerateArray().Select(application => new RankedRow(
                application.GetProperty("reference").GetString()!,
                System.Globalization.CultureInfo.InvariantCulture.TextInfo.ToTitleCase(application.GetProperty("decision").GetString()!),
                application.GetProperty("amount").GetDecimal(),
                application.GetProperty("pot").ValueKind == System.Text.Json.JsonValueKind.String ? application.GetProperty("pot").GetString()! : "",
                application.GetProperty("rank").ValueKind == System.Text.Json.JsonValueKind.Number ? application.GetProperty("rank").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture) : "",
                application.GetProperty("finalScore").ValueKind == System.Text.Json.JsonValueKind.Number ? application.GetProperty("finalScore").GetDecimal().ToString(System.Globalization.CultureInfo.InvariantCulture) : ""))];
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [GeneratedRegex("name=\"Input.RoundVersion\" value=\"([^\"]+)\"")]
    private static partial Regex RoundVersion();

    [GeneratedRegex("<tr class=\"govuk-table__row\" data-reference=\"(?<reference>[^\"]+)\" data-decision=\"(?<decision>[^\"]+)\" data-amount=\"(?<amount>[^\"]+)\"(?: data-pot=\"(?<pot>[^\"]*)\")?(?: data-rank=\"(?<rank>[^\"]*)\")?(?: data-final-score=\"(?<score>[^\"]*)\")?>")]
    private static partial Regex RankedRowPattern();
}
