using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FairFund.Domain.Allocation;
using FairFund.Domain.RoundFiles;
using FairFund.Domain.Scoring;

namespace FairFund.Domain.Rounds;

/// <summary>
/// A round's rules as fixed when it opens: one canonical JSON text (fixed field order, no spaces,
/// numbers without trailing zeros, no seed) and its SHA-256. Anyone holding the text can check the
/// hash with <c>sha256sum</c>, and the same rules always give the same text.
/// </summary>
public sealed record PublishedRules(string Json, string Sha256)
{
    public static PublishedRules Of(RoundSettings rules)
    {
        var json = CanonicalJson(rules);
        return new PublishedRules(json, Hash(json));
    }

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string CanonicalJson(RoundSettings rules)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false }))
        {
            json.WriteStartObject();
            json.WriteString("reference", rules.Reference);
            json.WriteString("name", rules.Name);
            json.WriteString("currency", rules.Currency);
            Number(json, "budget", rules.Budget);
            json.WriteStartArray("criteria");
            foreach (var criterion in rules.Criteria)
            {
                json.WriteStartObject();
                json.WriteString("key", criterion.Key);
                json.WriteString("title", criterion.Title);
                json.WriteString("guidance", criterion.Guidance);
                Number(json, "weight", criterion.Weight);
                json.WriteNumber("min", criterion.Min);
                json.WriteNumber("max", criterion.Max);
                json.WriteStartArray("descriptors");
                foreach (var descriptor in criterion.Descriptors) json.WriteStringValue(descriptor);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteString("aggregation", Names.Of(rules.Aggregation));
            json.WriteNumber("minReviews", rules.MinReviews);
            Number(json, "threshold", rules.Threshold);
            if (rules.LotteryBand is { } band)
            {
                json.WriteStartObject("lotteryBand");
                Number(json, "from", band.From);
                Number(json, "to", band.To);
                json.WriteEndObject();
            }
            else json.WriteNull("lotteryBand");
            Number(json, "grantMin", rules.GrantMin);
            Number(json, "grantMax", rules.GrantMax);
            json.WriteString("whenTooBig", Names.Of(rules.WhenTooBig));
            Number(json, "partialMinFraction", rules.PartialMinFraction);
            json.WriteStartArray("incomeBands");
            foreach (var incomeBand in rules.IncomeBands.Bands)
            {
                json.WriteStartObject();
                json.WriteString("key", incomeBand.Key);
                if (incomeBand.UpTo is { } upTo) Number(json, "upTo", upTo); else json.WriteNull("upTo");
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("rules");
            foreach (var rule in rules.Rules)
            {
                json.WriteStartObject();
                json.WriteString("kind", Names.Of(rule.Kind));
                json.WriteString("name", rule.Name);
                RoundFileWriter.WriteCondition(json, rule.When);
                if (rule.Kind == EquityRuleKind.Multiplier) Number(json, "factor", rule.Factor);
                else Number(json, "points", rule.Points);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("pots");
            foreach (var pot in rules.Pots)
            {
                json.WriteStartObject();
                json.WriteString("key", pot.Key);
                json.WriteString("name", pot.Name);
                Number(json, "share", pot.Share);
                RoundFileWriter.WriteCondition(json, pot.When);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteBoolean("rollover", rules.Rollover);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>1.20 and 1.2 are the same rule, so they must be the same text.</summary>
    private static void Number(Utf8JsonWriter json, string name, decimal value) =>
        json.WriteNumber(name, value / 1.0000000000000000000000000000m);
}

/// <summary>
/// The lottery seed's commit and reveal: a secret drawn when the round opens, of which only the
/// SHA-256 is published then. When scoring closes the seed itself is published, and anyone can check
/// that it is the one committed to (<c>printf '%s' 'SEED' | sha256sum</c>), so nobody could have
/// chosen it after seeing the scores.
/// </summary>
public static class Seed
{
    public static string Draw() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string Commitment(string seed) => PublishedRules.Hash(seed);

    public static bool Matches(string seed, string commitment) => Commitment(seed) == commitment;
}
