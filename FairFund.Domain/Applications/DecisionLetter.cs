using System.Globalization;
using FairFund.Domain.Allocation;
using FairFund.Domain.Scoring;

namespace FairFund.Domain.Applications;

/// <summary>
/// What the fund tells groups about the time after the decision, set for the round before the decisions go:
/// the conditions that come with a grant, the last day of the waiting list, and who to ask.
/// </summary>
/// <param name="GrantConditions">The conditions, a paragraph to a line; blank for none.</param>
/// <param name="WaitingListUntil">The last day an application on the waiting list may be offered a grant.</param>
/// <param name="Contact">An email address for questions; blank for "the fund team".</param>
public sealed record AfterTheDecision(string GrantConditions, DateOnly? WaitingListUntil, string Contact);

/// <summary>A heading and the paragraphs under it.</summary>
public sealed record LetterPart(string Heading, IReadOnlyList<string> Paragraphs);

/// <summary>
/// A decision as the group reads it. The decision email and the application's status page both show exactly
/// these words, in this order: the decision in one or two plain sentences (<see cref="Opening"/>), the grant and
/// what the letter is about, the panel's comments, what happens next, and last the full working under
/// <see cref="TrailHeading"/>, every number of the trail kept so that anyone can check it. Made from the
/// <see cref="DecisionNotice"/> kept on the application, which names no reviewer.
/// </summary>
public sealed record DecisionLetter(
    Decision Decision,
    string Opening,
    string? Grant,
    string? PaidFrom,
    string Reason,
    IReadOnlyList<TrailLine> Trail,
    IReadOnlyList<string> PanelComments,
    IReadOnlyList<LetterPart> After)
{
    /// <summary>Which application the letter is about: the group, the round and the reference, in a sentence.</summary>
    public string About { get; init; } = "";

    /// <summary>
    /// After <see cref="Reason"/> (then the rules' decision), each change the panel made in moderation with its
    /// reason, in order; empty when the rules' decision stands.
    /// </summary>
    public IReadOnlyList<string> Changes { get; init; } = [];

    /// <summary>After the changes, the decision that stands; null when there were none.</summary>
    public string? FinalDecision { get; init; }

    /// <summary>Whether the panel scored the application: not when it was found ineligible before scoring.</summary>
    public bool ScoredByThePanel { get; init; } = true;

    /// <summary>What stands under "What the panel said" when there are no comments to list; null when there are.</summary>
    public string? InsteadOfComments => !ScoredByThePanel ? NotScored : PanelComments.Count == 0 ? NoComments : null;

    /// <summary>
    /// The paragraphs that open the working, before its numbered steps: for a decision the panel changed, what the
    /// rules decided, each change with its reason, and the decision that stands; none when the rules' decision stands,
    /// as the opening has said it already.
    /// </summary>
    public IReadOnlyList<string> WorkingSummary => FinalDecision is null ? [] : [Reason, .. Changes, FinalDecision];

    public const string TrailHeading = "How this decision was worked out";

    public const string TrailIntroduction =
        "Every step the fund's published rules took with your application, in order, with the numbers at each step, so that you or anyone else can check it. Scores are out of 100. Reviews are numbered, not named.";

    public const string CommentsHeading = "What the panel said";

    public const string NextHeading = "What happens next";

    public const string NoComments = "The panel did not leave comments on this application.";

    public const string NotScored = "The panel did not score your application, as it could not be considered.";

    /// <summary>The letter for a decision; <paramref name="scoredByThePanel"/> is false for an application found ineligible, which the panel never scored.</summary>
    public static DecisionLetter Write(DecisionNotice notice, string groupName, string roundName, string reference, AfterTheDecision after, bool scoredByThePanel = true)
    {
        var letter = WriteFor(notice, groupName, roundName, reference, after) with { ScoredByThePanel = scoredByThePanel };
        if (notice.Changes.Count == 0) return letter;
        // The whole story, in order: what the rules decided, each change the panel made and why, and what stands.
        return letter with
        {
            Reason = "By the fund's published rules, " + char.ToLowerInvariant(notice.Reason[0]) + notice.Reason[1..],
            Changes = [.. notice.Changes.Select(change => change.InLetterWords())],
            FinalDecision = notice.Decision switch
            {
                Decision.Award => $"So the final decision is that your application is funded: {Money.Pounds(notice.Amount)}"
                    + (notice.Partial ? ", part of what you asked for" : "")
                    + (notice.PotName is { Length: > 0 } pot ? $", from the {pot}." : "."),
                Decision.Waitlist => "So the final decision is that your application is on the waiting list.",
                _ => "So the final decision is that your application is not funded.",
            },
        };
    }

    /// <summary>
    /// The decision in one or two sentences a volunteer reads at a glance: what was decided, with the amount and
    /// what was asked for, or until when the waiting list runs, and the main reason, kindly, when it is not funded.
    /// </summary>
    public static string OpeningFor(DecisionNotice notice, DateOnly? waitingListUntil)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var changed = notice.Changes.Count switch
        {
            0 => null,
            1 => " " + Sentence($"The panel changed the decision the fund's rules gave, and its reason was: {notice.Changes[0].Reason}"),
            _ => $" The panel changed the decision the fund's rules gave, for the reasons under \"{TrailHeading}\".",
        };
        return notice.Decision switch
        {
            Decision.Award => Awarded(notice) + (changed ?? (notice.Partial ? " That was what the pot had left when it reached your application." : "")),
            Decision.Waitlist => (waitingListUntil is { } until ? $"Your application is on the waiting list until {LongDate(until)}." : "Your application is on the waiting list.")
                + (changed ?? " It scored well enough to be funded, but the money ran out before it was reached."),
            _ => "We are sorry: your application has not been funded." + (changed ?? " " + Sentence(notice.Reason)),
        };
    }

    private static string Awarded(DecisionNotice notice) => (notice.Partial, notice.Requested) switch
    {
        (false, _) => $"You have been awarded {Money.Pounds(notice.Amount)}, the full amount you asked for.",
        (true, { } requested) => $"You have been awarded {Money.Pounds(notice.Amount)} of the {Money.Pounds(requested)} you asked for.",
        _ => $"You have been awarded {Money.Pounds(notice.Amount)}, part of what you asked for.",
    };

    /// <summary>Words that end as a sentence does, whatever a person typed at the end of them.</summary>
    private static string Sentence(string words)
    {
        var trimmed = words.TrimEnd();
        return trimmed.Length > 0 && trimmed[^1] is '.' or '!' or '?' ? trimmed : trimmed + ".";
    }

    private static DecisionLetter WriteFor(DecisionNotice notice, string groupName, string roundName, string reference, AfterTheDecision after)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(after);
        var about = $"This is the decision on the application from {groupName} to the {roundName} ({reference}).";
        var contact = after.Contact.Trim() is { Length: > 0 } address ? $"write to {address}" : "contact the fund team";
        var opening = OpeningFor(notice, after.WaitingListUntil);
        return notice.Decision switch
        {
            Decision.Award => new DecisionLetter(
                notice.Decision,
                opening,
                $"Grant: {Money.Pounds(notice.Amount)}" + (notice.Partial ? " (part of what you asked for)" : ""),
                notice.PotName is { Length: > 0 } pot ? $"Paid from: {pot}" : null,
                notice.Reason, notice.Trail, notice.PanelComments,
                [.. GrantConditions(after.GrantConditions),
                    new LetterPart(NextHeading,
                    [
                        // The offer is made as the decisions are sent (a grant for every award), so it is already waiting.
                        "Your grant agreement is ready on your application's page in FairFund. Read it and accept it there, with your group's bank details, so that the money can be paid.",
                        $"If anything about your group or your project has changed since you applied, {contact}.",
                    ])]) { About = about },
            Decision.Waitlist => new DecisionLetter(
                notice.Decision,
                opening,
                null, null,
                notice.Reason, notice.Trail, notice.PanelComments,
                [new LetterPart(NextHeading,
                [
                    "You do not need to do anything now.",
                    "If money becomes free, because a funded group does not take up its grant or spends less than it was given, it is offered to groups on the waiting list in order of merit. We will tell you if it reaches your application.",
                    after.WaitingListUntil is { } until
                        ? $"The waiting list stays open until {LongDate(until)}. If your application has not been offered a grant by then, it will not be funded from this round, and you are welcome to apply again in a future round."
                        : "We have not set a date for the waiting list to close yet. We will tell you when we do.",
                    $"If you have a question, {contact}.",
                ])]) { About = about },
            _ => new DecisionLetter(
                notice.Decision,
                opening,
                null, null,
                notice.Reason, notice.Trail, notice.PanelComments,
                [new LetterPart(NextHeading,
                [
                    "You do not need to do anything. You are welcome to apply again in a future round.",
                    $"If you have a question about the decision, {contact}.",
                ])]) { About = about },
        };
    }

    /// <summary>A date as people write it: 31 May 2027.</summary>
    public static string LongDate(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>The funder's conditions as they typed them, a paragraph for each line; none when they gave none.</summary>
    private static IEnumerable<LetterPart> GrantConditions(string conditions)
    {
        var paragraphs = conditions.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (paragraphs.Length > 0) yield return new LetterPart("The grant's conditions", paragraphs);
    }
}
