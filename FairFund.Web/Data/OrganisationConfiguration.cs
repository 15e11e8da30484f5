using FairFund.Domain.Organisations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FairFund.Web.Data;

public sealed class OrganisationConfiguration : IEntityTypeConfiguration<OrganisationProfile>
{
    public void Configure(EntityTypeBuilder<OrganisationProfile> builder)
    {
        builder.ToTable("Organisations");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Name).HasMaxLength(200);
        builder.Property(o => o.Type).HasConversion<string>().HasMaxLength(40);
        builder.Property(o => o.CharityRegulator).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.CharityNumber).HasMaxLength(12);
        builder.Property(o => o.CompanyNumber).HasMaxLength(8);
        builder.Property(o => o.Postcode).HasMaxLength(8);
        builder.Property<Guid>(FairFundDbContext.VersionColumn).IsConcurrencyToken();
        builder.Ignore(o => o.OrgId);
        builder.Ignore(o => o.Flags);
        builder.Ignore(o => o.Details);
        builder.Ignore(o => o.Contacts);
        builder.OwnsRows<OrganisationProfile, Contact>("_contacts", "OrganisationContacts", "OrganisationId");
    }
}

/// <summary>
/// Who may act for an organisation: links a sign-in account to the group it applies for. An account acts
/// for one group, which the database enforces, so two quick first saves cannot create two groups.
/// </summary>
public sealed class OrganisationMember
{
    public Guid OrganisationId { get; set; }
    public string UserId { get; set; } = "";
}

public sealed class OrganisationMemberConfiguration : IEntityTypeConfiguration<OrganisationMember>
{
    public void Configure(EntityTypeBuilder<OrganisationMember> builder)
    {
        builder.HasKey(member => new { member.OrganisationId, member.UserId });
        builder.HasOne<OrganisationProfile>().WithMany().HasForeignKey(member => member.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<IdentityUser>().WithMany().HasForeignKey(member => member.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(member => member.UserId).IsUnique();
    }
}
