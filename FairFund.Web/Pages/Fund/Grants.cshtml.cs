using FairFund.Domain.Applications;
using FairFund.Domain.Grants;
using FairFund.Domain.Scoring;
using FairFund.Web.Data;
using FairFund.Web.Pages.Apply;
using FairFund.Web.Pages.Shared;
using FairFund.Web.Rounds;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Fund;

/// <summary>
/// A round's grants for its fund manager: each with its state, amount, who accepted it and when; the offers not yet
/// accepted, with those past their acceptance date flagged (the fund may chase or withdraw them); and the acceptances
/// waiting to be checked before the grant starts.
/// </summary>
public sealed class GrantsModel(FairFundDbContext db, RoundOperations operations, TimeProvider time) : PageModel
{
    public const string DoneKey = "GrantsDone";

    public GrantsView View { get; private set; } = null!;

    public string? Done { get; private set; }

    /// <summary>
    /// Offers the grants a notified round's funded groups do not have yet: those of a round whose decisions were sent
    /// before FairFund made grants. Offering again makes none (<see cref="RoundOperations.OfferGrantsAsync"/>).
    /// </summary>
    public async Task<IActionResult> OnPostOfferAsync(string reference, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken);
        if (round is null) return NotFound();
        var offered = await db.InOneWriteAsync(async inWrite =>
        {
            var count = await operations.OfferGrantsAsync(round, time.GetUtcNow(), User.Identity?.Name ?? "unknown", inWrite);
            await db.SaveChangesAsync(inWrite);
            return count;
        }, cancellationToken);
        TempData[DoneKey] = offered == 0 ? "Every funded group has its grant already: none was offered." : $"{offered} {(offered == 1 ? "grant was" : "grants were")} offered.";
        return RedirectToPage(new { reference });
    }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.AsNoTracking().Where(r => r.Reference == reference).Select(r => new { r.Id, r.Reference, r.Name, r.State }).SingleOrDefaultAsync(cancellationToken);
        if (round is null) return NotFound();
        Done = TempData[DoneKey] as string;
        var now = time.GetUtcNow();
        var grants = await db.Grants.AsNoTracking().Where(grant => grant.RoundId == round.Id).OrderBy(grant => grant.Reference).ToListAsync(cancellationToken);
        var groupIds = grants.Select(grant => grant.OrganisationId).Distinct().ToList();
        var groups = await db.Organisations.AsNoTracking().Where(group => groupIds.Contains(group.Id)).ToDictionaryAsync(group => group.Id, group => group.Name, cancellationToken);
        var rows = grants.Select(grant =>
        {
            var accepted = grant.History.LastOrDefault(change => change.Trigger == nameof(GrantTrigger.Accept));
            return new GrantRow(
                grant.Reference,
                groups.GetValueOrDefault(grant.OrganisationId, ""),
                Money.Pounds(grant.Amount),
                GrantRecords.TagForStaff(grant.State),
                grant.Signatory is { } signatory ? $"{signatory.Name}, {signatory.Role}" : null,
                accepted is null ? null : $"{UkTime.Format(accepted.At)} by {accepted.Actor}",
                grant.State == GrantState.Offered ? DecisionLetter.LongDate(UkCalendar.DateOf(grant.AcceptBy.AddTicks(-1))) : null,
                grant.IsPastAcceptanceDate(now));
        }).ToList();
        var withoutGrant = round.State == Domain.Rounds.RoundState.Notified
            ? await db.Applications.CountAsync(a => a.RoundId == round.Id && a.State == ApplicationState.Awarded && !db.Grants.Any(grant => grant.ApplicationId == a.Id), cancellationToken)
            : 0;
        View = new GrantsView(round.Reference, round.Name, rows, withoutGrant,
            grants.Count(grant => grant.State == GrantState.Offered),
            grants.Count(grant => grant.IsPastAcceptanceDate(now)),
            grants.Count(grant => grant.State == GrantState.Accepted),
            Money.Pounds(MoneyLimits.SafeSum(grants.Select(grant => grant.Amount))));
        return Page();
    }

    /// <param name="AcceptBy">For an offer not yet accepted, the last day to accept it.</param>
    /// <param name="PastAcceptanceDate">An offer still waiting after its acceptance date: flagged.</param>
    public sealed record GrantRow(string Reference, string Group, string Amount, StatusTag Status, string? AcceptedBy, string? AcceptedAt, string? AcceptBy, bool PastAcceptanceDate);

    /// <param name="FundedWithoutGrant">Funded applications of a notified round with no grant yet: sent before FairFund made grants.</param>
    public sealed record GrantsView(string Reference, string Name, IReadOnlyList<GrantRow> Grants, int FundedWithoutGrant, int NotYetAccepted, int PastAcceptanceDate, int ToCheck, string Offered);
}
