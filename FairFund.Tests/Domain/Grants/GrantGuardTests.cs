using FairFund.Domain.Applications;
using FairFund.Domain.Auditing;
using FairFund.Domain.Grants;
using FairFund.Tests.Domain.Applications;

namespace FairFund.Tests.Domain.Grants;

/// <summary>The grant's guards, each refused in words naming what it needs, and the offer's acceptance date.</summary>
public sealed class GrantGuardTests
{
    private static readonly DateTimeOffset Later = GrantInState.OfferedAt.AddDays(10);

    [Fact]
    public void Offer_ApplicationNotAwarded_IsRefused()
    {
        var refused = Assert.Throws<DomainRuleException>(() =>
            Grant.Offer(Guid.NewGuid(), ApplicationInState.In(ApplicationState.Waitlisted), GrantInState.Terms, "", GrantInState.OfferedAt, GrantInState.FundManager));

        Assert.Equal("A grant can be offered only for an awarded application: CW-2027-0001 is waitlisted.", refused.Message);
    }

    [Fact]
    public void Offer_AwardedApplication_TakesTheAmountBudgetOutcomesAndRecordsWhoAndWhen()
    {
        var grant = GrantInState.Offered();

        Assert.Equal((GrantState.Offered, 1500m, GrantInState.OfferedAt, GrantInState.FundManager), (grant.State, grant.Amount, grant.OfferedAt, grant.OfferedBy));
        Assert.Equal([new BudgetLine("Peer supporter expenses", 1200m), new BudgetLine("Insurance", 300m)], grant.Budget);
        Assert.Equal("Fewer people feel isolated; we will ask walkers every three months.", grant.ApplicationOutcomes);
        Assert.Equal([750m, 750m], grant.Payments.Select(payment => payment.Amount));
    }

    [Fact]
    public void Offer_TermsWithAProblem_IsRefusedNamingIt()
    {
        var terms = GrantInState.Terms with { DaysToAccept = 0 };

        var refused = Assert.Throws<DomainRuleException>(() => GrantInState.Offered(terms));

        Assert.Equal("A grant cannot be offered on these terms: daysToAccept: The days a group has to accept an offer must be from 1 to 180.", refused.Message);
    }

    [Fact]
    public void Activate_BankChangeWaitingForItsLink_IsRefusedSayingSo()
    {
        var grant = GrantInState.In(GrantState.Accepted);
        grant.AskToChangeBank(BankDetails.Parse("New Name", "11-22-33", "12345678").Details!, GrantInState.LinkHash, Later, GrantInState.Group);

        Assert.Equal(["it needs no change of bank details waiting for its email link"], grant.WhyNot(GrantTrigger.Activate));
        var refused = Assert.Throws<DomainRuleException>(() => grant.Activate(Later, GrantInState.FundManager));
        Assert.Equal("The grant cannot be started: it needs no change of bank details waiting for its email link.", refused.Message);
        Assert.Equal(GrantState.Accepted, grant.State);
    }

    [Fact]
    public void Close_FinalReportAcceptedButAReportAndPaymentsOutstanding_IsRefusedNamingEachAndStaysActive()
    {
        var grant = GrantInState.In(GrantState.Active);
        // The final report accepted, which releases the second payment; the mid-year report never sent, nothing paid.
        grant.SendReport(grant.FinalReport!.Number, GrantInState.FullReport, Later, GrantInState.Group);
        grant.AcceptReport(grant.FinalReport!.Number, Later, GrantInState.FundManager);

        var needs = grant.WhyNot(GrantTrigger.Close, now: Later);
        var refused = Assert.Throws<DomainRuleException>(() => grant.Close(0m, null, Later, GrantInState.FundManager));

        Assert.Equal(
        [
            "it needs the Mid-year report accepted (it is not started, due by 2 December 2027)",
            "it needs payment 1 (£750) paid: it was released when the group accepts the offer",
            "it needs payment 2 (£750) paid: it was released when the Final report is accepted",
        ], needs);
        Assert.Equal($"The grant cannot be closed: {string.Join("; ", needs)}.", refused.Message);
        Assert.Equal(GrantState.Active, grant.State);
        Assert.Null(grant.Closure);
    }

    [Fact]
    public void Close_ChangeAskedAndNotDecided_IsRefusedUntilItIsDecided()
    {
        var grant = GrantInState.In(GrantState.Active);
        GrantInState.PrepareFor(grant, GrantTrigger.Close, Later);
        grant.AskForChange(new ProjectDatesChange(new DateOnly(2027, 7, 1), new DateOnly(2028, 9, 30)), "The hall was booked until July.", Later, GrantInState.Group);

        Assert.Equal(["it needs change 1 agreed or refused: project dates to 1 July 2027 to 30 September 2028"], grant.WhyNot(GrantTrigger.Close, now: Later));
        grant.RefuseChange(1, "The project must end when the round does.", Later, GrantInState.FundManager);
        grant.Close(0m, null, Later, GrantInState.FundManager);
        Assert.Equal(GrantState.Closed, grant.State);
    }

    [Fact]
    public void Close_PaymentOnADateStillToCome_IsNotOutstandingAndIsNeverMade()
    {
        var terms = GrantInState.Terms with
        {
            Schedule = [new Instalment(50m, ReleaseRule.OnAcceptance), new Instalment(50m, ReleaseRule.OnDate, On: new DateOnly(2028, 9, 1))],
        };
        var grant = GrantInState.In(GrantState.Active, terms);
        GrantInState.PrepareFor(grant, GrantTrigger.Close, Later);

        Assert.Empty(grant.WhyNot(GrantTrigger.Close, now: Later));
        Assert.Equal(["it needs payment 2 (£750) paid: it was released from 1 September 2028"], grant.WhyNot(GrantTrigger.Close, now: new DateTimeOffset(2028, 9, 1, 0, 0, 0, TimeSpan.Zero)));
        grant.Close(0m, null, Later, GrantInState.FundManager);

        Assert.Equal(750m, grant.Closure!.Paid);
        Assert.Empty(grant.PaymentsDue(new DateTimeOffset(2028, 9, 2, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Close_NothingOutstanding_RecordsTheFinalReportMoneyPaidAndReturnedWithWhoAndWhen()
    {
        var grant = GrantInState.In(GrantState.Active);
        GrantInState.PrepareFor(grant, GrantTrigger.Close, Later);

        grant.Close(50m, "The insurance cost less than planned.", Later, GrantInState.FundManager);

        Assert.Equal(new GrantClosure("Final report", 1500m, 50m, "The insurance cost less than planned.", Later, GrantInState.FundManager), grant.Closure);
        Assert.Equal((GrantState.Closed, Later, GrantInState.FundManager), (grant.State, grant.History[^1].At, grant.History[^1].Actor));
        Assert.Empty(grant.PaymentsDue(Later));
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1500.01)]
    [InlineData(10.005)]
    public void Close_ReturnedOutsideWhatWasPaid_IsRefusedAndStaysActive(double returned)
    {
        var grant = GrantInState.In(GrantState.Active);
        GrantInState.PrepareFor(grant, GrantTrigger.Close, Later);

        var refused = Assert.Throws<DomainRuleException>(() => grant.Close((decimal)returned, null, Later, GrantInState.FundManager));

        Assert.StartsWith("The grant cannot be closed: returned: The money returned must be", refused.Message);
        Assert.Equal(GrantState.Active, grant.State);
        Assert.Null(grant.Closure);
    }

    /// <summary>Everything a person can ask of a grant after the decision, each of which a closed grant refuses.</summary>
    public static TheoryData<string> ChangesToAClosedGrant() =>
        ["ask for a change", "change the bank details", "confirm a bank change", "check a bank change", "save a report", "mark a payment paid"];

    [Theory]
    [MemberData(nameof(ChangesToAClosedGrant))]
    public void ClosedGrant_AnyChange_IsRefusedAndChangesNothing(string change)
    {
        // Its second payment, on a date still to come at closing, is never made.
        var grant = GrantInState.In(GrantState.Active, GrantInState.Terms with
        {
            Schedule = [new Instalment(50m, ReleaseRule.OnAcceptance), new Instalment(50m, ReleaseRule.OnDate, On: new DateOnly(2027, 6, 12))],
        });
        GrantInState.PrepareFor(grant, GrantTrigger.Close, Later);
        grant.AskForChange(new ProjectDatesChange(new DateOnly(2027, 7, 1), new DateOnly(2028, 9, 30)), "The hall was booked until July.", Later, GrantInState.Group);
        grant.AgreeChange(1, null, Later, GrantInState.FundManager);
        grant.Close(0m, null, Later, GrantInState.FundManager);
        var before = (grant.Changes.Count, grant.BankEvents.Count, grant.Bank, grant.PendingBankChange, grant.Reports[0].Content, grant.Payments.Count(payment => payment.IsPaid), grant.History.Count);
        var at = Later.AddDays(1);

        Action act = change switch
        {
            "ask for a change" => () => grant.AskForChange(new ProjectDatesChange(new DateOnly(2027, 8, 1), new DateOnly(2028, 9, 30)), "Later still.", at, GrantInState.Group),
            "change the bank details" => () => grant.AskToChangeBank(BankDetails.Parse("New Name", "11-22-33", "12345678").Details!, GrantInState.LinkHash, at, GrantInState.Group),
            "confirm a bank change" => () => grant.ConfirmBankChange(GrantInState.LinkHash, at, GrantInState.Group),
            "check a bank change" => () => grant.CheckBankChange(at, GrantInState.FundManager),
            "save a report" => () => grant.SaveReport(1, GrantInState.FullReport, at, GrantInState.Group),
            _ => () => grant.MarkPaid(2, new DateOnly(2027, 6, 12), "FF-9999", at, GrantInState.FundManager),
        };

        var refused = Assert.Throws<DomainRuleException>(act);
        Assert.Contains("closed", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, (grant.Changes.Count, grant.BankEvents.Count, grant.Bank, grant.PendingBankChange, grant.Reports[0].Content, grant.Payments.Count(payment => payment.IsPaid), grant.History.Count));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void Withdraw_WithoutAReason_IsRefusedSayingItNeedsOne(string? reason)
    {
        var grant = GrantInState.In(GrantState.Offered);

        Assert.Equal(["it needs a reason for withdrawing"], grant.WhyNot(GrantTrigger.Withdraw, reason));
        var refused = Assert.Throws<DomainRuleException>(() => grant.Withdraw(Later, GrantInState.FundManager, reason!));
        Assert.Equal("The grant cannot be withdrawn: it needs a reason for withdrawing.", refused.Message);
    }

    [Fact]
    public void Withdraw_WithAReason_KeepsItForTheGroup()
    {
        var grant = GrantInState.In(GrantState.Active);

        grant.Withdraw(Later, GrantInState.FundManager, "  The project\u202E did not start  ");

        Assert.Equal("The project did not start", grant.WithdrawnReason);
        Assert.Empty(grant.PaymentsDue(Later));
    }

    [Fact]
    public void Accept_AcceptanceWithProblems_IsRefusedNamingEachAndChangesNothing()
    {
        var grant = GrantInState.Offered();
        var acceptance = GrantInState.Acceptance() with { Signatory = new Signatory("", "Treasurer", new DateOnly(2027, 6, 1), MaySignForGroup: false) };

        var refused = Assert.Throws<DomainRuleException>(() => grant.Accept(acceptance, Later, GrantInState.Group));

        Assert.Equal("The grant cannot be accepted: signatory.name: Enter the full name of the person accepting for the group; signatory.maySignForGroup: Confirm that you may sign agreements for the group.", refused.Message);
        Assert.Equal(GrantState.Offered, grant.State);
        Assert.Null(grant.Signatory);
        Assert.Empty(grant.Reports);
    }

    [Fact]
    public void Accept_ValidAcceptance_KeepsSignatoryOutcomesBankAndSetsReportsFromToday()
    {
        var grant = GrantInState.Offered();
        // 23:30 UTC on 2 June is 00:30 on 3 June in London: the acceptance day is the UK day.
        var at = new DateTimeOffset(2027, 6, 2, 23, 30, 0, TimeSpan.Zero);

        grant.Accept(GrantInState.Acceptance(), at, GrantInState.Group);

        Assert.Equal(new DateOnly(2027, 6, 3), grant.AcceptedOn);
        Assert.Equal("Asha Patel", grant.Signatory!.Name);
        Assert.Equal(GrantInState.Outcomes.Select(outcome => outcome.Description), grant.Outcomes.Select(outcome => outcome.Description));
        Assert.Equal([("Mid-year report", new DateOnly(2027, 12, 3)), ("Final report", new DateOnly(2028, 6, 3))], grant.Reports.Select(report => (report.Name, report.DueOn)));
        Assert.Equal([new BankEvent(at, GrantInState.Group, BankEventKind.Given, "Foleshill Walkers, **-**-50, ****3445")], grant.BankEvents);
    }

    [Fact]
    public void IsPastAcceptanceDate_AtTheBoundaries_FlagsOnlyFromTheEndOfTheLastDay()
    {
        var grant = GrantInState.Offered();
        // Offered on 1 June (UK) with 28 days: accept by the end of 29 June, London time (23:00 UTC in summer).
        var endOfLastDay = new DateTimeOffset(2027, 6, 29, 23, 0, 0, TimeSpan.Zero);

        Assert.Equal(endOfLastDay, grant.AcceptBy);
        Assert.False(grant.IsPastAcceptanceDate(endOfLastDay.AddSeconds(-1)));
        Assert.True(grant.IsPastAcceptanceDate(endOfLastDay));
        Assert.True(grant.IsPastAcceptanceDate(endOfLastDay.AddSeconds(1)));
    }

    [Fact]
    public void IsPastAcceptanceDate_OnceAccepted_IsNotFlagged()
    {
        var grant = GrantInState.In(GrantState.Accepted);

        Assert.False(grant.IsPastAcceptanceDate(grant.AcceptBy.AddDays(30)));
    }

    [Fact]
    public void Offer_ConditionsOverTheirLimit_IsRefusedSayingHowLong()
    {
        var refused = Assert.Throws<DomainRuleException>(() =>
            Grant.Offer(Guid.NewGuid(), ApplicationInState.In(ApplicationState.Awarded), GrantInState.Terms, new string('c', 4_001), GrantInState.OfferedAt, GrantInState.FundManager));

        Assert.Equal("A grant cannot be offered with these conditions: The grant's conditions must be 4,000 characters or fewer (it has 4,001).", refused.Message);
    }

    [Fact]
    public void Decline_ReasonOverItsWordLimit_IsRefusedAndStaysOffered()
    {
        var grant = GrantInState.Offered();

        var refused = Assert.Throws<DomainRuleException>(() => grant.Decline(Later, GrantInState.Group, string.Join(' ', Enumerable.Repeat("no", 301))));

        Assert.Equal("Your reason must be 300 words or fewer (it has 301).", refused.Message);
        Assert.Equal(GrantState.Offered, grant.State);
    }

    [Fact]
    public void Accept_AfterTheAcceptanceDate_IsStillTakenAndNoLongerFlagged()
    {
        var grant = GrantInState.Offered();
        var late = grant.AcceptBy.AddDays(3);

        grant.Accept(GrantInState.Acceptance(), late, GrantInState.Group);

        Assert.Equal(GrantState.Accepted, grant.State);
        Assert.False(grant.IsPastAcceptanceDate(late));
    }
}
