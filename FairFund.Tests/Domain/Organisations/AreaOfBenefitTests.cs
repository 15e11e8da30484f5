using FairFund.Domain.Organisations;

namespace FairFund.Tests.Domain.Organisations;

public sealed class AreaOfBenefitTests
{
    private static readonly AreaOfBenefit CoventryAndParts = new(["cv", "B46", " CV23  9 ", "b"]);

    [Theory]
    [InlineData("CV1 1AA", "CV")]
    [InlineData("cv470ab", "CV")]
    [InlineData("B46 1AA", "B46")]
    [InlineData("B1 1AA", "B")]
    [InlineData("BA1 1AA", null)]
    [InlineData("LE1 1AA", null)]
    [InlineData("not a postcode", null)]
    [InlineData("", null)]
    public void EntryContaining_MatchesAreasByLettersDistrictsAndSectors(string postcode, string? entry) =>
        Assert.Equal(entry, CoventryAndParts.EntryContaining(postcode));

    [Theory]
    [InlineData("CV23 9QP", true)]
    [InlineData("CV23 0AB", false)]
    [InlineData("CV2 3AB", false)]
    public void Contains_ASectorTakesInOnlyThatSector(string postcode, bool inArea) =>
        Assert.Equal(inArea, new AreaOfBenefit(["CV23 9"]).Contains(postcode));

    [Fact]
    public void Entries_AreTidiedAndListedOnceInTheirOrder()
    {
        var area = new AreaOfBenefit(["cv47", " CV47", "", "  ", "cv23   9"]);

        Assert.Equal(["CV47", "CV23 9"], area.Entries);
        Assert.True(area.IsSet);
        Assert.False(AreaOfBenefit.None.IsSet);
    }
}
