using System.Globalization;
using FairFund.Domain.Allocation;
using FairFund.Domain.Equity;
using FairFund.Domain.Grants;
using FairFund.Domain.Moderation;
using FairFund.Domain.Rounds;
using FairFund.Domain.Scoring;
using FairFund.Domain.Validation;
using FairFund.Web.Allocation;
using FairFund.Web.Data;
using FairFund.Web.Equity;
using FairFund.Web.Pages.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Results;

/// <summary>
/// Who may see a round's results now: the round's rule (<see cref="Round.WhoMaySeeResults"/>), with its preview only
/// for a fund manager; anyone else sees nothing until the results are public.
/// </summary>
public static class ResultsAccess
{
    public static ResultsVisibility For(RoundState state, System.Security.Claims.ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var visibility = Round.WhoMaySeeResults(state);
        return visibility == ResultsVisibility.FundTeamPreview && !user.IsInRole(Accounts.Roles.FundManager) ? ResultsVisibility.None : visibility;
    }
}

/// <summary>
/// A notified round's published results, for anyone (and from approval, a preview for the fund team): the rules and the seed with how to check them, the awards as
/// moderation left them with every change the panel made and why, totals by pot and income band, and the round
/// file that lets anyone re-run the allocation. Groups that were not funded are counted, never named.
/// </summary>
[AllowAnonymous]
public sealed class ResultsModel(FairFundDbContext db, RoundAllocation allocation, RoundEquity equity, TimeProvider time) : PageModel
{
    public ResultsView Results { get; private set; } = null!;

    /// <summary>What the grants have done so far; null while the round has no grants.</summary>
    public PublicOutcomes? Outcomes { get; private set; }

    /// <summary>True when the fund team is previewing results that are not public yet.</summary>
    public bool IsPreview { get; private set; }

    /// <summary>How many groups had a deadline of their own, later than the round's.</summary>
    public int GroupsGivenMoreTime { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken);
        if (round is null || round.RevealedSeed is null) return NotFound();
        switch (ResultsAccess.For(round.State, User))
        {
            case ResultsVisibility.None: return NotFound();
            case ResultsVisibility.FundTeamPreview: IsPreview = true; break;
        }
        var moderated = await allocation.ModeratedAsync(round, cancellationToken);
        var equityFigures = RoundEquityFigures.Of(round.RulesForAllocation(), moderated, await equity.PlacesAsync(round, cancellationToken));
        Results = ResultsView.Of(round, moderated, equityFigures);
        var outcomes = await FairFund.Web.Grants.RoundOutcomesQuery.OfRoundAsync(db, round.Id, time.GetUtcNow(), cancellationToken);
        Outcomes = outcomes is null ? null : PublicOutcomes.Of(outcomes, UkCalendar.DateOf(time.GetUtcNow()));
        GroupsGivenMoreTime = await Deadlines.GroupExtensions.CountAsync(db, round.Id, cancellationToken);
        return Page();
    }

    /// <summary>Everything the results page shows, worked out here so the page only renders it.</summary>
    public sealed record ResultsView(
        string Reference,
        string Name,
        string State,
        RulesInWords Rules,
        RulesFingerprint? Fingerprint,
        string SeedCommitment,
        string Seed,
        LotteryKeyExample? Example,
        decimal Budget,
        decimal Allocated,
        IReadOnlyList<AwardRow> Awards,
        IReadOnlyList<ChangeRow> Changes,
        int Waitlisted,
        IReadOnlyList<NotFundedRow> NotFunded,
        IReadOnlyList<PotRow> Pots,
        IReadOnlyList<BandRow> Bands,
        PublishedEquityReport Equity,
        IReadOnlyList<MovedRow> RulesMoved)
    {
        public int Declined => NotFunded.Sum(row => row.Count);

        public static ResultsView Of(Round round, ModeratedAllocation moderated, RoundEquityFigures equity)
        {
            ArgumentNullException.ThrowIfNull(equity);
            // Only the published view of the equity report reaches this page, so no group of fewer than 5 can be picked out.
            var published = equity.Report.Published();
            var awarded = moderated.Ranked.Where(application => application.Decision == Decision.Award).ToList();
            var awards = awarded.Select(application => new AwardRow(
                    application.Reference,
                    // Cleaned on the way out too: a name stored before names were cleaned must not publish a direction override.
                    FreeText.CleanLine(application.Computed.OrganisationName),
                    application.Amount,
                    application.PotName ?? "",
                    application.IsOverridden ? $"The rules gave {WhatTheRulesGave(application.Computed)}" : null))
                .ToList();
            var changes = moderated.Overrides.Select(made => new ChangeRow(
                    made.Reference,
                    // A group is named only if it is funded in the end, whatever this change did.
                    moderated.Find(made.Reference) is { Decision: Decision.Award } funded ? FreeText.CleanLine(funded.Computed.OrganisationName) : null,
                    moderated.ChangeInWords(made),
                    FreeText.Clean(made.Reason),
                    UkTime.Format(made.At)))
                .ToList();
            var declined = moderated.Ranked.Where(application => application.Decision == Decision.Decline).ToList();
            var notFunded = new[]
                {
                    ("Found not eligible", declined.Count(a => !a.IsOverridden && a.Computed.Reason == DeclineReason.Ineligible)),
                    ("Too few reviews to be scored", declined.Count(a => !a.IsOverridden && a.Computed.Reason == DeclineReason.InsufficientReviews)),
                    ("Scored below the quality threshold", declined.Count(a => !a.IsOverridden && a.Computed.Reason == DeclineReason.BelowThreshold)),
                    ("Not funded by a change the panel made", declined.Count(a => a.IsOverridden)),
                }
                .Where(row => row.Item2 > 0)
                .Select(row => new NotFundedRow(row.Item1, row.Item2))
                .ToList();
            var pots = moderated.Pots.Select(pot => new PotRow(pot.Name, pot.Available, pot.Allocated)).ToList();
            var bandFigures = published.Dimensions.Single(dimension => dimension.Key == EquityReport.IncomeBandDimension).Groups;
            var bands = round.Rules.IncomeBands.Bands.Select((band, index) =>
            {
                var figures = bandFigures.Single(group => group.Key == band.Key);
                var from = index == 0 ? null : round.Rules.IncomeBands.Bands[index - 1].UpTo;
                return new BandRow(band.Key, IncomeInWords(from, band.UpTo), figures.Applications, figures.Funded, figures.Awarded);
            }).ToList();
            // Money only, never which groups: the fund team's equity page lists the applications the rules decided differently.
            var rulesMoved = equity.Effect.ByBand
                .Select(moved => new MovedRow(BandRow.Capitalised(moved.Group), moved.AwardedWithRules, moved.AwardedWithoutRules, moved.Moved))
                .Append(new MovedRow("Not awarded (left in the budget)", equity.Effect.Unallocated.AwardedWithRules, equity.Effect.Unallocated.AwardedWithoutRules, equity.Effect.Unallocated.Moved))
                .ToList();
            // The example is a funded application, so the reader can see its reference on this page.
            var example = awarded.FirstOrDefault() is { } first ? new LotteryKeyExample(first.Reference, first.Computed.LotteryKey.ToString()) : null;
            return new ResultsView(
                round.Reference,
                FreeText.CleanLine(round.Name),
                Round.Describe(round.State),
                RulesInWords.Of(round.Rules),
                round is { RulesHash: { } hash, RulesJson: { } json } ? new RulesFingerprint(hash, json) : null,
                round.SeedCommitment ?? "",
                round.RevealedSeed ?? "",
                example,
                moderated.Budget,
                moderated.Allocated,
                awards,
                changes,
                moderated.Ranked.Count(application => application.Decision == Decision.Waitlist),
                notFunded,
                pots,
                bands,
                published,
                rulesMoved);
        }

        private static string WhatTheRulesGave(ApplicationResult computed) => computed.Decision switch
        {
            Decision.Award => Money.Pounds(computed.Amount),
            Decision.Waitlist => "a place on the waiting list",
            _ => "no grant",
        };

        private static string IncomeInWords(decimal? from, decimal? upTo) => (from, upTo) switch
        {
            (null, { } to) => $"income under {Money.Pounds(to)}",
            ({ } lower, { } to) => $"income from {Money.Pounds(lower)} to under {Money.Pounds(to)}",
            ({ } lower, null) => $"income of {Money.Pounds(lower)} or more",
            _ => "any income",
        };
    }

    /// <summary>A funded application; <c>Change</c> says what the rules gave when the panel changed it.</summary>
    public sealed record AwardRow(string Reference, string Organisation, decimal Amount, string Pot, string? Change);

    /// <summary>One change the panel made; the group is named only when it is funded in the end.</summary>
    public sealed record ChangeRow(string Reference, string? Organisation, string Change, string Reason, string When);

    public sealed record NotFundedRow(string Why, int Count);

    public sealed record PotRow(string Name, decimal Available, decimal Allocated);

    /// <summary>One income band's totals, as the published equity report gives them: a count of 1 to 4 reads "fewer than 5".</summary>
    public sealed record BandRow(string Key, string Income, PublishedCount Applications, PublishedCount Awards, PublishedFigure Amount)
    {
        /// <summary>The band's key as a heading reads: micro becomes Micro.</summary>
        public string Name => Capitalised(Key);

        public static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
    }

    /// <summary>One band's money with the equity rules and without them, on the same scores and seed.</summary>
    public sealed record MovedRow(string Band, decimal WithRules, decimal WithoutRules, decimal Moved);

    /// <summary>A published sum of money, or why it is not shown.</summary>
    public static string PoundsOrWhy(PublishedFigure figure) => figure.IsShown ? Money.Pounds(figure.Value!.Value) : WhyNotShown(figure.Withheld);

    /// <summary>A published fraction as a percentage to one place, or why it is not shown.</summary>
    public static string PercentOrWhy(PublishedFigure figure) => figure.IsShown
        ? figure.Value is { } value ? (value * 100m).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "none"
        : WhyNotShown(figure.Withheld);

    private static string WhyNotShown(Withheld withheld) =>
        withheld == Withheld.FewerThanFive ? new PublishedCount(null, withheld).Text : "not shown";

    /// <summary>Money moved, signed, so a gain and a loss read differently.</summary>
    public static string MovedInWords(decimal amount) => amount switch
    {
        > 0 => "+" + Money.Pounds(amount),
        < 0 => "\u2212" + Money.Pounds(-amount),
        _ => Money.Pounds(0m),
    };

    /// <summary>
    /// What the round's grants have done so far, as the public may read it: the money paid (and given back), and each
    /// indicator's total from the reports the fund has accepted, against the targets of the grants that reported.
    /// Nothing personal: no person's name, no bank details, and not the groups' own words (which may name people).
    /// </summary>
    public sealed record PublicOutcomes(string AsAt, decimal Paid, decimal Returned, int ReportsAccepted, IReadOnlyList<PublicIndicator> Indicators)
    {
        public static PublicOutcomes Of(RoundOutcomes outcomes, DateOnly today)
        {
            ArgumentNullException.ThrowIfNull(outcomes);
            // Only figures from accepted reports: a target alone says nothing about what the money did.
            var indicators = outcomes.Indicators.Where(total => total.GrantsReporting > 0)
                .Select(total => new PublicIndicator(FreeText.CleanLine(total.WhatIsCounted), FreeText.CleanLine(total.Unit), total.GrantsReporting, total.Achieved, total.TargetOfReporting))
                .ToList();
            return new PublicOutcomes(FairFund.Domain.Applications.DecisionLetter.LongDate(today), outcomes.Money.Paid, outcomes.Money.Returned, outcomes.Reports.Accepted, indicators);
        }
    }

    /// <summary>One indicator's total across the grants whose reports the fund has accepted.</summary>
    public sealed record PublicIndicator(string WhatIsCounted, string Unit, int Grants, long Achieved, long Target);

    /// <summary>One real application's lottery key, so a reader can try the check on something they can see.</summary>
    public sealed record LotteryKeyExample(string Reference, string Key);
}
