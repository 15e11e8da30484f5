using System.Collections.Concurrent;
using FairFund.Domain.Allocation;
using FairFund.Domain.Auditing;
using FairFund.Domain.Forms;
using FairFund.Domain.Rounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace FairFund.Web.Data;

public sealed class RoundConfiguration : IEntityTypeConfiguration<Round>
{
    /// <summary>The number of the round's latest application reference, kept by <c>ApplicantRecords.StartAsync</c> alone.</summary>
    public const string LastApplicationNumber = "LastApplicationNumber";

    /// <summary>A round's rules: read and written whole with the round.</summary>
    private static readonly JsonColumn<RoundSettings> RulesJson = new();

    /// <summary>
    /// A round's form as the domain's canonical JSON (<see cref="FormJson"/>), the text its published rules hold.
    /// Kept in the round's own field, which is null for a round stored before forms could be set: that round asks
    /// the default form, as it always did (the converter never sees a null).
    /// </summary>
    private static readonly ValueConverter<ApplicationForm, string> FormColumn = new(form => FormJson.Write(form), json => ReadForm(json));

    /// <summary>Two forms are the same when their canonical JSON is: a form is a value, compared by what it says.</summary>
    private static readonly ValueComparer<ApplicationForm> FormComparer = new(
        (a, b) => ReferenceEquals(a, b) || (a != null && b != null && FormJson.Write(a) == FormJson.Write(b)),
        form => form == null ? 0 : FormJson.Write(form).GetHashCode(StringComparison.Ordinal),
        form => form);

    /// <summary>
    /// Forms already read, by their JSON: every applicant page reads its round's form, a form is immutable, and a
    /// handful of rounds are open at once. Emptied if it ever holds more than that.
    /// </summary>
    private static readonly ConcurrentDictionary<string, ApplicationForm> FormsRead = new(StringComparer.Ordinal);

    private const int MostFormsKept = 64;

    private static ApplicationForm ReadForm(string json)
    {
        if (FormsRead.TryGetValue(json, out var known)) return known;
        if (FormsRead.Count >= MostFormsKept) FormsRead.Clear();
        return FormsRead.GetOrAdd(json, ParseForm);
    }

    /// <summary>A stored form always reads: only <see cref="Round.ChangeForm"/> writes one, after checking it.</summary>
    private static ApplicationForm ParseForm(string json) =>
        FormJson.Read(json) is { Form: { } form } ? form : throw new InvalidOperationException("A round's stored form cannot be read: " + string.Join("; ", FormJson.Read(json).Problems.Select(problem => $"{problem.Location}: {problem.Message}")));

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
        builder.Property(r => r.GrantTermsSetBy).HasMaxLength(256);
        builder.Property(r => r.ScoringDeadlineSetBy).HasMaxLength(256);
        builder.Ignore(r => r.CanSetGrantTerms);
        builder.Ignore(r => r.RevealedSeed);
        builder.Ignore(r => r.History);
        builder.Property(r => r.Form).HasField("_form").UsePropertyAccessMode(PropertyAccessMode.Field)
            .HasConversion(FormColumn, FormComparer).HasColumnName("FormJson").IsRequired(false);
        builder.OwnsRows<Round, StateChange>("_history", "RoundStateChanges", "RoundId");
        builder.Ignore(r => r.ClosingTimeExtensions);
        builder.Ignore(r => r.CanSetDeadlineReminder);
        // Rounds stored before reminders remind three days ahead, as a new round does.
        builder.Property(r => r.DeadlineReminderHours).HasDefaultValue(FairFund.Domain.Deadlines.DeadlineRules.DefaultReminderHours);
        builder.OwnsRows<Round, FairFund.Domain.Deadlines.ClosingTimeExtension>("_closingTimeExtensions", "RoundClosingTimeExtensions", "RoundId", extension =>
        {
            extension.Property(e => e.Reason).HasMaxLength(FairFund.Domain.Deadlines.DeadlineRules.ReasonLimit.Characters);
            extension.Property(e => e.By).HasMaxLength(256);
        });
    }
}
