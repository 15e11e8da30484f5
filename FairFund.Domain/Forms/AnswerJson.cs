using System.Globalization;
using System.Text;
using System.Text.Json;
using FairFund.Domain.Applications;

namespace FairFund.Domain.Forms;

/// <summary>
/// One answer as a small JSON text, for storing answers per application and question key: <c>{"text":"…"}</c>,
/// <c>{"number":12}</c>, <c>{"money":150.5}</c>, <c>{"date":"2027-06-01"}</c>, <c>{"yesNo":true}</c>,
/// <c>{"choices":["…"]}</c>, <c>{"budget":[{"item":"…","cost":150}]}</c>, <c>{"partners":[{"name":"…","role":"…"}]}</c>.
/// </summary>
public static class AnswerJson
{
    /// <summary>The answer as its JSON text.</summary>
    public static string Write(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            switch (answer)
            {
                case Answer.Text text: json.WriteString("text", text.Value); break;
                case Answer.Number number: json.WriteNumber("number", number.Value); break;
                case Answer.Money money: json.WriteNumber("money", money.Value); break;
                case Answer.Day day: json.WriteString("date", day.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
                case Answer.YesNo yesNo: json.WriteBoolean("yesNo", yesNo.Value); break;
                case Answer.Choices choices:
                    json.WriteStartArray("choices");
                    foreach (var choice in choices.Values) json.WriteStringValue(choice);
                    json.WriteEndArray();
                    break;
                case Answer.BudgetRows rows:
                    json.WriteStartArray("budget");
                    foreach (var line in rows.Lines)
                    {
                        json.WriteStartObject();
                        json.WriteString("item", line.Item);
                        json.WriteNumber("cost", line.Cost);
                        json.WriteEndObject();
                    }
                    json.WriteEndArray();
                    break;
                case Answer.PartnerRows rows:
                    json.WriteStartArray("partners");
                    foreach (var partner in rows.Partners)
                    {
                        json.WriteStartObject();
                        json.WriteString("name", partner.Name);
                        json.WriteString("role", partner.Role);
                        json.WriteEndObject();
                    }
                    json.WriteEndArray();
                    break;
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The answer <see cref="Write"/> wrote, or null for text that is not one (never an exception), so a damaged row reads as unanswered.</summary>
    public static Answer? Read(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            using var properties = root.EnumerateObject();
            if (!properties.MoveNext()) return null;
            var (name, value) = (properties.Current.Name, properties.Current.Value);
            return name switch
            {
                "text" when value.ValueKind == JsonValueKind.String => new Answer.Text(value.GetString()!),
                "number" when value.TryGetInt64(out var number) => new Answer.Number(number),
                "money" when value.TryGetDecimal(out var money) => new Answer.Money(money),
                "date" when value.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) => new Answer.Day(date),
                "yesNo" when value.ValueKind is JsonValueKind.True or JsonValueKind.False => new Answer.YesNo(value.GetBoolean()),
                "choices" when value.ValueKind == JsonValueKind.Array => new Answer.Choices([.. value.EnumerateArray().Select(choice => Text(choice))]),
                "budget" when value.ValueKind == JsonValueKind.Array => new Answer.BudgetRows([.. value.EnumerateArray().Select(line => new BudgetLine(Text(line.GetProperty("item")), line.GetProperty("cost").GetDecimal()))]),
                "partners" when value.ValueKind == JsonValueKind.Array => new Answer.PartnerRows([.. value.EnumerateArray().Select(partner => new Partner(Text(partner.GetProperty("name")), Text(partner.GetProperty("role"))))]),
                _ => null,
            };
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException or KeyNotFoundException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// A whole set of answers as one JSON object, each key's answer as <see cref="Write"/> writes it, keys in ordinal
    /// order: <c>{"budget":{"budget":[…]},"title":{"text":"…"}}</c>. Money is written from the decimal, so it reads
    /// back exactly, penny for penny.
    /// </summary>
    public static string WriteAll(FormAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            foreach (var key in answers.Keys)
            {
                json.WritePropertyName(key);
                json.WriteRawValue(Write(answers[key]!), skipInputValidation: true);
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// The answers <see cref="WriteAll"/> wrote. Never an exception: text that is not an object reads as no answers,
    /// and a key whose answer cannot be read (<see cref="Read"/>) as unanswered, so one damaged answer loses only itself.
    /// </summary>
    public static FormAnswers ReadAll(string? json)
    {
        var answers = FormAnswers.Empty;
        if (string.IsNullOrEmpty(json)) return answers;
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return answers;
            foreach (var property in document.RootElement.EnumerateObject())
                if (Read(property.Value.GetRawText()) is { } answer) answers = answers.With(property.Name, answer);
            return answers;
        }
        catch (JsonException)
        {
            return FormAnswers.Empty;
        }
    }

    // GetString gives null for a JSON null, which no answer holds.
    private static string Text(JsonElement element) => element.GetString() ?? throw new FormatException("A null where text belongs.");
}
