using System.Globalization;

namespace FairFund.Domain.Scoring;

/// <summary>The published rounding rules. Every score and amount is a decimal; none is ever a double.</summary>
public static class Money
{
    /// <summary>
    /// The spec's <c>round2</c>: two decimal places, half away from zero, as a person with a
    /// calculator would round.
    /// </summary>
    public static decimal Round2(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>Rounds down to the penny, so that pots never add up to more than the budget.</summary>
    public static decimal FloorToPenny(decimal value) => Math.Round(value, 2, MidpointRounding.ToNegativeInfinity);

    /// <summary>True for whole pennies (and points to two places): 12.5 and 12.50 are, 12.505 is not.</summary>
    public static bool HasAtMostTwoDecimals(decimal value) => value.Scale <= 2 || Math.Round(value, 2) == value;

    /// <summary>Formats for people: 12,345.60. The currency is named where the amount is shown.</summary>
    public static string Format(decimal value) => value.ToString("#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>Formats a score as it is published: always two decimals.</summary>
    /// <summary>Pounds as people write them: £1,200 for whole pounds, £1,200.50 otherwise.</summary>
    public static string Pounds(decimal value) =>
        "£" + value.ToString(value == decimal.Truncate(value) ? "#,##0" : "#,##0.00", CultureInfo.InvariantCulture);

    public static string Score(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
