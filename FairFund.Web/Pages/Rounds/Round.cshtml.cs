using FairFund.Domain.Allocation;
using FairFund.Domain.Rounds;
using FairFund.Domain.Scoring;
using FairFund.Web.Data;
using FairFund.Web.Forms;
using FairFund.Web.Rounds;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Rounds;

/// <summary>The public page of a round: what it is for, when it is open, and its rules in plain words.</summary>
public sealed class RoundModel(FairFundDbContext db, TimeProvider time, Microsoft.Extensions.Options.IOptions<Accounts.Funder> funder) : PageModel
{
    public RoundView Round { get; private set; } = null!;

    public Accounts.Funder Funder => funder.Value;

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        await RoundClock.CloseDueRoundsAsync(db, time.GetUtcNow(), cancellationToken);
        var round = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken);
        if (round is null || round.State == RoundState.Draft) return NotFound();
        Round = RoundView.Of(round);
        return Page();
    }

    public sealed record RoundView(
        string Reference,
        string Name,
        string Purpose,
        string State,
        string Opens,
        string Closes,
        string Budget,
        string Grants,
        IReadOnlyList<Criterion> Criteria,
        string Aggregation,
        int MinReviews,
        string Threshold,
        string? LotteryBand,
        IReadOnlyList<string> EquityRules,
        IReadOnlyList<string> Pots,
        string WhenTooBig,
        string? RulesHash,
        string? RulesJson,
        string? SeedCommitment,
        string? RevealedSeed)
    {
        public static RoundView Of(Round round)
        {
            var rules = round.Rules;
            string Pounds(decimal amount) => "£" + Money.Format(amount);
            static string Percent(decimal share) => (share * 100m).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "%";
            var pots = rules.Pots.Select(pot => $"{pot.Name}: {Pounds(pot.AmountOf(rules.Budget))} ({Percent(pot.Share)} of the budget) for {pot.When.Describe()}").ToList();
            var ringFenced = rules.Pots.Sum(pot => pot.AmountOf(rules.Budget));
            pots.Add($"General pot: {Pounds(rules.Budget - ringFenced)} for every organisation{(rules.Rollover && rules.Pots.Count > 0 ? ", plus whatever the ring-fenced pots do not spend" : "")}");
            return new RoundView(round.Reference, round.Name, round.Purpose, Domain.Rounds.Round.Describe(round.State),
                UkTime.Format(round.OpensAt), UkTime.Format(round.ClosesAt), Pounds(rules.Budget),
                $"{Pounds(rules.GrantMin)} to {Pounds(rules.GrantMax)}", rules.Criteria,
                rules.Aggregation switch
                {
                    Domain.Scoring.Aggregation.Median => "the median (middle) review score",
                    Domain.Scoring.Aggregation.TrimmedMean => "the average review score, leaving out the highest and lowest when there are 5 or more reviews",
                    _ => "the average review score",
                },
                rules.MinReviews, Money.Score(rules.Threshold),
                rules.LotteryBand is { } band ? $"Applications scoring from {Money.Score(band.From)} up to {Money.Score(band.To)} are ordered by lottery, because the panel cannot honestly tell them apart." : null,
                [.. rules.Rules.Select(rule => rule.Describe())], pots,
                rules.WhenTooBig switch
                {
                    Domain.Allocation.WhenTooBig.Stop => "If the next group asks for more than a pot has left, that pot stops, so nobody further down jumps the queue.",
                    Domain.Allocation.WhenTooBig.Partial => $"If the next group asks for more than a pot has left, they are offered what is left if it is at least {Percent(rules.PartialMinFraction)} of their request and at least the smallest grant; then that pot stops.",
                    _ => "If the next group asks for more than a pot has left, the pot goes on to the next group that fits.",
                },
                round.RulesHash, round.RulesJson, round.SeedCommitment, round.RevealedSeed);
        }
    }
}
