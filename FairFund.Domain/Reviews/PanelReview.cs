using FairFund.Domain.Auditing;
using FairFund.Domain.Scoring;
using FairFund.Domain.Validation;
using ReviewLifecycle = FairFund.Domain.Lifecycles.Lifecycle<FairFund.Domain.Reviews.ReviewState, FairFund.Domain.Reviews.ReviewTrigger, bool>;

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
    private readonly ReviewLifecycle _lifecycle;
    private readonly ReviewLifecycle.Intent<bool> _submit;
    private readonly ReviewLifecycle.Intent<bool> _revise;

    /// <remarks>The lifecycle's general question is asked with whether scoring is open, which Submit and Revise weigh.</remarks>
    private PanelReview()
    {
        _lifecycle = new ReviewLifecycle(() => State, state => State = state, () => _history, "The review", Verb, Describe, Configure);
        _submit = _lifecycle.Declare(ReviewTrigger.Submit, scoringOpen => scoringOpen);
        _revise = _lifecycle.Declare(ReviewTrigger.Revise, scoringOpen => scoringOpen);
    }

    /// <summary>Assigns an application to a panel member; <paramref name="assignedBy"/> is the fund manager, or the automatic assignment.</summary>
    public PanelReview(Guid id, Guid applicationId, string reviewerId, DateTimeOffset assignedAt, string assignedBy)
        : this()
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

    /// <summary>When the member last saved a draft of their scores; null if they never have.</summary>
    public DateTimeOffset? DraftSavedAt => _lifecycle.LastBy(ReviewTrigger.SaveDraft)?.At;

    /// <summary>The application's answers are shown only once the member has declared no conflict, and never after a conflict.</summary>
    public bool CanSeeApplication => State is ReviewState.Scoring or ReviewState.Submitted;

    /// <summary>
    /// Whether the member still has this review to do: not yet submitted and not ended by a conflict. It is what
    /// counts a member as behind, and what the reminder before the scoring deadline counts.
    /// </summary>
    public bool IsStillToDo => State is ReviewState.AwaitingDeclaration or ReviewState.Scoring;

    /// <summary>Scores may be drafted only between declaring no conflict and submitting; after that, through <see cref="Revise"/>.</summary>
    public bool CanScore => State == ReviewState.Scoring;

    /// <summary>
    /// Other members' scores for the application are shown only after this member has submitted their own,
    /// so that every first score is independent; never to a conflicted member.
    /// </summary>
    public bool CanSeeOthersScores => State == ReviewState.Submitted;

    /// <summary>Only a submitted review without a conflict is counted by the allocation.</summary>
    public bool CountsTowardAllocation => State == ReviewState.Submitted;

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
        _lifecycle.Fire(ReviewTrigger.DeclareNoConflict, now, actor);
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
        _lifecycle.Fire(ReviewTrigger.SaveDraft, now, ReviewerId);
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
        _lifecycle.Fire(_submit, scoringOpen, now, ReviewerId);
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
        _lifecycle.Fire(_revise, scoringOpen, now, ReviewerId);
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
    public IReadOnlyList<string> WhyNot(ReviewTrigger trigger, bool scoringOpen = false) => _lifecycle.WhyNot(trigger, scoringOpen);

    /// <summary>The lifecycle as a Mermaid state diagram, drawn from the machine itself.</summary>
    public static string StateDiagram() => new PanelReview()._lifecycle.Diagram();

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
        _lifecycle.Fire(trigger, now, actor, reason: tidied.Length == 0 ? ConflictDeclaration.Describe(kind) : $"{ConflictDeclaration.Describe(kind)}: {tidied}");
        _declarations.Add(new ConflictDeclaration(kind, tidied, actor, now, recordedByFundManager));
    }

    private void AddRevision(ScoreSheet sheet, DateTimeOffset now) =>
        _revisions.Add(new Revision(_revisions.Count + 1, now, ReviewerId, sheet.Scores, sheet.CommentForApplicant, sheet.NoteForPanel));

    private static void ThrowIfProblems(string participle, IReadOnlyList<Validation.Problem> problems)
    {
        if (problems.Count > 0)
            throw new DomainRuleException($"The review cannot be {participle}: {string.Join("; ", problems.Select(problem => problem.ToString()))}.");
    }

    private void EnsureCan(ReviewTrigger trigger, bool scoringOpen = false) => _lifecycle.EnsureCan(trigger, scoringOpen);

    private void Configure()
    {
        const string ScoringOpen = "scoring to be open";

        _lifecycle.Configure(ReviewState.AwaitingDeclaration)
            .Permit(ReviewTrigger.DeclareNoConflict, ReviewState.Scoring)
            .Permit(ReviewTrigger.DeclareConflict, ReviewState.Conflicted)
            .Permit(ReviewTrigger.RecordConflict, ReviewState.Conflicted);
        _lifecycle.Configure(ReviewState.Scoring)
            .PermitReentry(ReviewTrigger.SaveDraft)
            .PermitIf(_submit.Trigger, ReviewState.Submitted, open => open, ScoringOpen)
            .Permit(ReviewTrigger.DeclareConflict, ReviewState.Conflicted)
            .Permit(ReviewTrigger.RecordConflict, ReviewState.Conflicted);
        _lifecycle.Configure(ReviewState.Submitted)
            .PermitReentryIf(_revise.Trigger, open => open, ScoringOpen)
            .Permit(ReviewTrigger.DeclareConflict, ReviewState.Conflicted)
            .Permit(ReviewTrigger.RecordConflict, ReviewState.Conflicted);
        _lifecycle.Configure(ReviewState.Conflicted);
    }
}
