using FairFund.Domain.Applications;
using FairFund.Domain.Grants;
using FairFund.Tests.Domain.Applications;

namespace FairFund.Tests.Domain.Grants;

/// <summary>
/// Grants offered from a real awarded application and brought into any state through the real intent methods,
/// each trigger fired with arguments that satisfy its guards, so a test is only about the state it starts in.
/// </summary>
internal static class GrantInState
{
    /// <summary>When the grants here are offered: a Tuesday in British Summer Time, so UK days and UTC days differ.</summary>
    public static readonly DateTimeOffset OfferedAt = new(2027, 6, 1, 9, 0, 0, TimeSpan.Zero);
    public const string FundManager = "manager@fund.example";
    public const string Group = "treasurer@group.example";
    public const string WithdrawReason = "The group has closed down";
    public const string DeclineReason = "We found the money elsewhere";

    /// <summary>Half on acceptance, half when the final report is accepted; a mid-year report and a final report.</summary>
    public static GrantTerms Terms { get; } = new(
        [new Instalment(50m, ReleaseRule.OnAcceptance), new Instalment(50m, ReleaseRule.OnReportAccepted, ReportName: "Final report")],
        [new ExpectedReport("Mid-year report", null, 6, IsFinal: false), new ExpectedReport("Final report", null, 12, IsFinal: true)],
        ProportionateThreshold: 0m, DaysToAccept: 28, ReminderDaysBefore: 14);

    /// <summary>The hash of an emailed link's secret, as a change of bank details keeps it (the domain only compares hashes).</summary>
    public const string LinkHash = "5f3c9a0d6e1b4c2a8f7e6d5c4b3a29180716f5e4d3c2b1a09f8e7d6c5b4a3921";

    public static BankDetails Bank { get; } = BankDetails.Parse("Foleshill Walkers", "30-99-50", "00733445").Details!;

    public static IReadOnlyList<Outcome> Outcomes { get; } =
        [new Outcome("Fewer people feel isolated", [new Indicator("Walkers who say they feel less alone", "people", 40), new Indicator("Walks led", "walks", 48)])];

    /// <summary>An acceptance with nothing wrong, signed on <paramref name="signedOn"/> (the offer's day by default).</summary>
    public static Acceptance Acceptance(DateOnly? signedOn = null, BankDetails? bank = null) =>
        new(new Signatory("Asha Patel", "Treasurer", signedOn ?? new DateOnly(2027, 6, 1), MaySignForGroup: true), Outcomes, bank ?? Bank);

    /// <summary>A report with every question answered for <see cref="Outcomes"/> and the application's two budget lines (£1,200 and £300).</summary>
    public static ReportContent FullReport { get; } = new(
        [[35, 50]], "People told us they now have someone to walk with.", "Walkers chose the routes and judged each season's walks.", [1200m, 250m], "The insurance cost less than planned.");

    /// <summary>A new offer, of the £1,500 the awarded application was given, on <paramref name="terms"/>.</summary>
    public static Grant Offered(GrantTerms? terms = null, DecisionNotice? notice = null) =>
        Grant.Offer(Guid.NewGuid(), ApplicationInState.In(ApplicationState.Awarded, notice: notice), terms ?? Terms, "Spend the grant on the project described.", OfferedAt, FundManager);

    /// <summary>The triggers, in order, that take a new offer to each state.</summary>
    public static readonly IReadOnlyDictionary<GrantState, GrantTrigger[]> PathTo = new Dictionary<GrantState, GrantTrigger[]>
    {
        [GrantState.Offered] = [],
        [GrantState.Accepted] = [GrantTrigger.Accept],
        [GrantState.DeclinedByGroup] = [GrantTrigger.Decline],
        [GrantState.Active] = [GrantTrigger.Accept, GrantTrigger.Activate],
        [GrantState.Closed] = [GrantTrigger.Accept, GrantTrigger.Activate, GrantTrigger.Close],
        [GrantState.Withdrawn] = [GrantTrigger.Withdraw],
    };

    /// <summary>A new grant in <paramref name="state"/>, one day per step from the offer.</summary>
    public static Grant In(GrantState state, GrantTerms? terms = null)
    {
        var grant = Offered(terms);
        var day = 1;
        foreach (var trigger in PathTo[state])
        {
            var at = OfferedAt.AddDays(day++);
            PrepareFor(grant, trigger, at);
            Fire(grant, trigger, at, trigger is GrantTrigger.Accept or GrantTrigger.Decline ? Group : FundManager);
        }
        Assert.Equal(state, grant.State);
        return grant;
    }

    /// <summary>
    /// Meets a trigger's guard that depends on the grant's own progress: Close needs every report accepted and every
    /// payment released by then paid (on the day of <paramref name="at"/>, in the UK).
    /// </summary>
    public static void PrepareFor(Grant grant, GrantTrigger trigger, DateTimeOffset at)
    {
        if (trigger != GrantTrigger.Close) return;
        foreach (var report in grant.Reports.Where(report => report.State != ReportState.Accepted))
        {
            grant.SendReport(report.Number, FullReport, at, Group);
            grant.AcceptReport(report.Number, at, FundManager);
        }
        foreach (var payment in grant.PaymentsDue(at))
            grant.MarkPaid(payment.Number, UkCalendar.DateOf(at), $"FF-{payment.Number:0000}", at, FundManager);
    }

    /// <summary>Fires <paramref name="trigger"/> through its intent method, with arguments its guards accept.</summary>
    public static void Fire(Grant grant, GrantTrigger trigger, DateTimeOffset at, string actor)
    {
        switch (trigger)
        {
            case GrantTrigger.Accept: grant.Accept(Acceptance(), at, actor); break;
            case GrantTrigger.Decline: grant.Decline(at, actor, DeclineReason); break;
            case GrantTrigger.Activate: grant.Activate(at, actor); break;
            case GrantTrigger.Close: grant.Close(0m, null, at, actor); break;
            case GrantTrigger.Withdraw: grant.Withdraw(at, actor, WithdrawReason); break;
            default: throw new ArgumentOutOfRangeException(nameof(trigger), trigger, "A trigger this helper does not know yet.");
        }
    }

    /// <summary>The reason <see cref="Fire"/> gives with a trigger, as the history records it.</summary>
    public static string? ReasonGivenWith(GrantTrigger trigger) => trigger switch
    {
        GrantTrigger.Decline => DeclineReason,
        GrantTrigger.Withdraw => WithdrawReason,
        _ => null,
    };
}
