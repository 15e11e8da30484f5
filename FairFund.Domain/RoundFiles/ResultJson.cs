using System.Text;
using System.Text.Json;
using FairFund.Domain.Allocation;

namespace FairFund.Domain.RoundFiles;

/// <summary>Writes an allocation in the published result shape (the shape of the scenarios' <c>*.expected.json</c>).</summary>
public static class ResultJson
{
    public static string Write(AllocationResult result)
    {
        using var stream = new MemoryStream();
        Write(result, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes the result as UTF-8 straight to <paramref name="stream"/>, so a large round is never held as text.</summary>
    public static void Write(AllocationResult result, Stream stream)
    {
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("round", result.Round);
            json.WriteString("currency", result.Currency);
            json.WriteNumber("budget", result.Budget);
            json.WriteNumber("allocated", result.Allocated);
            json.WriteStartArray("pots");
            foreach (var pot in result.Pots)
            {
                json.WriteStartObject();
                json.WriteString("key", pot.Key);
                json.WriteString("name", pot.Name);
                json.WriteNumber("amount", pot.Amount);
                if (pot.IsGeneral) json.WriteNumber("rollover", pot.Rollover);
                json.WriteNumber("allocated", pot.Allocated);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("applications");
            foreach (var application in result.Applications) WriteApplication(json, application);
            json.WriteEndArray();
            json.WriteEndObject();
        }
    }

    private static void WriteApplication(Utf8JsonWriter json, ApplicationResult application)
    {
        json.WriteStartObject();
        json.WriteString("reference", application.Reference);
        json.WriteString("band", application.Band);
        json.WriteStartArray("reviewScores");
        foreach (var score in application.ReviewScores) json.WriteNumberValue(score);
        json.WriteEndArray();
        WriteNullable(json, "baseScore", application.BaseScore);
        WriteNullable(json, "finalScore", application.FinalScore);
        if (application.Rank is { } rank) json.WriteNumber("rank", rank); else json.WriteNull("rank");
        json.WriteString("lotteryKey", application.LotteryKey.ToString());
        json.WriteString("decision", Names.Of(application.Decision));
        if (application.Reason is { } reason) json.WriteString("reason", Names.Of(reason)); else json.WriteNull("reason");
        json.WriteNumber("amount", application.Amount);
        if (application.Pot is { } pot) json.WriteString("pot", pot); else json.WriteNull("pot");
        json.WriteBoolean("partial", application.Partial);
        json.WriteStartArray("explanation");
        foreach (var step in application.Explain()) json.WriteStringValue(step.Describe());
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, decimal? value)
    {
        if (value is { } number) json.WriteNumber(name, number); else json.WriteNull(name);
    }
}

/// <summary>The names used in round and result files, which are the spec's words.</summary>
public static class Names
{
    public static string Of(Decision decision) => decision switch
    {
        Decision.Award => "award",
        Decision.Waitlist => "waitlist",
        _ => "decline",
    };

    public static string Of(DeclineReason reason) => reason switch
    {
        DeclineReason.Ineligible => "ineligible",
        DeclineReason.InsufficientReviews => "insufficientReviews",
        _ => "belowThreshold",
    };

    public static string Of(Scoring.Aggregation aggregation) => aggregation switch
    {
        Scoring.Aggregation.Median => "median",
        Scoring.Aggregation.TrimmedMean => "trimmedMean",
        _ => "mean",
    };

    public static string Of(WhenTooBig policy) => policy switch
    {
        WhenTooBig.Stop => "stop",
        WhenTooBig.Partial => "partial",
        _ => "skip",
    };

    public static string Of(Scoring.EquityRuleKind kind) => kind == Scoring.EquityRuleKind.Multiplier ? "multiplier" : "bonus";
}
