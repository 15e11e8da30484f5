namespace FairFund.Web;

/// <summary>Times are kept in UTC and shown in UK time.</summary>
public static class UkTime
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateTimeOffset From(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, London);

    /// <summary>The UTC instant of a UK date and wall-clock time, in summer time or not.</summary>
    public static DateTimeOffset ToUtc(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, London.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>"12:00pm on Friday 26 March 2027", as GOV.UK writes times.</summary>
    public static string Format(DateTimeOffset utc)
    {
        var local = From(utc);
        var culture = System.Globalization.CultureInfo.GetCultureInfo("en-GB");
        var clock = local.Minute == 0 ? local.ToString("%h", culture) : local.ToString("h:mm", culture);
        var suffix = local.Hour < 12 ? "am" : "pm";
        var time = local switch
        {
            { Hour: 12, Minute: 0 } => "midday",
            { Hour: 0, Minute: 0 } => "midnight",
            _ => clock + suffix,
        };
        return $"{time} on {local.ToString("dddd d MMMM yyyy", culture)}";
    }
}
