using FairFund.Domain.Auditing;
using FairFund.Domain.Grants;

namespace FairFund.Tests.Domain.Grants;

/// <summary>Payments: released on acceptance, on a date (UK time) or on an accepted report; due while active; marked paid once, with who and when.</summary>
public sealed class PaymentReleaseTests
{
    private static readonly DateTimeOffset Later = GrantInState.OfferedAt.AddDays(10);

    private static GrantTerms ThreeWays(DateOnly on) => GrantInState.Terms with
    {
        Schedule =
        [
            new Instalment(40m, ReleaseRule.OnAcceptance),
            new Instalment(30m, ReleaseRule.OnDate, On: on),
            new Instalment(30m, ReleaseRule.OnReportAccepted, ReportName: "Mid-year report"),
        ],
    };

    [Fact]
    public void PaymentsDue_OnAcceptance_DueOnceActiveNotBefore()
    {
        var offered = GrantInState.In(GrantState.Offered);
        var accepted = GrantInState.In(GrantState.Accepted);
        var active = GrantInState.In(GrantState.Active);

        Assert.Empty(offered.PaymentsDue(Later));
        Assert.False(offered.IsReleased(offered.Payments[0], Later));
        Assert.True(accepted.IsReleased(accepted.Payments[0], Later));
        Assert.Empty(accepted.PaymentsDue(Later));
        Assert.Equal([1], active.PaymentsDue(Later).Select(payment => payment.Number));
    }

    [Fact]
    public void PaymentsDue_OnADate_DueFromTheStartOfThatDayInTheUk()
    {
        var grant = GrantInState.In(GrantState.Active, ThreeWays(new DateOnly(2027, 9, 1)));
        // Midnight on 1 September in London is 23:00 UTC on 31 August (summer time).
        var startOfDay = new DateTimeOffset(2027, 8, 31, 23, 0, 0, TimeSpan.Zero);

        Assert.Equal([1], grant.PaymentsDue(startOfDay.AddSeconds(-1)).Select(payment => payment.Number));
        Assert.Equal([1, 2], grant.PaymentsDue(startOfDay).Select(payment => payment.Number));
        Assert.Equal([1, 2], grant.PaymentsDue(startOfDay.AddSeconds(1)).Select(payment => payment.Number));
    }

    [Fact]
    public void AcceptReport_NamedByAnInstalment_ReleasesItAndSaysSo()
    {
        var grant = GrantInState.In(GrantState.Active, ThreeWays(new DateOnly(2030, 1, 1)));
        grant.SendReport(1, GrantInState.FullReport, Later, GrantInState.Group);

        Assert.Equal([1], grant.PaymentsDue(Later).Select(payment => payment.Number));
        var released = grant.AcceptReport(1, Later, GrantInState.FundManager);

        Assert.Equal([3], released.Select(payment => payment.Number));
        Assert.Equal([1, 3], grant.PaymentsDue(Later).Select(payment => payment.Number));
    }

    [Fact]
    public void AcceptReport_ReportAskedForMore_ReleasesNothingUntilAcceptedAfterSendingAgain()
    {
        var grant = GrantInState.In(GrantState.Active, ThreeWays(new DateOnly(2030, 1, 1)));
        grant.SendReport(1, GrantInState.FullReport, Later, GrantInState.Group);
        grant.AskForMore(1, "Say how many walkers came back", Later, GrantInState.FundManager);

        Assert.False(grant.IsReleased(grant.Payments[2], Later));
        grant.SendReport(1, GrantInState.FullReport with { WhatChanged = "Most walkers came back every week." }, Later.AddDays(1), GrantInState.Group);
        Assert.Equal([3], grant.AcceptReport(1, Later.AddDays(2), GrantInState.FundManager).Select(payment => payment.Number));
    }

    [Fact]
    public void Payments_ThirdsOfAnAwkwardAmount_AddUpToTheGrantToThePennyWithTheLastTakingTheRemainder()
    {
        var terms = GrantInState.Terms with { Schedule = [new Instalment(33.33m, ReleaseRule.OnAcceptance), new Instalment(33.33m, ReleaseRule.OnAcceptance), new Instalment(33.34m, ReleaseRule.OnAcceptance)] };
        var notice = FairFund.Tests.Domain.Applications.ApplicationInState.Funded with { Amount = 1234.57m };

        var grant = GrantInState.Offered(terms, notice);

        Assert.Equal([411.48m, 411.48m, 411.61m], grant.Payments.Select(payment => payment.Amount));
        Assert.Equal(grant.Amount, grant.Payments.Sum(payment => payment.Amount));
    }

    [Fact]
    public void MarkPaid_DuePayment_RecordsDayReferenceWhoAndWhenAndIsNoLongerDue()
    {
        var grant = GrantInState.In(GrantState.Active);

        grant.MarkPaid(1, new DateOnly(2027, 6, 10), " FF-0001 ", Later, GrantInState.FundManager);

        var paid = grant.Payments[0];
        Assert.Equal((new DateOnly(2027, 6, 10), "FF-0001", GrantInState.FundManager, Later), (paid.PaidOn!.Value, paid.Reference!, paid.PaidBy!, paid.RecordedAt!.Value));
        Assert.Equal(750m, grant.AmountPaid);
        Assert.Empty(grant.PaymentsDue(Later));
    }

    [Theory]
    [InlineData(2, "The payment cannot be marked paid: payment 2 is released when the Final report is accepted, which has not happened yet.")]
    [InlineData(3, "The payment cannot be marked paid: the grant has no payment 3.")]
    public void MarkPaid_PaymentNotDue_IsRefusedInWords(int number, string message)
    {
        var grant = GrantInState.In(GrantState.Active);

        var refused = Assert.Throws<DomainRuleException>(() => grant.MarkPaid(number, new DateOnly(2027, 6, 10), "FF-0001", Later, GrantInState.FundManager));

        Assert.Equal(message, refused.Message);
        Assert.Equal(0m, grant.AmountPaid);
    }

    [Fact]
    public void MarkPaid_Twice_IsRefusedSayingWhenItWasPaid()
    {
        var grant = GrantInState.In(GrantState.Active);
        grant.MarkPaid(1, new DateOnly(2027, 6, 10), "FF-0001", Later, GrantInState.FundManager);

        var refused = Assert.Throws<DomainRuleException>(() => grant.MarkPaid(1, new DateOnly(2027, 6, 11), "FF-0002", Later, GrantInState.FundManager));

        Assert.Equal("The payment cannot be marked paid: payment 1 was paid on 10 June 2027.", refused.Message);
        Assert.Equal("FF-0001", grant.Payments[0].Reference);
    }

    [Theory]
    [InlineData("", "2027-06-10", "Enter the bank's reference for the payment.")]
    [InlineData("1234567890123456789", "2027-06-10", "The reference must be 18 characters or fewer (it has 19).")]
    [InlineData("FF-0001", "2027-06-12", "The day paid must be today or in the past.")]
    [InlineData("FF-0001", "2027-06-01", "The day paid must be on or after the day the grant was accepted.")]
    public void MarkPaid_BadDayOrReference_IsRefusedAndNothingIsRecorded(string reference, string paidOn, string message)
    {
        var grant = GrantInState.In(GrantState.Active);

        var refused = Assert.Throws<DomainRuleException>(() => grant.MarkPaid(1, DateOnly.Parse(paidOn, System.Globalization.CultureInfo.InvariantCulture), reference, Later, GrantInState.FundManager));

        Assert.Equal(message, refused.Message);
        Assert.False(grant.Payments[0].IsPaid);
    }

    [Fact]
    public void PaymentsDue_BankDetailsChangedAndNotYetChecked_HoldsEveryPaymentUntilTheFundManagerChecks()
    {
        var grant = GrantInState.In(GrantState.Active);
        grant.AskToChangeBank(BankDetails.Parse("Foleshill Walkers CIO", "40-11-62", "87654321").Details!, GrantInState.LinkHash, Later, GrantInState.Group);
        Assert.Equal([1], grant.PaymentsDue(Later).Select(payment => payment.Number));

        grant.ConfirmBankChange(GrantInState.LinkHash, Later.AddHours(1), GrantInState.Group);

        Assert.True(grant.IsBankChangeFlagged);
        Assert.Empty(grant.PaymentsDue(Later.AddHours(2)));
        Assert.Equal("The bank details changed on 11 June 2027 and the change has not been checked yet", grant.WhyPaymentNotDue(1, Later.AddHours(2)));
        grant.CheckBankChange(Later.AddHours(3), GrantInState.FundManager);
        Assert.False(grant.IsBankChangeFlagged);
        Assert.Equal([1], grant.PaymentsDue(Later.AddHours(3)).Select(payment => payment.Number));
        Assert.Equal("****4321", grant.Bank!.MaskedAccountNumber);
    }
}
