using System.Text;
using System.Text.Json;
using FairFund.Domain.Forms;
using FairFund.Domain.Scoring;

namespace FairFund.Domain.RoundFiles;

/// <summary>
/// Writes a round as a round file, which <see cref="RoundFileReader"/> reads back to the same round. A file with a
/// form carries it as the round published it (<see cref="FormJson"/>'s canonical text, byte for byte), and each
/// application's answers by question key in the form's order; a file without one writes neither.
/// </summary>
public static class RoundFileWriter
{
    public static string Write(RoundFile file)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            var round = file.Round;
            json.WriteStartObject();
            json.WriteStartObject("round");
            WriteSettings(json, round, canonical: false);
            json.WriteEndObject();
            if (file.Form is { } form)
            {
                // Raw, so the form reads exactly as the published rules hold it, not re-indented.
                json.WritePropertyName("form");
                json.WriteRawValue(FormJson.Write(form), skipInputValidation: true);
            }

            json.WriteStartArray("applications");
            foreach (var application in file.Applications)
            {
                json.WriteStartObject();
                json.WriteString("reference", application.Reference);
                json.WriteStartObject("organisation");
                json.WriteString("name", application.Organisation.Name);
                json.WriteNumber("annualIncome", application.Organisation.AnnualIncome);
                WriteStrings(json, "flags", application.Organisation.Flags);
                json.WriteEndObject();
                json.WriteNumber("requested", application.Requested);
                json.WriteBoolean("eligible", application.Eligible);
                if (application.IneligibleReason is { } reason) json.WriteString("ineligibleReason", reason);
                else json.WriteNull("ineligibleReason");
                json.WriteStartArray("reviews");
                foreach (var review in application.Reviews)
                {
                    json.WriteStartObject();
                    json.WriteString("reviewer", review.Reviewer);
                    json.WriteBoolean("conflict", review.Conflict);
                    json.WriteStartObject("scores");
                    for (var c = 0; c < round.Criteria.Count; c++) json.WriteNumber(round.Criteria[c].Key, review.Scores[c]);
                    json.WriteEndObject();
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                if (file.Form is { } asked) WriteAnswers(json, asked, application.Answers);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// The answers in the form's order, each as <see cref="AnswerJson"/> writes it; any answer to a key not on the
    /// form after them, so the reader refuses it rather than the writer dropping it unseen.
    /// </summary>
    private static void WriteAnswers(Utf8JsonWriter json, ApplicationForm form, FormAnswers answers)
    {
        json.WriteStartObject("answers");
        var onForm = form.Questions.Select(question => question.Key).ToList();
        foreach (var key in onForm.Where(key => answers[key] is not null).Concat(answers.Keys.Except(onForm, StringComparer.Ordinal)))
        {
            json.WritePropertyName(key);
            json.WriteRawValue(AnswerJson.Write(answers[key]!), skipInputValidation: true);
        }
        json.WriteEndObject();
    }

    /// <summary>
    /// The fields of a round's settings, in one fixed order. A round file carries the seed and its numbers as
    /// given; the canonical form that opening a round fingerprints has no seed, numbers without trailing zeros
    /// and the whole rubric, so the same rules always give the same text.
    /// </summary>
    internal static void WriteSettings(Utf8JsonWriter json, Allocation.RoundSettings round, bool canonical)
    {
        void Number(string name, decimal value) => json.WriteNumber(name, canonical ? value / 1.0000000000000000000000000000m : value);

        json.WriteString("reference", round.Reference);
        json.WriteString("name", round.Name);
        json.WriteString("currency", round.Currency);
        Number("budget", round.Budget);
        if (!canonical) json.WriteString("seed", round.Seed);
        json.WriteStartArray("criteria");
        foreach (var criterion in round.Criteria)
        {
            json.WriteStartObject();
            json.WriteString("key", criterion.Key);
            json.WriteString("title", criterion.Title);
            if (canonical || criterion.Guidance.Length > 0) json.WriteString("guidance", criterion.Guidance);
            Number("weight", criterion.Weight);
            json.WriteNumber("min", criterion.Min);
            json.WriteNumber("max", criterion.Max);
            if (canonical || criterion.Descriptors.Count > 0) WriteStrings(json, "descriptors", criterion.Descriptors);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteString("aggregation", Names.Of(round.Aggregation));
        json.WriteNumber("minReviews", round.MinReviews);
        Number("threshold", round.Threshold);
        if (round.LotteryBand is { } band)
        {
            json.WriteStartObject("lotteryBand");
            Number("from", band.From);
            Number("to", band.To);
            json.WriteEndObject();
        }
        else json.WriteNull("lotteryBand");
        Number("grantMin", round.GrantMin);
        Number("grantMax", round.GrantMax);
        json.WriteString("whenTooBig", Names.Of(round.WhenTooBig));
        Number("partialMinFraction", round.PartialMinFraction);
        json.WriteStartArray("incomeBands");
        foreach (var incomeBand in round.IncomeBands.Bands)
        {
            json.WriteStartObject();
            json.WriteString("key", incomeBand.Key);
            if (incomeBand.UpTo is { } upTo) Number("upTo", upTo); else json.WriteNull("upTo");
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("rules");
        foreach (var rule in round.Rules)
        {
            json.WriteStartObject();
            json.WriteString("kind", Names.Of(rule.Kind));
            json.WriteString("name", rule.Name);
            WriteCondition(json, rule.When);
            if (rule.Kind == EquityRuleKind.Multiplier) Number("factor", rule.Factor);
            else Number("points", rule.Points);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("pots");
        foreach (var pot in round.Pots)
        {
            json.WriteStartObject();
            json.WriteString("key", pot.Key);
            json.WriteString("name", pot.Name);
            Number("share", pot.Share);
            WriteCondition(json, pot.When);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteBoolean("rollover", round.Rollover);
    }

    internal static void WriteCondition(Utf8JsonWriter json, Condition condition)
    {
        json.WriteStartObject("when");
        if (condition.IncomeBands is { } bands) WriteStrings(json, "incomeBands", bands);
        if (condition.Flags is { } flags) WriteStrings(json, "flags", flags);
        json.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values) json.WriteStringValue(value);
        json.WriteEndArray();
    }
}
