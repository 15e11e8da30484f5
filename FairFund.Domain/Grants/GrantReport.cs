using FairFund.Domain.Applications;
using FairFund.Domain.Auditing;
using FairFund.Domain.Scoring;
using FairFund.Domain.Validation;
using ReportLifecycle = FairFund.Domain.Lifecycles.Lifecycle<FairFund.Domain.Grants.ReportState, FairFund.Domain.Grants.ReportTrigger, string>;

namespace FairFund.Domain.Grants;

public enum ReportState { Due, Draft, Sent, MoreAsked, Accepted }

public enum ReportTrigger { SaveDraft, Send, AskForMore, Accept }

/// <summary>
/// What a report says: for each indicator of each confirmed outcome, the number achieved
/// (<c>Achieved[outcome][indicator]</c>); what changed for people, in the group's words; how people with lived
/// experience shaped and judged the work; and what was spent on each line of the grant's budget
/// (<c>SpentByLine[line]</c>), with a note on any difference.
/// </summary>
public sealed record ReportContent(
    IReadOnlyList<IReadOnlyList<int?>> Achieved,
    string WhatChanged,
    string LivedExperience,
    IReadOnlyList<decimal?> SpentByLine,
    string SpendingNote)
{
    /// <summary>A report with nothing in it yet.</summary>
    public static ReportContent Empty { get; } = new([], "", "", [], "");

    internal ReportContent Cleaned() => this with
    {
        Achieved = Achieved ?? [],
        WhatChanged = FreeText.Clean(WhatChanged),
        LivedExperience = FreeText.Clean(LivedExperience),
        SpentByLine = SpentByLine ?? [],
        SpendingNote = FreeText.Clean(SpendingNote),
    };
}

/// <summary>One line of spending against the budget: what was planned and what was spent.</summary>
public sealed record SpendingLine(string Item, decimal Budgeted, decimal? Spent)
{
    /// <summary>Budgeted less spent: above 0 for less spent than planned; null until the spending is given.</summary>
    public decimal? Difference => Spent is { } spent ? Budgeted - spent : null;
}

/// <summary>
/// A report's spending against the grant's budget: each line, the totals, and the underspend, the money paid to
/// the group so far that it has not spent (never below 0), which it may be asked to return at closing.
/// </summary>
public sealed record SpendingSummary(IReadOnlyList<SpendingLine> Lines, decimal TotalSpent, decimal PaidSoFar)
{
    public decimal Underspend => Math.Max(0m, PaidSoFar - TotalSpent);
}

/// <summary>A version of the report as the group sent it.</summary>
public sealed record SentReport(int Number, DateTimeOffset At, string Actor, ReportContent Content);

/// <summary>
/// One report a grant owes: due by a day (to the last instant of that day, UK time), written as a draft the group
/// can save and come back to, sent, then accepted by the fund manager or sent back with a reason for more, and sent
/// again. Every version sent is kept. Changed only through its <see cref="Grant"/>, which checks the grant is active.
/// </summary>
public sealed class GrantReport
{
    private readonly List<StateChange> _history = [];
    private readonly List<SentReport> _versions = [];
    private readonly ReportLifecycle _lifecycle;
    private readonly ReportLifecycle.Intent<string> _askForMore;

    private GrantReport()
    {
        _lifecycle = new ReportLifecycle(() => State, state => State = state, () => _history, "The report", Verb, Describe, Configure);
        _askForMore = _lifecycle.Declare(ReportTrigger.AskForMore, reason => reason);
    }

    internal GrantReport(int number, string name, bool isFinal, bool isShort, DateOnly dueOn) : this() =>
        (Number, Name, IsFinal, IsShort, DueOn) = (number, name, isFinal, isShort, dueOn);

    /// <summary>Its place among the grant's reports, from 1.</summary>
    public int Number { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>The report that closes the grant.</summary>
    public bool IsFinal { get; private set; }

    /// <summary>A short end report, for a grant under the round's proportionate threshold: it asks only what changed and the spending.</summary>
    public bool IsShort { get; private set; }

    /// <summary>The day it is due by.</summary>
    public DateOnly DueOn { get; private set; }

    /// <summary>The instant it becomes overdue: the end of <see cref="DueOn"/>, UK time.</summary>
    public DateTimeOffset DueAt => UkCalendar.EndOf(DueOn);

    public ReportState State { get; private set; } = ReportState.Due;

    /// <summary>The group's working copy: the latest draft, or the latest sent.</summary>
    public ReportContent Content { get; private set; } = ReportContent.Empty;

    /// <summary>Why the fund manager asked for more, the last time they did; null if they never have.</summary>
    public string? MoreAskedReason => _lifecycle.LastBy(ReportTrigger.AskForMore)?.Reason;

    /// <summary>Every version sent, oldest first.</summary>
    public IReadOnlyList<SentReport> Versions => _versions.AsReadOnly();

    public IReadOnlyList<StateChange> History => _history.AsReadOnly();

    /// <summary>When the fund manager accepted it; null until then.</summary>
    public DateTimeOffset? AcceptedAt => _lifecycle.LastBy(ReportTrigger.Accept)?.At;

    /// <summary>Whether the group has ever sent it: then no reminder is needed, even while more is asked for.</summary>
    public bool HasBeenSent => _versions.Count > 0;

    /// <summary>Whether it is overdue at <paramref name="now"/>: past its due instant and never sent.</summary>
    public bool IsOverdue(DateTimeOffset now) => !HasBeenSent && now >= DueAt;

    public const int MostAchieved = 10_000_000;
    public static TextLimit WhatChangedLimit { get; } = TextLimit.OfWords(500);
    public static TextLimit ShortWhatChangedLimit { get; } = TextLimit.OfWords(150);
    public static TextLimit LivedExperienceLimit { get; } = TextLimit.OfWords(300);
    public static TextLimit SpendingNoteLimit { get; } = TextLimit.Note;

    /// <summary>
    /// Everything wrong with <paramref name="content"/> for sending, for a grant with these outcomes and budget lines:
    /// located as the report form names its fields (<c>achieved[0][1]</c>, <c>whatChanged</c>, <c>spent[2]</c>).
    /// A short report asks only what changed and the spending.
    /// </summary>
    public IReadOnlyList<Problem> Check(ReportContent content, IReadOnlyList<Outcome> outcomes, IReadOnlyList<BudgetLine> budget)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(budget);
        var clean = content.Cleaned();
        var problems = new List<Problem>(CheckCharacters(clean));
        if (!IsShort)
        {
            for (var outcome = 0; outcome < outcomes.Count; outcome++)
            {
                for (var indicator = 0; indicator < outcomes[outcome].Indicators.Count; indicator++)
                {
                    var at = $"achieved[{outcome}][{indicator}]";
                    var given = outcome < clean.Achieved.Count && indicator < clean.Achieved[outcome].Count ? clean.Achieved[outcome][indicator] : null;
                    var which = $"indicator {indicator + 1} of outcome {outcome + 1} ({outcomes[outcome].Indicators[indicator].WhatIsCounted})";
                    if (given is null) problems.Add(new Problem(at, $"Enter what was achieved for {which}: 0 if none"));
                    else if (given is < 0 or > MostAchieved) problems.Add(new Problem(at, $"What was achieved for {which} must be a whole number from 0 to {MostAchieved:N0}"));
                }
            }
        }
        if (FreeText.WordsIn(clean.WhatChanged) == 0) problems.Add(new Problem("whatChanged", "Say what changed for people, in your own words"));
        else if (FreeText.Check("whatChanged", "What changed for people", clean.WhatChanged, IsShort ? ShortWhatChangedLimit : WhatChangedLimit) is { } changed) problems.Add(changed);
        if (!IsShort)
        {
            if (FreeText.WordsIn(clean.LivedExperience) == 0) problems.Add(new Problem("livedExperience", "Say how people with lived experience shaped and judged the work"));
            else if (FreeText.Check("livedExperience", "How people with lived experience shaped and judged the work", clean.LivedExperience, LivedExperienceLimit) is { } lived) problems.Add(lived);
        }
        if (FreeText.Check("spendingNote", "The note on spending", clean.SpendingNote, SpendingNoteLimit) is { } note) problems.Add(note);
        if (clean.SpentByLine.Count > budget.Count)
            problems.Add(new Problem("spent", "The budget has changed since this report was saved: enter the spending for each line again"));
        for (var line = 0; line < budget.Count; line++)
        {
            var spent = line < clean.SpentByLine.Count ? clean.SpentByLine[line] : null;
            if (spent is null) problems.Add(new Problem($"spent[{line}]", $"Enter what was spent on {budget[line].Item}: 0 if nothing"));
            else if (spent < 0 || spent > MoneyLimits.Largest) problems.Add(new Problem($"spent[{line}]", $"What was spent on {budget[line].Item} must be from £0 to {MoneyLimits.LargestInWords}"));
            else if (!Money.HasAtMostTwoDecimals(spent.Value)) problems.Add(new Problem($"spent[{line}]", $"What was spent on {budget[line].Item} must be in pounds and pence, like 150 or 150.50"));
        }
        // A text over its character limit is found twice (for saving, then for sending): say it once.
        return problems.DistinctBy(problem => problem.Location).ToList();
    }

    /// <summary>The report's spending against <paramref name="budget"/>, with the money paid to the group so far.</summary>
    public SpendingSummary Spending(IReadOnlyList<BudgetLine> budget, decimal paidSoFar)
    {
        ArgumentNullException.ThrowIfNull(budget);
        var lines = budget.Select((line, index) => new SpendingLine(line.Item, line.Cost, index < Content.SpentByLine.Count ? Content.SpentByLine[index] : null)).ToList();
        return new SpendingSummary(lines, MoneyLimits.SafeSum(lines.Select(line => line.Spent ?? 0m)), paidSoFar);
    }

    /// <summary>Whether a trigger can fire now, and if not, each reason in words; <paramref name="reason"/> is for <see cref="ReportTrigger.AskForMore"/>.</summary>
    public IReadOnlyList<string> WhyNot(ReportTrigger trigger, string? reason = null) => _lifecycle.WhyNot(trigger, FreeText.Clean(reason));

    internal void SaveDraft(ReportContent content, DateTimeOffset now, string actor)
    {
        var clean = content.Cleaned();
        _lifecycle.EnsureCan(ReportTrigger.SaveDraft, "");
        if (CheckCharacters(clean).FirstOrDefault() is { } problem) throw new DomainRuleException($"The report cannot be saved: {problem}.");
        _lifecycle.Fire(ReportTrigger.SaveDraft, now, actor);
        Content = clean;
    }

    internal void Send(ReportContent content, IReadOnlyList<Outcome> outcomes, IReadOnlyList<BudgetLine> budget, DateTimeOffset now, string actor)
    {
        _lifecycle.EnsureCan(ReportTrigger.Send, "");
        if (Check(content, outcomes, budget) is { Count: > 0 } problems)
            throw new DomainRuleException($"The report cannot be sent until every question is answered: {string.Join("; ", problems)}.");
        var clean = content.Cleaned();
        _lifecycle.Fire(ReportTrigger.Send, now, actor);
        Content = clean;
        _versions.Add(new SentReport(_versions.Count + 1, now, actor, clean));
    }

    internal void AskForMore(string reason, DateTimeOffset now, string actor)
    {
        var clean = FreeText.Clean(reason);
        if (clean.Length > 0 && GrantLimits.CheckReason("reason", clean, "") is { } problem) throw new DomainRuleException(problem.Message + ".");
        _lifecycle.Fire(_askForMore, clean, now, actor, clean);
    }

    internal void Accept(DateTimeOffset now, string actor) => _lifecycle.Fire(ReportTrigger.Accept, now, actor);

    internal void MoveDueDate(DateOnly dueOn) => DueOn = dueOn;

    private IEnumerable<Problem> CheckCharacters(ReportContent clean)
    {
        if (FreeText.CheckCharacters("whatChanged", "What changed for people", clean.WhatChanged, IsShort ? ShortWhatChangedLimit : WhatChangedLimit) is { } changed) yield return changed;
        if (FreeText.CheckCharacters("livedExperience", "How people with lived experience shaped and judged the work", clean.LivedExperience, LivedExperienceLimit) is { } lived) yield return lived;
        if (FreeText.CheckCharacters("spendingNote", "The note on spending", clean.SpendingNote, SpendingNoteLimit) is { } note) yield return note;
    }

    public static string Describe(ReportState state) => state switch
    {
        ReportState.Due => "not started",
        ReportState.Draft => "a draft",
        ReportState.Sent => "sent and waiting for the fund",
        ReportState.MoreAsked => "sent back for more",
        _ => "accepted",
    };

    public static string Verb(ReportTrigger trigger) => trigger switch
    {
        ReportTrigger.SaveDraft => "be saved",
        ReportTrigger.Send => "be sent",
        ReportTrigger.AskForMore => "be sent back for more",
        _ => "be accepted",
    };

    /// <summary>The report's lifecycle as a Mermaid state diagram, drawn from the machine itself.</summary>
    public static string StateDiagram() => new GrantReport()._lifecycle.Diagram();

    private void Configure()
    {
        const string Reason = "a reason the group can act on";
        _lifecycle.Configure(ReportState.Due)
            .Permit(ReportTrigger.SaveDraft, ReportState.Draft)
            .Permit(ReportTrigger.Send, ReportState.Sent);
        _lifecycle.Configure(ReportState.Draft)
            .PermitReentry(ReportTrigger.SaveDraft)
            .Permit(ReportTrigger.Send, ReportState.Sent);
        _lifecycle.Configure(ReportState.Sent)
            .PermitIf(_askForMore.Trigger, ReportState.MoreAsked, reason => !string.IsNullOrWhiteSpace(reason), Reason)
            .Permit(ReportTrigger.Accept, ReportState.Accepted);
        _lifecycle.Configure(ReportState.MoreAsked)
            .PermitReentry(ReportTrigger.SaveDraft)
            .Permit(ReportTrigger.Send, ReportState.Sent);
        _lifecycle.Configure(ReportState.Accepted);
    }
}
