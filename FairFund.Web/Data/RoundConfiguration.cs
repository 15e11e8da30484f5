using FairFund.Domain.Allocation;
using FairFund.Domain.Auditing;
using FairFund.Domain.Rounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FairFund.Web.Data;

public sealed class RoundConfiguration : IEntityTypeConfiguration<Round>
{
    /// <summary>The number of the round's latest application reference, kept by <c>ApplicantRecords.StartAsync</c> alone.</summary>
    public const string LastApplicationNumber = "LastApplicationNumber";

    /// <summary>A round's rules: read and written whole with the round.</summary>
    private static readonly JsonColumn<RoundSettings> RulesJson = new();

    public void Configure(EntityTypeBuilder<Round> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property<int>(LastApplicationNumber);
        builder.HasIndex(r => r.Reference).IsUnique();
        builder.Property(r => r.Reference).HasMaxLength(60);
        builder.Property(r => r.Name).HasMaxLength(200);
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Rules).HasJsonColumn(RulesJson, "RulesDraftJson");
        builder.Property<Guid>(FairFundDbContext.VersionColumn).IsConcurrencyToken();
        builder.Property(r => r.GrantConditions).HasMaxLength(Round.GrantConditionsMaxLength);
        builder.Property(r => r.AfterTheDecisionSetBy).HasMaxLength(256);
        // What the round asks of its grants; rounds made before grants hold GrantTerms.Default (the migration's default).
        builder.Property(r => r.GrantTerms).HasJsonColumn(GrantConfiguration.TermsJson, "GrantTermsJson");
        builder.Ignore(r => r.RevealedSeed);
        builder.Ignore(r => r.History);
        // Not stored yet: the form's storage is built on the domain's FormJson by the pages' session (issue 16).
        builder.Ignore(r => r.Form);
        builder.OwnsRows<Round, StateChange>("_history", "RoundStateChanges", "RoundId");
    }
}
