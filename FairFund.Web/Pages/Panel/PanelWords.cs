using FairFund.Domain.Reviews;
using FairFund.Domain.Rounds;
using FairFund.Web.Pages.Shared;

namespace FairFund.Web.Pages.Panel;

/// <summary>What the panel pages call things, in words a volunteer on the panel uses.</summary>
public static class PanelWords
{
    /// <summary>The tag for a review's progress; the same progress looks the same on every panel page.</summary>
    public static StatusTag Tag(ReviewProgress progress) => progress switch
    {
        ReviewProgress.ToDeclare => new("Declare any conflict", TagColour.Orange),
        ReviewProgress.NotStarted => new("Not started", TagColour.Grey),
        ReviewProgress.DraftSaved => new("Draft saved", TagColour.Yellow),
        ReviewProgress.Submitted => new("Submitted", TagColour.Green),
        ReviewProgress.NotScored => new("Not scored", TagColour.Grey),
        _ => new("Conflict declared", TagColour.Red),
    };

    /// <summary>Where the round is, from the panel's side, as the domain places it.</summary>
    public static string RoundStage(RoundState state) => Round.PhaseForPanel(state) switch
    {
        PanelPhase.TakingApplications => "The round is still taking applications. Once it closes and the applications have been checked, the ones you are to score appear here.",
        PanelPhase.Screening => "Applications are being checked. You can declare any conflicts of interest now; scoring starts soon.",
        PanelPhase.Scoring => "Scoring is open.",
        PanelPhase.Moderation => "Scoring has closed. The panel is meeting to agree the results.",
        PanelPhase.Decided => "Scoring has closed and the results have been decided.",
        _ => "This round was cancelled, so there is nothing to score.",
    };

    /// <summary>The kinds of conflict, in the order the form offers them.</summary>
    public static IReadOnlyList<ConflictKind> ConflictKinds { get; } =
        [ConflictKind.WorksOrVolunteersThere, ConflictKind.Trustee, ConflictKind.FamilyOrFriend, ConflictKind.FundingRelationship, ConflictKind.Other];

    /// <summary>A hint for each kind, so that a member can tell which one fits.</summary>
    public static string? Hint(ConflictKind kind) => kind switch
    {
        ConflictKind.WorksOrVolunteersThere => "You are paid by the group, or give your time to it",
        ConflictKind.Trustee => "You are on its board or committee",
        ConflictKind.FamilyOrFriend => "Someone close to you runs it, works there or would benefit",
        ConflictKind.FundingRelationship => "You or your organisation funds it, is funded by it, or would gain from the grant",
        _ => null,
    };

    /// <summary>"Panel member A", "B", … "Z", then "AA": other members, never named.</summary>
    public static string Letter(int index)
    {
        var letters = "";
        for (var n = index; n >= 0; n = n / 26 - 1) letters = (char)('A' + n % 26) + letters;
        return letters;
    }
}
