using FairFund.Web.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace FairFund.Web.Data;

/// <summary>
/// The outbox. Its times are stored as UTC ticks: SQLite cannot compare DateTimeOffset in SQL, and the
/// dispatcher must find due messages there rather than load every message ever sent.
/// </summary>
public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    private static readonly ValueConverter<DateTimeOffset, long> UtcTicks = new(value => value.UtcTicks, ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
    private static readonly ValueConverter<DateTimeOffset?, long?> OptionalUtcTicks = new(
        value => value.HasValue ? value.Value.UtcTicks : null,
        ticks => ticks.HasValue ? new DateTimeOffset(ticks.Value, TimeSpan.Zero) : null);

    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.HasIndex(m => m.MessageId).IsUnique();
        builder.HasIndex(m => m.DedupKey).IsUnique();
        builder.HasIndex(m => new { m.SentAt, m.FailedAt, m.NextAttemptAt });
        builder.HasIndex(m => m.RelatedReference);
        builder.Property(m => m.MessageId).HasMaxLength(200);
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(m => m.To).HasMaxLength(256);
        builder.Property(m => m.Subject).HasMaxLength(500);
        builder.Property(m => m.RelatedReference).HasMaxLength(80);
        builder.Property(m => m.DedupKey).HasMaxLength(200);
        builder.Property(m => m.LastError).HasMaxLength(2000);
        builder.Property(m => m.CreatedAt).HasConversion(UtcTicks);
        builder.Property(m => m.NextAttemptAt).HasConversion(UtcTicks);
        builder.Property(m => m.LastAttemptAt).HasConversion(OptionalUtcTicks);
        builder.Property(m => m.SentAt).HasConversion(OptionalUtcTicks);
        builder.Property(m => m.FailedAt).HasConversion(OptionalUtcTicks);
        builder.Ignore(m => m.IsPending);
    }
}
