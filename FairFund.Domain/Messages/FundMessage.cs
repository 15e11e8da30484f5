using FairFund.Domain.Validation;

namespace FairFund.Domain.Messages;

/// <summary>Who a fund manager's message is written to.</summary>
public enum MessageAudience
{
    /// <summary>One group, about its application; a message to several groups is one of these for each.</summary>
    Group,
    /// <summary>The round's panel.</summary>
    Panel,
}

/// <summary>
/// A message the fund manager wrote: to one group (kept on its application's record and shown on its status page), or
/// to the round's panel (kept on the round's record). A message to several groups at once is one message for each
/// group, sharing a <see cref="BatchId"/>. Kept with who wrote it and when; it is never changed once written.
/// </summary>
public sealed class FundMessage
{
    private FundMessage()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The messages written together, by one press of "Send": the same for each group of a message to many.</summary>
    public Guid BatchId { get; private set; }

    public Guid RoundId { get; private set; }

    /// <summary>The application whose record holds the message; null for a message to the panel.</summary>
    public Guid? ApplicationId { get; private set; }

    public MessageAudience Audience { get; private set; }
    public string Subject { get; private set; } = "";
    public string Body { get; private set; } = "";
    public string SentBy { get; private set; } = "";
    public DateTimeOffset SentAt { get; private set; }

    /// <summary>The limit on a subject: one line, as an email's subject.</summary>
    public static TextLimit SubjectLimit { get; } = new(150, 25);

    /// <summary>The limit on a message: a few paragraphs, as a short letter.</summary>
    public static TextLimit BodyLimit { get; } = TextLimit.Paragraphs;

    /// <summary>What is wrong with a message's subject and words, located at <c>subject</c> and <c>body</c>; empty when it can be sent.</summary>
    public static IReadOnlyList<Problem> Check(string? subject, string? body)
    {
        var problems = new List<Problem>();
        var cleanSubject = FreeText.CleanLine(subject);
        if (cleanSubject.Length == 0) problems.Add(new Problem("subject", "Enter a subject"));
        else if (FreeText.Check("subject", "The subject", cleanSubject, SubjectLimit) is { } subjectProblem) problems.Add(subjectProblem);
        var cleanBody = FreeText.Clean(body);
        if (cleanBody.Length == 0) problems.Add(new Problem("body", "Enter the message"));
        else if (FreeText.Check("body", "The message", cleanBody, BodyLimit) is { } bodyProblem) problems.Add(bodyProblem);
        return problems;
    }

    /// <summary>A message to one group about its application; refused when <see cref="Check"/> finds a problem.</summary>
    public static FundMessage ToGroup(Guid id, Guid batchId, Guid roundId, Guid applicationId, string subject, string body, DateTimeOffset now, string actor) =>
        Write(id, batchId, roundId, applicationId, MessageAudience.Group, subject, body, now, actor);

    /// <summary>A message to the round's panel; refused when <see cref="Check"/> finds a problem.</summary>
    public static FundMessage ToPanel(Guid id, Guid roundId, string subject, string body, DateTimeOffset now, string actor) =>
        Write(id, id, roundId, null, MessageAudience.Panel, subject, body, now, actor);

    private static FundMessage Write(Guid id, Guid batchId, Guid roundId, Guid? applicationId, MessageAudience audience, string subject, string body, DateTimeOffset now, string actor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (Check(subject, body) is [var problem, ..]) throw new Auditing.DomainRuleException(problem.Message + ".");
        return new FundMessage
        {
            Id = id,
            BatchId = batchId,
            RoundId = roundId,
            ApplicationId = applicationId,
            Audience = audience,
            Subject = FreeText.CleanLine(subject),
            Body = FreeText.Clean(body),
            SentBy = actor,
            SentAt = now,
        };
    }
}
