using FairFund.Domain.Applications;
using FairFund.Domain.Rounds;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Data;

/// <summary>
/// FairFund's database. Domain types are mapped by the configurations beside this file, so the domain
/// never references EF. Every record two people can edit carries a <see cref="VersionColumn"/> that
/// changes on each save, so a stale second save is refused rather than silently winning.
/// </summary>
public sealed class FairFundDbContext(DbContextOptions<FairFundDbContext> options) : IdentityDbContext<IdentityUser>(options)
{
    public const string VersionColumn = "Version";

    public DbSet<Round> Rounds => Set<Round>();
    public DbSet<Application> Applications => Set<Application>();
    public DbSet<FairFund.Domain.Organisations.OrganisationProfile> Organisations => Set<FairFund.Domain.Organisations.OrganisationProfile>();
    public DbSet<OrganisationMember> OrganisationMembers => Set<OrganisationMember>();
    public DbSet<FairFund.Domain.Reviews.PanelReview> PanelReviews => Set<FairFund.Domain.Reviews.PanelReview>();
    public DbSet<FairFund.Domain.Reviews.PanelMember> PanelMembers => Set<FairFund.Domain.Reviews.PanelMember>();
    public DbSet<FairFund.Domain.Moderation.AllocationOverride> AllocationOverrides => Set<FairFund.Domain.Moderation.AllocationOverride>();
    public DbSet<FairFund.Web.Email.OutboxMessage> OutboxMessages => Set<FairFund.Web.Email.OutboxMessage>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(FairFundDbContext).Assembly);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void StampVersions()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            if (entry.Metadata.FindProperty(VersionColumn) is not null) entry.Property(VersionColumn).CurrentValue = Guid.NewGuid();
        }
    }
}
