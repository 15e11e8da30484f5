using FairFund.Domain.Rounds;
using FairFund.Web.Allocation;
using FairFund.Web.Data;
using FairFund.Web.Forms;
using FairFund.Web.Pages.Shared;
using FairFund.Web.Rounds;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Rounds;

/// <summary>The public page of a round: what it is for, when it is open, its rules in plain words, and every question its form asks.</summary>
public sealed class RoundModel(FairFundDbContext db, TimeProvider time, Microsoft.Extensions.Options.IOptions<Accounts.Funder> funder) : PageModel
{
    public RoundView Round { get; private set; } = null!;

    /// <summary>The round's form, every question with its limits and conditions, so a group can prepare before it signs up.</summary>
    public PublishedForm Form { get; private set; } = null!;

    public Accounts.Funder Funder => funder.Value;

    /// <summary>Whether a group can start an application now, so the page can lead it to the start button (a group reading the rules had no way on from here).</summary>
    public bool TakesApplications { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        await RoundClock.CloseDueRoundsAsync(db, time.GetUtcNow(), cancellationToken);
        var round = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken);
        if (round is null || round.State == RoundState.Draft) return NotFound();
        Round = RoundView.Of(round);
        TakesApplications = new Domain.Applications.SubmissionWindow(round.State == RoundState.Open, round.ClosesAt, time.GetUtcNow()).IsOpen;
        Form = PublishedForm.Of(round.Form);
        ClosingTimeMoves = [.. round.ClosingTimeExtensions.Select(move => new ClosingTimeMove(UkTime.Format(move.From), UkTime.Format(move.To), move.Reason, UkTime.Format(move.At)))];
        GroupsGivenMoreTime = await Deadlines.GroupExtensions.CountAsync(db, round.Id, cancellationToken);
        return Page();
    }

    /// <summary>Each time the closing time was moved later, with why: every group gets the same more time, so everyone may know.</summary>
    public IReadOnlyList<ClosingTimeMove> ClosingTimeMoves { get; private set; } = [];

    /// <summary>How many groups were given their own later deadline; which groups, and why, only they are told.</summary>
    public int GroupsGivenMoreTime { get; private set; }

    public sealed record ClosingTimeMove(string From, string To, string Reason, string At);

    public sealed record RoundView(
        string Reference,
        string Name,
        string Purpose,
        string State,
        string Opens,
        string Closes,
        RulesInWords Rules,
        string? RulesHash,
        string? RulesJson,
        string? SeedCommitment,
        string? RevealedSeed,
        bool HasResults)
    {
        public RulesFingerprint? Fingerprint => RulesHash is not null && RulesJson is not null ? new RulesFingerprint(RulesHash, RulesJson) : null;

        public static RoundView Of(Round round) =>
            new(round.Reference, round.Name, round.Purpose, Domain.Rounds.Round.Describe(round.State),
                UkTime.Format(round.OpensAt), UkTime.Format(round.ClosesAt), RulesInWords.Of(round.Rules),
                round.RulesHash, round.RulesJson, round.SeedCommitment, round.RevealedSeed, Domain.Rounds.Round.AreResultsPublic(round.State));
    }
}
