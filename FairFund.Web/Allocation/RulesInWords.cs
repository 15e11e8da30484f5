using FairFund.Domain.Allocation;
using FairFund.Domain.Scoring;

namespace FairFund.Web.Allocation;

/// <summary>
/// A round's published rules in plain words, as the public round page, the results page and the workbook's
/// Rules sheet all state them, so the three cannot say different things.
/// </summary>
public sealed record RulesInWords(
    string Budget,
    string Grants,
    IReadOnlyList<Criterion> Criteria,
    string Aggregation,
    int MinReviews,
    string Threshold,
    string? LotteryBand,
    IReadOnlyList<string> EquityRules,
    IReadOnlyList<string> Pots,
    string WhenTooBig)
{
    public static RulesInWords Of(RoundSettings rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var pots = rules.Pots.Select(pot => $"{pot.Name}: {Pounds(pot.AmountOf(rules.Budget))} ({Percent(pot.Share)} of the budget) for {pot.When.Describe()}").ToList();
        var ringFenced = rules.Pots.Sum(pot => pot.AmountOf(rules.Budget));
        pots.Add($"General pot: {Pounds(rules.Budget - ringFenced)} for every organisation{(rules.Rollover && rules.Pots.Count > 0 ? ", plus whatever the ring-fenced pots do not spend" : "")}");
        return new RulesInWords(
            Pounds(rules.Budget),
            $"{Pounds(rules.GrantMin)} to {Pounds(rules.GrantMax)}",
            rules.Criteria,
            rules.Aggregation switch
            {
                Domain.Scoring.Aggregation.Median => "the median (middle) review score",
                Domain.Scoring.Aggregation.TrimmedMean => "the average review score, leaving out the highest and lowest when there are 5 or more reviews",
                _ => "the average review score",
            },
            rules.MinReviews,
            Money.Score(rules.Threshold),
            rules.LotteryBand is { } band ? $"Applications scoring from {Money.Score(band.From)} up to {Money.Score(band.To)} are ordered by lottery, because the panel cannot honestly tell them apart." : null,
            [.. rules.Rules.Select(rule => rule.Describe())],
            pots,
            rules.WhenTooBig switch
            {
                Domain.Allocation.WhenTooBig.Stop => "If the next group asks for more than a pot has left, that pot stops, so nobody further down jumps the queue.",
                Domain.Allocation.WhenTooBig.Partial => $"If the next group asks for more than a pot has left, they are offered what is left if it is at least {Percent(rules.PartialMinFraction)} of their request and at least the smallest grant; then that pot stops.",
                _ => "If the next group asks for more than a pot has left, the pot goes on to the next group that fits.",
            });
    }

    private static string Pounds(decimal amount) => Money.Written(amount, "£", alwaysPence: true);

    private static string Percent(decimal share) => (share * 100m).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "%";
}
