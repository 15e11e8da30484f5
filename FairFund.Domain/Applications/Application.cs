using FairFund.Domain.Allocation;
using FairFund.Domain.Auditing;
using FairFund.Domain.Scoring;
using FairFund.Domain.Validation;
using ApplicationLifecycle = FairFund.Domain.Lifecycles.Lifecycle<FairFund.Domain.Applications.ApplicationState, FairFund.Domain.Applications.ApplicationTrigger, FairFund.Domain.Applications.ApplicationAsk>;

namespace FairFund.Domain.Applications;

public enum ApplicationState { Draft, Submitted, Eligible, Ineligible, Scored, Awarded, Waitlisted, Declined, Withdrawn }

public enum ApplicationTrigger { Submit, MarkEligible, MarkIneligible, MarkScored, Award, Waitlist, Decline, Withdraw }

/// <summary>When a round takes submissions: while it is open, up to (not including) its closing instant.</summary>
public sealed record SubmissionWindow(bool RoundIsOpen, DateTimeOffset ClosesAt, DateTimeOffset Now)
{
    public bool IsOpen => RoundIsOpen && Now < ClosesAt;
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
    private readonly List<BudgetLine> _budget = [];
    private readonly List<Partner> _partners = [];
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

    /// <summary>Who submitted the application: its receipt and its decision go to them. Null until it is submitted.</summary>
    public string? SubmittedBy => _lifecycle.LastBy(ApplicationTrigger.Submit)?.Actor;

    public string Title { get; private set; } = "";
    public string WhatYouWillDo { get; private set; } = "";
    public DateOnly? StartDate { get; private set; }
    public DateOnly? EndDate { get; private set; }
    public string WhoBenefits { get; private set; } = "";
    public string Outcomes { get; private set; } = "";
    public string LivedExperience { get; private set; } = "";
    public IReadOnlyList<BudgetLine> Budget => _budget.AsReadOnly();

    /// <summary>Null until the group has said whether it works with partners.</summary>
    public bool? WorkingWithPartners { get; private set; }

    public IReadOnlyList<Partner> Partners => _partners.AsReadOnly();

    /// <summary>The optional files sent with the application, oldest first.</summary>
    public IReadOnlyList<SupportingDocument> Documents => _documents.AsReadOnly();

    /// <summary>Every document added or removed, with who did it and when, oldest first.</summary>
    public IReadOnlyList<DocumentEvent> DocumentEvents => _documentEvents.AsReadOnly();

    /// <summary>
    /// The amount requested: the budget's total, so the two can never disagree. Added up without overflowing
    /// (<see cref="MoneyLimits.SafeSum"/>), so a budget stored before costs were capped still shows.
    /// </summary>
    public decimal AmountRequested => MoneyLimits.SafeSum(_budget.Select(line => line.Cost));

    /// <summary>A partnership bid, which equity rules may favour: the group named at least one partner.</summary>
    public bool IsPartnershipBid => WorkingWithPartners == true && _partners.Count > 0;

    public ProjectAnswers Project => new(Title, WhatYouWillDo, StartDate, EndDate);

    // Each Answer method saves what it is given, complete or not, cleaned (FreeText.Clean), so a volunteer never
    // loses work; Check says what is missing. Only what cannot be stored at all is refused: a text over its
    // character limit, or an amount over MoneyLimits.Largest. Then nothing changes, and the problems say where.

    /// <summary>
    /// Saves the project page's answers as given, complete or not; <see cref="Check(GrantRange)"/> says what is missing.
    /// Refused, changing nothing, when a text is over its character limit: the problems returned say which.
    /// </summary>
    public IReadOnlyList<Problem> AnswerProject(ProjectAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        EnsureDraft();
        var (title, whatYouWillDo) = (FreeText.CleanLine(answers.Title), FreeText.Clean(answers.WhatYouWillDo));
        if (Refusals(
                FreeText.CheckCharacters("title", TitleName, title, AnswerLimits.Title),
                FreeText.CheckCharacters("whatYouWillDo", "What you will do", whatYouWillDo, AnswerLimits.WhatYouWillDo)) is { Count: > 0 } refused)
            return refused;
        (Title, WhatYouWillDo, StartDate, EndDate) = (title, whatYouWillDo, answers.StartDate, answers.EndDate);
        return [];
    }

    /// <summary>Saves who will benefit; refused, changing nothing, when over its character limit.</summary>
    public IReadOnlyList<Problem> AnswerWhoBenefits(string answer) =>
        AnswerText(answer, "whoBenefits", WhoBenefitsName, AnswerLimits.WhoBenefits, clean => WhoBenefits = clean);

    /// <summary>Saves the outcomes; refused, changing nothing, when over its character limit.</summary>
    public IReadOnlyList<Problem> AnswerOutcomes(string answer) =>
        AnswerText(answer, "outcomes", OutcomesName, AnswerLimits.Outcomes, clean => Outcomes = clean);

    /// <summary>Saves how lived experience shapes the work; refused, changing nothing, when over its character limit.</summary>
    public IReadOnlyList<Problem> AnswerLivedExperience(string answer) =>
        AnswerText(answer, "livedExperience", LivedExperienceName, AnswerLimits.LivedExperience, clean => LivedExperience = clean);

    /// <summary>
    /// Replaces the budget; lines with neither an item nor a cost are dropped, as a blank row on a form would be.
    /// Refused, keeping the budget as it was, when an item is over its character limit or a cost is over
    /// <see cref="MoneyLimits.Largest"/> (or below minus that), so no budget's total can overflow.
    /// </summary>
    public IReadOnlyList<Problem> AnswerBudget(IEnumerable<BudgetLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        EnsureDraft();
        var kept = lines.Select(line => line with { Item = FreeText.CleanLine(line.Item) }).Where(line => line.Item.Length > 0 || line.Cost != 0).ToList();
        var refused = new List<Problem>();
        for (var index = 0; index < kept.Count; index++)
        {
            var at = Location.Item("budget", index);
            if (FreeText.CheckCharacters(Location.Field(at, "item"), $"What line {index + 1} of the budget is for", kept[index].Item, AnswerLimits.BudgetItem) is { } item)
                refused.Add(item);
            if (Math.Abs(kept[index].Cost) > MoneyLimits.Largest)
                refused.Add(new Problem(Location.Field(at, "cost"), $"The cost of line {index + 1} of the budget must be {MoneyLimits.LargestInWords} or less"));
        }
        if (refused.Count > 0) return refused;
        _budget.Clear();
        _budget.AddRange(kept);
        return [];
    }

    /// <summary>
    /// Replaces the partners; a group that works alone keeps no partners, whatever the form still held.
    /// Refused, keeping the partners as they were, when a name or role is over its character limit.
    /// </summary>
    public IReadOnlyList<Problem> AnswerPartners(bool? workingWithPartners, IEnumerable<Partner> partners)
    {
        ArgumentNullException.ThrowIfNull(partners);
        EnsureDraft();
        var kept = workingWithPartners == true
            ? partners.Select(partner => new Partner(FreeText.CleanLine(partner.Name), FreeText.Clean(partner.Role))).Where(partner => partner.Name.Length > 0 || partner.Role.Length > 0).ToList()
            : [];
        var refused = new List<Problem>();
        for (var index = 0; index < kept.Count; index++)
        {
            var at = Location.Item("partners", index);
            if (FreeText.CheckCharacters(Location.Field(at, "name"), $"The name of partner {index + 1}", kept[index].Name, AnswerLimits.PartnerName) is { } name) refused.Add(name);
            if (FreeText.CheckCharacters(Location.Field(at, "role"), $"What partner {index + 1} will do", kept[index].Role, AnswerLimits.PartnerRole) is { } role) refused.Add(role);
        }
        if (refused.Count > 0) return refused;
        WorkingWithPartners = workingWithPartners;
        _partners.Clear();
        _partners.AddRange(kept);
        return [];
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
        [.. DocumentRules.Check(_documents.Count, DocumentKinds.SafeFileName(fileName), sizeInBytes, header)];

    /// <summary>
    /// Adds a supporting document, while the application is a draft, and records who added it and when;
    /// refused, with nothing added, when <see cref="CheckDocument"/> finds a problem.
    /// </summary>
    public SupportingDocument AddDocument(Guid id, string? fileName, long sizeInBytes, ReadOnlySpan<byte> header, DateTimeOffset now, string actor)
    {
        EnsureDocumentsCanChange();
        if (CheckDocument(fileName, sizeInBytes, header) is [var problem, ..]) throw new DomainRuleException(problem.Message);
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

    /// <summary>How far the group has got with a task: not started until something is entered, completed when <see cref="Check(GrantRange)"/> finds nothing.</summary>
    public TaskStatus StatusOf(ApplicationTask task, GrantRange grants)
    {
        if (!IsStarted(task)) return TaskStatus.NotStarted;
        return Check(task, grants).Count == 0 ? TaskStatus.Completed : TaskStatus.InProgress;
    }

    /// <summary>Every problem with every answer, in task order; empty when the application is ready to send.</summary>
    public IReadOnlyList<Problem> Check(GrantRange grants) => [.. Enum.GetValues<ApplicationTask>().SelectMany(task => Check(task, grants))];

    /// <summary>
    /// Every problem with one task's answers, located by the form field (<c>whatYouWillDo</c>,
    /// <c>budget[1].cost</c>) and worded for the volunteer filling it in.
    /// </summary>
    public IReadOnlyList<Problem> Check(ApplicationTask task, GrantRange grants) => task switch
    {
        ApplicationTask.Project => [.. CheckProject()],
        ApplicationTask.WhoBenefits => [.. CheckText("whoBenefits", WhoBenefits, "who will benefit", WhoBenefitsName, AnswerLimits.WhoBenefits)],
        ApplicationTask.Outcomes => [.. CheckText("outcomes", Outcomes, "what will change and how you will know", OutcomesName, AnswerLimits.Outcomes)],
        ApplicationTask.LivedExperience => [.. CheckText("livedExperience", LivedExperience, "how people with lived experience shape the work", LivedExperienceName, AnswerLimits.LivedExperience)],
        ApplicationTask.Budget => [.. CheckBudget(grants)],
        _ => [.. CheckPartners()],
    };

    /// <summary>
    /// Submits the application; refused, with the draft kept as it was, after the round's closing instant
    /// or while any answer still has a problem.
    /// </summary>
    public void Submit(DateTimeOffset now, string actor, SubmissionWindow window, GrantRange grants)
    {
        if (State == ApplicationState.Draft && Check(grants) is { Count: > 0 } problems)
            throw new DomainRuleException($"The application cannot be submitted until every question is answered: {string.Join("; ", problems.Select(problem => problem.Message))}.");
        _lifecycle.Fire(_submit, window, now, actor);
        SubmittedAt = now;
    }

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

    private const string TitleName = "Project title";
    private const string WhoBenefitsName = "Who will benefit";
    private const string OutcomesName = "Outcomes";
    private const string LivedExperienceName = "How people with lived experience shape the work";

    private IReadOnlyList<Problem> AnswerText(string? answer, string location, string name, TextLimit limit, Action<string> keep)
    {
        EnsureDraft();
        var clean = FreeText.Clean(answer);
        if (FreeText.CheckCharacters(location, name, clean, limit) is { } refused) return [refused];
        keep(clean);
        return [];
    }

    private static List<Problem> Refusals(params Problem?[] problems) => [.. problems.OfType<Problem>()];

    private bool IsStarted(ApplicationTask task) => task switch
    {
        ApplicationTask.Project => Title.Length > 0 || WhatYouWillDo.Length > 0 || StartDate is not null || EndDate is not null,
        ApplicationTask.WhoBenefits => WhoBenefits.Length > 0,
        ApplicationTask.Outcomes => Outcomes.Length > 0,
        ApplicationTask.LivedExperience => LivedExperience.Length > 0,
        ApplicationTask.Budget => _budget.Count > 0,
        _ => WorkingWithPartners is not null,
    };

    private IEnumerable<Problem> CheckProject()
    {
        if (Title.Length == 0) yield return new Problem("title", "Enter a title for your project");
        else if (FreeText.Check("title", TitleName, Title, AnswerLimits.Title) is { } title) yield return title;
        foreach (var problem in CheckText("whatYouWillDo", WhatYouWillDo, "what you will do", "What you will do", AnswerLimits.WhatYouWillDo))
            yield return problem;
        if (StartDate is null) yield return new Problem("startDate", "Enter the date the project starts");
        if (EndDate is null) yield return new Problem("endDate", "Enter the date the project ends");
        else if (StartDate is { } start && EndDate < start) yield return new Problem("endDate", "The end date must be the same as or after the start date");
    }

    private static IEnumerable<Problem> CheckText(string field, string answer, string whatToEnter, string name, TextLimit limit)
    {
        if (AnswerLimits.WordsIn(answer) == 0) yield return new Problem(field, $"Enter {whatToEnter}");
        else if (FreeText.Check(field, name, answer, limit) is { } problem) yield return problem;
    }

    private IEnumerable<Problem> CheckBudget(GrantRange grants)
    {
        if (_budget.Count == 0)
        {
            yield return new Problem("budget", "Enter at least one thing the money is for, and its cost");
            yield break;
        }
        if (_budget.Count > AnswerLimits.BudgetLines)
            yield return new Problem("budget", $"A budget can have up to {AnswerLimits.BudgetLines} lines: group smaller costs together");
        for (var index = 0; index < _budget.Count; index++)
        {
            var at = Location.Item("budget", index);
            var line = _budget[index];
            if (line.Item.Length == 0) yield return new Problem(Location.Field(at, "item"), $"Enter what line {index + 1} of the budget is for");
            else if (FreeText.Check(Location.Field(at, "item"), $"What line {index + 1} of the budget is for", line.Item, AnswerLimits.BudgetItem) is { } item) yield return item;
            if (line.Cost <= 0) yield return new Problem(Location.Field(at, "cost"), $"Enter the cost of line {index + 1} of the budget, more than £0");
            // One line over the largest grant is said at that line, as well as at the total; a budget of one line has only the total.
            else if (line.Cost > grants.Max && _budget.Count > 1)
                yield return new Problem(Location.Field(at, "cost"), $"The cost of line {index + 1} of the budget must be no more than {Money.Pounds(grants.Max)}, the largest grant this round gives");
            else if (decimal.Round(line.Cost, 2) != line.Cost) yield return new Problem(Location.Field(at, "cost"), $"The cost of line {index + 1} of the budget must be in pounds and pence, like 150 or 150.50");
        }
        var total = AmountRequested;
        if (_budget.All(line => line.Cost > 0) && (total < grants.Min || total > grants.Max))
            yield return new Problem("budget", $"The total, {Money.Pounds(total)}, must be between {Money.Pounds(grants.Min)} and {Money.Pounds(grants.Max)}, the grants this round gives");
    }

    private IEnumerable<Problem> CheckPartners()
    {
        if (WorkingWithPartners is null)
        {
            yield return new Problem("workingWithPartners", "Select yes if you will work with partners on this project");
            yield break;
        }
        if (WorkingWithPartners == false) yield break;
        if (_partners.Count == 0) yield return new Problem("partners[0].name", "Enter the name of at least one partner, or select no");
        if (_partners.Count > AnswerLimits.Partners) yield return new Problem("partners", $"List up to {AnswerLimits.Partners} partners: the ones most involved");
        for (var index = 0; index < _partners.Count; index++)
        {
            var at = Location.Item("partners", index);
            var partner = _partners[index];
            if (partner.Name.Length == 0) yield return new Problem(Location.Field(at, "name"), $"Enter the name of partner {index + 1}");
            else if (FreeText.Check(Location.Field(at, "name"), $"The name of partner {index + 1}", partner.Name, AnswerLimits.PartnerName) is { } name) yield return name;
            if (AnswerLimits.WordsIn(partner.Role) == 0) yield return new Problem(Location.Field(at, "role"), $"Enter what partner {index + 1} will do");
            else if (FreeText.Check(Location.Field(at, "role"), $"What partner {index + 1} will do", partner.Role, AnswerLimits.PartnerRole) is { } role) yield return role;
        }
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
