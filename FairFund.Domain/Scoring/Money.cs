using System.Globalization;

namespace FairFund.Domain.Scoring;

/// <summary>The published rounding rules. Every score and amount is a decimal; none is ever a double.</summary>
public static class Money
{
    /// <summary>The minus sign money is written with (U+2212), as typeset text has it, rather than a hyphen.</summary>
    public const char Minus = '\u2212';

    /// <summary>
    /// The spec's <c>round2</c>: two decimal places, half away from zero, as a person with a
    /// calculator would round.
    /// </summary>
    public static decimal Round2(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>Rounds down to the penny, so that pots never add up to more than the budget.</summary>
    public static decimal FloorToPenny(decimal value) => Math.Round(value, 2, MidpointRounding.ToNegativeInfinity);

    /// <summary>True for whole pennies (and points to two places): 12.5 and 12.50 are, 12.505 is not.</summary>
    public static bool HasAtMostTwoDecimals(decimal value) => value.Scale <= 2 || Math.Round(value, 2) == value;

    /// <summary>Formats for people: 12,345.60, and −12,345.60 below zero. The currency is named where the amount is shown.</summary>
    public static string Format(decimal value) => Written(value, "", alwaysPence: true);

    /// <summary>Pounds as people write them: £1,200 for whole pounds, £1,200.50 otherwise, and −£2,500 below zero.</summary>
    public static string Pounds(decimal value) => Written(value, "£", alwaysPence: false);

    /// <summary>Pounds with pence always, as the working of a decision writes them, so every figure can be checked to the penny: £4,000.00.</summary>
    public static string PoundsAndPence(decimal value) => Written(value, "£", alwaysPence: true);

    /// <summary>
    /// The one way money is written for people, which every page, email, workbook label and message uses:
    /// the minus sign (U+2212) first, then the currency's symbol, then the amount with thousands separated,
    /// so an overspend reads −£2,500 and never £-2,500. Pence are shown when there are any, or always when
    /// <paramref name="alwaysPence"/> is set.
    /// </summary>
    public static string Written(decimal value, string symbol, bool alwaysPence)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        var size = Math.Abs(value);
        var number = size.ToString(alwaysPence || size != decimal.Truncate(size) ? "#,##0.00" : "#,##0", CultureInfo.InvariantCulture);
        // A sum that rounds to nothing is written without a sign.
        var negative = value < 0 && number.Any(digit => digit is >= '1' and <= '9');
        return (negative ? Minus.ToString() : "") + symbol + number;
    }

    /// <summary>Formats a score as it is published: always two decimals.</summary>
    public static string Score(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
