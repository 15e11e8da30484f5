using System.Globalization;
using FairFund.Domain.Allocation;
using FairFund.Domain.Auditing;
using FairFund.Domain.Forms;
using FairFund.Domain.Validation;
using RoundLifecycle = FairFund.Domain.Lifecycles.Lifecycle<FairFund.Domain.Rounds.RoundState, FairFund.Domain.Rounds.RoundTrigger, FairFund.Domain.Rounds.RoundAsk>;

namespace FairFund.Domain.Rounds;

public enum RoundState { Draft, Open, Screening, Scoring, Moderation, Decided, Notified, Archived, Cancelled }

public enum RoundTrigger { Open, Close, StartScoring, CloseScoring, Approve, Notify, Archive, Cancel }

/// <summary>One move in a round's lifecycle: from a state, by a trigger, to a state.</summary>
public sealed record RoundTransition(RoundState From, RoundTrigger Trigger, RoundState To);

/// <summary>Where a round stands for its panel, whose work is scoring: before it, during it, or after it.</summary>
public enum PanelPhase
{
    /// <summary>A draft, or open for applications: nothing to score yet.</summary>
    TakingApplications,
    /// <summary>Closed; applications are being checked, and conflicts can be declared.</summary>
    Screening,
    Scoring,
    /// <summary>Scoring has closed and the panel agrees the results.</summary>
    Moderation,
    /// <summary>The allocation is approved: decided, sent, or archived.</summary>
    Decided,
    Cancelled,
}

/// <summary>Who may read a round's published results (its results page and public round file).</summary>
public enum ResultsVisibility
{
    /// <summary>Nobody: there is no approved allocation yet.</summary>
    None,
    /// <summary>Only the fund team, as a preview: the allocation is approved but the groups have not been sent their decisions.</summary>
    FundTeamPreview,
    /// <summary>Everyone: the decisions have been sent.</summary>
    Public,
}

/// <summary>Counts from the round's applications that its transitions depend on.</summary>
/// <param name="Unscreened">Submitted applications not yet marked eligible or ineligible.</param>
/// <param name="ShortOfReviews">Eligible applications with fewer counted reviews than the round's minimum.</param>
/// <param name="Waitlisted">Applications on the waiting list, whose letters say until when they may be offered a grant.</param>
/// <param name="ExtensionsRunning">Unsent drafts whose group was given more time that has not yet run out: they may still be sent.</param>
public sealed record RoundProgress(int Unscreened, int ShortOfReviews, int Waitlisted = 0, int ExtensionsRunning = 0)
{
    public static RoundProgress None { get; } = new(0, 0);
}

/// <summary>What a page gives <see cref="Round.WhyNot"/>: each trigger takes from it the data its guards weigh.</summary>
internal sealed record RoundAsk(RoundProgress Progress, string? Reason, IReadOnlyList<string> AllocationProblems, DateTimeOffset? Now);

/// <summary>
/// A funding round and its lifecycle: Draft, Open, Screening, Scoring, Moderation, Decided, Notified,
/// Archived (or Cancelled). State changes only through the intent methods, each of which fires a
/// trigger on a private state machine; a trigger that is not allowed raises a
/// <see cref="DomainRuleException"/> saying why, and every change is recorded with who, when and why.
/// </summary>
public sealed partial class Round
{
    private readonly List<StateChange> _history = [];
    private readonly List<Deadlines.ClosingTimeExtension> _closingTimeExtensions = [];
    private readonly RoundLifecycle _lifecycle;
    private readonly RoundLifecycle.Intent<string> _cancel;
    private readonly RoundLifecycle.Intent<RoundProgress> _startScoring;
    private readonly RoundLifecycle.Intent<(RoundProgress Progress, string? Reason)> _closeScoring;
    private readonly RoundLifecycle.Intent<IReadOnlyList<string>> _approve;
    private readonly RoundLifecycle.Intent<(RoundProgress Progress, DateTimeOffset? Now)> _notify;

    private Round()
    {
        _lifecycle = new RoundLifecycle(() => State, state => State = state, () => _history, "The round", Verb, Describe, Configure);
        _cancel = _lifecycle.Declare(RoundTrigger.Cancel, ask => ask.Reason ?? "");
        _startScoring = _lifecycle.Declare(RoundTrigger.StartScoring, ask => ask.Progress);
        _closeScoring = _lifecycle.Declare(RoundTrigger.CloseScoring, ask => (ask.Progress, ask.Reason));
        // Moderation's problems are specific ("£500 over the budget"), so they are the needs, not the guard's fixed words.
        _approve = _lifecycle.Declare(RoundTrigger.Approve, ask => ask.AllocationProblems, problems => problems.Select(problem => $"this put right: {problem}"));
        _notify = _lifecycle.Declare(RoundTrigger.Notify, ask => (ask.Progress, ask.Now), asked => [WaitingListNeed(asked.Progress, asked.Now)!]);
    }

    public Round(Guid id, string reference, string name, string purpose, DateTimeOffset opensAt, DateTimeOffset closesAt, RoundSettings rules)
        : this()
    {
        Id = id;
        Reference = reference;
        Name = name;
        Purpose = purpose;
        OpensAt = opensAt;
        ClosesAt = closesAt;
        Rules = rules;
        _form = ApplicationForm.Default;
    }

    /// <summary>Who closes a round when its closing time comes.</summary>
    public const string ClosingTimeActor = "FairFund, at the closing time";

    public Guid Id { get; private set; }
    /// <summary>The limits on a round's name, published with its grants, and on what it is for.</summary>
    public static TextLimit NameLimit { get; } = TextLimit.Name;

    public static TextLimit PurposeLimit { get; } = new(4_000, 600);

    public string Reference { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Purpose { get; private set; } = "";
    public DateTimeOffset OpensAt { get; private set; }
    public DateTimeOffset ClosesAt { get; private set; }
    public RoundState State { get; private set; } = RoundState.Draft;

    /// <summary>The round's rules. Editable in Draft; fixed, with their <see cref="RulesHash"/>, from opening on.</summary>
    public RoundSettings Rules { get; private set; } = null!;
    public string? RulesJson { get; private set; }
    public string? RulesHash { get; private set; }

    /// <summary>
    /// The questions the round asks, the one way every page, export and check gets a round's form: the
    /// <see cref="ApplicationForm.Default"/> form for a new round (and for a round kept before rounds had forms).
    /// Editable while the round is a draft (<see cref="ChangeForm"/>); opening fixes it in the published rules with
    /// them, and from then on it cannot change, so it is always the form the published rules hold.
    /// </summary>
    public ApplicationForm Form { get => _form ?? ApplicationForm.Default; private set => _form = value; }

    /// <summary>The form as kept: null for a round stored before rounds had forms, which asks the default form, as it always did.</summary>
    private ApplicationForm? _form;

    /// <summary>The trigger name a change of form is recorded under in <see cref="History"/>; the state stays as it was.</summary>
    public const string FormChanged = "ChangeForm";

    /// <summary>
    /// Why the round's form cannot be changed now, as a sentence without its full stop; null while it can: only a
    /// draft's form changes, because opening publishes it, fingerprinted with the rules, and groups answer it.
    /// </summary>
    public string? WhyFormCannotChange => IsEditable(State)
        ? null
        : $"The round's form cannot change now: it is {Describe(State)}, and its form was fixed with its rules when it opened{(RulesHash is null ? "" : $" (hash {RulesHash})")}";

    /// <summary>What is wrong with <paramref name="form"/> as this round's form, each located: <see cref="ApplicationForm.Problems"/> against the round's criteria.</summary>
    public IReadOnlyList<Problem> CheckForm(ApplicationForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return form.Problems(Rules.Criteria);
    }

    /// <summary>
    /// Makes <paramref name="form"/> the round's form, recorded in its history with who and when. Refused, changing
    /// nothing, once the round has opened (<see cref="WhyFormCannotChange"/>) or when <see cref="CheckForm"/> finds a problem.
    /// </summary>
    public void ChangeForm(ApplicationForm form, DateTimeOffset now, string actor)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (WhyFormCannotChange is { } closed) throw new DomainRuleException(closed + ".");
        if (CheckForm(form) is [var problem, ..]) throw new DomainRuleException($"The form cannot be used: {problem.Message}.");
        Form = form;
        _history.Add(new StateChange(now, actor, State.ToString(), State.ToString(), FormChanged, "The application form was changed"));
    }

    /// <summary>The trigger name a round's copy records in its <see cref="History"/>: which round it was made from.</summary>
    public const string CopiedFrom = "CopyAsDraft";

    /// <summary>
    /// "New round from this one": a new draft with this round's settings, criteria, equity rules, pots, dates,
    /// disagreement thresholds and form, under a new <paramref name="reference"/> and <paramref name="name"/>. Nothing
    /// of the lifecycle is copied (no seed, no published rules, no history but the copy itself, recorded with who
    /// and when), so the copy is set up and opened on its own. Any round can be copied, in any state.
    /// </summary>
    public Round CopyAsDraft(Guid id, string reference, string name, DateTimeOffset now, string actor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (string.Equals(reference, Reference, StringComparison.OrdinalIgnoreCase))
            throw new DomainRuleException($"The new round needs a reference of its own, not {Reference}.");
        var copy = new Round(id, reference, name, Purpose, OpensAt, ClosesAt, Rules with { Reference = reference, Name = name, Seed = "" })
        {
            Form = Form,
            DisagreementRange = DisagreementRange,
            DisagreementDeviation = DisagreementDeviation,
            DeadlineReminderHours = DeadlineReminderHours,
        };
        copy._history.Add(new StateChange(now, actor, RoundState.Draft.ToString(), RoundState.Draft.ToString(), CopiedFrom, $"Made from round {Reference}, {Name}"));
        return copy;
    }

    /// <summary>The SHA-256 of the secret seed, published when the round opens.</summary>
    public string? SeedCommitment { get; private set; }
    /// <summary>The seed itself: kept private until scoring closes, then published.</summary>
    public string? SecretSeed { get; private set; }
    public DateTimeOffset? SeedRevealedAt { get; private set; }
    public string? RevealedSeed => SeedRevealedAt is null ? null : SecretSeed;

    public IReadOnlyList<StateChange> History => _history;

    /// <summary>When the decisions were sent to the groups; null until then.</summary>
    public DateTimeOffset? NotifiedAt => _lifecycle.LastBy(RoundTrigger.Notify)?.At;

    /// <summary>
    /// When moderation flags reviewers as disagreeing strongly about an application: the range of their
    /// review scores (0 to 100) above <see cref="DisagreementRange"/>, or their standard deviation above
    /// <see cref="DisagreementDeviation"/>. Set by the fund manager; it changes what is flagged, never the allocation.
    /// </summary>
    public decimal DisagreementRange { get; private set; } = DefaultDisagreementRange;

    public decimal DisagreementDeviation { get; private set; } = DefaultDisagreementDeviation;

    public const decimal DefaultDisagreementRange = 25m;
    public const decimal DefaultDisagreementDeviation = 12.5m;

    /// <summary>What the round's history calls a change of the disagreement thresholds.</summary>
    public const string ThresholdsChanged = "SetDisagreementThresholds";

    /// <summary>
    /// Sets the disagreement thresholds, each in review-score points from 0 to 100, recording who changed them and
    /// when: they decide which applications moderation flags.
    /// </summary>
    public void SetDisagreementThresholds(decimal range, decimal deviation, DateTimeOffset now, string actor)
    {
        if (range is < 0 or > 100) throw new DomainRuleException("The range threshold must be between 0 and 100 points.");
        if (deviation is < 0 or > 100) throw new DomainRuleException("The standard deviation threshold must be between 0 and 100 points.");
        if ((range, deviation) == (DisagreementRange, DisagreementDeviation)) return;
        _history.Add(new StateChange(now, actor, State.ToString(), State.ToString(), ThresholdsChanged,
            string.Create(CultureInfo.InvariantCulture, $"Disagreement thresholds changed from {DisagreementRange:0.##} to {range:0.##} points apart and from {DisagreementDeviation:0.##} to {deviation:0.##} points of standard deviation")));
        (DisagreementRange, DisagreementDeviation) = (range, deviation);
    }

    /// <summary>
    /// Whether a round in <paramref name="state"/> can still be set up (its details, criteria, rules and pots
    /// changed): only while it is a draft, because opening fixes the rules and publishes their fingerprint.
    /// </summary>
    public static bool IsEditable(RoundState state) => state == RoundState.Draft;

    /// <summary>Changes the round's details and rules, which is allowed only while it is a draft.</summary>
    public void Edit(string name, string purpose, DateTimeOffset opensAt, DateTimeOffset closesAt, RoundSettings rules)
    {
        if (!IsEditable(State))
            throw new DomainRuleException($"The round's rules cannot change once it has opened: they were fixed with the hash {RulesHash}.");
        (Name, Purpose, OpensAt, ClosesAt, Rules) = (name, purpose, opensAt, closesAt, rules with { Reference = Reference, Name = name });
    }

    /// <summary>Opens the round for applications: fixes its rules and commits to a secret lottery seed.</summary>
    public void Open(DateTimeOffset now, string actor, string secretSeed)
    {
        _lifecycle.Fire(RoundTrigger.Open, now, actor);
        var published = PublishedRules.Of(Rules, Form);
        (RulesJson, RulesHash) = (published.Json, published.Sha256);
        (SecretSeed, SeedCommitment) = (secretSeed, Seed.Commitment(secretSeed));
    }

    /// <summary>Every move of the closing time while the round was open, oldest first: the public round page shows each with its reason.</summary>
    public IReadOnlyList<Deadlines.ClosingTimeExtension> ClosingTimeExtensions => _closingTimeExtensions;

    /// <summary>What the round's history calls a move of its closing time.</summary>
    public const string ClosingTimeExtended = "ExtendClosingTime";

    /// <summary>What is wrong with moving the closing time to <paramref name="newClosesAt"/> for <paramref name="reason"/>, each located; empty when it can be.</summary>
    public IReadOnlyList<Problem> CheckClosingTimeExtension(DateTimeOffset? newClosesAt, string? reason, DateTimeOffset now)
    {
        if (State != RoundState.Open)
            return [new Problem("closesAt", $"The closing time can be moved only while the round is open for applications; it is {Describe(State)}")];
        return Deadlines.DeadlineRules.CheckExtension(newClosesAt, ClosesAt, reason, now, "the round's");
    }

    /// <summary>
    /// Gives every group more time: moves the closing time of an open round later, never earlier (groups plan to the
    /// time they were told), and only to a time still to come. The move, its reason, who made it and when are kept
    /// (<see cref="ClosingTimeExtensions"/>) and recorded in the history. Refused, changing nothing, when
    /// <see cref="CheckClosingTimeExtension"/> finds a problem.
    /// </summary>
    public void ExtendClosingTime(DateTimeOffset newClosesAt, string reason, DateTimeOffset now, string actor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (CheckClosingTimeExtension(newClosesAt, reason, now) is [var problem, ..]) throw new DomainRuleException(problem.Message + ".");
        var clean = FreeText.Clean(reason);
        _closingTimeExtensions.Add(new Deadlines.ClosingTimeExtension(ClosesAt, newClosesAt, clean, actor, now));
        _history.Add(new StateChange(now, actor, State.ToString(), State.ToString(), ClosingTimeExtended, clean));
        ClosesAt = newClosesAt;
    }

    /// <summary>
    /// How many hours before its deadline a group with an unsent draft is sent a reminder, once; from
    /// <see cref="Deadlines.DeadlineRules.FewestReminderHours"/> to <see cref="Deadlines.DeadlineRules.MostReminderHours"/>.
    /// </summary>
    public int DeadlineReminderHours { get; private set; } = Deadlines.DeadlineRules.DefaultReminderHours;

    /// <summary>What the round's history calls a change of <see cref="DeadlineReminderHours"/>.</summary>
    public const string ReminderChanged = "SetDeadlineReminder";

    /// <summary>Whether the reminder can still be set: while the round is a draft or open, before reminders have a purpose no more.</summary>
    public bool CanSetDeadlineReminder => State is RoundState.Draft or RoundState.Open;

    /// <summary>Sets when groups are reminded of the deadline, recorded with who and when; refused outside its range or once the round has closed.</summary>
    public void SetDeadlineReminder(int hours, DateTimeOffset now, string actor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (!CanSetDeadlineReminder) throw new DomainRuleException($"The reminder cannot change now: the round is {Describe(State)}.");
        if (Deadlines.DeadlineRules.CheckReminderHours(hours) is { } problem) throw new DomainRuleException(problem.Message + ".");
        if (hours == DeadlineReminderHours) return;
        _history.Add(new StateChange(now, actor, State.ToString(), State.ToString(), ReminderChanged,
            string.Create(CultureInfo.InvariantCulture, $"Deadline reminder changed from {DeadlineReminderHours} to {hours} hours before the deadline")));
        DeadlineReminderHours = hours;
    }

    /// <summary>Closes the round to applications, by hand or at its closing time.</summary>
    public void Close(DateTimeOffset now, string actor) => _lifecycle.Fire(RoundTrigger.Close, now, actor);

    /// <summary>Closes an open round whose closing time has come; true if it did.</summary>
    public bool CloseIfDue(DateTimeOffset now)
    {
        if (State != RoundState.Open || now < ClosesAt) return false;
        Close(ClosesAt, ClosingTimeActor);
        return true;
    }

    public void StartScoring(DateTimeOffset now, string actor, RoundProgress progress) => _lifecycle.Fire(_startScoring, progress, now, actor);

    /// <summary>Closes scoring and reveals the seed; with applications short of reviews, only with a reason.</summary>
    public void CloseScoring(DateTimeOffset now, string actor, RoundProgress progress, string? reason = null)
    {
        var kept = KeptReason(reason);
        _lifecycle.Fire(_closeScoring, (progress, kept), now, actor, kept);
        SeedRevealedAt = now;
    }

    /// <summary>
    /// Fixes the moderated allocation's decisions. Refused while <paramref name="allocationProblems"/> (from
    /// moderation: over budget, an overspent pot, an award above the request) has anything in it.
    /// </summary>
    public void Approve(DateTimeOffset now, string actor, IReadOnlyList<string>? allocationProblems = null) =>
        _lifecycle.Fire(_approve, allocationProblems ?? [], now, actor);

    /// <summary>
    /// Sends the decisions. With applications on the waiting list (<see cref="RoundProgress.Waitlisted"/>), only once
    /// the date it closes is set and still to come, as their letters say until when they may be offered a grant.
    /// </summary>
    public void Notify(DateTimeOffset now, string actor, RoundProgress? progress = null) =>
        _lifecycle.Fire(_notify, (progress ?? RoundProgress.None, now), now, actor);

    /// <summary>What groups are told about after the decision; see <see cref="SetAfterTheDecision"/>.</summary>
    public string GrantConditions { get; private set; } = "";

    /// <summary>
    /// What the round asks of every grant it makes: the payment schedule, the reports, how long a group has to accept.
    /// A grant keeps the terms it was offered on (<see cref="Grants.Grant.Terms"/>); a round starts with <see cref="Grants.GrantTerms.Default"/>.
    /// </summary>
    public Grants.GrantTerms GrantTerms { get; private set; } = Grants.GrantTerms.Default;

    /// <summary>Who last set <see cref="GrantTerms"/>, and when; null while the round has the default terms.</summary>
    public string? GrantTermsSetBy { get; private set; }

    public DateTimeOffset? GrantTermsSetAt { get; private set; }

    /// <summary>Whether the grant terms can change: while the round is a draft or open, before any grant is offered on them.</summary>
    public bool CanSetGrantTerms => State is RoundState.Draft or RoundState.Open;

    /// <summary>
    /// Sets what the round asks of every grant it makes (<see cref="Grants.GrantTerms"/>), recording who and when.
    /// Only while the round is a draft or open: groups apply knowing the terms, and grants are offered on them.
    /// Refused, changing nothing, while <see cref="Grants.GrantTerms.Check"/> finds a problem.
    /// </summary>
    public void SetGrantTerms(Grants.GrantTerms terms, DateTimeOffset now, string actor)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (!CanSetGrantTerms)
            throw new DomainRuleException($"The grant terms cannot change now: the round is {Describe(State)}.");
        if (terms.Check() is { Count: > 0 } problems)
            throw new DomainRuleException($"The grant terms cannot be set: {string.Join("; ", problems.Select(problem => problem.Message))}.");
        (GrantTerms, GrantTermsSetBy, GrantTermsSetAt) = (terms, actor, now);
    }

    /// <summary>The last day an application on the waiting list may be offered a grant from this round.</summary>
    public DateOnly? WaitingListUntil { get; private set; }

    /// <summary>Who last set <see cref="GrantConditions"/> and <see cref="WaitingListUntil"/>, and when.</summary>
    public string? AfterTheDecisionSetBy { get; private set; }

    public DateTimeOffset? AfterTheDecisionSetAt { get; private set; }

    /// <summary>The most characters the grant's conditions may have, as the database column holds them.</summary>
    public const int GrantConditionsMaxLength = 4000;

    /// <summary>The limit on the grant's conditions, prose that every funded group's letter quotes: a few paragraphs.</summary>
    public static TextLimit GrantConditionsLimit { get; } = new(GrantConditionsMaxLength, 600);

    /// <summary>
    /// Sets the conditions that come with a grant and the date the waiting list closes, which the decision
    /// letters give. Fixed once the decisions have been sent, since groups have read them.
    /// </summary>
    public void SetAfterTheDecision(string grantConditions, DateOnly? waitingListUntil, DateTimeOffset now, string actor)
    {
        ArgumentNullException.ThrowIfNull(grantConditions);
        if (State is RoundState.Notified or RoundState.Archived or RoundState.Cancelled)
            throw new DomainRuleException($"What groups are told after the decision cannot change now: the round is {Describe(State)}.");
        if (CheckAfterTheDecision(grantConditions, waitingListUntil, now) is { Count: > 0 } problems)
            throw new DomainRuleException(string.Join(" ", problems.Select(problem => problem.Message)));
        (GrantConditions, WaitingListUntil, AfterTheDecisionSetBy, AfterTheDecisionSetAt) = (Tidy(grantConditions), waitingListUntil, actor, now);
    }

    /// <summary>What is wrong with the words and date for <see cref="SetAfterTheDecision"/>, each at its field.</summary>
    public static IReadOnlyList<Problem> CheckAfterTheDecision(string grantConditions, DateOnly? waitingListUntil, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(grantConditions);
        var problems = new List<Problem>();
        var conditions = Tidy(grantConditions);
        // Said of the conditions, plural, rather than in FreeText.Check's words for one text.
        if (conditions.Length > GrantConditionsLimit.Characters)
            problems.Add(new Problem(nameof(GrantConditions), $"The grant's conditions must be {GrantConditionsLimit.Characters:#,##0} characters or fewer (they have {conditions.Length:#,##0})."));
        else if (FreeText.WordsIn(conditions) is var words && words > GrantConditionsLimit.Words)
            problems.Add(new Problem(nameof(GrantConditions), $"The grant's conditions must be {GrantConditionsLimit.Words:#,##0} words or fewer (they have {words:#,##0})."));
        if (waitingListUntil is { } until && until <= Today(now))
            problems.Add(new Problem(nameof(WaitingListUntil), "The date the waiting list closes must be after today."));
        return problems;
    }

    private static string Tidy(string grantConditions) => FreeText.Clean(grantConditions);

    /// <summary>
    /// What the decision letters need before they can go, in words after "it needs"; null when nothing. With
    /// applications on the waiting list, a closing date still to come at <paramref name="now"/> (unknown: not yet judged).
    /// </summary>
    private string? WaitingListNeed(RoundProgress progress, DateTimeOffset? now)
    {
        if (progress.Waitlisted == 0) return null;
        var need = WaitingListUntil switch
        {
            null => "the date the waiting list closes",
            { } until when now is null || until <= Today(now.Value) => "a date for the waiting list to close that is still to come",
            _ => null,
        };
        return need is null ? null : $"{need}, as {progress.Waitlisted} {(progress.Waitlisted == 1 ? "application is" : "applications are")} on the waiting list";
    }

    private static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime);

    public void Archive(DateTimeOffset now, string actor) => _lifecycle.Fire(RoundTrigger.Archive, now, actor);

    /// <summary>Cancels a draft or open round, with the reason that its history records.</summary>
    public void Cancel(DateTimeOffset now, string actor, string reason)
    {
        var kept = KeptReason(reason) ?? "";
        _lifecycle.Fire(_cancel, kept, now, actor, kept);
    }

    /// <summary>
    /// The limit on the reason for cancelling a round or closing scoring early: a few sentences, recorded in the
    /// round's history and shown wherever the history is.
    /// </summary>
    public static TextLimit ReasonLimit { get; } = TextLimit.Note;

    /// <summary>What is wrong with a reason for <see cref="Cancel"/> or <see cref="CloseScoring"/> against <see cref="ReasonLimit"/>, at <c>reason</c>; null when it is within it.</summary>
    public static Problem? CheckReason(string? reason) => FreeText.Check("reason", "The reason", FreeText.Clean(reason), ReasonLimit);

    /// <summary>A reason as it is kept, as every typed text is: cleaned, and only within its limit, before anything changes; null when blank.</summary>
    private static string? KeptReason(string? reason)
    {
        if (reason is null) return null;
        if (CheckReason(reason) is { } tooLong) throw new DomainRuleException(tooLong.Message + ".");
        return FreeText.Clean(reason) is { Length: > 0 } clean ? clean : null;
    }

    /// <summary>The rules with the revealed seed, ready for the allocation.</summary>
    public RoundSettings RulesForAllocation() => RevealedSeed is { } seed
        ? Rules with { Seed = seed }
        : throw new DomainRuleException("The allocation needs the lottery seed, which is revealed when scoring closes.");

    /// <summary>
    /// Whether a trigger can fire now, and if not, each reason in words, for a page to show beside its button: the
    /// same reasons the intent method, given the same arguments, refuses with.
    /// </summary>
    /// <param name="trigger">What is asked for.</param>
    /// <param name="progress">The counts from the round's applications that StartScoring, CloseScoring and Notify weigh.</param>
    /// <param name="reason">The reason given, for CloseScoring and Cancel.</param>
    /// <param name="allocationProblems">Moderation's problems with the allocation, for Approve.</param>
    /// <param name="now">When it is asked, for Notify: a waiting list's closing date must still be to come.</param>
    public IReadOnlyList<string> WhyNot(RoundTrigger trigger, RoundProgress? progress = null, string? reason = null, IReadOnlyList<string>? allocationProblems = null, DateTimeOffset? now = null) =>
        _lifecycle.WhyNot(trigger, new RoundAsk(progress ?? RoundProgress.None, reason, allocationProblems ?? [], now));

    /// <summary>The triggers that make sense in the current state, allowed now or not: the buttons a page shows.</summary>
    public IReadOnlyList<RoundTrigger> TriggersFromHere() => _lifecycle.TriggersFromHere();

    /// <summary>The lifecycle as a Mermaid state diagram, drawn from the machine itself.</summary>
    public static string StateDiagram() => new Round()._lifecycle.Diagram();

    /// <summary>
    /// Every move the lifecycle allows, read from the machine itself (guarded or not), starting from a draft, so a
    /// page can draw the lifecycle without a copy of it that could drift.
    /// </summary>
    public static IReadOnlyList<RoundTransition> Lifecycle() =>
        [.. new Round()._lifecycle.Info.States.SelectMany(state => state.FixedTransitions.Select(transition => new RoundTransition(
            (RoundState)state.UnderlyingState, (RoundTrigger)transition.Trigger.UnderlyingTrigger, (RoundState)transition.DestinationState.UnderlyingState)))];

    /// <summary>Whether the allocation has been approved: its decisions are final and may be published, and stay so.</summary>
    public static bool IsDecided(RoundState state) => state is RoundState.Decided or RoundState.Notified or RoundState.Archived;

    /// <summary>Which part of the panel's work a round in <paramref name="state"/> is at.</summary>
    public static PanelPhase PhaseForPanel(RoundState state) => state switch
    {
        RoundState.Draft or RoundState.Open => PanelPhase.TakingApplications,
        RoundState.Screening => PanelPhase.Screening,
        RoundState.Scoring => PanelPhase.Scoring,
        RoundState.Moderation => PanelPhase.Moderation,
        RoundState.Cancelled => PanelPhase.Cancelled,
        _ when IsDecided(state) => PanelPhase.Decided,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "A round state with no panel phase."),
    };

    /// <summary>Whether scoring has closed and the round has an allocation: in moderation, and ever after approval.</summary>
    public static bool HasAllocation(RoundState state) => state == RoundState.Moderation || IsDecided(state);

    // What the panel and the fund team may do in each state. Each "Why…" member gives the reason, as a sentence
    // without its full stop, or null when the thing may be done; pages show the reason beside the form.

    /// <summary>
    /// Why panel members cannot be invited, or sent their invite again, to a round in <paramref name="state"/>; null
    /// while they can. A panel is gathered from the draft through moderation; once the allocation is approved (or
    /// the round is cancelled) there is no panel work left to join.
    /// </summary>
    public static string? WhyPanelInvitesAreClosed(RoundState state) =>
        IsDecided(state) || state == RoundState.Cancelled ? $"You cannot invite panel members now: the round is {Describe(state)}" : null;

    /// <summary>
    /// Why reviews cannot be assigned to panel members, automatically or by hand, in a round in
    /// <paramref name="state"/>; null while they can: once applications are being screened (so the eligible ones
    /// are known) and until scoring closes, after which no review could count.
    /// </summary>
    public static string? WhyAssignmentIsClosed(RoundState state) =>
        state is RoundState.Screening or RoundState.Scoring
            ? null
            : $"Reviews can be assigned only while the round is being screened or scored; it is {Describe(state)}";

    /// <summary>
    /// Why the fund manager cannot record a conflict of interest a panel member did not declare, in a round in
    /// <paramref name="state"/>; null while they can. A recorded conflict stops the member's scores counting, and
    /// the allocation is worked out from the reviews, so once it is approved a conflict would change decisions
    /// groups have been given; it is accepted only until then.
    /// </summary>
    public static string? WhyConflictsCannotBeRecorded(RoundState state) =>
        IsDecided(state) || state == RoundState.Cancelled
            ? $"A conflict of interest can be recorded only until the allocation is approved, since it would change the scores that count; the round is {Describe(state)}"
            : null;

    /// <summary>
    /// Whether a panel member may say whether they have a conflict of interest with an application, in a round in
    /// <paramref name="state"/>: while applications are screened and scored, before any score they give could be final.
    /// </summary>
    public static bool IsDeclaringOpen(RoundState state) => state is RoundState.Screening or RoundState.Scoring;

    /// <summary>Whether a round in <paramref name="state"/> is taking scores: drafts, submissions and revisions are accepted only then.</summary>
    public static bool IsScoringOpen(RoundState state) => state == RoundState.Scoring;

    /// <summary>Whether scoring has ended for a round in <paramref name="state"/>: it is in moderation or later, or was cancelled.</summary>
    public static bool IsScoringOver(RoundState state) =>
        PhaseForPanel(state) is PanelPhase.Moderation or PanelPhase.Decided or PanelPhase.Cancelled;

    /// <summary>
    /// Why screening decisions (eligible or not) cannot be made in a round in <paramref name="state"/>; null while
    /// they can: only while it is being screened, since scoring starts from them and takes the eligible ones as they stand.
    /// </summary>
    public static string? WhyScreeningIsClosed(RoundState state) =>
        state == RoundState.Screening
            ? null
            : $"Screening decisions can be made only while the round is being screened, after it closes to applications and before scoring starts. This round is {Describe(state)}";

    /// <summary>
    /// Whether a round in <paramref name="state"/> holds its applications' decisions back from their groups. The
    /// decisions are made at approval (decided) but held until the fund sends them (notified), so that every group
    /// hears at once, by email and on its pages, in the same words.
    /// </summary>
    public static bool AreDecisionsHeld(RoundState state) => state == RoundState.Decided;

    /// <summary>
    /// Who may read the results of a round in <paramref name="state"/>. They are public only once the decisions have
    /// been sent (notified, and ever after), so that no group reads its outcome on a public page before its own
    /// letter; from approval until then the fund team can preview them. Before approval there are none.
    /// </summary>
    public static ResultsVisibility WhoMaySeeResults(RoundState state) => state switch
    {
        RoundState.Notified or RoundState.Archived => ResultsVisibility.Public,
        RoundState.Decided => ResultsVisibility.FundTeamPreview,
        _ => ResultsVisibility.None,
    };

    /// <summary>Whether anyone may read the round's results: see <see cref="WhoMaySeeResults"/>.</summary>
    public static bool AreResultsPublic(RoundState state) => WhoMaySeeResults(state) == ResultsVisibility.Public;

    public static string Describe(RoundState state) => state switch
    {
        RoundState.Draft => "a draft",
        RoundState.Open => "open for applications",
        RoundState.Screening => "being screened",
        RoundState.Scoring => "being scored",
        RoundState.Moderation => "in moderation",
        RoundState.Decided => "decided",
        RoundState.Notified => "notified",
        RoundState.Archived => "archived",
        _ => "cancelled",
    };

    public static string Verb(RoundTrigger trigger) => trigger switch
    {
        RoundTrigger.Open => "open",
        RoundTrigger.Close => "close",
        RoundTrigger.StartScoring => "start scoring",
        RoundTrigger.CloseScoring => "close scoring",
        RoundTrigger.Approve => "be approved",
        RoundTrigger.Notify => "send its decisions",
        RoundTrigger.Archive => "be archived",
        _ => "be cancelled",
    };

    private void Configure()
    {
        _lifecycle.Configure(RoundState.Draft)
            .PermitIf(RoundTrigger.Open, RoundState.Open,
                Guard(() => Rules.Budget > 0, "a budget over £0"),
                Guard(() => Rules.Criteria.Count > 0, "at least one criterion"),
                Guard(() => !OtherRuleProblems().Any(), "rules, pots and grant limits that are all valid"),
                Guard(() => ClosesAt > OpensAt, "a closing time after its opening time"),
                Guard(() => Form.ProblemsBeforeOpening(Rules.Criteria).Count == 0, "an application form with no problems, every section with a question"))
            .PermitIf(_cancel.Trigger, RoundState.Cancelled, reason => !string.IsNullOrWhiteSpace(reason), "a reason for cancelling");
        _lifecycle.Configure(RoundState.Open)
            .Permit(RoundTrigger.Close, RoundState.Screening)
            .PermitIf(_cancel.Trigger, RoundState.Cancelled, reason => !string.IsNullOrWhiteSpace(reason), "a reason for cancelling");
        _lifecycle.Configure(RoundState.Screening)
            .PermitIf(_startScoring.Trigger, RoundState.Scoring,
                Tuple.Create<Func<RoundProgress, bool>, string>(progress => progress.Unscreened == 0, "every submitted application screened"),
                // A group given more time may still send its draft; scoring starting first would leave it out.
                Tuple.Create<Func<RoundProgress, bool>, string>(progress => progress.ExtensionsRunning == 0, "every group given more time to have reached its own deadline"));
        _lifecycle.Configure(RoundState.Scoring)
            .PermitIf(_closeScoring.Trigger, RoundState.Moderation,
                asked => asked.Progress.ShortOfReviews == 0 || !string.IsNullOrWhiteSpace(asked.Reason),
                "every eligible application to have its minimum reviews, or a reason to close anyway");
        _lifecycle.Configure(RoundState.Moderation)
            .PermitIf(_approve.Trigger, RoundState.Decided, problems => problems.Count == 0, "an allocation with nothing to put right");
        _lifecycle.Configure(RoundState.Decided)
            .PermitIf(_notify.Trigger, RoundState.Notified, asked => WaitingListNeed(asked.Progress, asked.Now) is null,
                "a date still to come for the waiting list to close, when applications are on it");
        _lifecycle.Configure(RoundState.Notified).Permit(RoundTrigger.Archive, RoundState.Archived);
    }

    private static Tuple<Func<bool>, string> Guard(Func<bool> holds, string need) => Tuple.Create(holds, need);

    /// <summary>
    /// Problems with the rules other than those the budget and criteria guards give already. A budget
    /// over £0 can still be wrong (fractions of a penny), so only a budget of £0 or less is left to its guard.
    /// </summary>
    private IEnumerable<Problem> OtherRuleProblems() => Rules.Check(seedDrawn: false)
        .Where(problem => !(problem.Location == "budget" && Rules.Budget <= 0) && problem.Location != "criteria");
}
