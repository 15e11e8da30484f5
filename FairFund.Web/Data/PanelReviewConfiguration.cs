using System.Text.Json;
using FairFund.Domain.Applications;
using FairFund.Domain.Auditing;
using FairFund.Domain.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace FairFund.Web.Data;

/// <summary>
/// Maps a panel member's review of one application. Declarations, submitted versions and the state history
/// are append-only owned tables; the scores, a dictionary keyed by criterion, are JSON in one column, as is
/// the working draft sheet.
/// </summary>
public sealed class PanelReviewConfiguration : IEntityTypeConfiguration<PanelReview>
{
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
        builder.Property(r => r.Sheet).HasConversion(ReviewJson.SheetConverter, ReviewJson.SheetComparer).HasColumnName("SheetJson");
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
            revision.Property(v => v.Scores).HasConversion(ReviewJson.ScoresConverter, ReviewJson.ScoresComparer).HasColumnName("ScoresJson");
        });

        builder.Ignore(r => r.History);
        builder.OwnsRows<PanelReview, StateChange>("_history", "PanelReviewStateChanges", "PanelReviewId");
    }
}

/// <summary>
/// Scores and sheets as JSON: always read whole, and compared by what they serialise to, since their
/// dictionaries compare by reference.
/// </summary>
internal static class ReviewJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static readonly ValueConverter<IReadOnlyDictionary<string, int>, string> ScoresConverter = new(
        scores => JsonSerializer.Serialize(scores, Options),
        json => ReadScores(json));

    public static readonly ValueComparer<IReadOnlyDictionary<string, int>> ScoresComparer = new(
        (a, b) => Json(a) == Json(b),
        scores => Json(scores).GetHashCode(StringComparison.Ordinal),
        scores => ReadScores(Json(scores)));

    public static readonly ValueConverter<ScoreSheet, string> SheetConverter = new(
        sheet => JsonSerializer.Serialize(sheet, Options),
        json => ReadSheet(json));

    public static readonly ValueComparer<ScoreSheet> SheetComparer = new(
        (a, b) => Json(a) == Json(b),
        sheet => Json(sheet).GetHashCode(StringComparison.Ordinal),
        sheet => ReadSheet(Json(sheet)));

    private static System.Collections.ObjectModel.ReadOnlyDictionary<string, int> ReadScores(string json) =>
        new Dictionary<string, int>(JsonSerializer.Deserialize<Dictionary<string, int>>(json, Options) ?? [], StringComparer.Ordinal).AsReadOnly();

    private static ScoreSheet ReadSheet(string json)
    {
        var sheet = JsonSerializer.Deserialize<ScoreSheet>(json, Options) ?? ScoreSheet.Empty;
        return sheet with { Scores = new Dictionary<string, int>(sheet.Scores ?? new Dictionary<string, int>(), StringComparer.Ordinal).AsReadOnly() };
    }

    private static string Json(IReadOnlyDictionary<string, int>? scores) => scores == null ? "" : JsonSerializer.Serialize(scores, Options);

    private static string Json(ScoreSheet? sheet) => sheet == null ? "" : JsonSerializer.Serialize(sheet, Options);
}
