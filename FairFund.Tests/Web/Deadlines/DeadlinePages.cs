using System.Globalization;
using FairFund.Tests.Web.Apply;
using FairFund.Web;

namespace FairFund.Tests.Web.Deadlines;

/// <summary>The deadline pages' addresses and forms, filled in as a fund manager would.</summary>
internal static class DeadlinePages
{
    public static string RoundDeadlines(string round = Drafts.DemoRound) => $"/fund/rounds/{round}/deadlines";

    public static string GroupDeadline(string application, string round = Drafts.DemoRound) => $"/fund/rounds/{round}/applications/{application}/more-time";

    public static string Check(string reference) => $"/apply/applications/{reference}/check";

    public static string Sent(string reference) => $"/apply/applications/{reference}/sent";

    /// <summary>A UK date and wall-clock time, as the date-time fields take it, and the instant it names.</summary>
    public static (Dictionary<string, string> Fields, DateTimeOffset At) UkTimeFields(string prefix, DateOnly day, TimeOnly time)
    {
        var fields = new Dictionary<string, string>
        {
            [prefix + ".Day"] = day.Day.ToString(CultureInfo.InvariantCulture),
            [prefix + ".Month"] = day.Month.ToString(CultureInfo.InvariantCulture),
            [prefix + ".Year"] = day.Year.ToString(CultureInfo.InvariantCulture),
            [prefix + ".Time"] = time.ToString("HH:mm", CultureInfo.InvariantCulture),
        };
        return (fields, UkTime.ToUtc(day, time));
    }

    /// <summary>The UK day <paramref name="days"/> after the instant's own UK day.</summary>
    public static DateOnly UkDayAfter(DateTimeOffset instant, int days) => DateOnly.FromDateTime(UkTime.From(instant).DateTime).AddDays(days);

    /// <summary>Presses "Move the closing time" on the round's deadlines page, with the new time and reason typed.</summary>
    public static async Task<HttpResponseMessage> ExtendRoundAsync(HttpClient manager, Dictionary<string, string> closes, string reason)
    {
        var page = await manager.GetStringAsync(new Uri(RoundDeadlines(), UriKind.Relative));
        var changes = new Dictionary<string, string>(closes) { ["Input.Reason"] = reason };
        return await PageForms.Find(page, RoundDeadlines(), "handler=Extend").SubmitAsync(manager, changes);
    }

    /// <summary>Presses "Give more time" on one application's page, with the new time and reason typed.</summary>
    public static async Task<HttpResponseMessage> ExtendGroupAsync(HttpClient manager, string application, Dictionary<string, string> until, string reason)
    {
        var page = await manager.GetStringAsync(new Uri(GroupDeadline(application), UriKind.Relative));
        var changes = new Dictionary<string, string>(until) { ["Input.Reason"] = reason };
        return await PageForms.Find(page, GroupDeadline(application), "more-time").SubmitAsync(manager, changes);
    }
}
