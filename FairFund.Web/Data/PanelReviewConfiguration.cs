using FairFund.Domain.Applications;
using FairFund.Domain.Auditing;
using FairFund.Domain.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FairFund.Web.Data;

/// <summary>
/// Maps a panel member's review of one application. Declarations, submitted versions and the state history
/// are append-only owned tables; the scores, a dictionary keyed by criterion, are JSON in one column, as is
/// the working draft sheet.
/// </summary>
public sealed class PanelReviewConfiguration : IEntityTypeConfiguration<PanelReview>
{
    // Read back as read-only dictionaries that compare criterion keys exactly, as the domain builds them.
    private static readonly JsonColumn<IReadOnlyDictionary<string, int>> ScoresJson = new(scores => ReadOnly(scores));

    private static readonly JsonColumn<ScoreSheet> SheetJson = new(sheet =>
        sheet == null ? ScoreSheet.Empty : sheet with { Scores = ReadOnly(sheet.Scores) });

    public void Configure(EntityTypeBuilder<PanelReview> builder)
    {
        builder.ToTable("PanelReviews");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        // One review of each application per panel member.
        builder.HasIndex(r => new { r.ApplicationId, r.ReviewerId }).IsUnique();
        builder.HasOne<Application>().WithMany().HasForeignKey(r => r.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.ReviewerId).HasMaxLength(256);
        builder.Property(r => r.AssignedBy).HasMaxLength(256);
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.Sheet).HasJsonColumn(SheetJson, "SheetJson");
        builder.Property<Guid>(FairFundDbContext.VersionColumn).IsConcurrencyToken();

        builder.Ignore(r => r.Conflict);
        builder.Ignore(r => r.Submitted);
        builder.Ignore(r => r.CanSeeApplication);
        builder.Ignore(r => r.CanScore);
        builder.Ignore(r => r.CanSeeOthersScores);
        builder.Ignore(r => r.CountsTowardAllocation);

        builder.Ignore(r => r.Declarations);
        builder.OwnsRows<PanelReview, ConflictDeclaration>("_declarations", "PanelReviewDeclarations", "PanelReviewId", declaration =>
        {
            declaration.Ignore(d => d.IsConflict);
            declaration.Property(d => d.Kind).HasConversion<string>().HasMaxLength(30);
            declaration.Property(d => d.DeclaredBy).HasMaxLength(256);
        });

        builder.Ignore(r => r.Revisions);
        builder.OwnsRows<PanelReview, Revision>("_revisions", "PanelReviewRevisions", "PanelReviewId", revision =>
        {
            revision.HasIndex("PanelReviewId", nameof(Revision.Number)).IsUnique();
            revision.Property(v => v.By).HasMaxLength(256);
            revision.Property(v => v.Scores).HasJsonColumn(ScoresJson, "ScoresJson");
        });

        builder.Ignore(r => r.History);
        builder.OwnsRows<PanelReview, StateChange>("_history", "PanelReviewStateChanges", "PanelReviewId");
    }

    private static System.Collections.ObjectModel.ReadOnlyDictionary<string, int> ReadOnly(IReadOnlyDictionary<string, int>? scores) =>
        new Dictionary<string, int>(scores ?? new Dictionary<string, int>(), StringComparer.Ordinal).AsReadOnly();
}
