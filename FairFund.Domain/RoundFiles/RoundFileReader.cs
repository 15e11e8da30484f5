using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FairFund.Domain.Allocation;
using FairFund.Domain.Forms;
using FairFund.Domain.Organisations;
using FairFund.Domain.Scoring;
using FairFund.Domain.Validation;

namespace FairFund.Domain.RoundFiles;

/// <summary>The outcome of reading a round file: the round, or every problem found in it.</summary>
public sealed record RoundFileReadResult(RoundFile? File, IReadOnlyList<Problem> Problems)
{
    public bool IsValid => File is not null;
}

/// <summary>
/// Reads and checks a round file (its shape is described in docs/round-files.md). A file with
/// any problem is refused whole, with every problem listed by where it is, so a funder can fix
/// them all in one go.
/// </summary>
public static partial class RoundFileReader
{
    private static readonly Dictionary<string, Aggregation> Aggregations = new(StringComparer.Ordinal)
    {
        ["mean"] = Aggregation.Mean,
        ["median"] = Aggregation.Median,
        ["trimmedMean"] = Aggregation.TrimmedMean,
    };

    private static readonly Dictionary<string, WhenTooBig> Policies = new(StringComparer.Ordinal)
    {
        ["skip"] = WhenTooBig.Skip,
        ["stop"] = WhenTooBig.Stop,
        ["partial"] = WhenTooBig.Partial,
    };

    private static readonly Dictionary<string, EquityRuleKind> RuleKinds = new(StringComparer.Ordinal)
    {
        ["multiplier"] = EquityRuleKind.Multiplier,
        ["bonus"] = EquityRuleKind.Bonus,
    };

    public static RoundFileReadResult Read(string json) => Read(Encoding.UTF8.GetBytes(json));

    /// <summary>Reads a round file from its UTF-8 bytes, as it is stored, without first making a copy as text.</summary>
    public static RoundFileReadResult Read(ReadOnlyMemory<byte> utf8Json)
    {
        // Files saved by Windows Notepad and Excel often start with a byte order mark.
        if (utf8Json.Span.StartsWith(Encoding.UTF8.Preamble)) utf8Json = utf8Json[Encoding.UTF8.Preamble.Length..];
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException error)
        {
            var line = error.LineNumber ?? 0;
            return Refused(new Problem(
                $"line {line + 1}, column {Column(utf8Json.Span, line, error.BytePositionInLine ?? 0)}",
                $"the file is not valid JSON: {PlainJsonMessage(error.Message)}"));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return Refused(new Problem("", "a round file must be a JSON object with \"round\" and \"applications\""));

            var problems = new List<Problem>();
            AddDuplicateFields(root, "", problems);
            var fields = new JsonFields(problems);
            // The criteria are passed on even when the rest of the round has problems, so that the
            // reviews' scores are still checked and every problem is listed in one go.
            List<Criterion>? criteria = null;
            var settings = fields.Object(root, "round", "") is { } round ? ReadSettings(fields, round, "round", out criteria) : null;
            var form = ReadForm(fields, root, criteria);
            var applications = ReadApplications(fields, root, criteria, form);

            if (settings is not null) problems.AddRange(settings.Check("round"));
            if (criteria is not null && applications is not null) problems.AddRange(RoundChecks.CheckApplications(criteria, applications));
            return problems.Count > 0 || settings is null || applications is null
                ? new RoundFileReadResult(null, problems)
                : new RoundFileReadResult(new RoundFile(settings, applications) { Form = form.Form }, problems);
        }
    }

    private static RoundFileReadResult Refused(Problem problem) => new(null, [problem]);

    /// <summary>
    /// JSON allows a field twice in one object and the last one silently wins, so a hand-edited
    /// <c>"budget"</c> could hide another. Every repeat is a problem.
    /// </summary>
    private static void AddDuplicateFields(JsonElement element, string at, List<Problem> problems)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in element.EnumerateArray()) AddDuplicateFields(item, Location.Item(at, index++), problems);
            return;
        }
        if (element.ValueKind != JsonValueKind.Object) return;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var here = Location.Field(at, property.Name);
            if (!seen.Add(property.Name)) problems.Add(new Problem(here, "appears more than once; keep only one"));
            AddDuplicateFields(property.Value, here, problems);
        }
    }

    private static RoundSettings? ReadSettings(JsonFields fields, JsonElement round, string at, out List<Criterion>? criteria)
    {
        var reference = fields.String(round, "reference", at);
        var name = fields.String(round, "name", at, required: false);
        var currency = fields.String(round, "currency", at, required: false) ?? "GBP";
        var budget = fields.Decimal(round, "budget", at);
        var seed = fields.String(round, "seed", at);
        criteria = ReadList(fields, round, "criteria", at, ReadCriterion);
        var aggregation = fields.OneOf(round, "aggregation", at, Aggregations);
        var minReviews = fields.WholeNumber(round, "minReviews", at);
        var threshold = fields.Decimal(round, "threshold", at);
        var lotteryBand = ReadLotteryBand(fields, round, at, out var lotteryBandOk);
        var grantMin = fields.Decimal(round, "grantMin", at);
        var grantMax = fields.Decimal(round, "grantMax", at);
        var whenTooBig = fields.OneOf(round, "whenTooBig", at, Policies);
        var partialMinFraction = fields.Decimal(round, "partialMinFraction", at, required: whenTooBig == WhenTooBig.Partial);
        var bands = round.TryGetProperty("incomeBands", out _)
            ? ReadList(fields, round, "incomeBands", at, ReadBand) is { } read ? new IncomeBands(read) : null
            : IncomeBands.Default;
        var rules = ReadList(fields, round, "rules", at, ReadRule);
        var pots = ReadList(fields, round, "pots", at, ReadPot);
        var rollover = fields.Bool(round, "rollover", at, required: pots is { Count: > 0 }) ?? false;

        if (reference is null || budget is null || seed is null || criteria is null || aggregation is null || minReviews is null
            || threshold is null || !lotteryBandOk || grantMin is null || grantMax is null || whenTooBig is null
            || bands is null || rules is null || pots is null)
        {
            return null;
        }
        return new RoundSettings(reference, name ?? reference, currency, budget.Value, seed, criteria, aggregation.Value,
            minReviews.Value, threshold.Value, lotteryBand, grantMin.Value, grantMax.Value, whenTooBig.Value,
            partialMinFraction ?? 0m, bands, rules, pots, rollover);
    }

    private static LotteryBand? ReadLotteryBand(JsonFields fields, JsonElement round, string at, out bool ok)
    {
        ok = true;
        if (!round.TryGetProperty("lotteryBand", out var value) || value.ValueKind == JsonValueKind.Null) return null;
        var band = fields.Object(round, "lotteryBand", at);
        if (band is null) { ok = false; return null; }
        var here = Location.Field(at, "lotteryBand");
        var from = fields.Decimal(band.Value, "from", here);
        var to = fields.Decimal(band.Value, "to", here);
        if (from is null || to is null) { ok = false; return null; }
        return new LotteryBand(from.Value, to.Value);
    }

    private static Criterion? ReadCriterion(JsonFields fields, JsonElement criterion, string at)
    {
        var key = fields.String(criterion, "key", at);
        var title = fields.String(criterion, "title", at, required: false);
        var guidance = fields.String(criterion, "guidance", at, required: false);
        var descriptors = fields.Strings(criterion, "descriptors", at);
        var weight = fields.Decimal(criterion, "weight", at);
        var min = fields.WholeNumber(criterion, "min", at);
        var max = fields.WholeNumber(criterion, "max", at);
        return key is null || weight is null || min is null || max is null
            ? null
            : new Criterion(key, title ?? key, weight.Value, min.Value, max.Value) { Guidance = guidance ?? "", Descriptors = descriptors ?? [] };
    }

    private static IncomeBand? ReadBand(JsonFields fields, JsonElement band, string at)
    {
        var key = fields.String(band, "key", at);
        var upTo = fields.Decimal(band, "upTo", at, required: false);
        if (band.TryGetProperty("upTo", out var raw) && raw.ValueKind is not (JsonValueKind.Null or JsonValueKind.Number)) return null;
        return key is null ? null : new IncomeBand(key, upTo);
    }

    private static EquityRule? ReadRule(JsonFields fields, JsonElement rule, string at)
    {
        var kind = fields.OneOf(rule, "kind", at, RuleKinds);
        var name = fields.String(rule, "name", at);
        var when = ReadCondition(fields, rule, at);
        if (kind is null || name is null || when is null) return null;
        if (kind == EquityRuleKind.Multiplier)
        {
            var factor = fields.Decimal(rule, "factor", at);
            return factor is null ? null : EquityRule.Multiplier(name, when, factor.Value);
        }
        var points = fields.Decimal(rule, "points", at);
        return points is null ? null : EquityRule.Bonus(name, when, points.Value);
    }

    private static RingFencedPot? ReadPot(JsonFields fields, JsonElement pot, string at)
    {
        var key = fields.String(pot, "key", at);
        var name = fields.String(pot, "name", at, required: false);
        var share = fields.Decimal(pot, "share", at);
        var when = ReadCondition(fields, pot, at);
        return key is null || share is null || when is null ? null : new RingFencedPot(key, name ?? key, share.Value, when);
    }

    /// <summary>A <c>when</c> object; a missing one means "always", as <c>{}</c> does.</summary>
    private static Condition? ReadCondition(JsonFields fields, JsonElement parent, string at)
    {
        if (!parent.TryGetProperty("when", out _)) return Condition.Always;
        var when = fields.Object(parent, "when", at);
        if (when is null) return null;
        var here = Location.Field(at, "when");
        var before = ProblemCount(fields);
        var bands = fields.Strings(when.Value, "incomeBands", here);
        var flags = fields.Strings(when.Value, "flags", here);
        return ProblemCount(fields) > before ? null : new Condition(bands, flags);
    }

    /// <summary>Whether the file has a <c>"form"</c>, and the form when it could be read.</summary>
    private sealed record FileForm(bool Present, ApplicationForm? Form);

    /// <summary>
    /// The optional <c>"form"</c>: the round's form as <see cref="FormJson"/> writes it, with its problems located under
    /// <c>form</c>, and the sections it names for criteria checked against the round's criteria.
    /// </summary>
    private static FileForm ReadForm(JsonFields fields, JsonElement root, IReadOnlyList<Criterion>? criteria)
    {
        if (!root.TryGetProperty("form", out var element) || element.ValueKind == JsonValueKind.Null) return new FileForm(false, null);
        if (fields.Object(root, "form", "") is not { } formObject) return new FileForm(true, null);
        var read = FormJson.Read(formObject.GetRawText());
        foreach (var problem in read.Problems) fields.Add(Location.Field("form", problem.Location), problem.Message);
        if (read.Form is not { } form) return new FileForm(true, null);
        IReadOnlyList<Problem> withCriteria = criteria is null ? [] : form.Problems(criteria);
        foreach (var problem in withCriteria) fields.Add(Location.Field("form", problem.Location), problem.Message);
        return new FileForm(true, withCriteria.Count == 0 ? form : null);
    }

    private static List<ApplicationEntry>? ReadApplications(JsonFields fields, JsonElement root, IReadOnlyList<Criterion>? criteria, FileForm form) =>
        ReadList(fields, root, "applications", "", (f, application, at) => ReadApplication(f, application, at, criteria, form));

    private static ApplicationEntry? ReadApplication(JsonFields fields, JsonElement application, string at, IReadOnlyList<Criterion>? criteria, FileForm form)
    {
        var reference = fields.String(application, "reference", at);
        var organisation = fields.Object(application, "organisation", at) is { } org ? ReadOrganisation(fields, org, Location.Field(at, "organisation")) : null;
        var requested = fields.Decimal(application, "requested", at);
        var eligible = fields.Bool(application, "eligible", at, required: false) ?? true;
        var ineligibleReason = fields.String(application, "ineligibleReason", at, required: false);
        var reviews = ReadList(fields, application, "reviews", at, (f, review, here) => ReadReview(f, review, here, criteria));
        var answers = ReadAnswers(fields, application, at, form);
        if (answers is not null && requested is { } asked && form.Form is { } onForm && answers[FixedQuestions.Budget] is not null
            && onForm.AmountRequested(answers) is var total && total != asked)
        {
            fields.Add(Location.Field(at, "requested"), string.Create(CultureInfo.InvariantCulture, $"{asked} is not the total of the budget in the answers ({total}): the amount requested is the budget's total"));
        }
        return reference is null || organisation is null || requested is null || reviews is null || answers is null
            ? null
            : new ApplicationEntry(reference, organisation, requested.Value, eligible, ineligibleReason, reviews) { Answers = answers };
    }

    /// <summary>
    /// The optional <c>"answers"</c>: an object of answers by question key, each as <see cref="AnswerJson"/> writes it, to
    /// questions on the file's form of the kind they take. Empty when absent; null when any problem was found.
    /// </summary>
    private static FormAnswers? ReadAnswers(JsonFields fields, JsonElement application, string at, FileForm form)
    {
        if (!application.TryGetProperty("answers", out var raw) || raw.ValueKind == JsonValueKind.Null) return FormAnswers.Empty;
        var here = Location.Field(at, "answers");
        if (!form.Present)
        {
            fields.Add(here, "answers need the round's form: add \"form\" to the file, as the round published it, or leave the answers out");
            return null;
        }
        if (fields.Object(application, "answers", at) is not { } answersObject) return null;
        var before = fields.Count;
        var answers = FormAnswers.Empty;
        foreach (var property in answersObject.EnumerateObject())
        {
            var key = Location.Field(here, property.Name);
            if (AnswerJson.Read(property.Value.GetRawText()) is not { } answer)
            {
                fields.Add(key, "is not an answer: write it as {\"text\": \"…\"}, {\"number\": 12}, {\"money\": 150.50}, {\"date\": \"2027-06-01\"}, " +
                    "{\"yesNo\": true}, {\"choices\": [\"…\"]}, {\"budget\": [{\"item\": \"…\", \"cost\": 150}]} or {\"partners\": [{\"name\": \"…\", \"role\": \"…\"}]}");
                continue;
            }
            if (form.Form is { } asked)
            {
                if (asked.Find(property.Name) is not { } question)
                {
                    fields.Add(key, $"\"{property.Name}\" is not a question on the round's form");
                    continue;
                }
                if (!answer.Fits(question.Kind))
                {
                    fields.Add(key, $"\"{question.Name}\" takes {AnswerShape(question.Kind)}");
                    continue;
                }
            }
            answers = answers.With(property.Name, answer);
        }
        return fields.Count > before ? null : answers;
    }

    /// <summary>The answer a question of this kind takes, as the file writes it.</summary>
    private static string AnswerShape(QuestionKind kind) => kind switch
    {
        QuestionKind.WholeNumber => "a whole number, {\"number\": 12}",
        QuestionKind.Money => "an amount, {\"money\": 150.50}",
        QuestionKind.Date => "a date, {\"date\": \"2027-06-01\"}",
        QuestionKind.YesNo => "yes or no, {\"yesNo\": true}",
        QuestionKind.OneChoice or QuestionKind.SeveralChoices => "choices, {\"choices\": [\"…\"]}",
        QuestionKind.BudgetTable => "budget lines, {\"budget\": [{\"item\": \"…\", \"cost\": 150}]}",
        QuestionKind.PartnerTable => "partners, {\"partners\": [{\"name\": \"…\", \"role\": \"…\"}]}",
        QuestionKind.Documents => "no answer: documents are not carried in a round file",
        _ => "text, {\"text\": \"…\"}",
    };

    private static Organisation? ReadOrganisation(JsonFields fields, JsonElement organisation, string at)
    {
        var name = fields.String(organisation, "name", at);
        var income = fields.Decimal(organisation, "annualIncome", at);
        var flags = fields.Strings(organisation, "flags", at) ?? [];
        return name is null || income is null ? null : new Organisation(name, income.Value, flags);
    }

    private static Review? ReadReview(JsonFields fields, JsonElement review, string at, IReadOnlyList<Criterion>? criteria)
    {
        var reviewer = fields.String(review, "reviewer", at);
        var conflict = fields.Bool(review, "conflict", at, required: false) ?? false;
        var scoresObject = fields.Object(review, "scores", at);
        if (reviewer is null || scoresObject is null || criteria is null) return null;

        var here = Location.Field(at, "scores");
        var scores = new int[criteria.Count];
        var complete = true;
        for (var c = 0; c < criteria.Count; c++)
        {
            if (!scoresObject.Value.TryGetProperty(criteria[c].Key, out var value))
            {
                fields.Add(Location.Field(here, criteria[c].Key), "is missing: every criterion must be scored");
                complete = false;
            }
            else if (fields.WholeNumber(value, Location.Field(here, criteria[c].Key)) is { } score) scores[c] = score;
            else complete = false;
        }
        foreach (var property in scoresObject.Value.EnumerateObject())
        {
            if (criteria.Any(criterion => criterion.Key == property.Name)) continue;
            fields.Add(Location.Field(here, property.Name),
                $"\"{property.Name}\" is not one of the round's criteria ({string.Join(", ", criteria.Select(criterion => criterion.Key))})");
            complete = false;
        }
        return complete ? new Review(reviewer, conflict, scores) : null;
    }

    /// <summary>Reads each item of a list; null if the list is missing or any item could not be read.</summary>
    private static List<T>? ReadList<T>(JsonFields fields, JsonElement parent, string name, string at, Func<JsonFields, JsonElement, string, T?> readItem)
        where T : class
    {
        var array = fields.Array(parent, name, at);
        if (array is null) return null;
        var items = new List<T>();
        var complete = true;
        var index = 0;
        foreach (var element in array.Value.EnumerateArray())
        {
            var here = Location.Item(Location.Field(at, name), index++);
            if (element.ValueKind != JsonValueKind.Object)
            {
                fields.Add(here, "must be an object ({ ... })");
                complete = false;
                continue;
            }
            if (readItem(fields, element, here) is { } item) items.Add(item);
            else complete = false;
        }
        return complete ? items : null;
    }

    private static int ProblemCount(JsonFields fields) => fields.Count;

    /// <summary>
    /// The one-based column a person counts to: System.Text.Json gives the position in UTF-8 bytes,
    /// so a line with "£" or "é" before the fault would otherwise point past it.
    /// </summary>
    private static long Column(ReadOnlySpan<byte> utf8Json, long line, long bytePosition)
    {
        var start = 0;
        for (var i = 0; i < line; i++)
        {
            var next = utf8Json[start..].IndexOf((byte)'\n');
            if (next < 0) return bytePosition + 1;
            start += next + 1;
        }
        var lineBytes = utf8Json[start..];
        return Encoding.UTF8.GetCharCount(lineBytes[..(int)Math.Min(bytePosition, lineBytes.Length)]) + 1;
    }

    /// <summary>System.Text.Json's message ends with its own zero-based position; ours is given as the location.</summary>
    private static string PlainJsonMessage(string message) => JsonPosition().Replace(message, "").Trim();

    [GeneratedRegex(@"\s*(Path: \S*\s*\|\s*)?LineNumber: \d+ \| BytePositionInLine: \d+\.?")]
    private static partial Regex JsonPosition();
}
