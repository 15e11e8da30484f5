using System.Text.Json;
using System.Text.Json.Serialization;
using FairFund.Domain.Applications;
using FairFund.Domain.Auditing;
using FairFund.Domain.Rounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FairFund.Web.Data;

public sealed class ApplicationConfiguration : IEntityTypeConfiguration<Application>
{
    public void Configure(EntityTypeBuilder<Application> builder)
    {
        builder.HasKey(a => a.Id);
        builder.HasIndex(a => a.Reference).IsUnique();
        // One application per group per round: starting again opens the one already begun.
        builder.HasIndex(a => new { a.RoundId, a.OrganisationId }).IsUnique();
        builder.Property(a => a.Title).HasMaxLength(1000);
        builder.Ignore(a => a.Budget);
        builder.Ignore(a => a.Partners);
        builder.Ignore(a => a.AmountRequested);
        builder.Ignore(a => a.IsPartnershipBid);
        builder.Ignore(a => a.Project);
        builder.OwnsMany<BudgetLine>("_budget", line =>
        {
            line.ToTable("ApplicationBudgetLines");
            line.WithOwner().HasForeignKey("ApplicationId");
            line.Property<int>("Id");
            line.HasKey("Id");
        });
        builder.OwnsMany<Partner>("_partners", partner =>
        {
            partner.ToTable("ApplicationPartners");
            partner.WithOwner().HasForeignKey("ApplicationId");
            partner.Property<int>("Id");
            partner.HasKey("Id");
        });
        builder.Property(a => a.Reference).HasMaxLength(60);
        builder.Property(a => a.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Decision).HasConversion(DecisionNoticeJson.Converter, DecisionNoticeJson.Comparer).HasColumnName("DecisionJson");
        builder.HasOne<Round>().WithMany().HasForeignKey(a => a.RoundId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<FairFund.Domain.Organisations.OrganisationProfile>().WithMany().HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.Property<Guid>(FairFundDbContext.VersionColumn).IsConcurrencyToken();
        builder.Ignore(a => a.History);
        builder.OwnsMany<StateChange>("_history", change =>
        {
            change.ToTable("ApplicationStateChanges");
            change.WithOwner().HasForeignKey("ApplicationId");
            change.Property<int>("Id");
            change.HasKey("Id");
        });
    }
}

/// <summary>
/// Stores the decision a group was told as JSON in one column: it is written once, when the application
/// is decided, and always read whole. Amounts are JSON numbers written from the decimal, so they come
/// back exactly, penny for penny.
/// </summary>
internal static class DecisionNoticeJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    // EF never passes a null to a converter: an undecided application's column is simply null.
    public static readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DecisionNotice?, string> Converter = new(
        notice => JsonSerializer.Serialize(notice!, Options),
        json => JsonSerializer.Deserialize<DecisionNotice>(json, Options));

    // The notice's lists compare by reference, so two notices are the same when they serialise the same.
    public static readonly ValueComparer<DecisionNotice?> Comparer = new(
        (a, b) => Json(a) == Json(b),
        notice => Json(notice).GetHashCode(StringComparison.Ordinal),
        notice => notice == null ? null : JsonSerializer.Deserialize<DecisionNotice>(JsonSerializer.Serialize(notice, Options), Options));

    private static string Json(DecisionNotice? notice) => notice == null ? "" : JsonSerializer.Serialize(notice, Options);
}
