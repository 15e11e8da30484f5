using FairFund.Domain.Applications;
using FairFund.Domain.Messages;
using FairFund.Domain.Rounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FairFund.Web.Data;

public sealed class FundMessageConfiguration : IEntityTypeConfiguration<FundMessage>
{
    public void Configure(EntityTypeBuilder<FundMessage> builder)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Audience).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Subject).HasMaxLength(FundMessage.SubjectLimit.Characters);
        builder.Property(m => m.Body).HasMaxLength(FundMessage.BodyLimit.Characters);
        builder.Property(m => m.SentBy).HasMaxLength(256);
        builder.HasIndex(m => m.ApplicationId);
        builder.HasIndex(m => m.RoundId);
        builder.HasOne<Round>().WithMany().HasForeignKey(m => m.RoundId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Application>().WithMany().HasForeignKey(m => m.ApplicationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class InformationRequestConfiguration : IEntityTypeConfiguration<InformationRequest>
{
    public void Configure(EntityTypeBuilder<InformationRequest> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Question).HasMaxLength(InformationRequest.QuestionLimit.Characters);
        builder.Property(r => r.Answer).HasMaxLength(InformationRequest.AnswerLimit.Characters);
        builder.Property(r => r.AskedBy).HasMaxLength(256);
        builder.Property(r => r.AnsweredBy).HasMaxLength(256);
        builder.Ignore(r => r.IsAnswered);
        builder.HasIndex(r => r.ApplicationId);
        builder.HasOne<Application>().WithMany().HasForeignKey(r => r.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        // The group's answer and the fund's reading of it may meet: the second save is refused, not silently lost.
        builder.Property<Guid>(FairFundDbContext.VersionColumn).IsConcurrencyToken();
    }
}
