using System.Globalization;
using System.Text.RegularExpressions;

namespace FairFund.Web.Forms;

/// <summary>A date and time as a person enters it in the GOV.UK date input pattern, plus a time, in UK time.</summary>
public sealed class DateTimeInput
{
    public string? Day { get; set; }
    public string? Month { get; set; }
    public string? Year { get; set; }
    public string? Time { get; set; }

    public static DateTimeInput From(DateTimeOffset utc)
    {
        var local = UkTime.From(utc);
        return new DateTimeInput
        {
            Day = local.Day.ToString(CultureInfo.InvariantCulture),
            Month = local.Month.ToString(CultureInfo.InvariantCulture),
            Year = local.Year.ToString(CultureInfo.InvariantCulture),
            Time = local.ToString("HH:mm", CultureInfo.InvariantCulture),
        };
    }
}

/// <summary>A date as a person enters it in the GOV.UK date input pattern: day, month and year.</summary>
public sealed class DateInput
{
    public string? Day { get; set; }
    public string? Month { get; set; }
    public string? Year { get; set; }

    public static DateInput From(DateOnly date) => new()
    {
        Day = date.Day.ToString(CultureInfo.InvariantCulture),
        Month = date.Month.ToString(CultureInfo.InvariantCulture),
        Year = date.Year.ToString(CultureInfo.InvariantCulture),
    };
}

/// <summary>Reads a <see cref="DateTimeInput"/> as UK time and gives the instant in UTC, or says in GOV.UK words what is wrong.</summary>
public static partial class UkDateInput
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    /// <param name="input">What was entered.</param>
    /// <param name="id">The id of the date input; its parts are <c>{id}-day</c>, <c>{id}-month</c>, <c>{id}-year</c> and <c>{id}-time</c>.</param>
    /// <param name="what">What the date is, as it reads after "the": "opening date".</param>
    /// <param name="errors">Where to add what is wrong; errors about the date are at <c>{id}-day</c>, about the time at <c>{id}-time</c>.</param>
    public static DateTimeOffset? Read(DateTimeInput input, string id, string what, FormErrors errors)
    {
        var date = ReadDate(input.Day, input.Month, input.Year, id, what, errors);

        var timeWhat = what.Replace("date", "time", StringComparison.Ordinal);
        var timeId = id + "-time";
        TimeOnly? time = null;
        if (FormNumbers.IsBlank(input.Time)) errors.Add(timeId, $"Enter the {timeWhat}");
        else if (TimeOf(input.Time!) is not { } read) errors.Add(timeId, $"Enter the {timeWhat} like 9:30am, 12pm or 17:00");
        else time = read;

        if (date is not { } d || time is not { } t) return null;
        var local = d.ToDateTime(t, DateTimeKind.Unspecified);
        if (London.IsInvalidTime(local))
        {
            errors.Add(timeId, $"There is no {t.ToString("h:mm", British)} in the UK on {d.ToString("d MMMM yyyy", British)}, because the clocks go forward; enter another {timeWhat}");
            return null;
        }
        // In the hour the clocks go back, the time happens twice; take the first, in British Summer Time.
        var offset = London.IsAmbiguousTime(local) ? London.GetAmbiguousTimeOffsets(local).Max() : London.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>A date alone, as the GOV.UK date input takes it: the date, or null with what is wrong at <c>{id}-day</c>.</summary>
    public static DateOnly? ReadDate(DateInput input, string id, string what, FormErrors errors) =>
        ReadDate(input.Day, input.Month, input.Year, id, what, errors);

    /// <summary>Like <see cref="ReadDate(DateInput, string, string, FormErrors)"/>, but a date left wholly empty is null and no error.</summary>
    public static DateOnly? ReadOptionalDate(DateInput input, string id, string what, FormErrors errors)
    {
        ArgumentNullException.ThrowIfNull(input);
        return FormNumbers.IsBlank(input.Day) && FormNumbers.IsBlank(input.Month) && FormNumbers.IsBlank(input.Year)
            ? null
            : ReadDate(input, id, what, errors);
    }

    private static DateOnly? ReadDate(string? dayText, string? monthText, string? yearText, string id, string what, FormErrors errors)
    {
        var dateId = id + "-day";
        var parts = new[] { ("day", dayText), ("month", monthText), ("year", yearText) };
        var missing = parts.Where(part => FormNumbers.IsBlank(part.Item2)).Select(part => part.Item1).ToList();
        if (missing.Count == 3) errors.Add(dateId, $"Enter the {what}");
        else if (missing.Count > 0) errors.Add(dateId, $"The {what} must include a {string.Join(" and ", missing)}");
        else if (!FormNumbers.TryWhole(dayText, out var day) || MonthOf(monthText) is not { } month
            || !FormNumbers.TryWhole(yearText, out var year) || year is < 1000 or > 9999
            || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            errors.Add(dateId, $"The {what} must be a real date, like 27 3 2027");
        else return new DateOnly(year, month, day);
        return null;
    }

    private static int? MonthOf(string? text)
    {
        var trimmed = (text ?? "").Trim();
        if (FormNumbers.TryWhole(trimmed, out var number)) return number;
        for (var month = 1; month <= 12; month++)
        {
            var name = British.DateTimeFormat.GetMonthName(month);
            if (string.Equals(trimmed, name, StringComparison.OrdinalIgnoreCase)
                || (trimmed.Length >= 3 && name.StartsWith(trimmed, StringComparison.OrdinalIgnoreCase))) return month;
        }
        return null;
    }

    private static TimeOnly? TimeOf(string text)
    {
        var trimmed = text.Trim().ToLowerInvariant();
        if (trimmed is "midday" or "noon" or "12 noon") return new TimeOnly(12, 0);
        if (trimmed is "midnight") return new TimeOnly(0, 0);
        var match = TimePattern().Match(trimmed);
        if (!match.Success) return null;
        var hour = int.Parse(match.Groups["hour"].Value, CultureInfo.InvariantCulture);
        var minute = match.Groups["minute"].Success ? int.Parse(match.Groups["minute"].Value, CultureInfo.InvariantCulture) : 0;
        if (minute > 59) return null;
        if (match.Groups["half"].Success)
        {
            if (hour is < 1 or > 12) return null;
            hour = hour % 12 + (match.Groups["half"].Value == "pm" ? 12 : 0);
        }
        else if (hour > 23 || !match.Groups["minute"].Success) return null;
        return new TimeOnly(hour, minute);
    }

    [GeneratedRegex(@"^(?<hour>\d{1,2})([:.](?<minute>\d{2}))?\s*(?<half>am|pm)?$")]
    private static partial Regex TimePattern();
}
