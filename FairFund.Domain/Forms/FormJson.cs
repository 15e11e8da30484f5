using System.Globalization;
using System.Text;
using System.Text.Json;
using FairFund.Domain.RoundFiles;
using FairFund.Domain.Validation;

namespace FairFund.Domain.Forms;

/// <summary>What reading a form's JSON gave: the form, or every problem found, each located.</summary>
public sealed record FormReadResult(ApplicationForm? Form, IReadOnlyList<Problem> Problems)
{
    /// <summary>Whether the JSON gave a form with no problems.</summary>
    public bool IsValid => Form is not null;
}

/// <summary>
/// A form as canonical JSON: every field, always, in one fixed order; no whitespace; numbers without trailing
/// zeros; dates as <c>yyyy-MM-dd</c>. The same form always gives the same text, so the published rules' SHA-256
/// covers it, and anyone can read it back (<see cref="Read(string)"/>).
/// </summary>
public static class FormJson
{
    /// <summary>The most a form's JSON may be: a form at its limits is far smaller.</summary>
    public const int MaxBytes = 2 * 1024 * 1024;

    /// <summary>The form's canonical JSON text.</summary>
    public static string Write(ApplicationForm form)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false }))
            Write(json, form);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes the form as one JSON object, for the published rules to hold.</summary>
    internal static void Write(Utf8JsonWriter json, ApplicationForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        json.WriteStartObject();
        json.WriteStartArray("sections");
        foreach (var section in form.Sections)
        {
            json.WriteStartObject();
            json.WriteString("key", section.Key);
            json.WriteString("title", section.Title);
            json.WriteString("guidance", section.Guidance);
            WriteCondition(json, section.ShowWhen);
            json.WriteStartArray("questions");
            foreach (var question in section.Questions) WriteQuestion(json, question);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("criteria");
        foreach (var entry in form.CriteriaSections)
        {
            json.WriteStartObject();
            json.WriteString("criterion", entry.Criterion);
            json.WriteStartArray("sections");
            foreach (var key in entry.Sections) json.WriteStringValue(key);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteQuestion(Utf8JsonWriter json, Question question)
    {
        json.WriteStartObject();
        json.WriteString("key", question.Key);
        json.WriteString("kind", KindNames[question.Kind]);
        json.WriteString("text", question.Text);
        json.WriteString("label", question.Label);
        json.WriteString("hint", question.Hint);
        json.WriteString("ifMissing", question.IfMissing);
        json.WriteBoolean("required", question.Required);
        WriteCondition(json, question.ShowWhen);
        if (question.Limit is { } limit)
        {
            json.WriteStartObject("limit");
            json.WriteNumber("characters", limit.Characters);
            if (limit.Words is { } words) json.WriteNumber("words", words);
            else json.WriteNull("words");
            json.WriteEndObject();
        }
        else json.WriteNull("limit");
        Number(json, "min", question.Min);
        Number(json, "max", question.Max);
        Date(json, "earliest", question.Earliest);
        Date(json, "latest", question.Latest);
        json.WriteStartArray("choices");
        foreach (var choice in question.Choices) json.WriteStringValue(choice);
        json.WriteEndArray();
        Number(json, "maxRows", question.MaxRows);
        Number(json, "maxDocuments", question.MaxDocuments);
        Number(json, "maxBytes", question.MaxBytes);
        json.WriteEndObject();
    }

    private static void WriteCondition(Utf8JsonWriter json, ShowWhen? condition)
    {
        if (condition is null)
        {
            json.WriteNull("showWhen");
            return;
        }
        json.WriteStartObject("showWhen");
        switch (condition)
        {
            case ShowWhen.YesNoIs yesNo:
                json.WriteString("when", "yesNoIs");
                json.WriteString("question", yesNo.Question);
                json.WriteBoolean("is", yesNo.Is);
                break;
            case ShowWhen.Chosen chosen:
                json.WriteString("when", "chosen");
                json.WriteString("question", chosen.Question);
                json.WriteString("choice", chosen.Choice);
                break;
            case ShowWhen.AmountOver over:
                json.WriteString("when", "amountOver");
                Number(json, "amount", over.Amount);
                break;
            case ShowWhen.AmountAtMost atMost:
                json.WriteString("when", "amountAtMost");
                Number(json, "amount", atMost.Amount);
                break;
        }
        json.WriteEndObject();
    }

    // Dividing by 1.000… drops trailing zeros, so 10000.00 and 10000 write the same: the canonical number.
    private static void Number(Utf8JsonWriter json, string name, decimal? value)
    {
        if (value is { } number) json.WriteNumber(name, number / 1.0000000000000000000000000000m);
        else json.WriteNull(name);
    }

    private static void Date(Utf8JsonWriter json, string name, DateOnly? value)
    {
        if (value is { } date) json.WriteString(name, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        else json.WriteNull(name);
    }

    private static readonly Dictionary<QuestionKind, string> KindNames = new Dictionary<QuestionKind, string>
    {
        [QuestionKind.ShortText] = "shortText",
        [QuestionKind.LongText] = "longText",
        [QuestionKind.WholeNumber] = "wholeNumber",
        [QuestionKind.Money] = "money",
        [QuestionKind.Date] = "date",
        [QuestionKind.YesNo] = "yesNo",
        [QuestionKind.OneChoice] = "oneChoice",
        [QuestionKind.SeveralChoices] = "severalChoices",
        [QuestionKind.Postcode] = "postcode",
        [QuestionKind.Email] = "email",
        [QuestionKind.Phone] = "phone",
        [QuestionKind.BudgetTable] = "budgetTable",
        [QuestionKind.PartnerTable] = "partnerTable",
        [QuestionKind.Documents] = "documents",
    };

    private static readonly Dictionary<string, QuestionKind> KindsByName = KindNames.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    private static readonly Dictionary<string, string> Conditions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["yesNoIs"] = "yesNoIs", ["chosen"] = "chosen", ["amountOver"] = "amountOver", ["amountAtMost"] = "amountAtMost",
    };

    /// <summary>
    /// Reads a form's JSON, as <see cref="Write(ApplicationForm)"/> writes it. Every problem is returned, located
    /// (<c>sections[2].questions[0].kind</c>): the JSON's own, then the form's (<see cref="ApplicationForm.Problems"/>).
    /// Never throws for bad input.
    /// </summary>
    public static FormReadResult Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (Encoding.UTF8.GetByteCount(json) > MaxBytes) return Refused(new Problem("", $"A form's file must be smaller than {MaxBytes / (1024 * 1024)}MB"));
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException error)
        {
            return Refused(new Problem($"line {(error.LineNumber ?? 0) + 1}, column {(error.BytePositionInLine ?? 0) + 1}", "the form is not valid JSON"));
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return Refused(new Problem("", "a form must be a JSON object with \"sections\" and \"criteria\""));
            var problems = new List<Problem>();
            var fields = new JsonFields(problems);
            var sections = new List<FormSection>();
            if (fields.Array(root, "sections", "") is { } sectionArray)
            {
                var s = 0;
                foreach (var element in sectionArray.EnumerateArray())
                {
                    if (ReadSection(fields, element, Location.Item("sections", s)) is { } section) sections.Add(section);
                    s++;
                }
            }
            var criteria = new List<CriterionSections>();
            if (fields.Array(root, "criteria", "") is { } criteriaArray)
            {
                var c = 0;
                foreach (var element in criteriaArray.EnumerateArray())
                {
                    var at = Location.Item("criteria", c++);
                    if (element.ValueKind != JsonValueKind.Object) { fields.Add(at, "must be an object ({ ... })"); continue; }
                    var key = fields.String(element, "criterion", at);
                    var keys = fields.Strings(element, "sections", at, required: true);
                    if (key is not null && keys is not null) criteria.Add(new CriterionSections(key, keys));
                }
            }
            if (problems.Count > 0) return new FormReadResult(null, problems);
            var form = new ApplicationForm(sections, criteria);
            var formProblems = form.Problems();
            return formProblems.Count > 0 ? new FormReadResult(null, formProblems) : new FormReadResult(form, []);
        }
    }

    private static FormSection? ReadSection(JsonFields fields, JsonElement element, string at)
    {
        if (element.ValueKind != JsonValueKind.Object) { fields.Add(at, "must be an object ({ ... })"); return null; }
        var before = fields.Count;
        var key = fields.String(element, "key", at);
        var title = fields.String(element, "title", at);
        var guidance = fields.String(element, "guidance", at, required: false) ?? "";
        var condition = ReadCondition(fields, element, at);
        var questions = new List<Question>();
        if (fields.Array(element, "questions", at) is { } array)
        {
            var q = 0;
            foreach (var item in array.EnumerateArray())
            {
                if (ReadQuestion(fields, item, Location.Item(Location.Field(at, "questions"), q)) is { } question) questions.Add(question);
                q++;
            }
        }
        return fields.Count > before ? null : new FormSection(key!, title!, questions) { Guidance = guidance, ShowWhen = condition };
    }

    private static Question? ReadQuestion(JsonFields fields, JsonElement element, string at)
    {
        if (element.ValueKind != JsonValueKind.Object) { fields.Add(at, "must be an object ({ ... })"); return null; }
        var before = fields.Count;
        var key = fields.String(element, "key", at);
        var kind = fields.OneOf(element, "kind", at, KindsByName);
        var text = fields.String(element, "text", at);
        var label = fields.String(element, "label", at, required: false) ?? "";
        var hint = fields.String(element, "hint", at, required: false) ?? "";
        var ifMissing = fields.String(element, "ifMissing", at, required: false) ?? "";
        var required = fields.Bool(element, "required", at);
        var condition = ReadCondition(fields, element, at);
        TextLimit? limit = null;
        if (fields.Object(element, "limit", at, required: false) is { } limitObject)
        {
            var characters = fields.WholeNumber(limitObject, "characters", Location.Field(at, "limit"));
            var words = fields.WholeNumber(limitObject, "words", Location.Field(at, "limit"), required: false);
            if (characters is { } chars) limit = new TextLimit(chars, words);
        }
        var min = fields.Decimal(element, "min", at, required: false);
        var max = fields.Decimal(element, "max", at, required: false);
        var earliest = ReadDate(fields, element, "earliest", at);
        var latest = ReadDate(fields, element, "latest", at);
        var choices = fields.Strings(element, "choices", at) ?? [];
        var maxRows = fields.WholeNumber(element, "maxRows", at, required: false);
        var maxDocuments = fields.WholeNumber(element, "maxDocuments", at, required: false);
        var maxBytes = fields.Decimal(element, "maxBytes", at, required: false);
        if (maxBytes is { } bytes && (bytes != decimal.Truncate(bytes) || bytes < 0 || bytes > long.MaxValue))
            fields.Add(Location.Field(at, "maxBytes"), "must be a whole number of bytes");
        if (fields.Count > before) return null;
        return new Question(key!, kind!.Value, text!)
        {
            Label = label, Hint = hint, IfMissing = ifMissing, Required = required!.Value, ShowWhen = condition, Limit = limit,
            Min = min, Max = max, Earliest = earliest, Latest = latest, Choices = choices, MaxRows = maxRows, MaxDocuments = maxDocuments,
            MaxBytes = maxBytes is { } size ? (long)size : null,
        };
    }

    private static DateOnly? ReadDate(JsonFields fields, JsonElement element, string name, string at)
    {
        var text = fields.String(element, name, at, required: false);
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        fields.Add(Location.Field(at, name), $"\"{text}\" must be a real date written yyyy-MM-dd");
        return null;
    }

    private static ShowWhen? ReadCondition(JsonFields fields, JsonElement element, string parent)
    {
        if (fields.Object(element, "showWhen", parent, required: false) is not { } condition) return null;
        var at = Location.Field(parent, "showWhen");
        switch (fields.String(condition, "when", at) is { } when ? Conditions.GetValueOrDefault(when) ?? Unknown(fields, at, when) : null)
        {
            case "yesNoIs":
                var question = fields.String(condition, "question", at);
                var yes = fields.Bool(condition, "is", at);
                return question is not null && yes is not null ? new ShowWhen.YesNoIs(question, yes.Value) : null;
            case "chosen":
                var choiceQuestion = fields.String(condition, "question", at);
                var choice = fields.String(condition, "choice", at);
                return choiceQuestion is not null && choice is not null ? new ShowWhen.Chosen(choiceQuestion, choice) : null;
            case "amountOver":
                return fields.Decimal(condition, "amount", at) is { } over ? new ShowWhen.AmountOver(over) : null;
            case "amountAtMost":
                return fields.Decimal(condition, "amount", at) is { } atMost ? new ShowWhen.AmountAtMost(atMost) : null;
            default:
                return null;
        }
    }

    private static string? Unknown(JsonFields fields, string at, string when)
    {
        fields.Add(Location.Field(at, "when"), $"\"{when}\" is not one of {string.Join(", ", Conditions.Keys)}");
        return null;
    }

    private static FormReadResult Refused(Problem problem) => new(null, [problem]);
}
