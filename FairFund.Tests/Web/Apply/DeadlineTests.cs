using FairFund.Web.Pages.Apply;

namespace FairFund.Tests.Web.Apply;

public sealed class DeadlineTests
{
    // Midday on Friday 26 March 2027, UK time, is 12:00 UTC (summer time starts on the 28th).
    private static readonly DateTimeOffset ClosesAt = new(2027, 3, 26, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(27 * 24 * 60 + 5, "27 days")]
    [InlineData(2 * 24 * 60, "2 days")]
    [InlineData(47 * 60 + 59, "1 day 23 hours")]
    [InlineData(24 * 60, "1 day 0 hours")]
    [InlineData(23 * 60 + 59, "23 hours 59 minutes")]
    [InlineData(61, "1 hour 1 minute")]
    [InlineData(59, "59 minutes")]
    [InlineData(1, "1 minute")]
    [InlineData(0, "no time")]
    public void TimeLeftInWords_RoundsDownAsAPersonSaysIt(int minutes, string words) =>
        Assert.Equal(words, Deadline.TimeLeftInWords(TimeSpan.FromMinutes(minutes)));

    [Fact]
    public void TimeLeftInWords_UnderAMinute_SaysSo() =>
        Assert.Equal("less than a minute", Deadline.TimeLeftInWords(TimeSpan.FromSeconds(59)));

    [Theory]
    [InlineData("2027-03-24T11:59:00Z", false, false)]
    [InlineData("2027-03-25T12:00:00Z", true, false)]
    [InlineData("2027-03-26T00:30:00Z", true, false)]
    [InlineData("2027-03-26T11:59:59Z", true, false)]
    [InlineData("2027-03-26T12:00:00Z", false, true)]
    public void IsLastDay_FromADayBeforeUntilTheClosingInstant(string now, bool lastDay, bool passed)
    {
        var deadline = new Deadline(ClosesAt, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal((lastDay, passed), (deadline.IsLastDay, deadline.HasPassed));
    }

    [Fact]
    public void Closes_IsInUkTimeAsGovukWritesIt() =>
        Assert.Equal("midday on Friday 26 March 2027", new Deadline(ClosesAt, ClosesAt.AddDays(-3)).Closes);
}
