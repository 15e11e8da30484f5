using FairFund.Domain.Applications;
using FairFund.Domain.Grants;
using FairFund.Tests.Domain.Applications;

namespace FairFund.Tests.Domain.Grants;

/// <summary>
/// A round's outcomes at a glance, worked by hand on a few grants at different stages: the money offered, accepted,
/// paid and returned; the reports due, received, accepted and late, at the boundaries of a due day; each indicator's
/// total across grants, grouped by unit and what is counted whatever the capitals and spacing; and the groups' words.
/// </summary>
public sealed class RoundOutcomesTests
{
    private const string Manager = GrantInState.FundManager;
    private const string Group = GrantInState.Group;

    // Accepted on 2 June 2027 (UK), so the mid-year report (report 1) is due by 2 December 2027: its due instant is
    // the end of that day in London, midnight GMT.
    private static readonly DateTimeOffset AcceptedAt = GrantInState.OfferedAt.AddDays(1);
    private static readonly DateTimeOffset MidYearDueAt = new(2027, 12, 3, 0, 0, 0, TimeSpan.Zero);

    private static Grant Offer(string reference, decimal amount, Guid group)
    {
        var notice = ApplicationInState.Funded with { Amount = amount };
        var application = ApplicationInState.In(ApplicationState.Awarded, ApplicationInState.Draft(organisationId: group, reference: reference), notice);
        return Grant.Offer(Guid.NewGuid(), application, GrantInState.Terms, null, GrantInState.OfferedAt, Manager);
    }

    private static Grant Active(string reference, decimal amount, Guid group, IReadOnlyList<Outcome>? outcomes = null)
    {
        var grant = Offer(reference, amount, group);
        var acceptance = GrantInState.Acceptance();
        grant.Accept(outcomes is null ? acceptance : acceptance with { Outcomes = outcomes }, AcceptedAt, Group);
        grant.Activate(AcceptedAt.AddHours(1), Manager);
        return grant;
    }

    private static ReportContent Report(int first, int second, string words) =>
        GrantInState.FullReport with { Achieved = [[first, second]], WhatChanged = words };

    [Fact]
    public void Of_GrantsAtEveryStage_AddsUpAsWorkedByHand()
    {
        var (a, b, c, d, e) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        // A: £1,500, half paid; its mid-year report sent in time and accepted: 35 walkers, 50 walks.
        var onTime = Active("R-A", 1500m, a);
        onTime.MarkPaid(1, new DateOnly(2027, 6, 3), "BACS-A1", AcceptedAt.AddDays(1), Manager);
        onTime.SendReport(1, Report(35, 50, "Walkers have someone to walk with."), MidYearDueAt.AddDays(-2), Group);
        onTime.AcceptReport(1, MidYearDueAt.AddDays(2), Manager);
        // B: £1,000, half paid; the same walkers counted as " walkers who say they feel LESS alone " in "People ",
        // and volunteers too; its mid-year report never sent, so overdue.
        var overdue = Active("R-B", 1000m, b,
            [new Outcome("Less isolation", [new Indicator(" walkers who say  they feel LESS alone ", "People ", 20), new Indicator("Volunteers trained", "people", 5)])]);
        overdue.MarkPaid(1, new DateOnly(2027, 6, 3), "BACS-B1", AcceptedAt.AddDays(1), Manager);
        // C: offered, not accepted. D: withdrawn before acceptance. Neither counts as accepted or owes reports.
        var offered = Offer("R-C", 1500m, c);
        var withdrawn = Offer("R-D", 2000m, d);
        withdrawn.Withdraw(AcceptedAt, Manager, "The group closed down");
        // E: £1,500, closed: mid-year sent a day late (10 and 20), final sent early (30 and 40, so far), both
        // accepted, both halves paid, £100 returned.
        var closed = Active("R-E", 1500m, e);
        closed.MarkPaid(1, new DateOnly(2027, 6, 3), "BACS-E1", AcceptedAt.AddDays(1), Manager);
        closed.SendReport(1, Report(10, 20, "Ten walkers came back each week."), MidYearDueAt.AddDays(1), Group);
        closed.AcceptReport(1, MidYearDueAt.AddDays(2), Manager);
        closed.SendReport(2, Report(30, 40, "Thirty walkers in all, and a walking group that runs itself."), MidYearDueAt.AddDays(3), Group);
        closed.AcceptReport(2, MidYearDueAt.AddDays(4), Manager);
        closed.MarkPaid(2, new DateOnly(2027, 12, 7), "BACS-E2", MidYearDueAt.AddDays(4), Manager);
        closed.Close(100m, "Insurance cost less.", MidYearDueAt.AddDays(5), Manager);
        var names = new Dictionary<Guid, string> { [a] = "Group A", [b] = "Group B", [c] = "Group C", [d] = "Group D", [e] = "Group E" };

        var outcomes = RoundOutcomes.Of([closed, offered, overdue, withdrawn, onTime], names, MidYearDueAt.AddDays(7));

        Assert.Equal(5, outcomes.Grants);
        // Offered: 1,500 + 1,000 + 1,500 + 2,000 + 1,500. Accepted: A, B and E. Paid: 750 + 500 + 750 + 750.
        Assert.Equal(new OutcomeMoney(7500m, 4000m, 2750m, 100m), outcomes.Money);
        Assert.Equal(2650m, outcomes.Money.Spent);
        // Six reports owed by A, B and E; the three mid-year ones are due; A's and E's two are in and accepted;
        // B's is overdue; E's mid-year came a day late (E's final came early, so is not late).
        Assert.Equal(new OutcomeReports(Expected: 6, Due: 3, Received: 3, Accepted: 3, Overdue: 1, SentLate: 1), outcomes.Reports);
        Assert.Equal(2, outcomes.Reports.Late);
        // Walkers: targets 40 (A) + 20 (B) + 40 (E); achieved 35 (A) + 30 (E's latest, not 10 + 30); B has not reported.
        Assert.Equal(
            [
                new IndicatorTotal("Walkers who say they feel less alone", "people", 3, 100, 2, 80, 65),
                new IndicatorTotal("Walks led", "walks", 2, 96, 2, 96, 90),
                new IndicatorTotal("Volunteers trained", "people", 1, 5, 0, 0, 0),
            ],
            outcomes.Indicators);
        Assert.Equal(
            [
                ("Group A", "R-A", "Mid-year report", "Walkers have someone to walk with."),
                ("Group E", "R-E", "Mid-year report", "Ten walkers came back each week."),
                ("Group E", "R-E", "Final report", "Thirty walkers in all, and a walking group that runs itself."),
            ],
            outcomes.Words.Select(words => (words.Group, words.Grant, words.Report, words.WhatChanged)));
        Assert.All(outcomes.Words, words => Assert.True(words.Accepted));
    }

    [Fact]
    public void Of_AtTheLastInstantOfTheDueDay_TheUnsentReportIsDueButNotYetOverdue()
    {
        var grant = Active("R-A", 1500m, Guid.NewGuid());

        var before = RoundOutcomes.Of([grant], new Dictionary<Guid, string>(), MidYearDueAt.AddTicks(-1)).Reports;
        var at = RoundOutcomes.Of([grant], new Dictionary<Guid, string>(), MidYearDueAt).Reports;

        Assert.Equal((1, 0), (before.Due, before.Overdue));
        Assert.Equal((1, 1), (at.Due, at.Overdue));
    }

    [Fact]
    public void Of_GrantNotYetStartedPastADueDay_ItsReportIsDueButNotOverdue()
    {
        var grant = Offer("R-A", 1500m, Guid.NewGuid());
        grant.Accept(GrantInState.Acceptance(), AcceptedAt, Group);

        var reports = RoundOutcomes.Of([grant], new Dictionary<Guid, string>(), MidYearDueAt.AddDays(1)).Reports;

        Assert.Equal((Expected: 2, Due: 1, Overdue: 0), (reports.Expected, reports.Due, reports.Overdue));
    }

    [Fact]
    public void Of_TheDayBeforeTheDueDay_TheReportIsNotYetDue()
    {
        var grant = Active("R-A", 1500m, Guid.NewGuid());
        // The due day starts at midnight GMT on 2 December.
        var dayStarts = MidYearDueAt.AddDays(-1);

        Assert.Equal(0, RoundOutcomes.Of([grant], new Dictionary<Guid, string>(), dayStarts.AddTicks(-1)).Reports.Due);
        Assert.Equal(1, RoundOutcomes.Of([grant], new Dictionary<Guid, string>(), dayStarts).Reports.Due);
    }

    [Fact]
    public void Of_ReportSentAtTheLastInstantOrAtTheDueInstant_OnlyTheSecondIsLate()
    {
        var inTime = Active("R-A", 1500m, Guid.NewGuid());
        inTime.SendReport(1, GrantInState.FullReport, MidYearDueAt.AddTicks(-1), Group);
        var late = Active("R-B", 1500m, Guid.NewGuid());
        late.SendReport(1, GrantInState.FullReport, MidYearDueAt, Group);

        var reports = RoundOutcomes.Of([inTime, late], new Dictionary<Guid, string>(), MidYearDueAt.AddDays(1)).Reports;

        Assert.Equal((Received: 2, Overdue: 0, SentLate: 1, Late: 1), (reports.Received, reports.Overdue, reports.SentLate, reports.Late));
    }

    [Fact]
    public void Of_ReportSentBackForMore_CountsOnlyOnceAcceptedAndQuotesTheLatestVersion()
    {
        var grant = Active("R-A", 1500m, Guid.NewGuid());
        grant.SendReport(1, Report(5, 6, "First go."), MidYearDueAt.AddDays(-3), Group);
        grant.AskForMore(1, "Say how many walkers came back.", MidYearDueAt.AddDays(-2), Manager);
        grant.SendReport(1, Report(7, 8, "Second go."), MidYearDueAt.AddDays(-1), Group);

        var waiting = RoundOutcomes.Of([grant], new Dictionary<Guid, string>(), MidYearDueAt);
        grant.AcceptReport(1, MidYearDueAt, Manager);
        var accepted = RoundOutcomes.Of([grant], new Dictionary<Guid, string>(), MidYearDueAt);

        Assert.Equal((0, 0L), (waiting.Indicators[0].GrantsReporting, waiting.Indicators[0].Achieved));
        Assert.Equal(("Second go.", false), (Assert.Single(waiting.Words).WhatChanged, waiting.Words[0].Accepted));
        Assert.Equal((1, 7L, 40L), (accepted.Indicators[0].GrantsReporting, accepted.Indicators[0].Achieved, accepted.Indicators[0].TargetOfReporting));
        Assert.Equal(1, accepted.Reports.Received);
    }

    [Theory]
    [InlineData("people", "Walks led", "People", "walks  LED", true)]
    [InlineData("people", "Walks led", " people ", " Walks led ", true)]
    [InlineData("people", "Walks led", "walkers", "Walks led", false)]
    [InlineData("people", "Walks led", "people", "Walks run", false)]
    public void IndicatorKey_UnitAndWhatIsCounted_SameWhateverCapitalsAndSpacing(string unit, string counted, string otherUnit, string otherCounted, bool same)
    {
        var one = RoundOutcomes.IndicatorKey(new Indicator(counted, unit, 1));
        var other = RoundOutcomes.IndicatorKey(new Indicator(otherCounted, otherUnit, 1));

        Assert.Equal(same, one == other);
    }
}
