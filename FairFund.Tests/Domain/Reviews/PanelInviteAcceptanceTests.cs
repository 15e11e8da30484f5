using FairFund.Domain.Auditing;
using FairFund.Domain.Reviews;
using FairFund.Domain.Rounds;

namespace FairFund.Tests.Domain.Reviews;

/// <summary>An invite's link takes a seat only while the round still takes panel members.</summary>
public sealed class PanelInviteAcceptanceTests
{
    private const string Invited = "sam@panel.test";
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static PanelMember Seat() => new(Guid.NewGuid(), Guid.NewGuid(), Invited, "hash", Now, "manager@fund.test");

    [Theory]
    [InlineData(RoundState.Draft)]
    [InlineData(RoundState.Open)]
    [InlineData(RoundState.Screening)]
    [InlineData(RoundState.Scoring)]
    [InlineData(RoundState.Moderation)]
    public void Join_RoundStillTakingInvites_TakesTheSeat(RoundState state)
    {
        var seat = Seat();

        seat.Join(Invited, Now, state);

        Assert.Equal((Invited, Now), (seat.UserName, seat.JoinedAt));
    }

    [Theory]
    [InlineData(RoundState.Decided, "decided")]
    [InlineData(RoundState.Notified, "notified")]
    [InlineData(RoundState.Archived, "archived")]
    [InlineData(RoundState.Cancelled, "cancelled")]
    public void Join_RoundDecidedOrCancelled_IsRefusedAndTheSeatStaysEmpty(RoundState state, string described)
    {
        var seat = Seat();

        var refused = Assert.Throws<DomainRuleException>(() => seat.Join(Invited, Now, state));

        Assert.StartsWith("This invite can no longer be accepted: the round is ", refused.Message);
        Assert.Contains(described, refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Null(seat.UserName);
    }

    [Fact]
    public void Join_AcceptedBeforeTheRoundWasDecided_StillOpensForTheMember()
    {
        var seat = Seat();
        seat.Join(Invited, Now, RoundState.Scoring);

        seat.Join(Invited, Now.AddDays(30), RoundState.Notified);

        Assert.Null(seat.WhyItCannotBeAccepted(RoundState.Notified));
        Assert.Equal(Now, seat.JoinedAt);
    }
}
