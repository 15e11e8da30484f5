using FairFund.Domain.Grants;
using FairFund.Domain.Validation;

namespace FairFund.Tests.Domain.Grants;

/// <summary>What a group gives to accept: a named signatory with the tick, and up to five outcomes with indicators.</summary>
public sealed class AcceptanceTests
{
    private static readonly DateOnly OfferedOn = new(2027, 6, 1);
    private static readonly DateOnly Today = new(2027, 6, 10);

    [Fact]
    public void Check_TheTestsAcceptance_FindsNothing()
    {
        Assert.Empty(GrantInState.Acceptance().Check(OfferedOn, Today));
    }

    [Theory]
    [InlineData("2027-06-11", "The date signed must be today or in the past")]
    [InlineData("2027-05-31", "The date signed must be on or after the day the grant was offered")]
    public void Check_SignedOnOutsideTheOffer_IsRefusedAtTheDate(string signedOn, string message)
    {
        var acceptance = GrantInState.Acceptance(DateOnly.Parse(signedOn, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal([new Problem("signatory.signedOn", message)], acceptance.Check(OfferedOn, Today));
    }

    [Fact]
    public void Check_SignatoryMissingRoleAndTick_IsLocatedAtEachField()
    {
        var acceptance = GrantInState.Acceptance() with { Signatory = new Signatory(new string('a', 201), " ", Today, MaySignForGroup: false) };

        Assert.Equal(
        [
            new Problem("signatory.name", "The name must be 200 characters or fewer (it has 201)"),
            new Problem("signatory.role", "Enter their role in the group, like Treasurer"),
            new Problem("signatory.maySignForGroup", "Confirm that you may sign agreements for the group"),
        ], acceptance.Check(OfferedOn, Today));
    }

    [Fact]
    public void Check_OutcomesAndIndicatorsOutOfRange_AreLocatedToTheIndicator()
    {
        Outcome Valid() => new("Fewer people feel isolated", [new Indicator("Walkers", "people", 10)]);
        var outcomes = new List<Outcome>
        {
            new("", []),
            new("More walks", [new Indicator("", "", 0), new Indicator("Walks", new string('u', 41), 1_000_001)]),
            Valid(), Valid(), Valid(), Valid(),
        };

        Assert.Equal(
        [
            new Problem("outcomes", "Enter up to 5 outcomes: the ones that matter most"),
            new Problem("outcomes[0].description", "Describe outcome 1"),
            new Problem("outcomes[0].indicators", "Enter at least one way to count outcome 1"),
            new Problem("outcomes[1].indicators[0].whatIsCounted", "Enter what indicator 1 of outcome 2 counts"),
            new Problem("outcomes[1].indicators[0].unit", "Enter the unit indicator 1 of outcome 2 counts in, like people or sessions"),
            new Problem("outcomes[1].indicators[0].target", "The target for indicator 1 of outcome 2 must be a whole number from 1 to 1,000,000"),
            new Problem("outcomes[1].indicators[1].unit", "The unit of indicator 2 of outcome 2 must be 40 characters or fewer (it has 41)"),
            new Problem("outcomes[1].indicators[1].target", "The target for indicator 2 of outcome 2 must be a whole number from 1 to 1,000,000"),
        ], GrantLimits.CheckOutcomes("outcomes", outcomes));
    }

    [Fact]
    public void Check_NoOutcomes_AsksForOne()
    {
        Assert.Equal([new Problem("outcomes", "Enter at least one outcome: a change the grant is for")], GrantLimits.CheckOutcomes("outcomes", []));
    }

    [Fact]
    public void StartingFrom_ApplicationOutcomesText_GivesAnOutcomeForEachOfTheFirstFiveParagraphsWithinTheLimit()
    {
        var text = "Fewer people feel isolated.\n\nMore people walk weekly.\n" + string.Join(' ', Enumerable.Repeat("word", 80)) + "\nFour\nFive\nSix";

        var outcomes = GrantLimits.StartingFrom(text);

        Assert.Equal(5, outcomes.Count);
        Assert.Equal(["Fewer people feel isolated.", "More people walk weekly."], outcomes.Take(2).Select(outcome => outcome.Description));
        Assert.Equal(60, FreeText.WordsIn(outcomes[2].Description));
        Assert.Equal("Five", outcomes[4].Description);
        Assert.All(outcomes, outcome => Assert.Empty(outcome.Indicators));
        Assert.All(outcomes, outcome => Assert.Null(FreeText.Check("d", "d", outcome.Description, GrantLimits.OutcomeDescription)));
    }
}
