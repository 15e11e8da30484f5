using FairFund.Domain.Scoring;

namespace FairFund.Tests.Domain.Scoring;

/// <summary>Money as people read it: the one way every page, email and workbook label writes an amount.</summary>
public sealed class MoneyTests
{
    [Theory]
    [InlineData("-2500", "\u2212£2,500")]
    [InlineData("-1234.5", "\u2212£1,234.50")]
    [InlineData("2500", "£2,500")]
    [InlineData("1200.50", "£1,200.50")]
    [InlineData("0", "£0")]
    public void Pounds_WritesTheMinusSignBeforeThePoundSign(string amount, string written)
    {
        Assert.Equal(written, Money.Pounds(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("-2500", "\u22122,500.00")]
    [InlineData("-0.001", "0.00")]
    [InlineData("12345.6", "12,345.60")]
    public void Format_BelowZero_UsesTheMinusSign(string amount, string written)
    {
        Assert.Equal(written, Money.Format(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Written_AnotherCurrency_PutsTheSignBeforeItsSymbol()
    {
        Assert.Equal("\u2212€2,500.00", Money.Written(-2_500m, "€", alwaysPence: true));
    }
}
