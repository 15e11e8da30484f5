using System.Text.Json;
using System.Text.Json.Serialization;
using FairFund.Domain.Allocation;
using FairFund.Domain.Auditing;
using FairFund.Domain.Rounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FairFund.Web.Data;

public sealed class RoundConfiguration : IEntityTypeConfiguration<Round>
{
    /// <summary>The number of the round's latest application reference, kept by <c>ApplicantRecords.StartAsync</c> alone.</summary>
    public const string LastApplicationNumber = "LastApplicationNumber";

    public void Configure(EntityTypeBuilder<Round> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property<int>(LastApplicationNumber);
        builder.HasIndex(r => r.Reference).IsUnique();
        builder.Property(r => r.Reference).HasMaxLength(60);
        builder.Property(r => r.Name).HasMaxLength(200);
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Rules).HasConversion(RulesJson.Converter, RulesJson.Comparer).HasColumnName("RulesDraftJson");
        builder.Property<Guid>(FairFundDbContext.VersionColumn).IsConcurrencyToken();
        builder.Property(r => r.GrantConditions).HasMaxLength(Round.GrantConditionsMaxLength);
        builder.Property(r => r.AfterTheDecisionSetBy).HasMaxLength(256);
        builder.Ignore(r => r.RevealedSeed);
        builder.Ignore(r => r.History);
        builder.OwnsRows<Round, StateChange>("_history", "RoundStateChanges", "RoundId");
    }
}

/// <summary>Stores a round's rules as JSON in one column: they are read and written whole, never queried.</summary>
internal static class RulesJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<RoundSettings, string> Converter = new(
        rules => JsonSerializer.Serialize(rules, Options),
        json => JsonSerializer.Deserialize<RoundSettings>(json, Options)!);

    public static readonly ValueComparer<RoundSettings> Comparer = new(
        (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
        rules => JsonSerializer.Serialize(rules, Options).GetHashCode(StringComparison.Ordinal),
        rules => JsonSerializer.Deserialize<RoundSettings>(JsonSerializer.Serialize(rules, Options), Options)!);
}
