using FairFund.Domain.Auditing;
using FairFund.Domain.Grants;
using FairFund.Domain.Rounds;
using FairFund.Tests.Domain.Grants;

namespace FairFund.Tests.Domain.Rounds;

/// <summary>A round's grant terms are set while it is a draft or open, with who and when, and only when they check.</summary>
public sealed class RoundGrantTermsTests
{
    private static readonly DateTimeOffset Later = RoundInState.Monday.AddDays(30);

    [Theory]
    [InlineData(RoundState.Draft)]
    [InlineData(RoundState.Open)]
    public void SetGrantTerms_DraftOrOpen_KeepsThemWithWhoAndWhen(RoundState state)
    {
        var round = RoundInState.In(state);

        round.SetGrantTerms(GrantInState.Terms, Later, "finance@fund.example");

        Assert.Same(GrantInState.Terms, round.GrantTerms);
        Assert.Equal("finance@fund.example", round.GrantTermsSetBy);
        Assert.Equal(Later, round.GrantTermsSetAt);
    }

    [Theory]
    [InlineData(RoundState.Screening)]
    [InlineData(RoundState.Scoring)]
    [InlineData(RoundState.Moderation)]
    [InlineData(RoundState.Decided)]
    [InlineData(RoundState.Notified)]
    [InlineData(RoundState.Archived)]
    [InlineData(RoundState.Cancelled)]
    public void SetGrantTerms_AfterOpen_IsRefusedAndChangesNothing(RoundState state)
    {
        var round = RoundInState.In(state);

        var refused = Assert.Throws<DomainRuleException>(() => round.SetGrantTerms(GrantInState.Terms, Later, "finance@fund.example"));

        Assert.StartsWith("The grant terms cannot change now: the round is ", refused.Message, StringComparison.Ordinal);
        Assert.Same(GrantTerms.Default, round.GrantTerms);
        Assert.Null(round.GrantTermsSetBy);
        Assert.False(round.CanSetGrantTerms);
    }

    [Fact]
    public void SetGrantTerms_PercentagesNotAddingUp_IsRefusedInWordsAndChangesNothing()
    {
        var round = RoundInState.Draft();
        var bad = GrantInState.Terms with { Schedule = [new Instalment(60m, ReleaseRule.OnAcceptance), new Instalment(30m, ReleaseRule.OnAcceptance)] };

        var refused = Assert.Throws<DomainRuleException>(() => round.SetGrantTerms(bad, Later, "finance@fund.example"));

        Assert.Contains("they add up to 90%", refused.Message, StringComparison.Ordinal);
        Assert.Same(GrantTerms.Default, round.GrantTerms);
        Assert.Null(round.GrantTermsSetAt);
    }
}
