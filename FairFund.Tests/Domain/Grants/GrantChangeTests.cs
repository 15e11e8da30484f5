using FairFund.Domain.Applications;
using FairFund.Domain.Auditing;
using FairFund.Domain.Grants;
using FairFund.Domain.Validation;

namespace FairFund.Tests.Domain.Grants;

/// <summary>Changes during the grant: asked with a reason, agreed (changing the grant) or refused with a reason, every one kept.</summary>
public sealed class GrantChangeTests
{
    private static readonly DateTimeOffset Later = GrantInState.OfferedAt.AddDays(10);

    [Fact]
    public void AgreeChange_Budget_ChangesTheGrantAndKeepsWhoAskedWhoAgreedAndWhy()
    {
        var grant = GrantInState.In(GrantState.Active);
        var lines = new BudgetLine[] { new("Peer supporter expenses", 1300m), new("Insurance", 200m) };

        var change = grant.AskForChange(new BudgetChange(lines), "Insurance cost less", Later, GrantInState.Group);
        grant.AgreeChange(change.Number, null, Later.AddDays(1), GrantInState.FundManager);

        Assert.Equal(lines, grant.Budget);
        var kept = Assert.Single(grant.Changes);
        Assert.Equal((ChangeStatus.Agreed, "Insurance cost less", GrantInState.Group, Later, GrantInState.FundManager, Later.AddDays(1)),
            (kept.Status, kept.Reason, kept.AskedBy, kept.AskedAt, kept.DecidedBy!, kept.DecidedAt!.Value));
        Assert.Equal("Budget to: Peer supporter expenses £1,300; Insurance £200", kept.Proposed.InWords());
    }

    [Fact]
    public void RefuseChange_WithReason_LeavesTheGrantAsItWasAndKeepsTheRefusal()
    {
        var grant = GrantInState.In(GrantState.Active);
        var change = grant.AskForChange(new ProjectDatesChange(new DateOnly(2027, 7, 1), new DateOnly(2028, 12, 31)), "We started late", Later, GrantInState.Group);

        grant.RefuseChange(change.Number, "The fund ends in June 2028", Later, GrantInState.FundManager);

        Assert.Equal((new DateOnly(2027, 6, 1), new DateOnly(2028, 5, 31)), (grant.StartDate!.Value, grant.EndDate!.Value));
        Assert.Equal((ChangeStatus.Refused, "The fund ends in June 2028"), (grant.Changes[0].Status, grant.Changes[0].DecisionReason!));
    }

    [Fact]
    public void RefuseChange_WithoutAReason_IsRefusedAndStaysAsked()
    {
        var grant = GrantInState.In(GrantState.Active);
        var change = grant.AskForChange(new ProjectDatesChange(new DateOnly(2027, 7, 1), new DateOnly(2028, 5, 31)), "We started late", Later, GrantInState.Group);

        var refused = Assert.Throws<DomainRuleException>(() => grant.RefuseChange(change.Number, "", Later, GrantInState.FundManager));

        Assert.Equal("Enter the reason the group will read.", refused.Message);
        Assert.Equal(ChangeStatus.Asked, grant.Changes[0].Status);
    }

    [Fact]
    public void AgreeChange_ReportDueDate_MovesTheReportAndItsReminders()
    {
        var grant = GrantInState.In(GrantState.Active);
        var change = grant.AskForChange(new ReportDueChange(1, new DateOnly(2028, 1, 31)), "The walks paused for winter", Later, GrantInState.Group);

        grant.AgreeChange(change.Number, "Agreed: winter is hard", Later, GrantInState.FundManager);

        Assert.Equal(new DateOnly(2028, 1, 31), grant.Reports[0].DueOn);
        Assert.Empty(grant.RemindersDue(new DateTimeOffset(2027, 12, 3, 0, 0, 0, TimeSpan.Zero), []));
    }

    [Fact]
    public void AgreeChange_Outcomes_ReplacesTheConfirmedOutcomes()
    {
        var grant = GrantInState.In(GrantState.Active);
        IReadOnlyList<Outcome> outcomes = [new Outcome("People walk together", [new Indicator("Walkers", "people", 20)])];
        var change = grant.AskForChange(new OutcomesChange(outcomes), "Fewer walkers than we hoped", Later, GrantInState.Group);

        grant.AgreeChange(change.Number, null, Later, GrantInState.FundManager);

        Assert.Equal("People walk together", Assert.Single(grant.Outcomes).Description);
        Assert.Equal(20, grant.Outcomes[0].Indicators[0].Target);
    }

    [Fact]
    public void CheckChange_BudgetThatChangesTheTotalOrNoReason_IsLocated()
    {
        var grant = GrantInState.In(GrantState.Active);

        Assert.Equal(
        [
            new Problem("reason", "Say why you are asking for the change"),
            new Problem("budget", "The lines must add up to £1,500, as the budget does now (they add up to £1,600): a change moves money between lines"),
        ], grant.CheckChange(new BudgetChange([new BudgetLine("Peer supporter expenses", 1300m), new BudgetLine("Insurance", 300m)]), " "));
    }

    [Theory]
    [InlineData(GrantState.Offered)]
    [InlineData(GrantState.Accepted)]
    [InlineData(GrantState.Closed)]
    public void AskForChange_GrantNotActive_IsRefused(GrantState state)
    {
        var grant = GrantInState.In(state);

        Assert.Throws<DomainRuleException>(() => grant.AskForChange(new ProjectDatesChange(new DateOnly(2027, 7, 1), new DateOnly(2028, 5, 31)), "Late", Later, GrantInState.Group));
        Assert.Empty(grant.Changes);
    }

    [Fact]
    public void AgreeChange_ReportSentSinceItWasAsked_IsRefusedAndTheReportKeepsItsDate()
    {
        var grant = GrantInState.In(GrantState.Active);
        var change = grant.AskForChange(new ReportDueChange(1, new DateOnly(2028, 1, 31)), "Winter", Later, GrantInState.Group);
        grant.SendReport(1, GrantInState.FullReport, Later, GrantInState.Group);

        var refused = Assert.Throws<DomainRuleException>(() => grant.AgreeChange(change.Number, null, Later, GrantInState.FundManager));

        Assert.Equal("The change can no longer be made: reportNumber: That report has been sent, so its due date cannot change.", refused.Message);
        Assert.Equal(new DateOnly(2027, 12, 2), grant.Reports[0].DueOn);
        Assert.Equal(ChangeStatus.Asked, grant.Changes[0].Status);
    }
}
