using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using FairFund.Domain.Applications;
using FairFund.Domain.Auditing;
using FairFund.Domain.Grants;
using FairFund.Domain.Organisations;
using FairFund.Domain.Rounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace FairFund.Web.Data;

/// <summary>
/// A grant and all it owns. Its lists are rows of their own tables (history, payments, reports with their history
/// and versions, changes, the bank details' events, budget lines, outcomes), loaded with it; values read and written
/// whole are JSON (the terms, the signatory, an outcome's indicators, a report's content). The bank details are not
/// mapped here: <see cref="BankDetailsProtection"/> keeps them encrypted in <see cref="BankColumn"/> and
/// <see cref="PendingBankColumn"/>.
/// </summary>
public sealed class GrantConfiguration : IEntityTypeConfiguration<Grant>
{
    /// <summary>The bank details, encrypted (ASP.NET Core Data Protection); null until accepted.</summary>
    public const string BankColumn = "BankProtected";

    /// <summary>A change of bank details waiting for its email link, encrypted; null when none is.</summary>
    public const string PendingBankColumn = "PendingBankChangeProtected";

    internal static readonly JsonColumn<GrantTerms> TermsJson = new();
    private static readonly JsonColumn<Signatory> SignatoryJson = new();
    private static readonly JsonColumn<GrantClosure> ClosureJson = new();
    private static readonly JsonColumn<Instalment> InstalmentJson = new();
    private static readonly JsonColumn<IReadOnlyList<Indicator>> IndicatorsJson = new(indicators => indicators ?? []);
    private static readonly JsonColumn<ReportContent> ContentJson = new(content => content ?? ReportContent.Empty);

    public void Configure(EntityTypeBuilder<Grant> builder)
    {
        builder.ToTable("Grants");
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Id).ValueGeneratedNever();
        // One grant for an application, whatever presses or retries send the decisions.
        builder.HasIndex(g => g.ApplicationId).IsUnique();
        builder.HasIndex(g => g.RoundId);
        builder.HasOne<Application>().WithMany().HasForeignKey(g => g.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Round>().WithMany().HasForeignKey(g => g.RoundId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrganisationProfile>().WithMany().HasForeignKey(g => g.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.Property<Guid>(FairFundDbContext.VersionColumn).IsConcurrencyToken();

        builder.Property(g => g.Reference).HasMaxLength(60);
        builder.Property(g => g.Conditions).HasMaxLength(Grant.ConditionsLimit.Characters);
        builder.Property(g => g.OfferedBy).HasMaxLength(256);
        builder.Property(g => g.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(g => g.Terms).HasJsonColumn(TermsJson, "TermsJson");
        builder.Property(g => g.Signatory).HasJsonColumn(SignatoryJson, "SignatoryJson");
        builder.Property(g => g.Closure).HasJsonColumn(ClosureJson, "ClosureJson");
        builder.Ignore(g => g.Bank);
        builder.Ignore(g => g.PendingBankChange);
        builder.Property<string?>(BankColumn);
        builder.Property<string?>(PendingBankColumn);

        builder.Ignore(g => g.History);
        builder.Ignore(g => g.Budget);
        builder.Ignore(g => g.Outcomes);
        builder.Ignore(g => g.BankEvents);
        builder.Ignore(g => g.Payments);
        builder.Ignore(g => g.Reports);
        builder.Ignore(g => g.Changes);
        builder.Ignore(g => g.FinalReport);
        builder.Ignore(g => g.ExpectedReports);
        builder.Ignore(g => g.BankChangesToCheck);

        builder.OwnsRows<Grant, StateChange>("_history", "GrantStateChanges", "GrantId");
        builder.OwnsRows<Grant, BudgetLine>("_budget", "GrantBudgetLines", "GrantId");
        builder.OwnsRows<Grant, Outcome>("_outcomes", "GrantOutcomes", "GrantId", outcome =>
            outcome.Property(o => o.Indicators).HasJsonColumn(IndicatorsJson, "IndicatorsJson"));
        builder.OwnsRows<Grant, BankEvent>("_bankEvents", "GrantBankEvents", "GrantId", bankEvent =>
        {
            bankEvent.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
            bankEvent.Property(e => e.Actor).HasMaxLength(256);
        });
        builder.OwnsRows<Grant, Payment>("_payments", "GrantPayments", "GrantId", payment =>
        {
            payment.Property(p => p.Release).HasJsonColumn(InstalmentJson, "ReleaseJson");
            payment.Property(p => p.PaidBy).HasMaxLength(256);
            payment.Ignore(p => p.IsPaid);
        });
        builder.OwnsRows<Grant, ChangeRequest>("_changes", "GrantChanges", "GrantId", change =>
        {
            change.Property(c => c.Proposed).HasConversion(ProposedChangeJson.Converter, ProposedChangeJson.Comparer).HasColumnName("ProposedJson");
            change.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
            change.Property(c => c.AskedBy).HasMaxLength(256);
            change.Property(c => c.DecidedBy).HasMaxLength(256);
        });
        builder.OwnsRows<Grant, GrantReport>("_reports", "GrantReports", "GrantId", report =>
        {
            report.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
            report.Property(r => r.Content).HasJsonColumn(ContentJson, "ContentJson");
            report.Ignore(r => r.History);
            report.Ignore(r => r.Versions);
            report.OwnsMany<StateChange>("_history", history =>
            {
                history.ToTable("GrantReportStateChanges");
                history.WithOwner().HasForeignKey("GrantReportId");
                history.Property<int>("Id");
                history.HasKey("Id");
            });
            report.OwnsMany<SentReport>("_versions", version =>
            {
                version.ToTable("GrantReportVersions");
                version.WithOwner().HasForeignKey("GrantReportId");
                version.Property<int>("Id");
                version.HasKey("Id");
                version.Property(v => v.Content).HasJsonColumn(ContentJson, "ContentJson");
            });
        });
    }

    /// <summary>A change asked for, one of several kinds, kept as JSON that names its kind.</summary>
    private static class ProposedChangeJson
    {
        private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
        {
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { NameKinds } },
        };

        public static ValueConverter<ProposedChange, string> Converter { get; } =
            new(change => JsonSerializer.Serialize(change, Options), json => JsonSerializer.Deserialize<ProposedChange>(json, Options)!);

        public static Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<ProposedChange> Comparer { get; } = new(
            (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
            change => JsonSerializer.Serialize(change, Options).GetHashCode(StringComparison.Ordinal),
            change => change);

        private static void NameKinds(JsonTypeInfo info)
        {
            if (info.Type != typeof(ProposedChange)) return;
            info.PolymorphismOptions = new JsonPolymorphismOptions { TypeDiscriminatorPropertyName = "kind" };
            foreach (var (type, kind) in new[] { (typeof(ProjectDatesChange), "dates"), (typeof(ReportDueChange), "reportDue"), (typeof(BudgetChange), "budget"), (typeof(OutcomesChange), "outcomes") })
                info.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(type, kind));
        }
    }
}
