using FairFund.Domain.Applications;
using FairFund.Domain.Auditing;
using FairFund.Web.Pages.Shared;

namespace FairFund.Web.Pages.Apply;

/// <summary>
/// How an application's progress reads to the group that applied: what happens next in each state, and
/// each recorded change told without staff names ("The fund team"), with the group's own actions as "You".
/// The status page uses it; a decision itself is told in a <see cref="DecisionLetter"/>, the same on the page as in the email.
/// </summary>
public static class ApplicantWords
{
    public const string FundTeam = "The fund team";
    public const string You = "You";

    /// <summary>The tag colour for each state, so a state looks the same wherever the group sees it.</summary>
    public static StatusTag Tag(ApplicationState state) => Tag(state, Labels.ForApplicant(state));

    /// <summary>The tag for <paramref name="state"/>, with a draft's words saying whether it can still be sent in <paramref name="window"/>.</summary>
    public static StatusTag Tag(ApplicationState state, SubmissionWindow window) => Tag(state, Labels.ForApplicant(state, window));

    private static StatusTag Tag(ApplicationState state, string label) => new(label, state switch
    {
        ApplicationState.Draft => TagColour.Grey,
        ApplicationState.Submitted => TagColour.Blue,
        ApplicationState.Eligible or ApplicationState.Scored => TagColour.Purple,
        ApplicationState.Ineligible => TagColour.Red,
        ApplicationState.Awarded => TagColour.Green,
        ApplicationState.Waitlisted => TagColour.Yellow,
        ApplicationState.Declined => TagColour.Orange,
        _ => TagColour.Grey,
    });

    /// <summary>What comes next, in words; null for a decided application, whose decision letter says it.</summary>
    public static string? WhatHappensNext(ApplicationState state) => state switch
    {
        ApplicationState.Draft =>
            "Your application has not been sent yet. Finish each part, check your answers and send it before the round closes.",
        ApplicationState.Submitted =>
            "We are checking that your application meets the fund's rules. You do not need to do anything now. We will contact you if we need to know more.",
        ApplicationState.Eligible =>
            "Your application meets the fund's rules. The panel is now scoring it against the criteria published for this round. You do not need to do anything now.",
        ApplicationState.Ineligible =>
            "Your application cannot be considered in this round. The reason is below. If you think we have got something wrong, contact the fund team.",
        ApplicationState.Scored =>
            "The panel has finished scoring your application. The fund team decides on every application in the round together, and we will tell all the groups at the same time.",
        // A decided application's letter says what comes next, in the words its email gave.
        ApplicationState.Awarded or ApplicationState.Waitlisted or ApplicationState.Declined => null,
        _ =>
            "Your application has been withdrawn, so it will not be considered. This cannot be undone, but you can apply again in a future round.",
    };

    /// <summary>What comes next, for a draft told whether its round still takes applications in <paramref name="window"/>.</summary>
    public static string? WhatHappensNext(ApplicationState state, SubmissionWindow window) =>
        state == ApplicationState.Draft && !window.IsOpen ? DraftAfterClosing : WhatHappensNext(state);

    /// <summary>A draft whose round has closed: what the group can and cannot do now.</summary>
    public const string DraftAfterClosing =
        "This round has closed, so your application can no longer be sent. It was not sent before the round closed. Your answers are kept, so you can still read them.";

    /// <summary>One change in the timeline: who did what, in the group's words, and the reason where the group should see it.</summary>
    /// <param name="change">The change as recorded.</param>
    /// <param name="byTheGroup">Whether the person who made it is one of the group's own members.</param>
    public static (string What, string? Reason) Happened(StateChange change, bool byTheGroup)
    {
        var who = byTheGroup ? You : FundTeam;
        // Not a change of state: the draft stays a draft, with a later deadline of its own.
        if (change.Trigger == Application.DeadlineExtended) return ($"{FundTeam} gave you more time to send it", change.Reason);
        _ = Enum.TryParse<ApplicationTrigger>(change.Trigger, out var trigger);
        return trigger switch
        {
            ApplicationTrigger.Submit => ($"{who} sent the application", null),
            ApplicationTrigger.MarkEligible when change.From == nameof(ApplicationState.Ineligible) =>
                ($"{who} looked at it again and found it does meet the fund's rules", null),
            ApplicationTrigger.MarkEligible => ($"{who} checked it meets the fund's rules and passed it to the panel", null),
            ApplicationTrigger.MarkIneligible => ($"{who} found it does not meet the fund's rules", change.Reason),
            ApplicationTrigger.MarkScored => ($"{who} recorded the panel's scores", null),
            ApplicationTrigger.Award => ($"{who} decided to fund it", null),
            ApplicationTrigger.Waitlist => ($"{who} put it on the waiting list", null),
            ApplicationTrigger.Decline => ($"{who} decided not to fund it this time", null),
            _ => ($"{who} withdrew the application", change.Reason),
        };
    }
}
