namespace FairFund.Domain.Auditing;

/// <summary>A recorded change of state: who moved what from where to where, when, and why where a reason was given.</summary>
public sealed record StateChange(DateTimeOffset At, string Actor, string From, string To, string Trigger, string? Reason);

/// <summary>
/// Raised when someone asks for something the rules do not allow now. The message is written for the
/// person who asked: "The round cannot open: it needs at least one criterion."
/// </summary>
public sealed class DomainRuleException(string message) : Exception(message);
