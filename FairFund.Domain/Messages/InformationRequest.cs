using FairFund.Domain.Applications;
using FairFund.Domain.Auditing;
using FairFund.Domain.Rounds;
using FairFund.Domain.Validation;

namespace FairFund.Domain.Messages;

/// <summary>
/// A question the fund asks a group while it screens the group's application ("Please send your latest accounts"),
/// and the group's answer, kept with the application. Asked only of a sent application while its round is screened;
/// answered once, by the group, while the round is still screened, since screening decides on it.
/// </summary>
public sealed class InformationRequest
{
    private InformationRequest()
    {
    }

    public Guid Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    public string Question { get; private set; } = "";
    public string AskedBy { get; private set; } = "";
    public DateTimeOffset AskedAt { get; private set; }

    /// <summary>The group's answer; null until it answers.</summary>
    public string? Answer { get; private set; }

    public string? AnsweredBy { get; private set; }
    public DateTimeOffset? AnsweredAt { get; private set; }

    public bool IsAnswered => Answer is not null;

    /// <summary>The limit on a question: a few sentences.</summary>
    public static TextLimit QuestionLimit { get; } = TextLimit.Note;

    /// <summary>The limit on an answer: a few paragraphs.</summary>
    public static TextLimit AnswerLimit { get; } = TextLimit.Paragraphs;

    /// <summary>Why the fund cannot ask this application's group for more information now; null while it can.</summary>
    public static string? WhyCannotAsk(RoundState round, ApplicationState application) =>
        round != RoundState.Screening
            ? $"More information can be asked for only while the round is being screened; it is {Round.Describe(round)}"
            : application != ApplicationState.Submitted
                ? $"More information can be asked for only about an application waiting to be screened; this one is {Labels.ForStaff(application).ToLowerInvariant()}"
                : null;

    /// <summary>What is wrong with a question, located at <c>question</c>; null when it can be asked.</summary>
    public static Problem? CheckQuestion(string? question) =>
        FreeText.Clean(question) is { Length: > 0 } clean ? FreeText.Check("question", "The question", clean, QuestionLimit) : new Problem("question", "Enter what you need to know");

    /// <summary>What is wrong with an answer, located at <c>answer</c>; null when it can be given.</summary>
    public static Problem? CheckAnswer(string? answer) =>
        FreeText.Clean(answer) is { Length: > 0 } clean ? FreeText.Check("answer", "Your answer", clean, AnswerLimit) : new Problem("answer", "Enter your answer");

    /// <summary>Asks the group for more information, recorded with who and when; refused by <see cref="WhyCannotAsk"/> and <see cref="CheckQuestion"/>.</summary>
    public static InformationRequest Ask(Guid id, Guid applicationId, RoundState round, ApplicationState application, string question, DateTimeOffset now, string actor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (WhyCannotAsk(round, application) is { } closed) throw new DomainRuleException(closed + ".");
        if (CheckQuestion(question) is { } problem) throw new DomainRuleException(problem.Message + ".");
        return new InformationRequest { Id = id, ApplicationId = applicationId, Question = FreeText.Clean(question), AskedBy = actor, AskedAt = now };
    }

    /// <summary>Why the group cannot answer now; null while it can: once, while its round is being screened.</summary>
    public string? WhyCannotAnswer(RoundState round) =>
        IsAnswered ? "This question has been answered already"
        : round != RoundState.Screening ? "The fund has finished checking applications, so this question can no longer be answered here"
        : null;

    /// <summary>Keeps the group's answer, with who and when; refused by <see cref="WhyCannotAnswer"/> and <see cref="CheckAnswer"/>.</summary>
    public void Respond(string answer, RoundState round, DateTimeOffset now, string actor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (WhyCannotAnswer(round) is { } closed) throw new DomainRuleException(closed + ".");
        if (CheckAnswer(answer) is { } problem) throw new DomainRuleException(problem.Message + ".");
        (Answer, AnsweredBy, AnsweredAt) = (FreeText.Clean(answer), actor, now);
    }
}
