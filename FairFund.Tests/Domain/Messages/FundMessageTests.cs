using FairFund.Domain.Applications;
using FairFund.Domain.Auditing;
using FairFund.Domain.Messages;
using FairFund.Domain.Rounds;

namespace FairFund.Tests.Domain.Messages;

public sealed class FundMessageTests
{
    private static readonly DateTimeOffset Now = new(2027, 4, 2, 10, 0, 0, TimeSpan.Zero);
    private const string Manager = "manager@fund.example";

    [Fact]
    public void ToGroup_ValidMessage_IsKeptCleanedWithWhoAndWhen()
    {
        var application = Guid.NewGuid();

        var message = FundMessage.ToGroup(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), application, "  Your budget\u200b ", "Please check line 3.\u0000", Now, Manager);

        Assert.Equal((application, MessageAudience.Group, "Your budget", "Please check line 3.", Manager, Now),
            (message.ApplicationId!.Value, message.Audience, message.Subject, message.Body, message.SentBy, message.SentAt));
    }

    [Fact]
    public void ToPanel_IsOnTheRoundsRecordWithNoApplication()
    {
        var message = FundMessage.ToPanel(Guid.NewGuid(), Guid.NewGuid(), "Scoring opens Monday", "Please set aside time.", Now, Manager);

        Assert.Null(message.ApplicationId);
        Assert.Equal(MessageAudience.Panel, message.Audience);
    }

    [Theory]
    [InlineData("", "Words", "subject")]
    [InlineData("Subject", " ", "body")]
    public void Check_BlankSubjectOrBody_SaysWhere(string subject, string body, string location)
    {
        Assert.Equal(location, Assert.Single(FundMessage.Check(subject, body)).Location);
        Assert.Throws<DomainRuleException>(() => FundMessage.ToPanel(Guid.NewGuid(), Guid.NewGuid(), subject, body, Now, Manager));
    }

    [Fact]
    public void Check_OverTheCharacterOrWordLimit_SaysWhichLimit()
    {
        var longBody = new string('a', FundMessage.BodyLimit.Characters + 1);
        var wordySubject = string.Join(' ', Enumerable.Repeat("a", FundMessage.SubjectLimit.Words!.Value + 1));

        Assert.Contains("characters or fewer", Assert.Single(FundMessage.Check("Subject", longBody)).Message, StringComparison.Ordinal);
        Assert.Contains("words or fewer", Assert.Single(FundMessage.Check(wordySubject, "Body")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_SubmittedApplicationWhileScreening_IsKeptUnanswered()
    {
        var request = InformationRequest.Ask(Guid.NewGuid(), Guid.NewGuid(), RoundState.Screening, ApplicationState.Submitted, "Send your latest accounts", Now, Manager);

        Assert.Equal(("Send your latest accounts", Manager, Now, false), (request.Question, request.AskedBy, request.AskedAt, request.IsAnswered));
    }

    [Theory]
    [InlineData(RoundState.Open, ApplicationState.Submitted)]
    [InlineData(RoundState.Scoring, ApplicationState.Eligible)]
    [InlineData(RoundState.Screening, ApplicationState.Eligible)]
    [InlineData(RoundState.Screening, ApplicationState.Draft)]
    public void Ask_OutsideScreeningOrNotWaitingToBeScreened_IsRefused(RoundState round, ApplicationState application)
    {
        Assert.NotNull(InformationRequest.WhyCannotAsk(round, application));
        Assert.Throws<DomainRuleException>(() => InformationRequest.Ask(Guid.NewGuid(), Guid.NewGuid(), round, application, "Question", Now, Manager));
    }

    [Fact]
    public void Respond_WhileScreening_KeepsTheAnswerWithWhoAndWhenOnce()
    {
        var request = InformationRequest.Ask(Guid.NewGuid(), Guid.NewGuid(), RoundState.Screening, ApplicationState.Submitted, "Send your latest accounts", Now, Manager);

        request.Respond("Our accounts for 2026 show £3,400 income.", RoundState.Screening, Now.AddHours(2), "secretary@group.example");

        Assert.Equal(("Our accounts for 2026 show £3,400 income.", "secretary@group.example", Now.AddHours(2)), (request.Answer, request.AnsweredBy, request.AnsweredAt!.Value));
        var again = Assert.Throws<DomainRuleException>(() => request.Respond("Changed my mind", RoundState.Screening, Now.AddHours(3), "secretary@group.example"));
        Assert.Contains("answered already", again.Message, StringComparison.Ordinal);
        Assert.Equal("Our accounts for 2026 show £3,400 income.", request.Answer);
    }

    [Fact]
    public void Respond_AfterScreening_OrOverItsLimits_IsRefused()
    {
        var request = InformationRequest.Ask(Guid.NewGuid(), Guid.NewGuid(), RoundState.Screening, ApplicationState.Submitted, "Send your latest accounts", Now, Manager);

        Assert.Throws<DomainRuleException>(() => request.Respond("Answer", RoundState.Scoring, Now, "secretary@group.example"));
        Assert.Contains("characters or fewer", InformationRequest.CheckAnswer(new string('a', InformationRequest.AnswerLimit.Characters + 1))!.Message, StringComparison.Ordinal);
        Assert.Contains("words or fewer", InformationRequest.CheckAnswer(string.Join(' ', Enumerable.Repeat("a", InformationRequest.AnswerLimit.Words!.Value + 1)))!.Message, StringComparison.Ordinal);
        Assert.False(request.IsAnswered);
    }
}
