using CsCheck;
using FairFund.Domain.Grants;
using FairFund.Domain.Validation;

namespace FairFund.Tests.Domain.Grants;

/// <summary>A round's grant terms: located problems, percentages that must add up to exactly 100, and pence-exact splits.</summary>
public sealed class GrantTermsTests
{
    private static GrantTerms WithSchedule(params decimal[] percents) =>
        GrantInState.Terms with { Schedule = [.. percents.Select(percent => new Instalment(percent, ReleaseRule.OnAcceptance))] };

    [Fact]
    public void Check_TheTestsTermsAndTheDefault_FindNothing()
    {
        Assert.Empty(GrantInState.Terms.Check());
        Assert.Empty(GrantTerms.Default.Check());
    }

    [Theory]
    [InlineData(new[] { 50.0, 49.0 }, "99")]
    [InlineData(new[] { 50.0, 50.01 }, "100.01")]
    [InlineData(new[] { 33.33, 33.33, 33.33 }, "99.99")]
    [InlineData(new[] { 60.0, 60.0 }, "120")]
    public void Check_PercentagesNotSummingTo100_IsRefusedAtTheSchedule(double[] percents, string total)
    {
        var problems = WithSchedule([.. percents.Select(percent => (decimal)percent)]).Check();

        Assert.Equal([new Problem("schedule", $"The instalments must add up to exactly 100% of the grant; they add up to {total}%")], problems);
    }

    [Theory]
    [InlineData(new[] { 100.0 })]
    [InlineData(new[] { 50.0, 50.0 })]
    [InlineData(new[] { 33.33, 33.33, 33.34 })]
    [InlineData(new[] { 10.0, 20.0, 30.0, 40.0 })]
    public void Check_PercentagesSummingTo100_FindsNothing(double[] percents)
    {
        Assert.Empty(WithSchedule([.. percents.Select(percent => (decimal)percent)]).Check());
    }

    [Fact]
    public void Check_EachInstalmentsProblem_IsLocatedAtItsField()
    {
        var terms = GrantInState.Terms with
        {
            Schedule =
            [
                new Instalment(0m, ReleaseRule.OnAcceptance),
                new Instalment(33.333m, ReleaseRule.OnDate),
                new Instalment(40m, ReleaseRule.OnReportAccepted, ReportName: "Annual report"),
                new Instalment(26.667m, ReleaseRule.OnReportAccepted),
            ],
        };

        Assert.Equal(
        [
            new Problem("schedule[0].percent", "Instalment 1 must be more than 0% and at most 100% of the grant"),
            new Problem("schedule[1].percent", "Instalment 2 must be a percentage to at most two decimal places, like 33.33"),
            new Problem("schedule[1].on", "Enter the day instalment 2 is released"),
            new Problem("schedule[2].reportName", "Instalment 3 waits for a report the round does not expect: choose one of its reports"),
            new Problem("schedule[3].percent", "Instalment 4 must be a percentage to at most two decimal places, like 33.33"),
            new Problem("schedule[3].reportName", "Choose the report whose acceptance releases instalment 4"),
        ], terms.Check());
    }

    [Fact]
    public void Check_ReportsAndNumbersOutOfRange_AreLocated()
    {
        var terms = GrantInState.Terms with
        {
            Schedule = [new Instalment(100m, ReleaseRule.OnAcceptance)],
            Reports =
            [
                new ExpectedReport("", null, 6, IsFinal: false),
                new ExpectedReport("Final report", new DateOnly(2028, 6, 1), 12, IsFinal: false),
                new ExpectedReport("final report ", null, 61, IsFinal: false),
                new ExpectedReport(new string('x', 81), null, 0, IsFinal: false),
            ],
            ProportionateThreshold = -1m,
            DaysToAccept = 181,
            ReminderDaysBefore = 0,
        };

        Assert.Equal(
        [
            new Problem("reports", "Choose which report is the final report"),
            new Problem("reports[0].name", "Enter a name for report 1"),
            new Problem("reports[1].dueOn", "Enter either the day report 2 is due or the months after acceptance it is due, not both"),
            new Problem("reports[2].name", "Give report 3 a name no other report has: instalments name the report they wait for"),
            new Problem("reports[2].monthsAfterAcceptance", "The months after acceptance that report 3 is due must be from 1 to 60"),
            new Problem("reports[3].name", "The name of report 4 must be 80 characters or fewer (it has 81)"),
            new Problem("reports[3].monthsAfterAcceptance", "The months after acceptance that report 4 is due must be from 1 to 60"),
            new Problem("proportionateThreshold", "The amount under which a grant asks only a short end report must be from £0 to £1,000,000,000"),
            new Problem("daysToAccept", "The days a group has to accept an offer must be from 1 to 180"),
            new Problem("reminderDaysBefore", "The days before a report is due that the group is reminded must be from 1 to 90"),
        ], terms.Check());
    }

    [Theory]
    [InlineData(1000, new[] { 33.33, 33.33, 33.34 }, new[] { 333.30, 333.30, 333.40 })]
    [InlineData(1000.01, new[] { 50.0, 50.0 }, new[] { 500.00, 500.01 })]
    [InlineData(100, new[] { 33.33, 33.33, 33.34 }, new[] { 33.33, 33.33, 33.34 })]
    [InlineData(999.99, new[] { 25.0, 25.0, 25.0, 25.0 }, new[] { 249.99, 249.99, 249.99, 250.02 })]
    [InlineData(0.05, new[] { 50.0, 50.0 }, new[] { 0.02, 0.03 })]
    public void Split_InstalmentsThatDoNotDivideEvenly_RoundDownAndTheLastTakesTheRemainder(double amount, double[] percents, double[] expected)
    {
        var parts = WithSchedule([.. percents.Select(percent => (decimal)percent)]).Split((decimal)amount);

        Assert.Equal(expected.Select(part => (decimal)part), parts);
        Assert.Equal((decimal)amount, parts.Sum());
    }

    [Fact]
    public void Split_AnyAmountAndAnyScheduleSummingTo100_AddsUpToTheGrantToThePenny()
    {
        var schedules = Gen.Int[1, 9999].Array[1, 11].Select(weights =>
        {
            // Percentages to two places from random weights, the last making the total exactly 100.
            var total = weights.Sum();
            var percents = weights.Take(weights.Length - 1).Select(weight => Math.Round(weight * 100m / total, 2, MidpointRounding.ToZero)).ToList();
            percents.Add(100m - percents.Sum());
            return percents;
        }).Where(percents => percents.All(percent => percent > 0));
        var amounts = Gen.Long[1, 100_000_000_00L].Select(pence => pence / 100m);

        Gen.Select(schedules, amounts).Sample((percents, amount) =>
        {
            var terms = WithSchedule([.. percents]);
            Assert.Empty(terms.Check());
            var parts = terms.Split(amount);
            Assert.Equal(amount, parts.Sum());
            Assert.All(parts, part => Assert.Equal(part, Math.Round(part, 2)));
            Assert.All(parts, part => Assert.True(part >= 0m));
        });
    }

    [Fact]
    public void ReportsFor_GrantUnderTheThreshold_AsksOnlyAShortEndReportAndItsInstalmentsWaitForIt()
    {
        var terms = GrantInState.Terms with
        {
            Schedule = [new Instalment(50m, ReleaseRule.OnAcceptance), new Instalment(50m, ReleaseRule.OnReportAccepted, ReportName: "Mid-year report")],
            ProportionateThreshold = 2000m,
        };

        Assert.Equal([new ExpectedReport(GrantTerms.ShortEndReportName, null, 12, IsFinal: true)], terms.ReportsFor(1999.99m));
        Assert.Equal(GrantTerms.ShortEndReportName, terms.InstalmentsFor(1999.99m)[1].Instalment.ReportName);
        Assert.Equal(terms.Reports, terms.ReportsFor(2000m));
        Assert.Equal("Mid-year report", terms.InstalmentsFor(2000m)[1].Instalment.ReportName);
    }
}
