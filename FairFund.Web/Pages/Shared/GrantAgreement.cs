using FairFund.Domain.Applications;
using FairFund.Domain.Grants;
using FairFund.Domain.Scoring;

namespace FairFund.Web.Pages.Shared;

/// <summary>
/// What a grant agreement says, in words, for the <c>_GrantAgreement</c> partial: the amount, the conditions, how
/// the money is paid, the reports asked for and when, and the outcomes confirmed. The group's and the fund's pages
/// show the same words. Nothing here holds the bank details.
/// </summary>
public sealed record GrantAgreement(
    string Reference,
    string Amount,
    IReadOnlyList<string> Conditions,
    IReadOnlyList<string> Payments,
    IReadOnlyList<string> Reports,
    bool IsProportionate,
    string AcceptBy,
    IReadOnlyList<Outcome> Outcomes)
{
    public static GrantAgreement Of(Grant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var reports = grant.Reports.Count > 0
            ? grant.Reports.Select(report => $"{report.Name}: by {DecisionLetter.LongDate(report.DueOn)}")
            : grant.ExpectedReports.Select(report => $"{report.Name}: {report.DueInWords()}");
        return new GrantAgreement(
            grant.Reference,
            Money.Pounds(grant.Amount),
            grant.Conditions.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            [.. grant.Payments.Select(payment => (grant.Payments.Count == 1 ? "The whole grant, " : $"Payment {payment.Number}: ")
                + $"{Money.Pounds(payment.Amount)}, paid {payment.Release.ReleaseInWords()}"
                + (payment.IsPaid ? $" (paid on {DecisionLetter.LongDate(payment.PaidOn!.Value)})" : ""))],
            [.. reports],
            grant.IsProportionate,
            $"{DecisionLetter.LongDate(UkCalendar.DateOf(grant.AcceptBy.AddTicks(-1)))}",
            grant.Outcomes);
    }
}
