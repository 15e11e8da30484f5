using FairFund.Domain.Rounds;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FairFund.Web.Pages.Panel;

/// <summary>A panel member's start page: the rounds whose panel they have joined, with how much is left to do in each.</summary>
public sealed class IndexModel(PanelRecords records) : PageModel
{
    public IReadOnlyList<RoundRow> Rounds { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var rounds = await records.RoundsAsync(User, cancellationToken);
        if (rounds.Count == 0 || records.MemberOf(User) is not { } member) return;
        var assignments = await records.AssignmentsAsync(member, [.. rounds.Select(round => round.Id)], cancellationToken);
        Rounds = [.. rounds.Select(round =>
        {
            var mine = assignments[round.Id].ToList();
            int Count(ReviewProgress progress) => mine.Count(row => row.Progress == progress);
            return new RoundRow(round.Reference, round.Name, PanelWords.RoundStage(round.State), Round.IsScoringOver(round.State),
                round.ScoringDeadline is { } deadline && !Round.IsScoringOver(round.State) ? UkTime.Format(deadline) : null,
                Count(ReviewProgress.ToDeclare), Count(ReviewProgress.NotStarted), Count(ReviewProgress.DraftSaved), Count(ReviewProgress.Submitted),
                Count(ReviewProgress.NotScored), mine.Count);
        })];
    }

    /// <summary>One round: its name, where it is, and the member's applications by progress; once scoring is over, only what was done.</summary>
    public sealed record RoundRow(string Reference, string Name, string Stage, bool ScoringOver, string? Deadline, int ToDeclare, int ToScore, int Drafts, int Submitted, int NotScored, int Assigned);
}
