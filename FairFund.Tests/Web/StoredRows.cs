using System.Text.Json.Nodes;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Tests.Web;

#pragma warning disable EF1002, EF1003 // The SQL's names are this file's own constants; every value is a parameter.

/// <summary>
/// Writes straight into the database, beneath the domain, as data that arrived another way would be (an import, a
/// limit added later): for tests that the pages still cope with it. The same on SQLite and on PostgreSQL; names are
/// quoted so that PostgreSQL keeps their case.
/// </summary>
internal static class StoredRows
{
    /// <summary>Changes an application's stored answers (one JSON object by question key) as <paramref name="change"/> says.</summary>
    public static async Task ChangeAnswersAsync(FairFundDbContext db, string reference, Action<JsonObject> change)
    {
        var stored = await db.Database
            .SqlQueryRaw<string>($"SELECT \"{ApplicationConfiguration.AnswersColumn}\" AS \"Value\" FROM \"Applications\" WHERE \"Reference\" = {{0}}", reference)
            .SingleAsync();
        var answers = JsonNode.Parse(stored)!.AsObject();
        change(answers);
        await SetJsonAsync(db, "Applications", ApplicationConfiguration.AnswersColumn, "Reference", reference, answers.ToJsonString());
    }

    /// <summary>Sets a text answer (such as the title) as stored, whatever its length or content.</summary>
    public static Task SetTextAnswerAsync(FairFundDbContext db, string reference, string questionKey, string text) =>
        ChangeAnswersAsync(db, reference, answers => answers[questionKey] = new JsonObject { ["text"] = text });

    /// <summary>Sets every budget line's cost as stored, as a JSON number of any size.</summary>
    public static Task SetBudgetCostsAsync(FairFundDbContext db, string reference, string cost) =>
        ChangeAnswersAsync(db, reference, answers =>
        {
            foreach (var line in answers["budget"]!["budget"]!.AsArray()) line!["cost"] = JsonNode.Parse(cost);
        });

    /// <summary>Sets a JSON column of the row whose <paramref name="keyColumn"/> is <paramref name="key"/>.</summary>
    public static Task SetJsonAsync(FairFundDbContext db, string table, string column, string keyColumn, object key, string json)
    {
        // PostgreSQL's json columns take text only by an explicit cast; SQLite keeps JSON as text.
        var value = PostgreSqlTestDatabase.IsOn ? "CAST({0} AS json)" : "{0}";
        return db.Database.ExecuteSqlRawAsync($"UPDATE \"{table}\" SET \"{column}\" = {value} WHERE \"{keyColumn}\" = {{1}}", json, key);
    }
}
