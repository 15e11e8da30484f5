using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FairFund.Web.Pages.Panel;

/// <summary>The applications a member was given in one round, each with where their review has got to. Never any scores.</summary>
public sealed class RoundModel(PanelRecords records) : PageModel
{
    /// <summary>What a page that sent the member here has to tell them, shown once.</summary>
    public const string NoticeKey = "PanelRoundNotice";

    public string? Notice { get; private set; }

    public string Reference { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Stage { get; private set; } = "";
    public IReadOnlyList<AssignmentRow> Applications { get; private set; } = [];

    /// <inheritdoc cref="Domain.Rounds.Round.IsScoringOver"/>
    public bool ScoringOver { get; private set; }

    /// <summary>The scoring deadline in UK time, or null when the fund manager has not set one.</summary>
    public string? Deadline { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (await records.FindRoundAsync(User, reference, cancellationToken) is not { } seat) return NotFound();
        Notice = TempData[NoticeKey] as string;
        (Reference, Name, Stage) = (seat.Round.Reference, seat.Round.Name, PanelWords.RoundStage(seat.Round.State));
        ScoringOver = Domain.Rounds.Round.IsScoringOver(seat.Round.State);
        Deadline = seat.Round.ScoringDeadline is { } deadline ? UkTime.Format(deadline) : null;
        Applications = [.. (await records.AssignmentsAsync(seat.Member, [seat.Round.Id], cancellationToken))[seat.Round.Id]];
        return Page();
    }
}
