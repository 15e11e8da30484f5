using FairFund.Domain.Organisations;

namespace FairFund.Tests.Domain.Organisations;

public sealed class RuralAreasTests
{
    private static readonly RuralAreas Warwickshire = new(["CV47", "cv23 9", " CV35  0 "]);

    [Theory]
    [InlineData("CV47 0AA", true)]
    [InlineData("cv470aa", true)]
    [InlineData("CV23 9QP", true)]
    [InlineData("CV23 0AB", false)]
    [InlineData("CV35 0DB", true)]
    [InlineData("CV4 7AL", false)]
    [InlineData("CV1 1AA", false)]
    [InlineData("not a postcode", false)]
    public void Contains_ListedDistrictsAndSectorsOnly(string postcode, bool rural) =>
        Assert.Equal(rural, Warwickshire.Contains(postcode));
}
