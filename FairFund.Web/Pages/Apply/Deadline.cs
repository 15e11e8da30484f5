namespace FairFund.Web.Pages.Apply;

/// <summary>
/// A round's closing time as an applicant sees it: in UK time, with the time left in words, and a
/// warning on the last day. The page gives the same words without JavaScript; a script only keeps the
/// count fresh while the page stays open.
/// </summary>
public sealed record Deadline(DateTimeOffset ClosesAt, DateTimeOffset Now)
{
    /// <summary>Why the fund gave this group more time than the round's, when it did; shown to the group only, on its own pages.</summary>
    public string? ExtensionReason { get; init; }

    /// <summary>The group's deadline as its own pages show it: the round's, or the later one the fund gave it, with the reason.</summary>
    public static Deadline For(OwnApplication own, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(own);
        var extended = own.Deadline > own.Round.ClosesAt;
        return new Deadline(own.Deadline, now) { ExtensionReason = extended ? own.Application.ExtensionReason : null };
    }

    public string Closes => UkTime.Format(ClosesAt);

    public bool HasPassed => Now >= ClosesAt;

    /// <summary>The round closes today, UK time, or within the next 24 hours.</summary>
    public bool IsLastDay => !HasPassed && (UkTime.From(ClosesAt).Date == UkTime.From(Now).Date || ClosesAt - Now <= TimeSpan.FromHours(24));

    /// <summary>The closing instant for the countdown script, in ISO 8601.</summary>
    public string ClosesAtIso => ClosesAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public string TimeLeft => TimeLeftInWords(ClosesAt - Now);

    /// <summary>"27 days", "1 day 4 hours", "3 hours 5 minutes", "1 minute": the time left as a person says it, rounded down.</summary>
    public static string TimeLeftInWords(TimeSpan left)
    {
        if (left <= TimeSpan.Zero) return "no time";
        if (left.TotalDays >= 2) return Count(left.Days, "day");
        if (left.TotalDays >= 1) return $"{Count(left.Days, "day")} {Count(left.Hours, "hour")}";
        if (left.TotalHours >= 1) return $"{Count(left.Hours, "hour")} {Count(left.Minutes, "minute")}";
        return left.TotalMinutes >= 1 ? Count(left.Minutes, "minute") : "less than a minute";
    }

    private static string Count(int number, string unit) => number == 1 ? $"1 {unit}" : $"{number} {unit}s";
}
