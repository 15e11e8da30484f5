using System.Net;
using System.Text.RegularExpressions;
using FairFund.Domain.Rounds;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Panel;

/// <summary>The panel pages' addresses and forms, posted as a member's browser would: with the page's token and the review's version.</summary>
internal static partial class PanelPages
{
    /// <summary>Scores for the demo round's four criteria (need, approach, outcomes, value), each 0 to 4.</summary>
    public static Dictionary<string, string> Scores(int need, int approach, int outcomes, int value) => new()
    {
        ["need"] = $"{need}", ["approach"] = $"{approach}", ["outcomes"] = $"{outcomes}", ["value"] = $"{value}",
    };

    public static string RoundPath => $"/panel/rounds/{PanelRounds.Round}";

    public static string ReviewPath(string application) => $"/panel/rounds/{PanelRounds.Round}/applications/{application}";

    public static string ConflictPath(string application) => ReviewPath(application) + "/conflict";

    /// <summary>Gets the form's page, then submits its form to <paramref name="path"/> with the fields typed over it (the token and the review's version are the page's).</summary>
    public static Task<HttpResponseMessage> PostReviewAsync(this HttpClient client, string path, Dictionary<string, string> fields, string? formPage = null) =>
        client.PostFormAsync(path, fields, formPage ?? path.Split('?')[0]);

    public static async Task DeclareNoConflictAsync(this HttpClient client, string application)
    {
        using var response = await client.PostReviewAsync(ReviewPath(application) + "?handler=Declare", new() { ["Declaration.Conflict"] = "no" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    public static async Task<HttpResponseMessage> DeclareConflictAsync(this HttpClient client, string application, string kind = "Trustee", string note = "") =>
        await client.PostReviewAsync(ReviewPath(application) + "?handler=Declare",
            new() { ["Declaration.Conflict"] = "yes", ["Declaration.Kind"] = kind, ["Declaration.Note"] = note });

    /// <summary>Posts the scoring form with <paramref name="action"/> "draft" or "submit".</summary>
    public static Task<HttpResponseMessage> ScoreAsync(this HttpClient client, string application, Dictionary<string, string> scores, string comment, string action, string note = "") =>
        client.PostReviewAsync(ReviewPath(application) + "?handler=Scores", Fields(scores, comment, note, action));

    public static Task<HttpResponseMessage> ReviseAsync(this HttpClient client, string application, Dictionary<string, string> scores, string comment, string note = "") =>
        client.PostReviewAsync(ReviewPath(application) + "?handler=Revise", Fields(scores, comment, note, null));

    /// <summary>Declares no conflict and submits scores, as a member who has done their review.</summary>
    public static async Task SubmitAsync(this HttpClient client, string application, Dictionary<string, string> scores, string comment, string note = "")
    {
        await client.DeclareNoConflictAsync(application);
        using var response = await client.ScoreAsync(application, scores, comment, "submit", note);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>Closes scoring on the demo round, as the fund manager would with a reason.</summary>
    public static Task CloseScoringAsync(FairFundFactory factory) =>
        factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var round = await db.Rounds.SingleAsync(round => round.Reference == PanelRounds.Round);
            round.CloseScoring(factory.Clock.GetUtcNow(), SignedInClient.Manager, new RoundProgress(0, 1), "The panel met; the rest are not needed.");
            await db.SaveChangesAsync();
        });

    public static string VersionIn(string page) => VersionField().Match(page).Groups[1].Value;

    private static Dictionary<string, string> Fields(Dictionary<string, string> scores, string comment, string note, string? action)
    {
        var fields = scores.ToDictionary(score => $"Sheet.Scores[{score.Key}]", score => score.Value);
        fields["Sheet.CommentForApplicant"] = comment;
        fields["Sheet.NoteForPanel"] = note;
        if (action is not null) fields["action"] = action;
        return fields;
    }

    [GeneratedRegex("name=\"Version\" value=\"([^\"]+)\"")]
    private static partial Regex VersionField();
}
