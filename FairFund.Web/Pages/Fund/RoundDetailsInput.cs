using FairFund.Web.Forms;
using FairFund.Domain.Allocation;
using FairFund.Domain.Rounds;
using FairFund.Domain.Scoring;
using FairFund.Domain.Validation;

namespace FairFund.Web.Pages.Fund;

/// <summary>A round's details as the form holds them (text, as typed), shared by the new-round and edit pages.</summary>
public sealed class RoundDetailsInput
{
    public string? Name { get; set; }
    public string? Purpose { get; set; }
    public string? Budget { get; set; }
    public DateTimeInput Opens { get; set; } = new();
    public DateTimeInput Closes { get; set; } = new();
    public string? GrantMin { get; set; }
    public string? GrantMax { get; set; }
    public string? Threshold { get; set; }
    public string? MinReviews { get; set; }
    public string? Aggregation { get; set; }
    public string? WhenTooBig { get; set; }
    public string? PartialPercent { get; set; }
    public string? LotteryFrom { get; set; }
    public string? LotteryTo { get; set; }
    public string? Rollover { get; set; }

    /// <summary>What a new round starts with: the choices most small-grants rounds make, for the fund manager to change.</summary>
    public static RoundDetailsInput Defaults() => new()
    {
        Threshold = "50",
        MinReviews = "2",
        Aggregation = nameof(Domain.Scoring.Aggregation.Mean),
        WhenTooBig = nameof(Domain.Allocation.WhenTooBig.Skip),
        PartialPercent = "50",
        Rollover = "yes",
    };

    public static RoundDetailsInput From(Round round)
    {
        var rules = round.Rules;
        return new RoundDetailsInput
        {
            Name = round.Name,
            Purpose = round.Purpose,
            Budget = FormNumbers.Money(rules.Budget),
            Opens = DateTimeInput.From(round.OpensAt),
            Closes = DateTimeInput.From(round.ClosesAt),
            GrantMin = FormNumbers.Money(rules.GrantMin),
            GrantMax = FormNumbers.Money(rules.GrantMax),
            Threshold = FormNumbers.Number(rules.Threshold),
            MinReviews = FormNumbers.Number(rules.MinReviews),
            Aggregation = rules.Aggregation.ToString(),
            WhenTooBig = rules.WhenTooBig.ToString(),
            PartialPercent = FormNumbers.Percent(rules.PartialMinFraction),
            LotteryFrom = rules.LotteryBand is { } band ? FormNumbers.Number(band.From) : null,
            LotteryTo = rules.LotteryBand is { } to ? FormNumbers.Number(to.To) : null,
            Rollover = rules.Rollover ? "yes" : "no",
        };
    }

    /// <summary>The details as values, or null with every problem in <paramref name="errors"/> at its field's id.</summary>
    public RoundDetails? Read(FormErrors errors)
    {
        var name = FreeText.CleanLine(Name);
        if (name.Length == 0) errors.Add("name", "Enter the name of the round");
        else if (FreeText.Check("name", "The name", name, Round.NameLimit) is { } longName) errors.Add("name", longName.Message);

        var purpose = FreeText.Clean(Purpose);
        if (purpose.Length == 0) errors.Add("purpose", "Enter what the round is for");
        else if (FreeText.Check("purpose", "What the round is for", purpose, Round.PurposeLimit) is { } longPurpose) errors.Add("purpose", longPurpose.Message);

        var budget = Money(Budget, "budget", "the budget", "25000 or 25,000.00", errors);

        var opens = UkDateInput.Read(Opens, "opens", "opening date", errors);
        var closes = UkDateInput.Read(Closes, "closes", "closing date", errors);
        if (opens is { } o && closes is { } c && c <= o)
            errors.Add("closes-day", UkTime.From(c).Date == UkTime.From(o).Date
                ? "The closing time must be after the opening time"
                : "The closing date must be after the opening date");

        var grantMin = Money(GrantMin, "grant-min", "the smallest grant", "1000 or 1,000.00", errors);
        var grantMax = Money(GrantMax, "grant-max", "the largest grant", "25000 or 25,000.00", errors);

        var threshold = Score(Threshold, "threshold", "the quality threshold", errors);

        var minReviews = 0;
        if (FormNumbers.IsBlank(MinReviews)) errors.Add("min-reviews", "Enter how many reviews each application needs");
        else if (!FormNumbers.TryWhole(MinReviews, out minReviews) || minReviews < 1)
            errors.Add("min-reviews", "Enter the number of reviews as a whole number, 1 or more, like 2");

        Aggregation? aggregation = Enum.TryParse<Aggregation>(Aggregation, ignoreCase: true, out var a) && Enum.IsDefined(a) ? a : null;
        if (aggregation is null) errors.Add("aggregation", "Select how the panel's scores are combined");

        WhenTooBig? whenTooBig = Enum.TryParse<WhenTooBig>(WhenTooBig, ignoreCase: true, out var w) && Enum.IsDefined(w) ? w : null;
        if (whenTooBig is null) errors.Add("when-too-big", "Select what happens when a request is bigger than what a pot has left");

        var partial = 0.5m;
        if (whenTooBig == Domain.Allocation.WhenTooBig.Partial && FormNumbers.IsBlank(PartialPercent))
            errors.Add("partial-percent", "Enter the smallest part of a request worth offering, as a percentage, like 60");
        else if (!FormNumbers.IsBlank(PartialPercent) && (!FormNumbers.TryPercent(PartialPercent, out partial) || partial is < 0 or > 1))
            errors.Add("partial-percent", "Enter the smallest part of a request worth offering as a percentage from 0 to 100, like 60");

        LotteryBand? lottery = null;
        var noFrom = FormNumbers.IsBlank(LotteryFrom);
        var noTo = FormNumbers.IsBlank(LotteryTo);
        if (noFrom != noTo) errors.Add(noFrom ? "lottery-from" : "lottery-to", "Enter both scores of the lottery band, or neither for no lottery");
        else if (!noFrom)
        {
            var from = Score(LotteryFrom, "lottery-from", "the lowest score in the lottery band", errors);
            var to = Score(LotteryTo, "lottery-to", "the score the lottery band goes up to", errors);
            if (from is { } f && to is { } t) lottery = new LotteryBand(f, t);
        }

        bool? rollover = Rollover switch { "yes" => true, "no" => false, _ => null };
        if (rollover is null) errors.Add("rollover", "Select whether money a ring-fenced pot does not spend goes to the general pot");

        if (errors.Any) return null;
        return new RoundDetails(name, purpose, opens!.Value, closes!.Value, budget!.Value, grantMin!.Value, grantMax!.Value, threshold!.Value,
            minReviews, aggregation!.Value, whenTooBig!.Value, partial, lottery, rollover!.Value);
    }

    private static decimal? Money(string? text, string id, string what, string example, FormErrors errors)
    {
        if (FormNumbers.IsBlank(text))
        {
            errors.Add(id, $"Enter {what}");
            return null;
        }
        if (FormNumbers.TryMoney(text, out var amount)) return amount;
        errors.Add(id, $"Enter {what} as an amount of money, like {example}");
        return null;
    }

    private static decimal? Score(string? text, string id, string what, FormErrors errors)
    {
        if (FormNumbers.IsBlank(text))
        {
            errors.Add(id, $"Enter {what}");
            return null;
        }
        if (FormNumbers.TryNumber(text, out var score) && score is >= 0 and <= 100) return score;
        errors.Add(id, $"Enter {what} as a score from 0 to 100, like 50");
        return null;
    }
}

/// <summary>A round's details as values, ready for <see cref="Round.Edit"/> or a new round.</summary>
public sealed record RoundDetails(
    string Name, string Purpose, DateTimeOffset OpensAt, DateTimeOffset ClosesAt, decimal Budget, decimal GrantMin, decimal GrantMax,
    decimal Threshold, int MinReviews, Aggregation Aggregation, WhenTooBig WhenTooBig, decimal PartialMinFraction, LotteryBand? LotteryBand, bool Rollover)
{
    public RoundSettings ApplyTo(RoundSettings rules) => rules with
    {
        Name = Name,
        Budget = Budget,
        GrantMin = GrantMin,
        GrantMax = GrantMax,
        Threshold = Threshold,
        MinReviews = MinReviews,
        Aggregation = Aggregation,
        WhenTooBig = WhenTooBig,
        PartialMinFraction = PartialMinFraction,
        LotteryBand = LotteryBand,
        Rollover = Rollover,
    };
}
