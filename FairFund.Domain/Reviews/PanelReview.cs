using FairFund.Domain.Auditing;
using FairFund.Domain.Scoring;
using FairFund.Domain.Validation;
using Stateless;
using Stateless.Graph;

namespace FairFund.Domain.Reviews;

public enum ReviewState { AwaitingDeclaration, Scoring, Submitted, Conflicted }

public enum ReviewTrigger { DeclareNoConflict, DeclareConflict, RecordConflict, SaveDraft, Submit, Revise }

/// <summary>
/// One panel member's review of one application (docs/panel.md). The member first declares a conflict of
/// interest or none; until then they may neither see the application nor score it. With no conflict they
/// save drafts and then submit explicitly; a submitted review can be revised while scoring is open, and
/// every submitted version is kept in <see cref="Revisions"/>. A conflict, declared by the member or
/// recorded by the fund manager, ends the review: it can never be scored again and whatever it scored
/// is excluded from the allocation, though kept for the record. Every change is recorded in
/// <see cref="History"/> with who made it and when.
/// </summary>
/// <remarks>
/// Named <c>PanelReview</c>, not <c>Review</c>, because <see cref="Scoring.Review"/> is the allocator's
/// record of one review's scores, and pages that use both would otherwise need aliases.
/// </remarks>
public sealed class PanelReview
{
    private readonly List<StateChange> _history = [];
    private readonly List<ConflictDeclaration> _declarations = [];
    private readonly List<Revision> _revisions = [];
    private StateMachine<ReviewState, ReviewTrigger>? _machine;
    private StateMachine<ReviewState, ReviewTrigger>.TriggerWithParameters<bool> _submit = null!;
    private StateMachine<ReviewState, ReviewTrigger>.TriggerWithParameters<bool> _revise = null!;
    private (DateTimeOffset At, string Actor, string? Reason) _underWay;

    private PanelReview()
    {
    }

    /// <summary>Assigns an application to a panel member; <paramref name="assignedBy"/> is the fund manager, or the automatic assignment.</summary>
    public PanelReview(Guid id, Guid applicationId, string reviewerId, DateTimeOffset assignedAt, string assignedBy)
    {
        if (string.IsNullOrWhiteSpace(reviewerId)) throw new ArgumentException("A review needs the panel member who will write it.", nameof(reviewerId));
        if (string.IsNullOrWhiteSpace(assignedBy)) throw new ArgumentException("An assignment needs the person who made it.", nameof(assignedBy));
        Id = id;
        ApplicationId = applicationId;
        ReviewerId = reviewerId;
        AssignedAt = assignedAt;
        AssignedBy = assignedBy;
    }

    public Guid Id { get; private set; }
    public Guid ApplicationId { get; private set; }

    /// <summary>The panel member writing this review; the allocator names the review by it.</summary>
    public string ReviewerId { get; private set; } = "";

    public DateTimeOffset AssignedAt { get; private set; }
    public string AssignedBy { get; private set; } = "";
    public ReviewState State { get; private set; } = ReviewState.AwaitingDeclaration;

    /// <summary>The member's working copy: the latest draft, or after submission the latest submitted version.</summary>
    public ScoreSheet Sheet { get; private set; } = ScoreSheet.Empty;

    /// <summary>Every declaration about conflicts, oldest first: the member's own, and any the fund manager recorded.</summary>
    public IReadOnlyList<ConflictDeclaration> Declarations => _declarations.AsReadOnly();

    /// <summary>The conflict that ended this review, or null while it has none.</summary>
    public ConflictDeclaration? Conflict => _declarations.LastOrDefault(declaration => declaration.IsConflict);

    /// <summary>Every submitted version, oldest first; append-only, so a revision never hides what was first submitted.</summary>
    public IReadOnlyList<Revision> Revisions => _revisions.AsReadOnly();

    /// <summary>The version that counts: the latest submitted, or null before the first submission.</summary>
    public Revision? Submitted => _revisions.Count == 0 ? null : _revisions[^1];

    public IReadOnlyList<StateChange> History => _history.AsReadOnly();

    /// <summary>The application's answers are shown only once the member has declared no conflict, and never after a conflict.</summary>
    public bool CanSeeApplication => State is ReviewState.Scoring or ReviewState.Submitted;

    /// <summary>Scores may be drafted only between declaring no conflict and submitting; after that, through <see cref="Revise"/>.</summary>
    public bool CanScore => State == ReviewState.Scoring;

    /// <summary>
    /// Other members' scores for the application are shown only after this member has submitted their own,
    /// so that every first score is independent; never to a conflicted member.
    /// </summary>
    public bool CanSeeOthersScores => State == ReviewState.Submitted;

    /// <summary>Only a submitted review without a conflict is counted by the allocation.</summary>
    public bool CountsTowardAllocation => State == ReviewState.Submitted;

    private StateMachine<ReviewState, ReviewTrigger> Machine => _machine ??= Configure();

    /// <summary>
    /// The member declares they have no conflict with the applicant, which lets them read and score it. Refused,
    /// with the reason, when the member is one of the application's own people (<see cref="ApplicantPeople.ConflictOf"/>):
    /// nobody can say they have no conflict with their own group.
    /// </summary>
    /// <param name="now">When.</param>
    /// <param name="actor">The member.</param>
    /// <param name="applicants">The people the application is known to come from.</param>
    public void DeclareNoConflict(DateTimeOffset now, string actor, ApplicantPeople applicants)
    {
        ArgumentNullException.ThrowIfNull(applicants);
        EnsureCan(ReviewTrigger.DeclareNoConflict);
        if (applicants.ConflictOf(ReviewerId) is { } tie)
            throw new DomainRuleException($"You cannot say you have no conflict of interest with this group: {tie}. Say that you have a conflict instead.");
        Fire(ReviewTrigger.DeclareNoConflict, now, actor);
        _declarations.Add(new ConflictDeclaration(ConflictKind.None, "", actor, now, RecordedByFundManager: false));
    }

    /// <summary>
    /// The member declares a conflict: before seeing the application, or later on finding one. The review
    /// ends; anything it scored is excluded.
    /// </summary>
    public void DeclareConflict(ConflictKind kind, string? note, DateTimeOffset now, string actor) =>
        AddConflict(ReviewTrigger.DeclareConflict, kind, note, now, actor, recordedByFundManager: false);

    /// <summary>
    /// The fund manager records a conflict the member did not declare, with the same effect as a declared one;
    /// the declaration says it was recorded by staff.
    /// </summary>
    public void RecordConflict(ConflictKind kind, string? note, DateTimeOffset now, string actor) =>
        AddConflict(ReviewTrigger.RecordConflict, kind, note, now, actor, recordedByFundManager: true);

    /// <summary>
    /// Saves the member's scores and comments as a draft; scores may be missing, but each given must be a
    /// criterion's and on its scale. Refused, with the earlier draft kept, when <see cref="ScoreSheet.CheckDraft"/> finds a problem.
    /// </summary>
    public void SaveDraft(ScoreSheet sheet, IReadOnlyList<Criterion> criteria, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        EnsureCan(ReviewTrigger.SaveDraft);
        var tidied = sheet.Tidied();
        ThrowIfProblems("saved", tidied.CheckDraft(criteria));
        Fire(ReviewTrigger.SaveDraft, now, ReviewerId);
        Sheet = tidied;
    }

    /// <summary>
    /// Submits the saved draft as the member's score: explicit, so a half-finished draft is never counted.
    /// Refused, with the draft kept, once scoring has closed, or until every criterion is scored and the
    /// applicant has a comment.
    /// </summary>
    public void Submit(IReadOnlyList<Criterion> criteria, DateTimeOffset now, bool scoringOpen)
    {
        EnsureCan(ReviewTrigger.Submit, scoringOpen);
        ThrowIfProblems("submitted", Sheet.CheckSubmission(criteria));
        Fire(ReviewTrigger.Submit, now, ReviewerId, scoringOpen: scoringOpen);
        AddRevision(Sheet, now);
    }

    /// <summary>
    /// Replaces the submitted score with a new version, only while scoring is open; the earlier versions stay
    /// in <see cref="Revisions"/>. Refused, with the submitted version kept, when the new one is incomplete.
    /// </summary>
    public void Revise(ScoreSheet sheet, IReadOnlyList<Criterion> criteria, DateTimeOffset now, bool scoringOpen)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        EnsureCan(ReviewTrigger.Revise, scoringOpen);
        var tidied = sheet.Tidied();
        ThrowIfProblems("revised", tidied.CheckSubmission(criteria));
        Fire(ReviewTrigger.Revise, now, ReviewerId, scoringOpen: scoringOpen);
        Sheet = tidied;
        AddRevision(tidied, now);
    }

    /// <summary>
    /// This review as the allocator reads it: the latest submitted scores in the order of the round's criteria,
    /// marked as a conflict when one ended the review (kept for the record, never counted); null when nothing
    /// was ever submitted, since a draft is never counted.
    /// </summary>
    public Review? ForAllocation(IReadOnlyList<Criterion> criteria)
    {
        if (Submitted is not { } version) return null;
        var sheet = new ScoreSheet(version.Scores, version.CommentForApplicant, version.NoteForPanel);
        if (sheet.CheckSubmission(criteria) is [var problem, ..])
            throw new DomainRuleException($"{ReviewerId}'s review was submitted against different criteria: {problem}.");
        return new Review(ReviewerId, Conflict: State == ReviewState.Conflicted, sheet.InCriteriaOrder(criteria));
    }

    /// <summary>Whether a trigger can fire now, and if not, each reason in words.</summary>
    /// <param name="trigger">What is asked for.</param>
    /// <param name="scoringOpen">For <see cref="ReviewTrigger.Submit"/> and <see cref="ReviewTrigger.Revise"/>: whether the round is taking scores.</param>
    public IReadOnlyList<string> WhyNot(ReviewTrigger trigger, bool scoringOpen = false)
    {
        ICollection<string> unmet;
        var can = trigger switch
        {
            ReviewTrigger.Submit => Machine.CanFire(_submit, scoringOpen, out unmet),
            ReviewTrigger.Revise => Machine.CanFire(_revise, scoringOpen, out unmet),
            _ => Machine.CanFire(trigger, out unmet),
        };
        if (can) return [];
        // Stateless leaves unmet null, not empty, when the state does not take the trigger at all.
        if (unmet is { Count: > 0 }) return [.. unmet.Select(need => $"it needs {need}")];
        return [$"it is {Describe(State)}"];
    }

    /// <summary>The lifecycle as a Mermaid state diagram, drawn from the machine itself.</summary>
    public static string StateDiagram() => MermaidGraph.Format(new PanelReview().Machine.GetInfo());

    /// <summary>The state in words, as it ends "it is …" in a refusal.</summary>
    public static string Describe(ReviewState state) => state switch
    {
        ReviewState.AwaitingDeclaration => "waiting for the panel member to declare any conflict of interest",
        ReviewState.Scoring => "not yet submitted",
        ReviewState.Submitted => "already submitted",
        _ => "closed by a conflict of interest",
    };

    public static string Verb(ReviewTrigger trigger) => trigger switch
    {
        ReviewTrigger.DeclareNoConflict => "be declared free of conflicts",
        ReviewTrigger.DeclareConflict => "have a conflict declared",
        ReviewTrigger.RecordConflict => "have a conflict recorded",
        ReviewTrigger.SaveDraft => "be saved as a draft",
        ReviewTrigger.Submit => "be submitted",
        _ => "be revised",
    };

    private void AddConflict(ReviewTrigger trigger, ConflictKind kind, string? note, DateTimeOffset now, string actor, bool recordedByFundManager)
    {
        EnsureCan(trigger);
        ThrowIfProblems(trigger == ReviewTrigger.RecordConflict ? "given a recorded conflict" : "given a declared conflict", ConflictDeclaration.Check(kind, note));
        var tidied = FreeText.Clean(note);
        Fire(trigger, now, actor, reason: tidied.Length == 0 ? ConflictDeclaration.Describe(kind) : $"{ConflictDeclaration.Describe(kind)}: {tidied}");
        _declarations.Add(new ConflictDeclaration(kind, tidied, actor, now, recordedByFundManager));
    }

    private void AddRevision(ScoreSheet sheet, DateTimeOffset now) =>
        _revisions.Add(new Revision(_revisions.Count + 1, now, ReviewerId, sheet.Scores, sheet.CommentForApplicant, sheet.NoteForPanel));

    private static void ThrowIfProblems(string participle, IReadOnlyList<Validation.Problem> problems)
    {
        if (problems.Count > 0)
            throw new DomainRuleException($"The review cannot be {participle}: {string.Join("; ", problems.Select(problem => problem.ToString()))}.");
    }

    private void EnsureCan(ReviewTrigger trigger, bool scoringOpen = false)
    {
        var whyNot = WhyNot(trigger, scoringOpen);
        if (whyNot.Count > 0) throw new DomainRuleException($"The review cannot {Verb(trigger)}: {string.Join("; ", whyNot)}.");
    }

    private void Fire(ReviewTrigger trigger, DateTimeOffset at, string actor, string? reason = null, bool scoringOpen = false)
    {
        EnsureCan(trigger, scoringOpen);
        _underWay = (at, actor, reason);
        switch (trigger)
        {
            case ReviewTrigger.Submit: Machine.Fire(_submit, scoringOpen); break;
            case ReviewTrigger.Revise: Machine.Fire(_revise, scoringOpen); break;
            default: Machine.Fire(trigger); break;
        }
    }

    private StateMachine<ReviewState, ReviewTrigger> Configure()
    {
        var machine = new StateMachine<ReviewState, ReviewTrigger>(() => State, state => State = state);
        _submit = machine.SetTriggerParameters<bool>(ReviewTrigger.Submit);
        _revise = machine.SetTriggerParameters<bool>(ReviewTrigger.Revise);
        const string ScoringOpen = "scoring to be open";

        machine.Configure(ReviewState.AwaitingDeclaration)
            .Permit(ReviewTrigger.DeclareNoConflict, ReviewState.Scoring)
            .Permit(ReviewTrigger.DeclareConflict, ReviewState.Conflicted)
            .Permit(ReviewTrigger.RecordConflict, ReviewState.Conflicted);
        machine.Configure(ReviewState.Scoring)
            .PermitReentry(ReviewTrigger.SaveDraft)
            .PermitIf(_submit, ReviewState.Submitted, open => open, ScoringOpen)
            .Permit(ReviewTrigger.DeclareConflict, ReviewState.Conflicted)
            .Permit(ReviewTrigger.RecordConflict, ReviewState.Conflicted);
        machine.Configure(ReviewState.Submitted)
            .PermitReentryIf(_revise, open => open, ScoringOpen)
            .Permit(ReviewTrigger.DeclareConflict, ReviewState.Conflicted)
            .Permit(ReviewTrigger.RecordConflict, ReviewState.Conflicted);
        machine.Configure(ReviewState.Conflicted);

        machine.OnTransitioned(transition => _history.Add(new StateChange(
            _underWay.At, _underWay.Actor, transition.Source.ToString(), transition.Destination.ToString(), transition.Trigger.ToString(), _underWay.Reason)));
        return machine;
    }
}
