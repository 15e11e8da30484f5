using FairFund.Domain.Moderation;
using FairFund.Domain.Reviews;
using FairFund.Domain.Rounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FairFund.Web.Data;

/// <summary>A round's panel: one row per invited address, joined to an account once the invite is accepted.</summary>
public sealed class PanelMemberConfiguration : IEntityTypeConfiguration<PanelMember>
{
    public void Configure(EntityTypeBuilder<PanelMember> builder)
    {
        builder.ToTable("PanelMembers");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.HasOne<Round>().WithMany().HasForeignKey(m => m.RoundId).OnDelete(DeleteBehavior.Restrict);
        // One seat per address per round; the link's token finds its invite.
        builder.HasIndex(m => new { m.RoundId, m.Email }).IsUnique();
        builder.HasIndex(m => m.InviteTokenHash).IsUnique();
        builder.Property(m => m.Email).HasMaxLength(256);
        builder.Property(m => m.UserName).HasMaxLength(256);
        builder.Property(m => m.InvitedBy).HasMaxLength(256);
        builder.Property(m => m.InviteTokenHash).HasMaxLength(64);
        builder.Ignore(m => m.HasJoined);
        builder.Property<Guid>(FairFundDbContext.VersionColumn).IsConcurrencyToken();
    }
}

/// <summary>Moderation's overrides: append-only rows, read in the order they were made.</summary>
public sealed class AllocationOverrideConfiguration : IEntityTypeConfiguration<AllocationOverride>
{
    public void Configure(EntityTypeBuilder<AllocationOverride> builder)
    {
        builder.ToTable("AllocationOverrides");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.HasOne<Round>().WithMany().HasForeignKey(o => o.RoundId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(o => new { o.RoundId, o.At });
        builder.Property(o => o.Reference).HasMaxLength(80);
        builder.Property(o => o.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.PotKey).HasMaxLength(60);
        builder.Property(o => o.Reason).HasMaxLength(2000);
        builder.Property(o => o.By).HasMaxLength(256);
    }
}
