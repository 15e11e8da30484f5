using FairFund.Domain.Applications;
using FairFund.Domain.Auditing;
using FairFund.Domain.Rounds;
using Microsoft.EntityFrameworkCore;
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
