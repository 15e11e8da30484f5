using System.Globalization;
using System.Text.Json.Nodes;

namespace FairFund.Tests.Builders;

/// <summary>
/// The text of a small valid round file (two criteria, one rule of each kind, one ring-fenced pot,
/// two applications); <see cref="With"/> and <see cref="Without"/> change one field, found by the
/// same path a problem is reported at (<c>applications[0].reviews[1].scores.need</c>).
/// </summary>
public sealed class RoundFileJson
{
    /// <summary>
    /// Valid as it stands. Optional fields are left out on purpose: <c>incomeBands</c> (so the
    /// default bands apply), <c>eligible</c> and <c>conflict</c> (except one declared conflict).
    /// Line 6 holds the budget and line 7 the seed, which the malformed-JSON tests rely on.
    /// </summary>
    public const string ValidText = """
        {
          "round": {
            "reference": "TEST-R1",
            "name": "Test round",
            "currency": "GBP",
            "budget": 100000.00,
            "seed": "published-test-seed",
            "criteria": [
              { "key": "need", "title": "Local need", "weight": 3, "min": 0, "max": 4 },
              { "key": "approach", "title": "Approach", "weight": 2, "min": 0, "max": 4 }
            ],
            "aggregation": "mean",
            "minReviews": 2,
            "threshold": 50.00,
            "lotteryBand": { "from": 55.00, "to": 65.00 },
            "grantMin": 1000.00,
            "grantMax": 25000.00,
            "whenTooBig": "skip",
            "partialMinFraction": 0.5,
            "rules": [
              { "kind": "multiplier", "name": "Micro organisation", "when": { "incomeBands": ["micro"] }, "factor": 1.20 },
              { "kind": "bonus", "name": "Led by people with lived experience", "when": { "flags": ["livedExperienceLed"] }, "points": 5 }
            ],
            "pots": [
              { "key": "grassroots", "name": "Grassroots ring-fence", "share": 0.40, "when": { "incomeBands": ["micro", "small"] } }
            ],
            "rollover": true
          },
          "applications": [
            {
              "reference": "APP-1",
              "organisation": { "name": "Foleshill Peer Support", "annualIncome": 8400, "flags": ["livedExperienceLed"] },
              "requested": 5000.00,
              "reviews": [
                { "reviewer": "P1", "scores": { "need": 3, "approach": 2 } },
                { "reviewer": "P2", "scores": { "need": 4, "approach": 3 } }
              ]
            },
            {
              "reference": "APP-2",
              "organisation": { "name": "Nuneaton Carers Network", "annualIncome": 240000 },
              "requested": 20000.00,
              "reviews": [
                { "reviewer": "P1", "scores": { "need": 2, "approach": 2 } },
                { "reviewer": "P3", "conflict": true, "scores": { "need": 4, "approach": 4 } },
                { "reviewer": "P2", "scores": { "need": 3, "approach": 2 } }
              ]
            }
          ]
        }
        """;

    /// <summary>The default income bands written out, for tests that change one band.</summary>
    public const string DefaultIncomeBands = """
        [
          { "key": "micro", "upTo": 10000 }, { "key": "small", "upTo": 100000 },
          { "key": "medium", "upTo": 1000000 }, { "key": "large", "upTo": 10000000 },
          { "key": "major", "upTo": null }
        ]
        """;

    private readonly JsonObject root;

    private RoundFileJson(JsonObject root) => this.root = root;

    public static RoundFileJson Valid() => new(JsonNode.Parse(ValidText)!.AsObject());

    /// <summary>
    /// A copy with the field at <paramref name="path"/> set to <paramref name="json"/> (raw JSON:
    /// <c>"7"</c>, <c>"\"text\""</c>, <c>"null"</c>, <c>"[]"</c>). A missing field is added, and an
    /// index one past the end of a list appends to it.
    /// </summary>
    public RoundFileJson With(string path, string json) => Change(path, (parent, step) =>
    {
        var value = JsonNode.Parse(json);
        if (step is string name) parent.AsObject()[name] = value;
        else if ((int)step == parent.AsArray().Count) parent.AsArray().Add(value);
        else parent.AsArray()[(int)step] = value;
    });

    /// <summary>A copy with the field (or list item) at <paramref name="path"/> left out.</summary>
    public RoundFileJson Without(string path) => Change(path, (parent, step) =>
    {
        if (step is string name)
        {
            if (!parent.AsObject().Remove(name)) throw new ArgumentException($"{path} is not in the file", nameof(path));
        }
        else parent.AsArray().RemoveAt((int)step);
    });

    public override string ToString() => root.ToJsonString();

    private RoundFileJson Change(string path, Action<JsonNode, object> change)
    {
        var copy = root.DeepClone().AsObject();
        var steps = Steps(path);
        JsonNode parent = copy;
        foreach (var step in steps.Take(steps.Count - 1))
        {
            parent = (step is string name ? parent[name] : parent[(int)step])
                ?? throw new ArgumentException($"{path} is not in the file", nameof(path));
        }
        change(parent, steps[^1]);
        return new RoundFileJson(copy);
    }

    /// <summary>"applications[0].reviews" gives "applications", 0, "reviews".</summary>
    private static List<object> Steps(string path)
    {
        var steps = new List<object>();
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            steps.Add(bracket < 0 ? part : part[..bracket]);
            if (bracket < 0) continue;
            foreach (var index in part[(bracket + 1)..^1].Split("]["))
                steps.Add(int.Parse(index, CultureInfo.InvariantCulture));
        }
        return steps;
    }
}
