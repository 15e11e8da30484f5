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
/// On SQLite every write waits its turn at the app's <see cref="SqliteWriteGate"/> first (see <see cref="WriteTurnAsync"/>).
/// </summary>
public sealed class FairFundDbContext(DbContextOptions<FairFundDbContext> options, SqliteWriteGate? writeGate = null) : IdentityDbContext<IdentityUser>(options)
{
    // How many nested turns this context holds: a save inside InOneWriteAsync already has the turn.
    private int _turnsHeld;

    public const string VersionColumn = "Version";

    public DbSet<Round> Rounds => Set<Round>();
    public DbSet<Application> Applications => Set<Application>();
    public DbSet<FairFund.Domain.Organisations.OrganisationProfile> Organisations => Set<FairFund.Domain.Organisations.OrganisationProfile>();
    public DbSet<OrganisationMember> OrganisationMembers => Set<OrganisationMember>();
    public DbSet<FairFund.Domain.Reviews.PanelReview> PanelReviews => Set<FairFund.Domain.Reviews.PanelReview>();
    public DbSet<FairFund.Domain.Reviews.PanelMember> PanelMembers => Set<FairFund.Domain.Reviews.PanelMember>();
    public DbSet<FairFund.Domain.Moderation.AllocationOverride> AllocationOverrides => Set<FairFund.Domain.Moderation.AllocationOverride>();
    public DbSet<FairFund.Web.Email.OutboxMessage> OutboxMessages => Set<FairFund.Web.Email.OutboxMessage>();
    public DbSet<FairFund.Domain.Grants.Grant> Grants => Set<FairFund.Domain.Grants.Grant>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(FairFundDbContext).Assembly);
    }

    // The turn is taken here rather than in an interceptor because EF does not tell interceptors about a save that
    // failed on a concurrency check, and a turn never given back would stop every later write.
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampVersions();
        using var turn = TakeWriteTurn();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampVersions();
        using var turn = await WriteTurnAsync(cancellationToken);
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// Waits for this context's turn to write (on SQLite; elsewhere at once). <c>SaveChanges</c> takes it itself;
    /// a write that bypasses it (<c>ExecuteUpdate</c>) takes it here, and disposes it once committed.
    /// </summary>
    public async ValueTask<WriteTurn> WriteTurnAsync(CancellationToken cancellationToken)
    {
        if (writeGate is null || _turnsHeld > 0) return Held(WriteTurn.None);
        return Held(await writeGate.WaitAsync(cancellationToken));
    }

    /// <summary>
    /// Runs <paramref name="work"/>, which reads then writes, as one transaction in the write queue: on SQLite it
    /// waits its turn, then begins with <c>BEGIN IMMEDIATE</c> (Microsoft.Data.Sqlite's default), so what it reads
    /// cannot change before it writes. Nothing is committed unless the work completes.
    /// </summary>
    public async Task<T> InOneWriteAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var turn = await WriteTurnAsync(cancellationToken);
        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        var result = await work(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private WriteTurn TakeWriteTurn()
    {
        if (writeGate is null || _turnsHeld > 0) return Held(WriteTurn.None);
        return Held(writeGate.Wait());
    }

    private WriteTurn Held(WriteTurn turn)
    {
        _turnsHeld++;
        return turn.OnDispose(() => _turnsHeld--);
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
