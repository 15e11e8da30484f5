using FairFund.Domain.Allocation;
using FairFund.Domain.Auditing;
using FairFund.Domain.Forms;
using FairFund.Domain.Scoring;
using FairFund.Domain.Validation;
using ApplicationLifecycle = FairFund.Domain.Lifecycles.Lifecycle<FairFund.Domain.Applications.ApplicationState, FairFund.Domain.Applications.ApplicationTrigger, FairFund.Domain.Applications.ApplicationAsk>;

namespace FairFund.Domain.Applications;

public enum ApplicationState { Draft, Submitted, Eligible, Ineligible, Scored, Awarded, Waitlisted, Declined, Withdrawn }

public enum ApplicationTrigger { Submit, MarkEligible, MarkIneligible, MarkScored, Award, Waitlist, Decline, Withdraw }

/// <summary>When a round takes submissions: while it is open, up to (not including) its closing instant.</summary>
/// <param name="RoundIsOpen">Whether the round takes this application: it is open, or closed to everyone but a group given more time.</param>
/// <param name="ClosesAt">The application's own deadline: the round's closing time, or the group's later one.</param>
/// <param name="Now">When the submission reached the server.</param>
public sealed record SubmissionWindow(bool RoundIsOpen, DateTimeOffset ClosesAt, DateTimeOffset Now)
{
    public bool IsOpen => RoundIsOpen && Now < ClosesAt;

    /// <summary>
    /// The window for one group's application: the round's, until its closing time; or, for a group given more time
    /// (<paramref name="extendedUntil"/> later than the round's closing time), until its own deadline, even after the
    /// round has closed to everyone else and while it is screened, but never once scoring has started.
    /// </summary>
    public static SubmissionWindow For(Rounds.RoundState round, DateTimeOffset roundClosesAt, DateTimeOffset? extendedUntil, DateTimeOffset now)
    {
        var extended = extendedUntil is { } until && until > roundClosesAt;
        var takes = round == Rounds.RoundState.Open || (round == Rounds.RoundState.Screening && extended);
        return new SubmissionWindow(takes, extended ? extendedUntil!.Value : roundClosesAt, now);
    }
}

/// <summary>What a page gives <see cref="Application.WhyNot"/>: each trigger takes from it the data its guards weigh.</summary>
internal sealed record ApplicationAsk(SubmissionWindow Window, string Reason, DecisionNotice? Notice);

/// <summary>
/// A group's application to a round, and its lifecycle: Draft, Submitted, Eligible or Ineligible,
/// Scored, then Awarded, Waitlisted or Declined; Withdrawn at the group's request before a decision.
/// As with rounds, state changes only through intent methods, and each change is recorded.
/// </summary>
public sealed class Application
{
    private readonly List<StateChange> _history = [];
    private readonly List<SupportingDocument> _documents = [];
    private readonly List<DocumentEvent> _documentEvents = [];
    private readonly ApplicationLifecycle _lifecycle;
    private readonly ApplicationLifecycle.Intent<SubmissionWindow> _submit;
    private readonly ApplicationLifecycle.Intent<string> _markIneligible;
    private readonly ApplicationLifecycle.Intent<DecisionNotice?> _award;
    private readonly ApplicationLifecycle.Intent<DecisionNotice?> _waitlist;
    private readonly ApplicationLifecycle.Intent<DecisionNotice?> _decline;

    private Application()
    {
        _lifecycle = new ApplicationLifecycle(() => State, state => State = state, () => _history, "The application", Verb,
            state => state == ApplicationState.Draft ? "a draft" : Labels.ForStaff(state).ToLowerInvariant(), Configure);
        _submit = _lifecycle.Declare(ApplicationTrigger.Submit, ask => ask.Window);
        _markIneligible = _lifecycle.Declare(ApplicationTrigger.MarkIneligible, ask => ask.Reason);
        _award = _lifecycle.Declare(ApplicationTrigger.Award, ask => ask.Notice);
        _waitlist = _lifecycle.Declare(ApplicationTrigger.Waitlist, ask => ask.Notice);
        _decline = _lifecycle.Declare(ApplicationTrigger.Decline, ask => ask.Notice);
    }

    public Application(Guid id, Guid roundId, Guid organisationId, string reference)
        : this()
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

    /// <summary>What the group is told once the application is awarded, waitlisted or declined; null until then.</summary>
    public DecisionNotice? Decision { get; private set; }

    public IReadOnlyList<StateChange> History => _history;

    /// <summary>The group's own deadline, when the fund gave it more time than the round's; null when it has the round's.</summary>
    public DateTimeOffset? ExtendedUntil { get; private set; }

    /// <summary>Why the group was given more time, as the group is shown it; null without an extension.</summary>
    public string? ExtensionReason { get; private set; }

    /// <summary>Who gave the group more time, and when; null without an extension (earlier ones are in <see cref="History"/>).</summary>
    public string? ExtendedBy { get; private set; }

    public DateTimeOffset? ExtendedAt { get; private set; }

    /// <summary>What the application's history calls giving its group more time; the state stays a draft.</summary>
    public const string DeadlineExtended = "ExtendDeadline";

    /// <summary>The group's deadline: the round's closing time, or its own later one.</summary>
    public DateTimeOffset DeadlineIn(DateTimeOffset roundClosesAt) => ExtendedUntil is { } until && until > roundClosesAt ? until : roundClosesAt;

    /// <summary>Whether a submission that reaches the server <paramref name="now"/> counts, for this group (<see cref="SubmissionWindow.For"/>).</summary>
    public SubmissionWindow WindowIn(Rounds.RoundState round, DateTimeOffset roundClosesAt, DateTimeOffset now) =>
        SubmissionWindow.For(round, roundClosesAt, ExtendedUntil, now);

    /// <summary>
    /// Whether this is an unsent draft whose group was given more time that has not yet run out at <paramref name="now"/>:
    /// it may still be sent, so the round must not start scoring (<see cref="Rounds.RoundProgress.ExtensionsRunning"/>).
    /// </summary>
    public bool HasExtensionRunning(DateTimeOffset roundClosesAt, DateTimeOffset now) =>
        State == ApplicationState.Draft && ExtendedUntil is { } until && until > roundClosesAt && now < until;

    /// <summary>
    /// What is wrong with giving this group until <paramref name="until"/>, for <paramref name="reason"/>: only an unsent
    /// draft, only while its round is open or being screened (before scoring starts), and only to a time later than
    /// now and than the group's current deadline. Located at <c>closesAt</c> and <c>reason</c>.
    /// </summary>
    public IReadOnlyList<Problem> CheckExtension(Rounds.RoundState round, DateTimeOffset roundClosesAt, DateTimeOffset? until, string? reason, DateTimeOffset now)
    {
        if (State != ApplicationState.Draft)
            return [new Problem("closesAt", $"Only an application not yet sent can be given more time; this one is {Labels.ForStaff(State).ToLowerInvariant()}")];
        if (round is not (Rounds.RoundState.Open or Rounds.RoundState.Screening))
            return [new Problem("closesAt", $"A group can be given more time only while the round is open or being screened; it is {Rounds.Round.Describe(round)}")];
        return Deadlines.DeadlineRules.CheckExtension(until, DeadlineIn(roundClosesAt), reason, now, "the group's");
    }

    /// <summary>
    /// Gives this group more time (illness, a bereavement, a broken laptop): its own deadline, later than the round's,
    /// which the send check uses to the second. The reason, who and when are kept and recorded in the history; the
    /// group is shown them, no other group is. Refused, changing nothing, when <see cref="CheckExtension"/> finds a problem.
    /// </summary>
    public void ExtendDeadline(Rounds.RoundState round, DateTimeOffset roundClosesAt, DateTimeOffset until, string reason, DateTimeOffset now, string actor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (CheckExtension(round, roundClosesAt, until, reason, now) is [var problem, ..]) throw new DomainRuleException(problem.Message + ".");
        var clean = FreeText.Clean(reason);
        (ExtendedUntil, ExtensionReason, ExtendedBy, ExtendedAt) = (until, clean, actor, now);
        _history.Add(new StateChange(now, actor, State.ToString(), State.ToString(), DeadlineExtended, clean));
    }

    /// <summary>
    /// Whether the group should be reminded now that its draft is unsent: the draft can still be sent, and its deadline
    /// is <paramref name="reminderHours"/> hours away or nearer. The reminder goes once (the caller keeps a once-only key).
    /// </summary>
    public bool IsDeadlineReminderDue(Rounds.RoundState round, DateTimeOffset roundClosesAt, int reminderHours, DateTimeOffset now)
    {
        var window = WindowIn(round, roundClosesAt, now);
        return State == ApplicationState.Draft && window.IsOpen && now >= window.ClosesAt - TimeSpan.FromHours(reminderHours);
    }

    /// <summary>Who submitted the application: its receipt and its decision go to them. Null until it is submitted.</summary>
    public string? SubmittedBy => _lifecycle.LastBy(ApplicationTrigger.Submit)?.Actor;

    /// <summary>
    /// The group's answers, by question key: the one store of everything it has answered. Saved through the round's
    /// form (<see cref="SaveAnswer"/>); the typed members below read it by the default form's keys.
    /// </summary>
    public FormAnswers Answers { get; private set; } = FormAnswers.Empty;

    /// <summary>The project title: a fixed question on every form, so always the right one.</summary>
    public string Title => Answers.TextOf(DefaultForm.Title);

    /// <summary>What the group will do; "" when the round's form does not ask it.</summary>
    public string WhatYouWillDo => Answers.TextOf(DefaultForm.WhatYouWillDo);

    /// <summary>When the project starts: a fixed question on every form.</summary>
    public DateOnly? StartDate => (Answers[DefaultForm.StartDate] as Answer.Day)?.Value;

    /// <summary>When the project ends: a fixed question on every form.</summary>
    public DateOnly? EndDate => (Answers[DefaultForm.EndDate] as Answer.Day)?.Value;

    /// <summary>Who will benefit; "" when the round's form does not ask it.</summary>
    public string WhoBenefits => Answers.TextOf(DefaultForm.WhoBenefits);

    /// <summary>What will change; "" when the round's form does not ask it.</summary>
    public string Outcomes => Answers.TextOf(DefaultForm.Outcomes);

    /// <summary>How lived experience shapes the work; "" when the round's form does not ask it.</summary>
    public string LivedExperience => Answers.TextOf(DefaultForm.LivedExperience);

    /// <summary>The budget's lines: a fixed question on every form.</summary>
    public IReadOnlyList<BudgetLine> Budget => (Answers[DefaultForm.Budget] as Answer.BudgetRows)?.Lines ?? [];

    /// <summary>Null until the group has said whether it works with partners, and when the round's form does not ask.</summary>
    public bool? WorkingWithPartners => (Answers[DefaultForm.WorkingWithPartners] as Answer.YesNo)?.Value;

    /// <summary>The partners named; empty when the round's form does not ask.</summary>
    public IReadOnlyList<Partner> Partners => (Answers[DefaultForm.Partners] as Answer.PartnerRows)?.Partners ?? [];

    /// <summary>The optional files sent with the application, oldest first.</summary>
    public IReadOnlyList<SupportingDocument> Documents => _documents.AsReadOnly();

    /// <summary>Every document added or removed, with who did it and when, oldest first.</summary>
    public IReadOnlyList<DocumentEvent> DocumentEvents => _documentEvents.AsReadOnly();

    /// <summary>
    /// The amount requested: the budget's total, so the two can never disagree. Added up without overflowing
    /// (<see cref="MoneyLimits.SafeSum"/>), so a budget stored before costs were capped still shows. The budget is
    /// a fixed question with a fixed key, so this is the same on every form (<see cref="ApplicationForm.AmountRequested"/>).
    /// </summary>
    public decimal AmountRequested => MoneyLimits.SafeSum(Budget.Select(line => line.Cost));

    /// <summary>A partnership bid on the default form, which equity rules may favour: the group named at least one partner (<see cref="IsPartnershipBidOn"/>).</summary>
    public bool IsPartnershipBid => IsPartnershipBidOn(ApplicationForm.Default);

    /// <summary>
    /// A partnership bid on <paramref name="form"/>: a partners table the form shows for these answers holds at
    /// least one partner. False when the form asks for no partners.
    /// </summary>
    public bool IsPartnershipBidOn(ApplicationForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return form.AnswersThatCount(Answers).Any(counted => counted.Answer is Answer.PartnerRows { Partners.Count: > 0 });
    }

    public ProjectAnswers Project => new(Title, WhatYouWillDo, StartDate, EndDate);

    /// <summary>
    /// Saves one answer to the round's <paramref name="form"/>, while the application is a draft: cleaned, complete
    /// or not, as <see cref="ApplicationForm.Save"/> does, so a volunteer never loses work; <see cref="Check(ApplicationForm, GrantRange)"/>
    /// says what is missing. Refused, changing nothing, when it cannot be stored (a text over its character limit,
    /// an amount over <see cref="MoneyLimits.Largest"/>, an answer of the wrong kind, a key not on the form): the
    /// problems returned say where. Null clears the answer.
    /// </summary>
    public IReadOnlyList<Problem> SaveAnswer(ApplicationForm form, string key, Answer? answer) => SaveAnswers(form, [(key, answer)]);

    /// <summary>
    /// Saves several answers together, as one page does: all of them, or, when any is refused, none
    /// (<see cref="SaveAnswer"/>), with every refusal returned.
    /// </summary>
    public IReadOnlyList<Problem> SaveAnswers(ApplicationForm form, IEnumerable<(string Key, Answer? Answer)> answers)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(answers);
        EnsureDraft();
        var saving = Answers;
        var refused = new List<Problem>();
        foreach (var (key, answer) in answers)
        {
            var saved = form.Save(saving, key, answer);
            refused.AddRange(saved.Refused);
            saving = saved.Answers;
        }
        if (refused.Count > 0) return refused;
        Answers = saving;
        return [];
    }

    // Today's pages save through these, on the default form's keys; each is SaveAnswers on the default form, so it
    // cleans, keeps and refuses exactly as a built form does.

    /// <summary>
    /// Saves the project page's answers as given, complete or not; <see cref="Check(GrantRange)"/> says what is missing.
    /// Refused, changing nothing, when a text is over its character limit: the problems returned say which.
    /// </summary>
    public IReadOnlyList<Problem> AnswerProject(ProjectAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return SaveAnswers(ApplicationForm.Default,
        [
            (DefaultForm.Title, new Answer.Text(answers.Title ?? "")),
            (DefaultForm.WhatYouWillDo, new Answer.Text(answers.WhatYouWillDo ?? "")),
            (DefaultForm.StartDate, answers.StartDate is { } start ? new Answer.Day(start) : null),
            (DefaultForm.EndDate, answers.EndDate is { } end ? new Answer.Day(end) : null),
        ]);
    }

    /// <summary>Saves who will benefit; refused, changing nothing, when over its character limit.</summary>
    public IReadOnlyList<Problem> AnswerWhoBenefits(string answer) => SaveAnswer(ApplicationForm.Default, DefaultForm.WhoBenefits, new Answer.Text(answer ?? ""));

    /// <summary>Saves the outcomes; refused, changing nothing, when over its character limit.</summary>
    public IReadOnlyList<Problem> AnswerOutcomes(string answer) => SaveAnswer(ApplicationForm.Default, DefaultForm.Outcomes, new Answer.Text(answer ?? ""));

    /// <summary>Saves how lived experience shapes the work; refused, changing nothing, when over its character limit.</summary>
    public IReadOnlyList<Problem> AnswerLivedExperience(string answer) => SaveAnswer(ApplicationForm.Default, DefaultForm.LivedExperience, new Answer.Text(answer ?? ""));

    /// <summary>
    /// Replaces the budget; lines with neither an item nor a cost are dropped, as a blank row on a form would be.
    /// Refused, keeping the budget as it was, when an item is over its character limit or a cost is over
    /// <see cref="MoneyLimits.Largest"/> (or below minus that), so no budget's total can overflow.
    /// </summary>
    public IReadOnlyList<Problem> AnswerBudget(IEnumerable<BudgetLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return SaveAnswer(ApplicationForm.Default, DefaultForm.Budget, new Answer.BudgetRows([.. lines]));
    }

    /// <summary>
    /// Replaces the partners; a group that works alone keeps no partners, whatever the form still held.
    /// Refused, keeping the partners as they were, when a name or role is over its character limit.
    /// </summary>
    public IReadOnlyList<Problem> AnswerPartners(bool? workingWithPartners, IEnumerable<Partner> partners)
    {
        ArgumentNullException.ThrowIfNull(partners);
        return SaveAnswers(ApplicationForm.Default,
        [
            (DefaultForm.WorkingWithPartners, workingWithPartners is { } working ? new Answer.YesNo(working) : null),
            (DefaultForm.Partners, new Answer.PartnerRows(workingWithPartners == true ? [.. partners] : [])),
        ]);
    }

    /// <summary>Why documents cannot be added or removed now, or null while they can: the panel reads what was sent.</summary>
    public string? WhyDocumentsCannotChange => State == ApplicationState.Draft
        ? null
        : $"The application has been sent, so its documents cannot be changed: it is {Labels.ForStaff(State).ToLowerInvariant()}.";

    /// <summary>
    /// What is wrong with adding this file, located at the upload field (<c>document</c>) and worded as GOV.UK's
    /// file upload pattern words it; empty when it can be added. Its kind is decided by its content and its
    /// extension together (<see cref="DocumentKinds.Identify"/>), never by what the browser said it was.
    /// </summary>
    /// <param name="fileName">The name the group's browser sent.</param>
    /// <param name="sizeInBytes">The file's size.</param>
    /// <param name="header">The file's first <see cref="DocumentKinds.HeaderBytes"/> bytes, or all of a shorter file.</param>
    public IReadOnlyList<Problem> CheckDocument(string? fileName, long sizeInBytes, ReadOnlySpan<byte> header) =>
        CheckDocument(ApplicationForm.Default, fileName, sizeInBytes, header);

    /// <summary>
    /// <see cref="CheckDocument(string?, long, ReadOnlySpan{byte})"/> against the round's <paramref name="form"/>: its
    /// documents question's limits on how many files and how large (<see cref="ApplicationForm.DocumentsAllowed"/>), so
    /// a funder who asks for two files of 2MB gets no more.
    /// </summary>
    public IReadOnlyList<Problem> CheckDocument(ApplicationForm form, string? fileName, long sizeInBytes, ReadOnlySpan<byte> header)
    {
        ArgumentNullException.ThrowIfNull(form);
        return [.. DocumentRules.Check(_documents.Count, DocumentKinds.SafeFileName(fileName), sizeInBytes, header, form.DocumentsAllowed)];
    }

    /// <summary>Adds a supporting document within the default form's limits (<see cref="AddDocument(ApplicationForm, Guid, string?, long, ReadOnlySpan{byte}, DateTimeOffset, string)"/>).</summary>
    public SupportingDocument AddDocument(Guid id, string? fileName, long sizeInBytes, ReadOnlySpan<byte> header, DateTimeOffset now, string actor) =>
        AddDocument(ApplicationForm.Default, id, fileName, sizeInBytes, header, now, actor);

    /// <summary>
    /// Adds a supporting document, while the application is a draft, and records who added it and when;
    /// refused, with nothing added, when <see cref="CheckDocument(ApplicationForm, string?, long, ReadOnlySpan{byte})"/> finds a problem.
    /// </summary>
    public SupportingDocument AddDocument(ApplicationForm form, Guid id, string? fileName, long sizeInBytes, ReadOnlySpan<byte> header, DateTimeOffset now, string actor)
    {
        EnsureDocumentsCanChange();
        if (CheckDocument(form, fileName, sizeInBytes, header) is [var problem, ..]) throw new DomainRuleException(problem.Message);
        var name = DocumentKinds.SafeFileName(fileName);
        var document = new SupportingDocument(id, name, DocumentKinds.Identify(name, header)!.ContentType, sizeInBytes, now, actor);
        _documents.Add(document);
        _documentEvents.Add(new DocumentEvent(now, actor, DocumentAction.Added, id, name));
        return document;
    }

    /// <summary>Removes a supporting document, while the application is a draft, and records who removed it and when.</summary>
    public SupportingDocument RemoveDocument(Guid id, DateTimeOffset now, string actor)
    {
        EnsureDocumentsCanChange();
        var document = _documents.FirstOrDefault(document => document.Id == id)
            ?? throw new DomainRuleException("That document is not part of this application: it may have been removed already.");
        _documents.Remove(document);
        _documentEvents.Add(new DocumentEvent(now, actor, DocumentAction.Removed, id, document.FileName));
        return document;
    }

    /// <summary>
    /// How far the group has got with a section of the round's <paramref name="form"/>, as the task list shows it
    /// (<see cref="ApplicationForm.StatusOf"/>, counting this application's documents).
    /// </summary>
    public TaskStatus StatusOf(ApplicationForm form, string sectionKey, GrantRange grants)
    {
        ArgumentNullException.ThrowIfNull(form);
        return form.StatusOf(sectionKey, Answers, grants, _documents);
    }

    /// <summary>
    /// How far the group has got with the whole of the round's <paramref name="form"/>: the sections shown for its
    /// answers that are completed (<see cref="StatusOf(ApplicationForm, string, GrantRange)"/>), of all those shown.
    /// </summary>
    public TaskProgress Progress(ApplicationForm form, GrantRange grants)
    {
        ArgumentNullException.ThrowIfNull(form);
        var shown = form.ShownSections(Answers);
        return new TaskProgress(shown.Count(section => StatusOf(form, section.Key, grants) == TaskStatus.Completed), shown.Count);
    }

    /// <summary>How far the group has got with a task of the default form: not started until something is entered, completed when <see cref="Check(ApplicationTask, GrantRange)"/> finds nothing.</summary>
    public TaskStatus StatusOf(ApplicationTask task, GrantRange grants) => StatusOf(ApplicationForm.Default, DefaultForm.SectionKey(task), grants);

    /// <summary>
    /// Every problem with every shown answer to the round's <paramref name="form"/>, in form order, each located by its
    /// field and worded for the volunteer; empty when the application is ready to send.
    /// </summary>
    public IReadOnlyList<Problem> Check(ApplicationForm form, GrantRange grants)
    {
        ArgumentNullException.ThrowIfNull(form);
        return form.Check(Answers, grants, _documents);
    }

    /// <summary>Every problem with one section's shown answers to the round's <paramref name="form"/>; empty for a hidden section.</summary>
    public IReadOnlyList<Problem> Check(ApplicationForm form, string sectionKey, GrantRange grants)
    {
        ArgumentNullException.ThrowIfNull(form);
        return form.Check(sectionKey, Answers, grants, _documents);
    }

    /// <summary>Every problem with every answer on the default form, in task order; empty when the application is ready to send.</summary>
    public IReadOnlyList<Problem> Check(GrantRange grants) => Check(ApplicationForm.Default, grants);

    /// <summary>
    /// Every problem with one task's answers on the default form, located by the form field (<c>whatYouWillDo</c>,
    /// <c>budget[1].cost</c>) and worded for the volunteer filling it in.
    /// </summary>
    public IReadOnlyList<Problem> Check(ApplicationTask task, GrantRange grants) => Check(ApplicationForm.Default, DefaultForm.SectionKey(task), grants);

    /// <summary>
    /// Submits the application; refused, with the draft kept as it was, after the round's closing instant
    /// or while any answer to the round's <paramref name="form"/> still has a problem.
    /// </summary>
    public void Submit(DateTimeOffset now, string actor, SubmissionWindow window, ApplicationForm form, GrantRange grants)
    {
        if (State == ApplicationState.Draft && Check(form, grants) is { Count: > 0 } problems)
            throw new DomainRuleException($"The application cannot be submitted until every question is answered: {string.Join("; ", problems.Select(problem => problem.Message))}.");
        _lifecycle.Fire(_submit, window, now, actor);
        SubmittedAt = now;
    }

    /// <summary>Submits the application on the default form (<see cref="Submit(DateTimeOffset, string, SubmissionWindow, ApplicationForm, GrantRange)"/>).</summary>
    public void Submit(DateTimeOffset now, string actor, SubmissionWindow window, GrantRange grants) => Submit(now, actor, window, ApplicationForm.Default, grants);

    public void MarkEligible(DateTimeOffset now, string actor) => _lifecycle.Fire(ApplicationTrigger.MarkEligible, now, actor);

    /// <summary>The limit on the reason a group is given for not being eligible: a few sentences it can act on.</summary>
    public static TextLimit IneligibleReasonLimit { get; } = TextLimit.Note;

    /// <summary>What is wrong with this reason for marking an application not eligible, located at <c>reason</c>; null when it can be given.</summary>
    public static Problem? CheckIneligibleReason(string? reason)
    {
        var clean = FreeText.Clean(reason);
        return clean.Length == 0
            ? new Problem("reason", "Enter why the application is not eligible")
            : FreeText.Check("reason", "The reason", clean, IneligibleReasonLimit);
    }

    /// <summary>Marks the application not eligible, with the reason (cleaned) the group will be given; refused when <see cref="CheckIneligibleReason"/> finds a problem.</summary>
    public void MarkIneligible(DateTimeOffset now, string actor, string reason)
    {
        if (CheckIneligibleReason(reason) is { } problem && FreeText.Clean(reason).Length > 0) throw new DomainRuleException(problem.Message + ".");
        var clean = FreeText.Clean(reason);
        _lifecycle.Fire(_markIneligible, clean, now, actor, clean);
        IneligibleReason = clean;
    }

    /// <summary>
    /// Whether the group can carry on with an application in <paramref name="state"/>: only a draft, and only while
    /// its round takes applications (<paramref name="window"/>), since after that it could never be sent.
    /// </summary>
    public static bool CanGroupContinue(ApplicationState state, SubmissionWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        return state == ApplicationState.Draft && window.IsOpen;
    }

    /// <summary>
    /// The state a group is shown for an application in <paramref name="state"/> whose round is in
    /// <paramref name="round"/>: while the round holds its decisions (<see cref="Rounds.Round.AreDecisionsHeld"/>), a
    /// funded, waitlisted or declined application is shown as scored, waiting for the decision. For lists that
    /// read only the two states; <see cref="AsTheGroupSees"/> gives the whole view.
    /// </summary>
    public static ApplicationState StateForGroup(ApplicationState state, Rounds.RoundState round) =>
        Rounds.Round.AreDecisionsHeld(round) && state is ApplicationState.Awarded or ApplicationState.Waitlisted or ApplicationState.Declined
            ? ApplicationState.Scored
            : state;

    /// <summary>
    /// The application as its group may see it while its round is in <paramref name="round"/>. Decisions are made at
    /// approval but held until the fund sends them (<see cref="Rounds.Round.AreDecisionsHeld"/>), so that every group
    /// hears at once, in the same words: until then the group sees its application as scored, no decision, and no
    /// decision in its history.
    /// </summary>
    public WhatTheGroupSees AsTheGroupSees(Rounds.RoundState round)
    {
        if (!Rounds.Round.AreDecisionsHeld(round)) return new WhatTheGroupSees(State, Decision, History);
        string[] decisions = [nameof(ApplicationTrigger.Award), nameof(ApplicationTrigger.Waitlist), nameof(ApplicationTrigger.Decline)];
        return new WhatTheGroupSees(StateForGroup(State, round), null, [.. History.Where(change => !decisions.Contains(change.Trigger))]);
    }

    /// <summary>
    /// Why the group cannot withdraw the application while its round is in <paramref name="round"/>, each reason in
    /// words the group may read; empty when it can. While the round holds its decisions, a decided application is
    /// refused without saying what was decided, as <see cref="AsTheGroupSees"/> shows it only as scored.
    /// </summary>
    public IReadOnlyList<string> WhyGroupCannotWithdraw(Rounds.RoundState round) =>
        StateForGroup(State, round) != State
            ? ["the funding decision has been made, and will be sent to you soon"]
            : WhyNot(ApplicationTrigger.Withdraw);

    /// <summary>The states a screening decision is made on: sent, and not yet past screening (scored, decided or withdrawn).</summary>
    public static IReadOnlyList<ApplicationState> ScreeningStates { get; } = [ApplicationState.Submitted, ApplicationState.Eligible, ApplicationState.Ineligible];

    /// <summary>
    /// Why no screening decision can be made on this application in a round in <paramref name="round"/>, as a
    /// sentence without its full stop; null when one can: the round must be being screened
    /// (<see cref="Rounds.Round.WhyScreeningIsClosed"/>) and the application in one of the <see cref="ScreeningStates"/>.
    /// </summary>
    public string? WhyCannotBeScreened(Rounds.RoundState round) =>
        Rounds.Round.WhyScreeningIsClosed(round)
        ?? (ScreeningStates.Contains(State) ? null : $"This application is {Labels.ForStaff(State).ToLowerInvariant()}, so it needs no screening decision");

    /// <summary>
    /// What is wrong with a screening decision's reason, located at <c>reason</c>; empty when the decision can be
    /// made. Not eligible needs a reason the group can act on (<see cref="CheckIneligibleReason"/>). An application
    /// already not eligible keeps the reason its group was given: marking it not eligible again with another
    /// reason is refused, since the history would not show the group was told something new; to change the
    /// reason, mark it eligible, then not eligible with the new one.
    /// </summary>
    public IReadOnlyList<Problem> CheckScreening(ScreeningDecision decision, string? reason)
    {
        if (decision == ScreeningDecision.Eligible) return [];
        if (CheckIneligibleReason(reason) is { } problem) return [problem];
        if (State == ApplicationState.Ineligible && FreeText.Clean(reason) != IneligibleReason)
            return [new Problem("reason", "This application is already not eligible, with the reason in its history, which the group has been given. To give a different reason, mark it eligible, then not eligible with the new reason")];
        return [];
    }

    /// <summary>
    /// Records a fund manager's screening decision: eligible, or not eligible with the reason (cleaned) the group
    /// will be given. The same decision again changes nothing and records nothing, so the history says only what
    /// changed: then it returns false. Refused, changing nothing, while the round is not being screened
    /// (<see cref="Rounds.Round.WhyScreeningIsClosed"/>), when <see cref="CheckScreening"/> finds a problem, or when the
    /// application's state does not take the decision (it has been withdrawn, say).
    /// </summary>
    /// <returns>True when the decision changed the application; false when it was already so.</returns>
    public bool Screen(ScreeningDecision decision, string? reason, Rounds.RoundState round, DateTimeOffset now, string actor)
    {
        if (Rounds.Round.WhyScreeningIsClosed(round) is { } closed) throw new DomainRuleException(closed + ".");
        if (CheckScreening(decision, reason) is [var problem, ..]) throw new DomainRuleException(problem.Message + ".");
        var eligible = decision == ScreeningDecision.Eligible;
        if (State == (eligible ? ApplicationState.Eligible : ApplicationState.Ineligible)) return false;
        if (eligible) MarkEligible(now, actor);
        else MarkIneligible(now, actor, reason!);
        return true;
    }

    /// <summary>
    /// Gives an ineligible application the notice its round's approval made for it (declined, and why), so its
    /// group hears in the same words as every other group. The application stays ineligible.
    /// </summary>
    public void GiveNoticeOfIneligibility(DecisionNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        if (State != ApplicationState.Ineligible || notice.Decision != Allocation.Decision.Decline)
            throw new DomainRuleException("Only an ineligible application can be given notice that it was not considered, and only as a decline.");
        Decision = notice;
    }

    public void MarkScored(DateTimeOffset now, string actor) => _lifecycle.Fire(ApplicationTrigger.MarkScored, now, actor);

    /// <summary>Funds the application; the notice, which must say it is funded, is what the group is told.</summary>
    public void Award(DateTimeOffset now, string actor, DecisionNotice notice) => Decide(_award, now, actor, notice);

    /// <summary>Puts the application on the waiting list; the notice, which must say so, is what the group is told.</summary>
    public void Waitlist(DateTimeOffset now, string actor, DecisionNotice notice) => Decide(_waitlist, now, actor, notice);

    /// <summary>Declines the application; the notice, which must say so, is what the group is told, and its reason is recorded.</summary>
    public void Decline(DateTimeOffset now, string actor, DecisionNotice notice) => Decide(_decline, now, actor, notice, notice?.Reason);

    /// <summary>The limit on the group's optional reason for withdrawing.</summary>
    public static TextLimit WithdrawalReasonLimit { get; } = new(1_000, 150);

    /// <summary>What is wrong with this reason for withdrawing, located at <c>reason</c>; null when it can be given (an empty reason can).</summary>
    public static Problem? CheckWithdrawalReason(string? reason) => FreeText.Check("reason", "Your reason", FreeText.Clean(reason), WithdrawalReasonLimit);

    /// <summary>Withdraws the application at the group's request, with its reason cleaned; refused when <see cref="CheckWithdrawalReason"/> finds a problem.</summary>
    public void Withdraw(DateTimeOffset now, string actor, string? reason = null)
    {
        if (CheckWithdrawalReason(reason) is { } problem) throw new DomainRuleException(problem.Message + ".");
        var clean = FreeText.Clean(reason);
        _lifecycle.Fire(ApplicationTrigger.Withdraw, now, actor, clean.Length == 0 ? null : clean);
    }

    /// <summary>Whether a trigger can fire now, and if not, each reason in words.</summary>
    /// <param name="trigger">What is asked for.</param>
    /// <param name="window">For <see cref="ApplicationTrigger.Submit"/>: the round's submission window; none means closed.</param>
    /// <param name="reason">For <see cref="ApplicationTrigger.MarkIneligible"/>: the reason the group will be given.</param>
    /// <param name="notice">For a decision (award, waitlist, decline): the notice the group will be given.</param>
    public IReadOnlyList<string> WhyNot(ApplicationTrigger trigger, SubmissionWindow? window = null, string? reason = null, DecisionNotice? notice = null) =>
        _lifecycle.WhyNot(trigger, new ApplicationAsk(window ?? new SubmissionWindow(false, DateTimeOffset.MinValue, DateTimeOffset.MinValue), reason ?? "", notice));

    /// <summary>The lifecycle as a Mermaid state diagram, drawn from the machine itself.</summary>
    public static string StateDiagram() => new Application()._lifecycle.Diagram();

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

    private void EnsureDraft()
    {
        if (State != ApplicationState.Draft)
            throw new DomainRuleException($"The application has been sent, so its answers cannot be changed: it is {Labels.ForStaff(State).ToLowerInvariant()}.");
    }

    private void EnsureDocumentsCanChange()
    {
        if (WhyDocumentsCannotChange is { } reason) throw new DomainRuleException(reason);
    }

    private void Decide(ApplicationLifecycle.Intent<DecisionNotice?> decision, DateTimeOffset at, string actor, DecisionNotice notice, string? reason = null)
    {
        _lifecycle.Fire(decision, notice, at, actor, reason);
        Decision = notice;
    }

    private void Configure()
    {
        _lifecycle.Configure(ApplicationState.Draft)
            .PermitIf(_submit.Trigger, ApplicationState.Submitted, window => window.IsOpen, "the round to be open and its closing time not yet passed")
            .Permit(ApplicationTrigger.Withdraw, ApplicationState.Withdrawn);
        _lifecycle.Configure(ApplicationState.Submitted)
            .Permit(ApplicationTrigger.MarkEligible, ApplicationState.Eligible)
            .PermitIf(_markIneligible.Trigger, ApplicationState.Ineligible, reason => !string.IsNullOrWhiteSpace(reason), "a reason for the group")
            .Permit(ApplicationTrigger.Withdraw, ApplicationState.Withdrawn);
        _lifecycle.Configure(ApplicationState.Eligible)
            .Permit(ApplicationTrigger.MarkScored, ApplicationState.Scored)
            .PermitIf(_markIneligible.Trigger, ApplicationState.Ineligible, reason => !string.IsNullOrWhiteSpace(reason), "a reason for the group")
            .PermitIf(_decline.Trigger, ApplicationState.Declined, Says(Allocation.Decision.Decline), DeclineNeeds)
            .Permit(ApplicationTrigger.Withdraw, ApplicationState.Withdrawn);
        _lifecycle.Configure(ApplicationState.Ineligible)
            .Permit(ApplicationTrigger.MarkEligible, ApplicationState.Eligible);
        _lifecycle.Configure(ApplicationState.Scored)
            .PermitIf(_award.Trigger, ApplicationState.Awarded, Says(Allocation.Decision.Award), AwardNeeds)
            .PermitIf(_waitlist.Trigger, ApplicationState.Waitlisted, Says(Allocation.Decision.Waitlist), WaitlistNeeds)
            .PermitIf(_decline.Trigger, ApplicationState.Declined, Says(Allocation.Decision.Decline), DeclineNeeds)
            .Permit(ApplicationTrigger.Withdraw, ApplicationState.Withdrawn);
        _lifecycle.Configure(ApplicationState.Waitlisted)
            .PermitIf(_award.Trigger, ApplicationState.Awarded, Says(Allocation.Decision.Award), AwardNeeds);
    }

    private const string AwardNeeds = "a decision notice awarding an amount";
    private const string WaitlistNeeds = "a decision notice placing it on the waiting list";
    private const string DeclineNeeds = "a decision notice declining it";

    /// <summary>A decision's guard: the notice the group will read must say the same as the state it moves to.</summary>
    private static Func<DecisionNotice?, bool> Says(Allocation.Decision decision) => notice =>
        notice is not null && notice.Decision == decision && (decision == Allocation.Decision.Award ? notice.Amount > 0 : notice.Amount == 0);
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

    /// <summary>What the group reads while its round can no longer take a draft: it was never sent, and now cannot be.</summary>
    public const string DraftAfterClosing = "Not sent: the round has closed, so it can no longer be sent";

    /// <summary>
    /// The group's label, told whether the round still takes applications: a draft can be worked on only while
    /// <paramref name="window"/> is open, and after that saying "you can keep working on it" would mislead.
    /// </summary>
    public static string ForApplicant(ApplicationState state, SubmissionWindow window) =>
        state == ApplicationState.Draft && !window.IsOpen ? DraftAfterClosing : ForApplicant(state);
}
