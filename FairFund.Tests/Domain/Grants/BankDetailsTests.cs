using FairFund.Domain.Auditing;
using FairFund.Domain.Grants;
using FairFund.Domain.Validation;

namespace FairFund.Tests.Domain.Grants;

/// <summary>Bank details: checked for form with located messages, and never written out whole.</summary>
public sealed class BankDetailsTests
{
    private static readonly DateTimeOffset Later = GrantInState.OfferedAt.AddDays(10);

    [Theory]
    [InlineData("30-99-50", "00733445")]
    [InlineData("309950", "0073 3445")]
    [InlineData(" 30 99 50 ", "00733445")]
    [InlineData("30\u201399\u201350", "00733445")]
    public void Parse_SortCodeAndAccountNumberAsPeopleWriteThem_KeepsOnlyTheDigits(string sortCode, string accountNumber)
    {
        var (details, problems) = BankDetails.Parse("  Foleshill   Walkers ", sortCode, accountNumber);

        Assert.Empty(problems);
        Assert.Equal(("Foleshill Walkers", "309950", "00733445"), (details!.AccountName, details.SortCode, details.AccountNumber));
    }

    [Theory]
    [InlineData("", "30-99-50", "00733445", "accountName", "Enter the name on the account")]
    [InlineData("Walkers", "", "00733445", "sortCode", "Enter a sort code")]
    [InlineData("Walkers", "30-99-5", "00733445", "sortCode", "Enter a valid sort code, like 30-99-50: six digits")]
    [InlineData("Walkers", "30-99-500", "00733445", "sortCode", "Enter a valid sort code, like 30-99-50: six digits")]
    [InlineData("Walkers", "3O-99-50", "00733445", "sortCode", "Enter a valid sort code, like 30-99-50: six digits")]
    [InlineData("Walkers", "30-99-50", "   ", "accountNumber", "Enter an account number")]
    [InlineData("Walkers", "30-99-50", "7334451", "accountNumber", "Enter a valid account number, like 00733445: eight digits (if yours has seven, put a 0 at the start)")]
    [InlineData("Walkers", "30-99-50", "007-33445", "accountNumber", "Enter a valid account number, like 00733445: eight digits (if yours has seven, put a 0 at the start)")]
    [InlineData("Walkers", "30-99-50", "123456789", "accountNumber", "Enter a valid account number, like 00733445: eight digits (if yours has seven, put a 0 at the start)")]
    public void Parse_BadForm_GivesOneLocatedProblemAndNoDetails(string name, string sortCode, string accountNumber, string location, string message)
    {
        var (details, problems) = BankDetails.Parse(name, sortCode, accountNumber);

        Assert.Null(details);
        Assert.Equal([new Problem(location, message)], problems);
    }

    [Fact]
    public void Parse_NameOverItsLimit_IsRefusedAtTheName()
    {
        var (_, problems) = BankDetails.Parse(new string('a', 101), "30-99-50", "00733445");

        Assert.Equal([new Problem("accountName", "The name on the account must be 100 characters or fewer (it has 101)")], problems);
    }

    [Fact]
    public void Parse_BadDigits_NeverRepeatsThemInAProblem()
    {
        var (_, problems) = BankDetails.Parse("Walkers", "12-34-5", "1234567");

        Assert.All(problems, problem => Assert.DoesNotContain("12345", problem.ToString().Replace("-", "", StringComparison.Ordinal), StringComparison.Ordinal));
        Assert.All(problems, problem => Assert.DoesNotContain("1234567", problem.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Masked_ShowsOnlyTheLastDigits()
    {
        var details = BankDetails.Parse("Foleshill Walkers", "12-34-56", "87651234").Details!;

        Assert.Equal("**-**-56", details.MaskedSortCode);
        Assert.Equal("****1234", details.MaskedAccountNumber);
        Assert.Equal("Foleshill Walkers, **-**-56, ****1234", details.Masked);
    }

    [Fact]
    public void ToString_AndInterpolation_GiveOnlyTheMaskedForm()
    {
        var details = BankDetails.Parse("Foleshill Walkers", "12-34-56", "87651234").Details!;
        var pending = new PendingBankChange(details, Later, GrantInState.Group, GrantInState.LinkHash);

        foreach (var written in new[] { details.ToString(), $"{details}", pending.ToString(), new BankEvent(Later, "x", BankEventKind.Given, details.Masked).ToString() })
        {
            Assert.DoesNotContain("123456", written, StringComparison.Ordinal);
            Assert.DoesNotContain("87651234", written, StringComparison.Ordinal);
            Assert.DoesNotContain("8765", written, StringComparison.Ordinal);
        }
        Assert.Equal("Foleshill Walkers, **-**-56, ****1234", details.ToString());
    }

    [Fact]
    public void Grant_RefusalsAndHistory_NeverHoldTheAccountWhole()
    {
        var grant = GrantInState.In(GrantState.Accepted);
        var details = BankDetails.Parse("Foleshill Walkers", "12-34-56", "87651234").Details!;
        grant.AskToChangeBank(details, GrantInState.LinkHash, Later, GrantInState.Group);

        var refused = Assert.Throws<DomainRuleException>(() => grant.Activate(Later, GrantInState.FundManager));
        var written = string.Join("\n", [refused.Message, .. grant.BankEvents.Select(bankEvent => bankEvent.ToString()), grant.PendingBankChange!.ToString(), grant.Bank!.ToString()]);

        Assert.DoesNotContain("87651234", written, StringComparison.Ordinal);
        Assert.DoesNotContain("00733445", written, StringComparison.Ordinal);
        Assert.DoesNotContain("123456", written, StringComparison.Ordinal);
        Assert.DoesNotContain("309950", written, StringComparison.Ordinal);
    }

    [Fact]
    public void BankChange_AskedThenConfirmed_IsPendingAndFlaggedUntilConfirmedThenFlaggedUntilChecked()
    {
        var grant = GrantInState.In(GrantState.Active);
        var before = grant.Bank;
        var details = BankDetails.Parse("Foleshill Walkers CIO", "40-11-62", "87654321").Details!;

        grant.AskToChangeBank(details, GrantInState.LinkHash, Later, GrantInState.Group);
        Assert.Same(before, grant.Bank);
        Assert.Equal(details, grant.PendingBankChange!.Details);
        Assert.True(grant.IsBankChangeFlagged);

        grant.ConfirmBankChange(GrantInState.LinkHash, Later.AddMinutes(5), GrantInState.Group);
        Assert.Equal(details, grant.Bank);
        Assert.Null(grant.PendingBankChange);
        Assert.Equal(Later.AddMinutes(5), grant.BankChangeUncheckedSince);

        grant.CheckBankChange(Later.AddHours(1), GrantInState.FundManager);
        Assert.False(grant.IsBankChangeFlagged);
        Assert.Equal(
            [BankEventKind.Given, BankEventKind.ChangeAsked, BankEventKind.ChangeConfirmed, BankEventKind.ChangeChecked],
            grant.BankEvents.Select(bankEvent => bankEvent.Kind));
        Assert.Equal([GrantInState.Group, GrantInState.Group, GrantInState.Group, GrantInState.FundManager], grant.BankEvents.Select(bankEvent => bankEvent.Actor));
    }

    [Fact]
    public void ConfirmBankChange_NoneWaiting_IsRefused()
    {
        var grant = GrantInState.In(GrantState.Active);

        var refused = Assert.Throws<DomainRuleException>(() => grant.ConfirmBankChange(GrantInState.LinkHash, Later, GrantInState.Group));

        Assert.Equal("There is no change of bank details waiting to be confirmed.", refused.Message);
    }

    [Theory]
    [InlineData(GrantState.Offered)]
    [InlineData(GrantState.Closed)]
    [InlineData(GrantState.Withdrawn)]
    public void AskToChangeBank_GrantNotAcceptedOrActive_IsRefused(GrantState state)
    {
        var grant = GrantInState.In(state);

        Assert.Throws<DomainRuleException>(() => grant.AskToChangeBank(GrantInState.Bank, GrantInState.LinkHash, Later, GrantInState.Group));
        Assert.Null(grant.PendingBankChange);
    }

    private static readonly BankDetails NewAccount = BankDetails.Parse("Foleshill Walkers CIO", "40-11-62", "87654321").Details!;

    [Fact]
    public void ConfirmBankChange_AtTheLinksExpiry_IsRefusedAndAnInstantBeforeIsTaken()
    {
        var expired = GrantInState.In(GrantState.Active);
        var inTime = GrantInState.In(GrantState.Active);
        expired.AskToChangeBank(NewAccount, GrantInState.LinkHash, Later, GrantInState.Group);
        inTime.AskToChangeBank(NewAccount, GrantInState.LinkHash, Later, GrantInState.Group);

        var refused = Assert.Throws<DomainRuleException>(() => expired.ConfirmBankChange(GrantInState.LinkHash, Later.AddHours(24), GrantInState.Group));
        inTime.ConfirmBankChange(GrantInState.LinkHash, Later.AddHours(24).AddTicks(-1), GrantInState.Group);

        Assert.Equal("This link has expired: it worked for 24 hours after the change was asked for. Ask to change the bank details again.", refused.Message);
        Assert.Equal(GrantInState.Bank, expired.Bank);
        Assert.NotNull(expired.PendingBankChange);
        Assert.Equal(NewAccount, inTime.Bank);
    }

    [Fact]
    public void ConfirmBankChange_LinkOfARequestSinceReplaced_IsRefusedAndTheLatestLinkWorks()
    {
        const string latest = "0000aaaa1111bbbb2222cccc3333dddd4444eeee5555ffff6666000077778888";
        var grant = GrantInState.In(GrantState.Active);
        grant.AskToChangeBank(BankDetails.Parse("Someone Else", "11-22-33", "11223344").Details!, GrantInState.LinkHash, Later, GrantInState.Group);
        grant.AskToChangeBank(NewAccount, latest, Later.AddMinutes(1), GrantInState.Group);

        var refused = Assert.Throws<DomainRuleException>(() => grant.ConfirmBankChange(GrantInState.LinkHash, Later.AddMinutes(2), GrantInState.Group));
        Assert.Equal("This link is not for the change of bank details now waiting: a newer request may have replaced it. Use the link in the latest email.", refused.Message);
        Assert.Equal(GrantInState.Bank, grant.Bank);
        Assert.Null(grant.WhyNotConfirmBankChange(latest, Later.AddMinutes(2)));

        grant.ConfirmBankChange(latest, Later.AddMinutes(3), GrantInState.Group);
        Assert.Equal(NewAccount, grant.Bank);
        Assert.Equal("There is no change of bank details waiting to be confirmed.", grant.WhyNotConfirmBankChange(latest, Later.AddMinutes(4)));
    }

    [Fact]
    public void AskToChangeBank_TheDetailsPaymentsGoToAlready_IsRefused()
    {
        var grant = GrantInState.In(GrantState.Active);

        var refused = Assert.Throws<DomainRuleException>(() => grant.AskToChangeBank(GrantInState.Bank, GrantInState.LinkHash, Later, GrantInState.Group));

        Assert.Equal("The bank details cannot be changed: these are the details payments already go to.", refused.Message);
        Assert.Null(grant.PendingBankChange);
    }

    [Fact]
    public void BankChangesToCheck_ConfirmedThenAskedAgain_FlagsEachWithWhoWhenAndTheMaskedAccountBeforeAndAfter()
    {
        const string treasurer = "treasurer@group.example";
        const string chair = "chair@group.example";
        var third = BankDetails.Parse("Foleshill Walkers", "20-00-00", "55556666").Details!;
        var grant = GrantInState.In(GrantState.Active);
        Assert.Empty(grant.BankChangesToCheck);

        grant.AskToChangeBank(NewAccount, GrantInState.LinkHash, Later, treasurer);
        grant.ConfirmBankChange(GrantInState.LinkHash, Later.AddMinutes(5), chair);
        grant.AskToChangeBank(third, "1111", Later.AddHours(2), treasurer);

        Assert.Equal(
        [
            new BankChangeFlag(true, treasurer, Later, chair, Later.AddMinutes(5), "Foleshill Walkers, **-**-50, ****3445", "Foleshill Walkers CIO, **-**-62, ****4321"),
            new BankChangeFlag(false, treasurer, Later.AddHours(2), null, null, "Foleshill Walkers CIO, **-**-62, ****4321", "Foleshill Walkers, **-**-00, ****6666"),
        ], grant.BankChangesToCheck);

        grant.CheckBankChange(Later.AddHours(3), GrantInState.FundManager);
        Assert.Equal([false], grant.BankChangesToCheck.Select(flag => flag.Confirmed));
    }
}
