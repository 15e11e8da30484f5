using FairFund.Domain.Applications;
using FairFund.Domain.Rounds;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace FairFund.Web.Data;

/// <summary>
/// FairFund's database. Domain types are mapped by the configurations beside this file, so the domain
/// never references EF. Every record two people can edit carries a <see cref="VersionColumn"/> that
/// changes on each save, so a stale second save is refused rather than silently winning.
/// On SQLite every write waits its turn at the app's <see cref="SqliteWriteGate"/> first (see <see cref="WriteTurnAsync"/>).
/// This type is the SQLite database; <see cref="PostgreSqlDbContext"/> is the same model on PostgreSQL, a type of
/// its own only so that each provider finds its own migrations.
/// </summary>
public class FairFundDbContext : IdentityDbContext<IdentityUser>
{
    private readonly SqliteWriteGate? writeGate;

    public FairFundDbContext(DbContextOptions<FairFundDbContext> options, SqliteWriteGate? writeGate = null)
        : this((DbContextOptions)options, writeGate)
    {
    }

    protected FairFundDbContext(DbContextOptions options, SqliteWriteGate? writeGate)
        : base(options) => this.writeGate = writeGate;

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
    public DbSet<FairFund.Domain.Messages.FundMessage> FundMessages => Set<FairFund.Domain.Messages.FundMessage>();
    public DbSet<FairFund.Domain.Messages.InformationRequest> InformationRequests => Set<FairFund.Domain.Messages.InformationRequest>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(FairFundDbContext).Assembly);
    }

    // The turn is taken here rather than in an interceptor because EF does not tell interceptors about a save that
    // failed on a concurrency check, and a turn never given back would stop every later write.
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        PrepareToSave();
        using var turn = TakeWriteTurn();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        PrepareToSave();
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
        await TakeOneWriteLockAsync(cancellationToken);
        var result = await work(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>Inside <see cref="InOneWriteAsync{T}"/>'s transaction: what else the database needs so that what the work reads cannot change before it writes (SQLite needs nothing more).</summary>
    protected virtual Task TakeOneWriteLockAsync(CancellationToken cancellationToken) => Task.CompletedTask;

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

    /// <summary>
    /// Renews the version of every versioned record saved: one changed itself, or one whose owned rows (budget lines,
    /// documents, revisions, history) were added, changed or removed, so that two saves to the same aggregate's lists
    /// cannot both win (docs/edit-conflicts.md).
    /// </summary>
    /// <summary>
    /// What every save sets before it is written: applications' amounts in pence, then the versions of what changed.
    /// Changes are detected once for both, not once by each list of entries they read.
    /// </summary>
    private void PrepareToSave()
    {
        ChangeTracker.DetectChanges();
        var detecting = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            ApplicationConfiguration.KeepAmountsInStep(ChangeTracker);
            StampVersions();
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
    }

    private void StampVersions()
    {
        var entries = ChangeTracker.Entries().ToList();
        // Each tracked record by its type and key, so that an owned row finds its owner without a search.
        var byKey = new Dictionary<(IReadOnlyEntityType Type, string Key), EntityEntry>();
        foreach (var entry in entries)
        {
            if (entry.Metadata.FindPrimaryKey() is { } primaryKey)
                byKey.TryAdd((entry.Metadata, KeyOf(primaryKey.Properties.Select(property => entry.Property(property.Name).CurrentValue))), entry);
        }
        var renewed = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var entry in entries)
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            if (VersionedOwnerOf(entry, byKey) is not { State: not EntityState.Deleted } versioned) continue;
            if (renewed.Add(versioned.Entity)) versioned.Property(VersionColumn).CurrentValue = Guid.NewGuid();
        }
    }

    /// <summary>The entry itself when it carries a version, otherwise the nearest owner up its ownership that does; null for neither.</summary>
    private static EntityEntry? VersionedOwnerOf(EntityEntry entry, Dictionary<(IReadOnlyEntityType Type, string Key), EntityEntry> byKey)
    {
        for (var current = entry; current is not null;)
        {
            if (current.Metadata.FindProperty(VersionColumn) is not null) return current;
            if (current.Metadata.FindOwnership() is not { } ownership) return null;
            // A removed row names its owner by the key it had when loaded.
            var row = current;
            var ownerKey = KeyOf(ownership.Properties.Select(property =>
                row.State == EntityState.Deleted ? row.Property(property.Name).OriginalValue : row.Property(property.Name).CurrentValue));
            current = byKey.GetValueOrDefault((ownership.PrincipalEntityType, ownerKey));
        }
        return null;
    }

    private static string KeyOf(IEnumerable<object?> values) =>
        string.Join('\u001f', values.Select(value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)));
}
