using FairFund.Domain.Applications;
using FairFund.Domain.Organisations;

namespace FairFund.Tests.Domain.Applications;

/// <summary>The rules the round's list of applications asks the database by: postcode areas, income bands, flags and the filter's checks.</summary>
public sealed class ApplicationListFilterTests
{
    [Theory]
    [InlineData("B", "B1 1AA", true)]
    [InlineData("B", "BA1 1AA", false)]
    [InlineData("b", "B12 9ZZ", true)]
    [InlineData("CV47", "CV47 0AB", true)]
    [InlineData("CV4", "CV47 0AB", false)]
    [InlineData("CV23 9", "CV23 9XY", true)]
    [InlineData("CV23 9", "CV23 1XY", false)]
    public void PostcodePrefix_AreaDistrictOrSector_ContainsOnlyPostcodesInIt(string entered, string postcode, bool inside)
    {
        var prefix = PostcodePrefix.Parse(entered);

        Assert.NotNull(prefix);
        Assert.Equal(inside, prefix.Contains(postcode));
        Assert.Equal(inside, new AreaOfBenefit([entered]).Contains(postcode));
    }

    [Theory]
    [InlineData("Coventry")]
    [InlineData("CV1 1AA")]
    [InlineData("12")]
    public void PostcodePrefix_NotAnAreaDistrictOrSector_IsNone(string entered) => Assert.Null(PostcodePrefix.Parse(entered));

    [Theory]
    [InlineData(9_999.99, "micro")]
    [InlineData(10_000, "small")]
    [InlineData(99_999.99, "small")]
    [InlineData(100_000, "medium")]
    [InlineData(50_000_000, "major")]
    public void RangeOf_EveryIncome_LiesInTheRangeOfTheBandItIsIn(double income, string band)
    {
        var bands = IncomeBands.Default;
        var amount = (decimal)income;

        Assert.Equal(band, bands.BandFor(amount));
        foreach (var each in bands.Bands)
        {
            var (from, upTo) = bands.RangeOf(each.Key)!.Value;
            var inRange = (from is null || amount >= from) && (upTo is null || amount < upTo);
            Assert.Equal(each.Key == band, inRange);
        }
        Assert.Null(bands.RangeOf("enormous"));
    }

    [Theory]
    [InlineData(OrganisationType.UnregisteredGroup, 5, 3, 2)]
    [InlineData(OrganisationType.CharitableIncorporatedOrganisation, 4, 2, 3)]
    [InlineData(OrganisationType.CharitableIncorporatedOrganisation, 5, 6, 0)]
    [InlineData(OrganisationType.CommunityInterestCompany, 1, 1, 1)]
    public void Vouches_EachDerivedFlag_AgreesWithTheProfilesFlags(OrganisationType type, int people, int livedExperience, int users)
    {
        var profile = new OrganisationProfile(Guid.NewGuid(), new ProfileDetails("Group", type, null, null, null, 5_000m, new DateOnly(2026, 3, 31),
            "CV1 1AA", "Coventry", people, livedExperience, users, []));

        foreach (var flag in OrganisationProfile.DerivedFlags)
            Assert.Equal(profile.Flags.Contains(flag), OrganisationProfile.Vouches(flag).Compile()(profile));
    }

    [Fact]
    public void Check_EachFilterOutOfItsRange_IsRefusedAtItsField()
    {
        var filter = new ApplicationListFilter(new string('x', 101), [], "enormous", "Coventry", ["rural"], -1m, 1.005m, Page: 0);

        var problems = filter.Check(IncomeBands.Default);

        Assert.Equal(["search", "band", "area", "flags", "amountFrom", "amountTo", "page"], problems.Select(problem => problem.Location));
    }

    [Fact]
    public void Check_AmountFromAboveAmountTo_IsRefusedAtAmountTo()
    {
        var problems = (ApplicationListFilter.Everything with { AmountFrom = 500m, AmountTo = 100m }).Check(IncomeBands.Default);

        Assert.Equal("amountTo", Assert.Single(problems).Location);
    }

    [Fact]
    public void Counts_FromStates_CountEachApplicationOnceAtItsStage()
    {
        var counts = ApplicationCounts.From(new Dictionary<ApplicationState, int>
        {
            [ApplicationState.Draft] = 5, [ApplicationState.Submitted] = 4, [ApplicationState.Awarded] = 3, [ApplicationState.Declined] = 2, [ApplicationState.Withdrawn] = 1,
        });

        Assert.Equal((5, 4, 1, 0, 5), (counts.DraftsStarted, counts.Sent, counts.Withdrawn, counts.Eligible, counts.Decided));
        Assert.Equal(15, counts.Total);
    }
}
