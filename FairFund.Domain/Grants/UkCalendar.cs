namespace FairFund.Domain.Grants;

/// <summary>
/// Days as the fund and its groups count them, in UK time: a payment released "on 1 June" is released from the
/// first instant of 1 June in London, summer time or not, and a report due "on 30 June" may be sent until the
/// last instant of that day. Pure arithmetic on the time-zone rules; the instant always comes in from outside.
/// </summary>
public static class UkCalendar
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>The day it is in the UK at <paramref name="instant"/>.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, London).DateTime);

    /// <summary>The first instant of <paramref name="day"/> in the UK (midnight, London time).</summary>
    public static DateTimeOffset StartOf(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, London.GetUtcOffset(midnight));
    }

    /// <summary>The first instant after <paramref name="day"/> in the UK: a deadline "by <paramref name="day"/>" has passed from here on.</summary>
    public static DateTimeOffset EndOf(DateOnly day) => StartOf(day.AddDays(1));
}
