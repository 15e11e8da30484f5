using System.Globalization;
using FairFund.Domain.Allocation;
using FairFund.Domain.Equity;
using FairFund.Domain.Organisations;
using FairFund.Domain.Scoring;
using FairFund.Domain.Validation;
using FairFund.Web.Data;
using FairFund.Web.Equity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Fund;

/// <summary>
/// The round's equity report, from moderation on: for each income band, district, rural or not, deprivation decile
/// and equity flag, who applied and who was funded, and what the equity rules themselves did (the same allocation
/// without them). Every figure is the domain's (<see cref="EquityReport"/>, <see cref="EquityEffect"/>), in full:
/// this page is for the fund team, so nothing is withheld.
/// </summary>
public sealed class EquityModel(FairFundDbContext db, RoundEquity equity) : PageModel
{
    public string Reference { get; private set; } = "";
    public string Name { get; private set; } = "";

    /// <summary>Null before the round has an allocation.</summary>
    public EquityView? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken);
        if (round is null) return NotFound();
        (Reference, Name) = (round.Reference, FreeText.CleanLine(round.Name));
        if (!Domain.Rounds.Round.HasAllocation(round.State)) return Page();
        var figures = await equity.ForAsync(round, cancellationToken);
        View = EquityView.Of(figures);
        return Page();
    }

    /// <summary>What the page shows, worked out here so the page only renders it.</summary>
    public sealed record EquityView(
        EquityReport Report,
        IReadOnlyList<MovedRow> ByBand,
        MovedRow Unallocated,
        IReadOnlyList<MovedRow> ByFlag,
        IReadOnlyList<ChangedRow> FundedOnlyBecauseOfRules,
        IReadOnlyList<ChangedRow> NotFundedBecauseOfRules,
        IReadOnlyList<ChangedRow> AmountChangedByRules,
        int Overrides)
    {
        public static EquityView Of(RoundEquityFigures figures)
        {
            ArgumentNullException.ThrowIfNull(figures);
            var effect = figures.Effect;
            static MovedRow Row(string key, string label, MoneyMoved moved) =>
                new(key, label, moved.FundedWithRules, moved.FundedWithoutRules, moved.AwardedWithRules, moved.AwardedWithoutRules, moved.Moved);
            static ChangedRow Changed(DecisionDifference difference) => new(
                difference.Reference,
                FreeText.CleanLine(difference.Published.OrganisationName),
                difference.Published.Band,
                DecisionInWords(difference.Published),
                DecisionInWords(difference.Alternative),
                difference.AmountDifference);
            return new EquityView(
                figures.Report,
                [.. effect.ByBand.Select(moved => Row(moved.Group, Capitalised(moved.Group), moved))],
                Row(EquityEffect.UnallocatedGroup, "Not awarded (left in the budget)", effect.Unallocated),
                [.. effect.ByFlag.Select(moved => Row(moved.Group, Capitalised(KnownFlags.InWords(moved.Group)), moved))],
                [.. effect.FundedOnlyBecauseOfRules.Select(Changed)],
                [.. effect.NotFundedBecauseOfRules.Select(Changed)],
                [.. effect.Differences.Where(difference => !difference.FundedOnlyAsPublished && !difference.FundedOnlyInAlternative).Select(Changed)],
                figures.Decisions.Overrides.Count);
        }

        private static string DecisionInWords(ApplicationResult result) => result.Decision switch
        {
            Decision.Award => $"Funded, {Money.Pounds(result.Amount)}",
            Decision.Waitlist => "Waiting list",
            _ => "Not funded",
        };
    }

    /// <summary>One band's or flag's money with the equity rules and without them.</summary>
    public sealed record MovedRow(string Key, string Label, int FundedWithRules, int FundedWithoutRules, decimal AwardedWithRules, decimal AwardedWithoutRules, decimal Moved);

    /// <summary>One application the equity rules decided differently: as the rules decided it, and as it would have been without them.</summary>
    public sealed record ChangedRow(string Reference, string Organisation, string Band, string WithRules, string WithoutRules, decimal AmountDifference);

    /// <summary>A fraction as a percentage to one place: 0.25 is "25.0%"; "none" when there is nothing to divide by.</summary>
    public static string Percent(decimal? fraction) =>
        fraction is { } value ? (value * 100m).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "none";

    /// <summary>Money moved, signed, so a gain and a loss read differently: "+£1,000", "−£500", "£0".</summary>
    public static string MovedInWords(decimal amount) => amount switch
    {
        > 0 => "+" + Money.Pounds(amount),
        < 0 => "\u2212" + Money.Pounds(-amount),
        _ => Money.Pounds(0m),
    };

    public static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>The id of a dimension's table: <c>flag:userLed</c> becomes <c>equity-flag-userLed</c>.</summary>
    public static string TableId(string dimensionKey) => "equity-" + dimensionKey.Replace(':', '-');
}
