using FairFund.Domain.Rounds;
using FairFund.Domain.Auditing;
using static FairFund.Tests.Domain.Rounds.RoundInState;

namespace FairFund.Tests.Domain.Rounds;

/// <summary>The thresholds decide which applications moderation flags, so each change is kept with who made it and when.</summary>
public sealed class DisagreementThresholdsTests
{
    [Fact]
    public void SetDisagreementThresholds_NewValues_RecordsWhoWhenAndTheChange()
    {
        var round = Draft();
        var at = Monday.AddHours(3);

        round.SetDisagreementThresholds(30m, 10m, at, Manager);

        var change = round.History[^1];
        Assert.Equal((30m, 10m), (round.DisagreementRange, round.DisagreementDeviation));
        Assert.Equal((at, Manager, Round.ThresholdsChanged), (change.At, change.Actor, change.Trigger));
        Assert.Equal("Disagreement thresholds changed from 25 to 30 points apart and from 12.5 to 10 points of standard deviation", change.Reason);
    }

    [Fact]
    public void SetDisagreementThresholds_SameValues_RecordsNothing()
    {
        var round = Draft();
        var before = round.History.Count;

        round.SetDisagreementThresholds(round.DisagreementRange, round.DisagreementDeviation, Monday, Manager);

        Assert.Equal(before, round.History.Count);
    }

    [Theory]
    [InlineData(-0.01, 10)]
    [InlineData(100.01, 10)]
    [InlineData(20, -1)]
    [InlineData(20, 101)]
    public void SetDisagreementThresholds_OutOfRange_IsRefusedAndNothingChanges(double range, double deviation)
    {
        var round = Draft();
        var before = round.History.Count;

        Assert.Throws<DomainRuleException>(() => round.SetDisagreementThresholds((decimal)range, (decimal)deviation, Monday, Manager));

        Assert.Equal((Round.DefaultDisagreementRange, Round.DefaultDisagreementDeviation), (round.DisagreementRange, round.DisagreementDeviation));
        Assert.Equal(before, round.History.Count);
    }
}
