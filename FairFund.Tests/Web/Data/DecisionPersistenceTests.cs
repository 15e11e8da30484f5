using FairFund.Domain.Allocation;
using FairFund.Domain.Applications;
using FairFund.Tests.Web.Apply;

namespace FairFund.Tests.Web.Data;

/// <summary>The decision a group is told, kept with its application in SQLite through the real migrations, penny for penny.</summary>
public sealed class DecisionPersistenceTests(SharedFairFundApp app) : IClassFixture<SharedFairFundApp>
{
    private readonly FairFundFactory factory = app.StartedForNextTest();

    [Theory]
    [InlineData("0.01")]
    [InlineData("1500.50")]
    [InlineData("12345.67")]
    [InlineData("99999999999.99")]
    [InlineData("7922816251426433759354395033.5")]
    public async Task Award_SavedAndReadBack_KeepsTheNoticeExactly(string amountText)
    {
        var amount = decimal.Parse(amountText, System.Globalization.CultureInfo.InvariantCulture);
        var notice = new DecisionNotice(Decision.Award, amount, "Lived-experience-led groups", true, "Your application is funded in part.",
            [new TrailLine(1, "Annual income 8,400.00 puts the organisation in band micro"), new TrailLine(2, "Decision: a part award")],
            ["Well planned, with “care” — and realistic costs.", "Second comment."]);

        var reference = await SeededApplications.SeedAsync(factory, ApplicationState.Awarded, notice);
        var stored = (await SeededApplications.LoadAsync(factory, reference)).Decision!;

        Assert.Equal(amount, stored.Amount);
        Assert.Equal(amountText, stored.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((notice.Decision, notice.PotName, notice.Partial, notice.Reason), (stored.Decision, stored.PotName, stored.Partial, stored.Reason));
        Assert.Equal(notice.Trail, stored.Trail);
        Assert.Equal(notice.PanelComments, stored.PanelComments);
    }

    [Fact]
    public async Task Undecided_SavedAndReadBack_HasNoDecision()
    {
        var reference = await SeededApplications.SeedAsync(factory, ApplicationState.Scored);

        Assert.Null((await SeededApplications.LoadAsync(factory, reference)).Decision);
    }
}
