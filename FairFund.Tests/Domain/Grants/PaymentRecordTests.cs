using FairFund.Domain.Grants;
using FairFund.Domain.Validation;

namespace FairFund.Tests.Domain.Grants;

/// <summary>Recording a payment: every problem with the day and the reference located at its field; the bank file's reference fits Bacs.</summary>
public sealed class PaymentRecordTests
{
    private static readonly DateTimeOffset Later = GrantInState.OfferedAt.AddDays(10);

    [Fact]
    public void CheckPaid_FutureDayAndNoReference_GivesBothAtTheirFields()
    {
        var grant = GrantInState.In(GrantState.Active);

        var problems = grant.CheckPaid(new DateOnly(2027, 6, 12), "  ", Later);

        Assert.Equal([new Problem("paidOn", "The day paid must be today or in the past"), new Problem("reference", "Enter the bank's reference for the payment")], problems);
    }

    [Fact]
    public void CheckPaid_TodayAndAReference_FindsNothing()
    {
        var grant = GrantInState.In(GrantState.Active);

        Assert.Empty(grant.CheckPaid(new DateOnly(2027, 6, 11), "CWMH2027R10001P1", Later));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(12)]
    public void BankReference_AnyPayment_IsCapitalsAndDigitsEndingWithItsNumberWithinBacsLimit(int number)
    {
        var grant = GrantInState.In(GrantState.Active);
        var letters = new string([.. grant.Reference.Where(char.IsAsciiLetterOrDigit)]).ToUpperInvariant();

        var reference = grant.BankReference(number);

        Assert.EndsWith($"P{number}", reference, StringComparison.Ordinal);
        Assert.True(reference.Length <= GrantLimits.PaymentReference.Characters, reference);
        Assert.All(reference, character => Assert.True(char.IsAsciiDigit(character) || char.IsAsciiLetterUpper(character)));
        Assert.EndsWith(reference[..^$"P{number}".Length], letters, StringComparison.Ordinal);
    }
}
