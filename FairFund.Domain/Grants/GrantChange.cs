using FairFund.Domain.Applications;
using FairFund.Domain.Scoring;

namespace FairFund.Domain.Grants;

/// <summary>A change the group asks for during the grant: one of the records below.</summary>
public abstract record ProposedChange
{
    /// <summary>The change in words, as the agreement's list of changes shows it.</summary>
    public abstract string InWords();
}

/// <summary>New start and end dates for the project.</summary>
public sealed record ProjectDatesChange(DateOnly Start, DateOnly End) : ProposedChange
{
    public override string InWords() => $"Project dates to {DecisionLetter.LongDate(Start)} to {DecisionLetter.LongDate(End)}";
}

/// <summary>A new day for one report to be due by.</summary>
public sealed record ReportDueChange(int ReportNumber, DateOnly DueOn) : ProposedChange
{
    public override string InWords() => $"Report {ReportNumber} due by {DecisionLetter.LongDate(DueOn)}";
}

/// <summary>New budget lines: money moved between lines, the total the same as before.</summary>
public sealed record BudgetChange(IReadOnlyList<BudgetLine> Lines) : ProposedChange
{
    public override string InWords() => "Budget to: " + string.Join("; ", Lines.Select(line => $"{line.Item} {Money.Pounds(line.Cost)}"));
}

/// <summary>New outcomes and indicators, replacing those confirmed at acceptance.</summary>
public sealed record OutcomesChange(IReadOnlyList<Outcome> Outcomes) : ProposedChange
{
    public override string InWords() => "Outcomes to: " + string.Join("; ", Outcomes.Select(outcome => outcome.Description));
}

public enum ChangeStatus { Asked, Agreed, Refused }

/// <summary>
/// A change the group asked for, with its reason, and the fund manager's decision with theirs; kept for good, so
/// the agreement shows every change. Made and decided only through its <see cref="Grant"/>.
/// </summary>
public sealed class ChangeRequest
{
    private ChangeRequest() { }

    internal ChangeRequest(int number, ProposedChange proposed, string reason, DateTimeOffset at, string actor) =>
        (Number, Proposed, Reason, AskedAt, AskedBy) = (number, proposed, reason, at, actor);

    /// <summary>Its place among the grant's change requests, from 1.</summary>
    public int Number { get; private set; }

    public ProposedChange Proposed { get; private set; } = null!;

    /// <summary>The group's reason for asking.</summary>
    public string Reason { get; private set; } = "";

    public DateTimeOffset AskedAt { get; private set; }
    public string AskedBy { get; private set; } = "";
    public ChangeStatus Status { get; private set; } = ChangeStatus.Asked;

    /// <summary>The fund manager's reason: required to refuse, optional to agree.</summary>
    public string? DecisionReason { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecidedBy { get; private set; }

    internal void Decide(bool agreed, string? reason, DateTimeOffset at, string actor) =>
        (Status, DecisionReason, DecidedAt, DecidedBy) = (agreed ? ChangeStatus.Agreed : ChangeStatus.Refused, reason, at, actor);
}
