using System.Globalization;
using System.Text.Json;
using FairFund.Domain.Validation;

namespace FairFund.Domain.RoundFiles;

/// <summary>
/// Reads typed fields out of a JSON object, recording a located problem for each one that is
/// missing or of the wrong kind instead of stopping at the first.
/// </summary>
internal sealed class JsonFields(List<Problem> problems)
{
    public int Count => problems.Count;

    public void Add(string at, string message) => problems.Add(new Problem(at, message));

    /// <summary>The field's value, or null when it is absent (a problem only if required) or JSON null.</summary>
    public JsonElement? Get(JsonElement parent, string name, string at, bool required)
    {
        if (parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null) return value;
        if (required)
        {
            var present = parent.TryGetProperty(name, out _);
            Add(Location.Field(at, name), present ? "must not be null" : "is missing");
        }
        return null;
    }

    public JsonElement? Object(JsonElement parent, string name, string at, bool required = true)
    {
        var value = Get(parent, name, at, required);
        if (value is null) return null;
        if (value.Value.ValueKind == JsonValueKind.Object) return value;
        Add(Location.Field(at, name), $"must be an object ({{ ... }}), not {Describe(value.Value)}");
        return null;
    }

    public JsonElement? Array(JsonElement parent, string name, string at, bool required = true)
    {
        var value = Get(parent, name, at, required);
        if (value is null) return null;
        if (value.Value.ValueKind == JsonValueKind.Array) return value;
        Add(Location.Field(at, name), $"must be a list ([ ... ]), not {Describe(value.Value)}");
        return null;
    }

    public string? String(JsonElement parent, string name, string at, bool required = true)
    {
        var value = Get(parent, name, at, required);
        if (value is null) return null;
        if (value.Value.ValueKind == JsonValueKind.String) return value.Value.GetString();
        Add(Location.Field(at, name), $"must be text in quotes, not {Describe(value.Value)}");
        return null;
    }

    public decimal? Decimal(JsonElement parent, string name, string at, bool required = true)
    {
        var value = Get(parent, name, at, required);
        return value is null ? null : Decimal(value.Value, Location.Field(at, name));
    }

    public decimal? Decimal(JsonElement value, string at)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number)) return number;
        Add(at, value.ValueKind == JsonValueKind.Number ? $"{value.GetRawText()} is too large" : $"must be a number, not {Describe(value)}");
        return null;
    }

    public int? WholeNumber(JsonElement parent, string name, string at, bool required = true)
    {
        var value = Get(parent, name, at, required);
        return value is null ? null : WholeNumber(value.Value, Location.Field(at, name));
    }

    public int? WholeNumber(JsonElement value, string at)
    {
        var number = Decimal(value, at);
        if (number is null) return null;
        if (number.Value == decimal.Truncate(number.Value) && number.Value is >= int.MinValue and <= int.MaxValue) return (int)number.Value;
        Add(at, $"{value.GetRawText()} must be a whole number");
        return null;
    }

    public bool? Bool(JsonElement parent, string name, string at, bool required = true)
    {
        var value = Get(parent, name, at, required);
        if (value is null) return null;
        if (value.Value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.Value.GetBoolean();
        Add(Location.Field(at, name), $"must be true or false, not {Describe(value.Value)}");
        return null;
    }

    /// <summary>A list of strings; null when absent (and not required).</summary>
    public List<string>? Strings(JsonElement parent, string name, string at, bool required = false)
    {
        var array = Array(parent, name, at, required);
        if (array is null) return null;
        var strings = new List<string>();
        var index = 0;
        foreach (var item in array.Value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String) strings.Add(item.GetString()!);
            else Add(Location.Item(Location.Field(at, name), index), $"must be text in quotes, not {Describe(item)}");
            index++;
        }
        return strings;
    }

    public T? OneOf<T>(JsonElement parent, string name, string at, IReadOnlyDictionary<string, T> allowed, bool required = true) where T : struct
    {
        var text = String(parent, name, at, required);
        if (text is null) return null;
        if (allowed.TryGetValue(text, out var value)) return value;
        Add(Location.Field(at, name), $"\"{text}\" is not one of {string.Join(", ", allowed.Keys)}");
        return null;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the text \"{Shorten(value.GetString()!)}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"{value.GetRawText()}",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        _ => value.ValueKind.ToString().ToLower(CultureInfo.InvariantCulture),
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
