using System.Globalization;
using System.Text;
using FairFund.Domain.Applications;
using FairFund.Domain.Grants;
using FairFund.Domain.Scoring;
using FairFund.Web.Data;
using FairFund.Web.Export;
using FairFund.Web.Grants;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Fund;

/// <summary>
/// A round's outcomes at a glance, for its fund manager: the money offered, accepted, paid and returned; the reports
/// due, received, accepted and late; each indicator's total against its targets across the grants; and what the
/// groups say changed for people. The domain works it out (<see cref="RoundOutcomes"/>); this page shows its answer,
/// and <see cref="OnGetCsvAsync"/> gives the same as CSV.
/// </summary>
public sealed class RoundOutcomesModel(FairFundDbContext db, TimeProvider time) : PageModel
{
    public OutcomesView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.AsNoTracking().Where(r => r.Reference == reference).Select(r => new { r.Id, r.Reference, r.Name }).SingleOrDefaultAsync(cancellationToken);
        if (round is null) return NotFound();
        var now = time.GetUtcNow();
        var outcomes = await RoundOutcomesQuery.OfRoundAsync(db, round.Id, now, cancellationToken);
        View = OutcomesView.Of(round.Reference, round.Name, outcomes, DecisionLetter.LongDate(UkCalendar.DateOf(now)));
        return Page();
    }

    /// <summary>The outcomes as CSV, one table whose first column names the section of each line (<see cref="RoundOutcomesCsv"/>).</summary>
    public async Task<IActionResult> OnGetCsvAsync(string reference, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.AsNoTracking().Where(r => r.Reference == reference).Select(r => new { r.Id, r.Reference }).SingleOrDefaultAsync(cancellationToken);
        if (round is null) return NotFound();
        var now = time.GetUtcNow();
        var outcomes = await RoundOutcomesQuery.OfRoundAsync(db, round.Id, now, cancellationToken);
        var day = UkCalendar.DateOf(now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return File(Encoding.UTF8.GetBytes(RoundOutcomesCsv.Write(outcomes)), "text/csv; charset=utf-8", $"outcomes-{round.Reference}-{day}.csv");
    }

    /// <summary>One indicator's line: its totals in words and figures.</summary>
    public sealed record IndicatorRow(string WhatIsCounted, string Unit, int Grants, string Target, int GrantsReporting, string Achieved, string AgainstTarget);

    /// <summary>A group's words about one report.</summary>
    public sealed record WordsRow(string Group, string Grant, string Report, bool Accepted, string SentAt, string WhatChanged);

    /// <summary>Everything the page shows, in words; <c>HasGrants</c> false for a round with no grants yet.</summary>
    public sealed record OutcomesView(
        string Reference, string Name, string Today, bool HasGrants, int Grants,
        string Offered, string Accepted, string Paid, string Returned,
        OutcomeReports Reports, IReadOnlyList<IndicatorRow> Indicators, IReadOnlyList<WordsRow> Words)
    {
        public static OutcomesView Of(string reference, string name, RoundOutcomes? outcomes, string today)
        {
            if (outcomes is null)
                return new OutcomesView(reference, name, today, false, 0, Money.Pounds(0m), Money.Pounds(0m), Money.Pounds(0m), Money.Pounds(0m), new OutcomeReports(0, 0, 0, 0, 0, 0), [], []);
            var indicators = outcomes.Indicators.Select(total => new IndicatorRow(
                total.WhatIsCounted, total.Unit, total.Grants, Whole(total.Target), total.GrantsReporting, Whole(total.Achieved),
                total.GrantsReporting == 0 ? "No accepted report yet" : $"{Whole(total.Achieved)} of {Whole(total.TargetOfReporting)} aimed for by the {Plural(total.GrantsReporting, "grant")} reporting ({Percent(total.Achieved, total.TargetOfReporting)})"))
                .ToList();
            var words = outcomes.Words.Select(said => new WordsRow(said.Group, said.Grant, said.Report, said.Accepted, UkTime.Format(said.SentAt), said.WhatChanged)).ToList();
            var money = outcomes.Money;
            return new OutcomesView(reference, name, today, true, outcomes.Grants,
                Money.Pounds(money.Offered), Money.Pounds(money.Accepted), Money.Pounds(money.Paid), Money.Pounds(money.Returned),
                outcomes.Reports, indicators, words);
        }

        private static string Whole(long number) => number.ToString("N0", CultureInfo.GetCultureInfo("en-GB"));

        private static string Percent(long part, long whole) =>
            whole == 0 ? "no target" : (part * 100m / whole).ToString("0", CultureInfo.InvariantCulture) + "%";
    }

    /// <summary>"1 grant", "3 grants".</summary>
    public static string Plural(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";
}
