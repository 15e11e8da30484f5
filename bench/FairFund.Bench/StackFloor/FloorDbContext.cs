using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Bench.StackFloor;

/// <summary>One user's answer to one question: the least a saved answer can be.</summary>
public sealed class FloorAnswer
{
    public int Id { get; set; }

    /// <summary>The signed-in user it belongs to, as the app finds an application through its owner.</summary>
    public required string Owner { get; set; }

    public required string Text { get; set; }

    /// <summary>The version the form was rendered with, checked on save as the app checks its edit versions.</summary>
    public int Version { get; set; }
}

/// <summary>
/// The stack floor's database: one table, on SQLite with FairFund's own connection settings. Every save waits its
/// turn at the <see cref="SqliteWriteGate"/> first, as <c>FairFundDbContext.SaveChangesAsync</c> does.
/// </summary>
public sealed class FloorDbContext(DbContextOptions<FloorDbContext> options, SqliteWriteGate writeGate) : DbContext(options)
{
    public DbSet<FloorAnswer> Answers => Set<FloorAnswer>();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        using var turn = await writeGate.WaitAsync(cancellationToken);
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        var answer = modelBuilder.Entity<FloorAnswer>();
        answer.Property(a => a.Id).ValueGeneratedNever();
        answer.Property(a => a.Version).IsConcurrencyToken();
    }
}
