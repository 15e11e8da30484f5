using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace FairFund.Web.Data;

/// <summary>
/// A value kept as JSON in one column: it is always read and written whole, never queried. Two values are the
/// same when they serialise the same, since the records hold lists and dictionaries that compare by reference.
/// The format (web defaults, enums as camel-case names) is what databases already hold; changing it needs a
/// migration of the stored text.
/// </summary>
internal sealed class JsonColumn<T>
    where T : class
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly Func<T?, T> afterRead;

    /// <param name="afterRead">Makes what was read whole (read-only dictionaries, an empty value for a JSON null).</param>
    public JsonColumn(Func<T?, T>? afterRead = null)
    {
        this.afterRead = afterRead ?? (value => value!);
        // EF never passes a null to a converter: a null value's column is simply null.
        Converter = new ValueConverter<T, string>(value => JsonSerializer.Serialize(value, Options), json => Read(json));
        Comparer = new ValueComparer<T>(
            (a, b) => Json(a) == Json(b),
            value => Json(value).GetHashCode(StringComparison.Ordinal),
            value => value == null ? null! : Read(Json(value)));
    }

    public ValueConverter<T, string> Converter { get; }

    public ValueComparer<T> Comparer { get; }

    private T Read(string json) => afterRead(JsonSerializer.Deserialize<T>(json, Options));

    private static string Json(T? value) => value == null ? "" : JsonSerializer.Serialize(value, Options);
}

internal static class JsonColumnMapping
{
    /// <summary>Keeps the property as JSON in the named column (see <see cref="JsonColumn{T}"/>).</summary>
    public static PropertyBuilder<TProperty> HasJsonColumn<TProperty, T>(this PropertyBuilder<TProperty> property, JsonColumn<T> json, string columnName)
        where T : class =>
        property.HasConversion(json.Converter, json.Comparer).HasColumnName(columnName);
}
