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
/// these words, so what a group is sent and what it can look up later never differ. Made from the
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

    public const string TrailHeading = "How the decision was made";

    public const string TrailIntroduction =
        "Every step the fund's published rules took with your application, in order, with the number after each step, then any change the panel made to the decision. Reviews are numbered, not named.";

    public const string CommentsHeading = "What the panel said";

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

    private static DecisionLetter WriteFor(DecisionNotice notice, string groupName, string roundName, string reference, AfterTheDecision after)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(after);
        var application = $"the application from {groupName} to the {roundName} ({reference})";
        var contact = after.Contact.Trim() is { Length: > 0 } address ? $"write to {address}" : "contact the fund team";
        return notice.Decision switch
        {
            Decision.Award => new DecisionLetter(
                notice.Decision,
                $"Good news: {application} is funded.",
                $"Grant: {Money.Pounds(notice.Amount)}" + (notice.Partial ? " (part of what you asked for)" : ""),
                notice.PotName is { Length: > 0 } pot ? $"Paid from: {pot}" : null,
                notice.Reason, notice.Trail, notice.PanelComments,
                [.. GrantConditions(after.GrantConditions),
                    new LetterPart("What happens next",
                    [
                        "We will write to you about the grant agreement and when the money will be paid. You do not need to do anything until then.",
                        $"If anything about your group or your project has changed since you applied, {contact}.",
                    ])]),
            Decision.Waitlist => new DecisionLetter(
                notice.Decision,
                $"{Capitalised(application)} is on the waiting list.",
                null, null,
                notice.Reason, notice.Trail, notice.PanelComments,
                [new LetterPart("What the waiting list means",
                [
                    "You do not need to do anything now.",
                    "If money becomes free, because a funded group does not take up its grant or spends less than it was given, it is offered to groups on the waiting list in order of merit. We will tell you if it reaches your application.",
                    after.WaitingListUntil is { } until
                        ? $"The waiting list stays open until {LongDate(until)}. If your application has not been offered a grant by then, it will not be funded from this round, and you are welcome to apply again in a future round."
                        : "We have not set a date for the waiting list to close yet. We will tell you when we do.",
                    $"If you have a question, {contact}.",
                ])]),
            _ => new DecisionLetter(
                notice.Decision,
                $"We are sorry: {application} has not been funded.",
                null, null,
                notice.Reason, notice.Trail, notice.PanelComments,
                [new LetterPart("If you have a question",
                [
                    $"If you have a question about the decision, {contact}.",
                    "You are welcome to apply again in a future round.",
                ])]),
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

    private static string Capitalised(string words) => char.ToUpperInvariant(words[0]) + words[1..];
}
