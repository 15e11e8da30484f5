using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FairFund.Domain.Allocation;
using FairFund.Domain.Forms;
using FairFund.Domain.RoundFiles;
using FairFund.Domain.Scoring;

namespace FairFund.Domain.Rounds;

/// <summary>
/// A round's rules as fixed when it opens: one canonical JSON text (fixed field order, no spaces,
/// numbers without trailing zeros, no seed), with the round's application form in it (<c>"form"</c>,
/// as <see cref="FormJson"/> writes it), and its SHA-256. Anyone holding the text can check the
/// hash with <c>sha256sum</c>, and the same rules and form always give the same text; any change to a
/// question (its words, hint, limits, condition or place) changes the hash.
/// </summary>
public sealed record PublishedRules(string Json, string Sha256)
{
    /// <summary>The rules and the form a round opens with, fixed together.</summary>
    public static PublishedRules Of(RoundSettings rules, ApplicationForm form)
    {
        var json = CanonicalJson(rules, form);
        return new PublishedRules(json, Hash(json));
    }

    /// <summary>The rules with the <see cref="ApplicationForm.Default"/> form, as a round that kept the default opens with.</summary>
    public static PublishedRules Of(RoundSettings rules) => Of(rules, ApplicationForm.Default);

    /// <summary>
    /// The form published in a round's rules (<see cref="Json"/>'s <c>"form"</c>), read back: what groups were
    /// shown when the round opened. Null when there is no text, or it holds no readable form (rules published
    /// before rounds had forms), so the caller falls back to the round's own form. Never throws for bad text.
    /// </summary>
    public static ApplicationForm? FormIn(string? rulesJson)
    {
        if (string.IsNullOrEmpty(rulesJson)) return null;
        try
        {
            using var document = JsonDocument.Parse(rulesJson);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("form", out var form)
                ? FormJson.Read(form.GetRawText()).Form
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string CanonicalJson(RoundSettings rules, ApplicationForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false }))
        {
            json.WriteStartObject();
            RoundFileWriter.WriteSettings(json, rules, canonical: true);
            json.WritePropertyName("form");
            FormJson.Write(json, form);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
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
