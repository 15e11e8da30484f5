using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Data;

/// <summary>What became of a save over the version a form was shown with.</summary>
public enum EditSave
{
    Saved,

    /// <summary>Someone else (or the same person in another tab) saved the record after the form was shown; nothing was saved.</summary>
    ChangedMeanwhile,
}

/// <summary>
/// The one way a page saves an edit "as long as nobody else saved in between" (docs/edit-conflicts.md): the form
/// carries <see cref="VersionOf"/> of the record it shows, and the post saves with <see cref="SaveOverAsync"/>,
/// which answers <see cref="EditSave.ChangedMeanwhile"/> rather than throwing when another save came first.
/// </summary>
public static class EditVersions
{
    /// <summary>The version of a tracked record, for its form to carry.</summary>
    public static Guid VersionOf(this FairFundDbContext db, object record) =>
        (Guid)db.Entry(record).Property(FairFundDbContext.VersionColumn).CurrentValue!;

    /// <summary>The stored version of the records <paramref name="query"/> finds one of, for a form on a page that read it untracked.</summary>
    public static Task<Guid> StoredVersionAsync<T>(this IQueryable<T> query, CancellationToken cancellationToken) where T : class =>
        query.Select(record => EF.Property<Guid>(record, FairFundDbContext.VersionColumn)).SingleAsync(cancellationToken);

    /// <summary>Whether the tracked record, as loaded, is still the version the form was shown with.</summary>
    public static bool IsStillAt(this FairFundDbContext db, object record, Guid shownVersion) => db.VersionOf(record) == shownVersion;

    /// <summary>
    /// Saves every change tracked, provided <paramref name="record"/> is still at <paramref name="shownVersion"/>
    /// when it is written. The record's version is renewed even when only other rows changed (an override of its
    /// allocation, an identical revision), so every save over it claims it. When another save came between, nothing
    /// is saved, what was tracked is forgotten (the page loads the record afresh to show it as it is now), and the
    /// answer is <see cref="EditSave.ChangedMeanwhile"/>.
    /// </summary>
    public static async Task<EditSave> SaveOverAsync(this FairFundDbContext db, object record, Guid shownVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var version = db.Entry(record).Property(FairFundDbContext.VersionColumn);
        if (!Equals(version.CurrentValue, shownVersion))
        {
            db.ChangeTracker.Clear();
            return EditSave.ChangedMeanwhile;
        }
        version.OriginalValue = shownVersion;
        version.CurrentValue = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return EditSave.Saved;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return EditSave.ChangedMeanwhile;
        }
    }
}
