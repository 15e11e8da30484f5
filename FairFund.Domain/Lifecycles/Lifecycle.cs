using FairFund.Domain.Auditing;
using Stateless;
using Stateless.Graph;
using Stateless.Reflection;

namespace FairFund.Domain.Lifecycles;

/// <summary>
/// An aggregate's lifecycle, private to it: a Stateless machine over the state the aggregate stores (external
/// state storage), each change recorded in the aggregate's history with who, when and why, and the reasons a
/// trigger cannot fire, in words, the same for the page that asks and for the refusal. A trigger that carries data
/// is declared once (<see cref="Declare{TArg}"/>), saying where the aggregate's general question
/// (<see cref="WhyNot(TTrigger, TAsk)"/>) finds that data; its intent method then fires it with the data itself.
/// The machine is built on first use, not with the aggregate: a Stateless machine costs far more to configure than
/// an aggregate does to load, and most loaded aggregates are only read.
/// </summary>
/// <typeparam name="TState">The aggregate's states.</typeparam>
/// <typeparam name="TTrigger">The aggregate's triggers, one for each intent.</typeparam>
/// <typeparam name="TAsk">What a page gives the aggregate's WhyNot, from which each declared trigger takes its data.</typeparam>
internal sealed class Lifecycle<TState, TTrigger, TAsk>
    where TState : struct, Enum
    where TTrigger : struct, Enum
{
    private readonly Func<TState> _state;
    private readonly Action<TState> _setState;
    private readonly Action _configure;
    private readonly List<Action<StateMachine<TState, TTrigger>>> _declarations = [];
    private StateMachine<TState, TTrigger>? _machine;
    private readonly Func<List<StateChange>> _history;
    private readonly string _subject;
    private readonly Func<TTrigger, string> _verb;
    private readonly Func<TState, string> _describe;
    private readonly Dictionary<TTrigger, Func<TAsk, IReadOnlyList<string>>> _declared = [];
    private (DateTimeOffset At, string Actor, string? Reason) _underWay;

    /// <param name="state">Reads the aggregate's state.</param>
    /// <param name="setState">Sets it: only this lifecycle does.</param>
    /// <param name="history">The aggregate's history, read when a change is recorded (a loaded aggregate may have been given its list after construction).</param>
    /// <param name="subject">The aggregate as a refusal names it: "The round".</param>
    /// <param name="verb">What a trigger asks for, after "cannot": "be approved".</param>
    /// <param name="describe">A state in words, after "it is": "in moderation".</param>
    /// <param name="configure">Configures every state's moves with <see cref="Configure"/>, when the machine is first needed.</param>
    public Lifecycle(Func<TState> state, Action<TState> setState, Func<List<StateChange>> history, string subject, Func<TTrigger, string> verb,
        Func<TState, string> describe, Action configure)
    {
        (_state, _setState, _history, _subject, _verb, _describe, _configure) = (state, setState, history, subject, verb, describe, configure);
    }

    /// <summary>The moves out of <paramref name="state"/>, configured as Stateless configures them; only from the configure callback.</summary>
    public StateMachine<TState, TTrigger>.StateConfiguration Configure(TState state) => Machine.Configure(state);

    private StateMachine<TState, TTrigger> Machine => _machine ?? Build();

    private StateMachine<TState, TTrigger> Build()
    {
        _machine = new StateMachine<TState, TTrigger>(_state, _setState);
        foreach (var declare in _declarations) declare(_machine);
        _machine.OnTransitioned(transition => _history().Add(new StateChange(
            _underWay.At, _underWay.Actor, transition.Source.ToString(), transition.Destination.ToString(), transition.Trigger.ToString(), _underWay.Reason)));
        _configure();
        return _machine;
    }

    /// <summary>
    /// Declares a trigger that carries <typeparamref name="TArg"/> to its guards.
    /// </summary>
    /// <param name="trigger">The trigger.</param>
    /// <param name="fromAsk">Where the general question finds the data.</param>
    /// <param name="needsInWords">
    /// When a guard is unmet, the needs worded from the data ("this put right: £500 over the budget"), more use to
    /// the reader than the guard's fixed words, which the state diagram shows; null to give the guard's words.
    /// </param>
    public Intent<TArg> Declare<TArg>(TTrigger trigger, Func<TAsk, TArg> fromAsk, Func<TArg, IEnumerable<string>>? needsInWords = null)
    {
        var intent = new Intent<TArg>(trigger, needsInWords);
        _declarations.Add(machine => intent.Trigger = machine.SetTriggerParameters<TArg>(trigger));
        _declared.Add(trigger, ask => WhyNot(intent, fromAsk(ask)));
        return intent;
    }

    /// <summary>Whether <paramref name="trigger"/> can fire now with what <paramref name="ask"/> gives it; if not, each reason in words.</summary>
    public IReadOnlyList<string> WhyNot(TTrigger trigger, TAsk ask) =>
        _declared.TryGetValue(trigger, out var declared) ? declared(ask) : Reasons(Machine.CanFire(trigger, out var unmet), unmet, null);

    /// <summary>Whether a declared trigger can fire now with <paramref name="data"/>; if not, each reason in words.</summary>
    public IReadOnlyList<string> WhyNot<TArg>(Intent<TArg> intent, TArg data)
    {
        ArgumentNullException.ThrowIfNull(intent);
        var machine = Machine;
        return Reasons(machine.CanFire(intent.Trigger, data, out var unmet), unmet, intent.NeedsInWords is { } words ? () => words(data) : null);
    }

    /// <summary>Refuses, in words, when <paramref name="trigger"/> cannot fire with what <paramref name="ask"/> gives it.</summary>
    public void EnsureCan(TTrigger trigger, TAsk ask) => ThrowIfRefused(trigger, WhyNot(trigger, ask));

    /// <summary>Fires a trigger that carries no data, recording who and when; refused in words when it cannot fire.</summary>
    public void Fire(TTrigger trigger, DateTimeOffset at, string actor, string? reason = null)
    {
        ThrowIfRefused(trigger, Reasons(Machine.CanFire(trigger, out var unmet), unmet, null));
        _underWay = (at, actor, reason);
        Machine.Fire(trigger);
    }

    /// <summary>Fires a declared trigger with its data, recording who, when and why; refused in words when it cannot fire.</summary>
    public void Fire<TArg>(Intent<TArg> intent, TArg data, DateTimeOffset at, string actor, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(intent);
        ThrowIfRefused(intent.Underlying, WhyNot(intent, data));
        _underWay = (at, actor, reason);
        Machine.Fire(intent.Trigger, data);
    }

    /// <summary>The last change <paramref name="trigger"/> made, or null if it never fired: how a fact is read from the history.</summary>
    public StateChange? LastBy(TTrigger trigger)
    {
        var name = trigger.ToString();
        return _history().LastOrDefault(change => change.Trigger == name);
    }

    /// <summary>The triggers the current state takes, allowed now or not: the buttons a page shows.</summary>
    public IReadOnlyList<TTrigger> TriggersFromHere()
    {
        var state = _state();
        return [.. Info.States.Single(candidate => EqualityComparer<TState>.Default.Equals((TState)candidate.UnderlyingState, state)).Transitions
            .Select(transition => (TTrigger)transition.Trigger.UnderlyingTrigger).Distinct()];
    }

    /// <summary>The machine as Stateless describes it, for drawing.</summary>
    public StateMachineInfo Info => Machine.GetInfo();

    /// <summary>The lifecycle as a Mermaid state diagram, drawn from the machine itself.</summary>
    public string Diagram() => MermaidGraph.Format(Info);

    private IReadOnlyList<string> Reasons(bool can, ICollection<string>? unmet, Func<IEnumerable<string>>? needsInWords)
    {
        if (can) return [];
        // Stateless leaves unmet null, not empty, when the state does not take the trigger at all.
        if (unmet is not { Count: > 0 }) return [$"it is {_describe(_state())}"];
        return [.. (needsInWords?.Invoke() ?? unmet).Select(need => $"it needs {need}")];
    }

    private void ThrowIfRefused(TTrigger trigger, IReadOnlyList<string> whyNot)
    {
        if (whyNot.Count > 0) throw new DomainRuleException($"{_subject} cannot {_verb(trigger)}: {string.Join("; ", whyNot)}.");
    }

    /// <summary>A trigger that carries data to its guards, fired by one intent method.</summary>
    internal sealed class Intent<TArg>(TTrigger underlying, Func<TArg, IEnumerable<string>>? needsInWords)
    {
        public TTrigger Underlying { get; } = underlying;

        /// <summary>The trigger as the machine knows it, for configuring its moves; set when the machine is built.</summary>
        public StateMachine<TState, TTrigger>.TriggerWithParameters<TArg> Trigger { get; internal set; } = null!;

        public Func<TArg, IEnumerable<string>>? NeedsInWords { get; } = needsInWords;
    }
}
