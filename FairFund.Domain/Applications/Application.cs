using FairFund.Domain.Auditing;
using Stateless;
using Stateless.Graph;

namespace FairFund.Domain.Applications;

public enum ApplicationState { Draft, Submitted, Eligible, Ineligible, Scored, Awarded, Waitlisted, Declined, Withdrawn }

public enum ApplicationTrigger { Submit, MarkEligible, MarkIneligible, MarkScored, Award, Waitlist, Decline, Withdraw }

/// <summary>When a round takes submissions: while it is open, up to (not including) its closing instant.</summary>
public sealed record SubmissionWindow(bool RoundIsOpen, DateTimeOffset ClosesAt, DateTimeOffset Now)
{
    public bool IsOpen => RoundIsOpen && Now < ClosesAt;
}

/// <summary>
/// A group's application to a round, and its lifecycle: Draft, Submitted, Eligible or Ineligible,
/// Scored, then Awarded, Waitlisted or Declined; Withdrawn at the group's request before a decision.
/// As with rounds, state changes only through intent methods, and each change is recorded.
/// </summary>
public sealed class Application
{
    private readonly List<StateChange> _history = [];
    private StateMachine<ApplicationState, ApplicationTrigger>? _machine;
    private StateMachine<ApplicationState, ApplicationTrigger>.TriggerWithParameters<SubmissionWindow> _submit = null!;
    private StateMachine<ApplicationState, ApplicationTrigger>.TriggerWithParameters<string> _markIneligible = null!;
    private (DateTimeOffset At, string Actor, string? Reason) _underWay;

    private Application()
    {
    }

    public Application(Guid id, Guid roundId, Guid organisationId, string reference)
    {
        Id = id;
        RoundId = roundId;
        OrganisationId = organisationId;
        Reference = reference;
    }

    public Guid Id { get; private set; }
    public Guid RoundId { get; private set; }
    public Guid OrganisationId { get; private set; }
    public string Reference { get; private set; } = "";
    public ApplicationState State { get; private set; } = ApplicationState.Draft;
    public DateTimeOffset? SubmittedAt { get; private set; }
    public string? IneligibleReason { get; private set; }
    public IReadOnlyList<StateChange> History => _history;

    private StateMachine<ApplicationState, ApplicationTrigger> Machine => _machine ??= Configure();

    /// <summary>Submits the application; refused after the round's closing instant, and the draft is kept.</summary>
    public void Submit(DateTimeOffset now, string actor, SubmissionWindow window)
    {
        Fire(ApplicationTrigger.Submit, now, actor, window: window);
        SubmittedAt = now;
    }

    public void MarkEligible(DateTimeOffset now, string actor) => Fire(ApplicationTrigger.MarkEligible, now, actor);

    public void MarkIneligible(DateTimeOffset now, string actor, string reason)
    {
        Fire(ApplicationTrigger.MarkIneligible, now, actor, reason);
        IneligibleReason = reason;
    }

    public void MarkScored(DateTimeOffset now, string actor) => Fire(ApplicationTrigger.MarkScored, now, actor);

    public void Award(DateTimeOffset now, string actor) => Fire(ApplicationTrigger.Award, now, actor);

    public void Waitlist(DateTimeOffset now, string actor) => Fire(ApplicationTrigger.Waitlist, now, actor);

    public void Decline(DateTimeOffset now, string actor, string reason) => Fire(ApplicationTrigger.Decline, now, actor, reason);

    public void Withdraw(DateTimeOffset now, string actor, string? reason = null) => Fire(ApplicationTrigger.Withdraw, now, actor, reason);

    /// <summary>Whether a trigger can fire now, and if not, each reason in words.</summary>
    public IReadOnlyList<string> WhyNot(ApplicationTrigger trigger, SubmissionWindow? window = null, string? reason = null)
    {
        ICollection<string> unmet;
        var can = trigger switch
        {
            ApplicationTrigger.Submit => Machine.CanFire(_submit, window ?? new SubmissionWindow(false, DateTimeOffset.MinValue, DateTimeOffset.MinValue), out unmet),
            ApplicationTrigger.MarkIneligible => Machine.CanFire(_markIneligible, reason ?? "", out unmet),
            _ => Machine.CanFire(trigger, out unmet),
        };
        if (can) return [];
        // Stateless leaves unmet null, not empty, when the state does not take the trigger at all.
        if (unmet is { Count: > 0 }) return [.. unmet.Select(need => $"it needs {need}")];
        return [State == ApplicationState.Draft ? "it is a draft" : $"it is {Labels.ForStaff(State).ToLowerInvariant()}"];
    }

    /// <summary>The lifecycle as a Mermaid state diagram, drawn from the machine itself.</summary>
    public static string StateDiagram() => MermaidGraph.Format(new Application().Machine.GetInfo());

    public static string Verb(ApplicationTrigger trigger) => trigger switch
    {
        ApplicationTrigger.Submit => "be submitted",
        ApplicationTrigger.MarkEligible => "be marked eligible",
        ApplicationTrigger.MarkIneligible => "be marked ineligible",
        ApplicationTrigger.MarkScored => "be marked scored",
        ApplicationTrigger.Award => "be awarded",
        ApplicationTrigger.Waitlist => "be waitlisted",
        ApplicationTrigger.Decline => "be declined",
        _ => "be withdrawn",
    };

    private void Fire(ApplicationTrigger trigger, DateTimeOffset at, string actor, string? reason = null, SubmissionWindow? window = null)
    {
        var whyNot = WhyNot(trigger, window, reason);
        if (whyNot.Count > 0) throw new DomainRuleException($"The application cannot {Verb(trigger)}: {string.Join("; ", whyNot)}.");
        _underWay = (at, actor, reason);
        switch (trigger)
        {
            case ApplicationTrigger.Submit: Machine.Fire(_submit, window!); break;
            case ApplicationTrigger.MarkIneligible: Machine.Fire(_markIneligible, reason ?? ""); break;
            default: Machine.Fire(trigger); break;
        }
    }

    private StateMachine<ApplicationState, ApplicationTrigger> Configure()
    {
        var machine = new StateMachine<ApplicationState, ApplicationTrigger>(() => State, state => State = state);
        _submit = machine.SetTriggerParameters<SubmissionWindow>(ApplicationTrigger.Submit);
        _markIneligible = machine.SetTriggerParameters<string>(ApplicationTrigger.MarkIneligible);

        machine.Configure(ApplicationState.Draft)
            .PermitIf(_submit, ApplicationState.Submitted, window => window.IsOpen, "the round to be open and its closing time not yet passed")
            .Permit(ApplicationTrigger.Withdraw, ApplicationState.Withdrawn);
        machine.Configure(ApplicationState.Submitted)
            .Permit(ApplicationTrigger.MarkEligible, ApplicationState.Eligible)
            .PermitIf(_markIneligible, ApplicationState.Ineligible, reason => !string.IsNullOrWhiteSpace(reason), "a reason for the group")
            .Permit(ApplicationTrigger.Withdraw, ApplicationState.Withdrawn);
        machine.Configure(ApplicationState.Eligible)
            .Permit(ApplicationTrigger.MarkScored, ApplicationState.Scored)
            .PermitIf(_markIneligible, ApplicationState.Ineligible, reason => !string.IsNullOrWhiteSpace(reason), "a reason for the group")
            .Permit(ApplicationTrigger.Decline, ApplicationState.Declined)
            .Permit(ApplicationTrigger.Withdraw, ApplicationState.Withdrawn);
        machine.Configure(ApplicationState.Ineligible)
            .Permit(ApplicationTrigger.MarkEligible, ApplicationState.Eligible);
        machine.Configure(ApplicationState.Scored)
            .Permit(ApplicationTrigger.Award, ApplicationState.Awarded)
            .Permit(ApplicationTrigger.Waitlist, ApplicationState.Waitlisted)
            .Permit(ApplicationTrigger.Decline, ApplicationState.Declined)
            .Permit(ApplicationTrigger.Withdraw, ApplicationState.Withdrawn);
        machine.Configure(ApplicationState.Waitlisted)
            .Permit(ApplicationTrigger.Award, ApplicationState.Awarded);

        machine.OnTransitioned(transition => _history.Add(new StateChange(
            _underWay.At, _underWay.Actor, transition.Source.ToString(), transition.Destination.ToString(), transition.Trigger.ToString(), _underWay.Reason)));
        return machine;
    }
}

/// <summary>
/// Each state has a label for staff and one for the group that applied, in words a volunteer
/// understands (as HyphaApp does for its workflow phases).
/// </summary>
public static class Labels
{
    public static string ForStaff(ApplicationState state) => state switch
    {
        ApplicationState.Draft => "Draft",
        ApplicationState.Submitted => "Submitted",
        ApplicationState.Eligible => "Eligible",
        ApplicationState.Ineligible => "Ineligible",
        ApplicationState.Scored => "Scored",
        ApplicationState.Awarded => "Awarded",
        ApplicationState.Waitlisted => "Waitlisted",
        ApplicationState.Declined => "Declined",
        _ => "Withdrawn",
    };

    public static string ForApplicant(ApplicationState state) => state switch
    {
        ApplicationState.Draft => "Not sent yet: you can keep working on it",
        ApplicationState.Submitted => "Received: we are checking it meets the fund's rules",
        ApplicationState.Eligible => "Being scored by the panel",
        ApplicationState.Ineligible => "Not eligible for this fund",
        ApplicationState.Scored => "Scored: waiting for the funding decision",
        ApplicationState.Awarded => "Funded",
        ApplicationState.Waitlisted => "On the waiting list",
        ApplicationState.Declined => "Not funded this time",
        _ => "Withdrawn at your request",
    };
}
