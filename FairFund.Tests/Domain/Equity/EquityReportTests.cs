using FairFund.Domain.Allocation;
using FairFund.Domain.Equity;
using FairFund.Domain.Organisations;
using FairFund.Domain.RoundFiles;
using FairFund.Tests.Domain.Allocation;

namespace FairFund.Tests.Domain.Equity;

/// <summary>The equity report's figures, and its published view with small numbers withheld.</summary>
public sealed class EquityReportTests
{
    private static readonly string[] Bands = ["micro", "small", "medium"];

    private static ApplicationFacts Facts(
        string reference,
        string band = "micro",
        ApplicationOutcome outcome = ApplicationOutcome.NotFunded,
        decimal asked = 1_000m,
        decimal awarded = 0m,
        string? district = null,
        int? decile = null,
        params string[] flags) =>
        new(reference, band, district, decile, flags, outcome, asked, awarded);

    private static IEnumerable<ApplicationFacts> Many(int count, string prefix, string band = "micro", ApplicationOutcome outcome = ApplicationOutcome.NotFunded, params string[] flags) =>
        Enumerable.Range(1, count).Select(i => Facts($"{prefix}-{i}", band, outcome, awarded: outcome == ApplicationOutcome.Funded ? 1_000m : 0m, flags: flags));

    private static T Group<T>(IEnumerable<T> groups, Func<T, string> key, string wanted) => groups.Single(group => key(group) == wanted);

    private static GroupFigures Figures(EquityReport report, string dimension, string group) =>
        Group(report.Dimensions.Single(d => d.Key == dimension).Groups, g => g.Key, group);

    private static PublishedGroup Published(PublishedEquityReport report, string dimension, string group) =>
        Group(report.Dimensions.Single(d => d.Key == dimension).Groups, g => g.Key, group);

    [Fact]
    public void For_HandCountedFacts_EachGroupHasItsSums()
    {
        ApplicationFacts[] facts =
        [
            Facts("M1", outcome: ApplicationOutcome.Funded, awarded: 1_000m, district: "CV1", decile: 1, flags: [KnownFlags.UserLed, KnownFlags.Rural]),
            Facts("M2", outcome: ApplicationOutcome.Funded, awarded: 1_000m, district: "CV1", decile: 1, flags: [KnownFlags.UserLed]),
            Facts("M3", outcome: ApplicationOutcome.Funded, awarded: 800m, district: "CV2", decile: 3),
            Facts("M4", outcome: ApplicationOutcome.Ineligible, asked: 2_000m),
            Facts("S1", "small", ApplicationOutcome.Funded, 4_000m, 4_000m, "CV1", 10, KnownFlags.Rural, "racialisedCommunitiesLed"),
            Facts("S2", "small", ApplicationOutcome.NotFunded, 3_000m, district: "CV2"),
        ];

        var report = EquityReport.For(20_000m, Bands, facts);

        Assert.Equal(("all", 6, 5, 4, 12_000m, 6_800m, 0.6667m, 0.34m, 1m),
            (report.Total.Key, report.Total.Applications, report.Total.Eligible, report.Total.Funded, report.Total.Asked, report.Total.Awarded, report.Total.SuccessRate, report.Total.ShareOfBudget, report.Total.ShareOfApplications));
        var micro = Figures(report, EquityReport.IncomeBandDimension, "micro");
        Assert.Equal((4, 3, 3, 5_000m, 2_800m, 0.75m, 0.14m, 0.6667m),
            (micro.Applications, micro.Eligible, micro.Funded, micro.Asked, micro.Awarded, micro.SuccessRate, micro.ShareOfBudget, micro.ShareOfApplications));
        var medium = Figures(report, EquityReport.IncomeBandDimension, "medium");
        Assert.Equal((0, null, 0m), (medium.Applications, medium.SuccessRate, medium.Awarded));
        Assert.Equal(["CV1", "CV2", EquityReport.NotKnown], report.Dimensions.Single(d => d.Key == EquityReport.DistrictDimension).Groups.Select(g => g.Key));
        Assert.Equal((3, 3, 6_000m), (Figures(report, EquityReport.DistrictDimension, "CV1").Applications, Figures(report, EquityReport.DistrictDimension, "CV1").Funded, Figures(report, EquityReport.DistrictDimension, "CV1").Awarded));
        Assert.Equal((2, 5_000m), (Figures(report, EquityReport.RuralDimension, "rural").Applications, Figures(report, EquityReport.RuralDimension, "rural").Awarded));
        Assert.Equal(2, Figures(report, EquityReport.DeprivationDimension, "1").Applications);
        Assert.Equal(2, Figures(report, EquityReport.DeprivationDimension, EquityReport.NotKnown).Applications);
        Assert.Equal(11, report.Dimensions.Single(d => d.Key == EquityReport.DeprivationDimension).Groups.Count);
        Assert.Equal(2_000m, Figures(report, "flag:" + KnownFlags.UserLed, "yes").Awarded);
        Assert.Equal(4_800m, Figures(report, "flag:" + KnownFlags.UserLed, "no").Awarded);
        Assert.Equal(1, Figures(report, "flag:racialisedCommunitiesLed", "yes").Funded);
        Assert.DoesNotContain(report.Dimensions, d => d.Key == "flag:" + KnownFlags.Rural);
        Assert.All(report.Dimensions, dimension =>
        {
            Assert.Equal(report.Total.Applications, dimension.Groups.Sum(g => g.Applications));
            Assert.Equal(report.Total.Awarded, dimension.Groups.Sum(g => g.Awarded));
        });
    }

    [Theory]
    [InlineData(4, true)]
    [InlineData(5, false)]
    public void Published_BandOf4Or5_FewerThan5IsWithheldAnd5IsShown(int count, bool withheld)
    {
        var report = EquityReport.For(100_000m, Bands, [.. Many(count, "M", "micro"), .. Many(20, "S", "small")]);

        var published = report.Published();

        var micro = Published(published, EquityReport.IncomeBandDimension, "micro");
        var small = Published(published, EquityReport.IncomeBandDimension, "small");
        if (withheld)
        {
            Assert.Equal((null, Withheld.FewerThanFive, "fewer than 5"), (micro.Applications.Value, micro.Applications.Withheld, micro.Applications.Text));
            Assert.Equal((null, Withheld.FewerThanFive), (micro.Asked.Value, micro.Asked.Withheld));
            Assert.False(micro.ShareOfApplications.IsShown);
            // Otherwise the total less the small band would give the micro band.
            Assert.Equal((null, Withheld.ToProtectAnother, "not shown"), (small.Applications.Value, small.Applications.Withheld, small.Applications.Text));
            Assert.False(small.Asked.IsShown);
        }
        else
        {
            Assert.Equal((5, Withheld.No, "5"), (micro.Applications.Value, micro.Applications.Withheld, micro.Applications.Text));
            Assert.Equal((5_000m, 0.2m), (micro.Asked.Value, micro.ShareOfApplications.Value));
            Assert.Equal(20, small.Applications.Value);
        }
        Assert.Equal(count + 20, published.Total.Applications.Value);
        Assert.Equal(0, Published(published, EquityReport.IncomeBandDimension, "medium").Applications.Value);
    }

    [Theory]
    [InlineData(4, true)]
    [InlineData(5, false)]
    public void Published_FlagOn4Or5_TheYesAndNoRowsAreWithheldTogetherOrShown(int count, bool withheld)
    {
        var report = EquityReport.For(100_000m, Bands, [.. Many(count, "U", flags: KnownFlags.UserLed), .. Many(20, "O")]);

        var published = report.Published();

        var yes = Published(published, "flag:" + KnownFlags.UserLed, "yes");
        var no = Published(published, "flag:" + KnownFlags.UserLed, "no");
        Assert.Equal(withheld ? Withheld.FewerThanFive : Withheld.No, yes.Applications.Withheld);
        Assert.Equal(withheld ? Withheld.ToProtectAnother : Withheld.No, no.Applications.Withheld);
        Assert.Equal(withheld ? null : 20, no.Applications.Value);
    }

    [Fact]
    public void Published_FundedThreeFewerThanEligible_FundedIsWithheldInTheRowAndInAnotherBand()
    {
        // Micro: 10 applied, 10 eligible, 7 funded; showing all three would tell that 3 eligible groups were not funded.
        // Medium's 5 not funded keep the total's difference (37 eligible, 29 funded) at 5 or more.
        var report = EquityReport.For(100_000m, Bands,
            [.. Many(7, "MF", "micro", ApplicationOutcome.Funded), .. Many(3, "MN", "micro"), .. Many(10, "SF", "small", ApplicationOutcome.Funded), .. Many(12, "DF", "medium", ApplicationOutcome.Funded), .. Many(5, "DN", "medium")]);

        var published = report.Published();

        var micro = Published(published, EquityReport.IncomeBandDimension, "micro");
        Assert.Equal((10, 10), (micro.Applications.Value, micro.Eligible.Value));
        Assert.Equal((null, Withheld.ToProtectAnother), (micro.Funded.Value, micro.Funded.Withheld));
        Assert.False(micro.Awarded.IsShown);
        Assert.False(micro.SuccessRate.IsShown);
        Assert.False(micro.ShareOfBudget.IsShown);
        // The smaller of the other bands' funded counts is withheld too, so micro's cannot be worked out from the total.
        Assert.Equal(Withheld.ToProtectAnother, Published(published, EquityReport.IncomeBandDimension, "small").Funded.Withheld);
        Assert.Equal(12, Published(published, EquityReport.IncomeBandDimension, "medium").Funded.Value);
        Assert.Equal(29, published.Total.Funded.Value);
    }

    [Fact]
    public void Published_ManyRandomRounds_NoCountFrom1To4IsShownOrCanBeWorkedOut()
    {
        var random = new Random(19);
        string[] districts = ["CV1", "CV2", "CV3", "CV47"];
        string[] flags = [KnownFlags.UserLed, KnownFlags.LivedExperienceLed, KnownFlags.FirstTimeApplicant, KnownFlags.Unregistered, KnownFlags.PartnershipBid, KnownFlags.Rural];
        for (var round = 0; round < 300; round++)
        {
            var facts = Enumerable.Range(0, random.Next(0, 60)).Select(i =>
            {
                var outcome = (ApplicationOutcome)random.Next(3);
                return Facts($"R{round}-{i}", Bands[random.Next(Bands.Length)], outcome, 1_000m, outcome == ApplicationOutcome.Funded ? 500m : 0m,
                    random.Next(5) == 0 ? null : districts[random.Next(districts.Length)],
                    random.Next(3) == 0 ? null : random.Next(1, 11),
                    [.. flags.Where(_ => random.Next(3) == 0)]);
            }).ToList();
            var report = EquityReport.For(50_000m, Bands, facts);

            var published = report.Published();

            var pairs = report.Dimensions.SelectMany(d => d.Groups).Prepend(report.Total)
                .Zip(published.Dimensions.SelectMany(d => d.Groups).Prepend(published.Total)).ToList();
            foreach (var (full, shown) in pairs)
            {
                var counts = new[] { (full.Applications, shown.Applications), (full.Eligible, shown.Eligible), (full.Funded, shown.Funded) };
                foreach (var (value, count) in counts)
                {
                    Assert.True(count.Withheld != Withheld.No || count.Value == value, "a shown count is the true count");
                    Assert.False(count.Withheld == Withheld.No && SmallNumbers.IsSmall(value), $"round {round}: {full.Key} shows {value}");
                }
                foreach (var (wider, narrower) in new[] { (0, 1), (1, 2), (0, 2) })
                {
                    if (counts[wider].Item2.Withheld == Withheld.No && counts[narrower].Item2.Withheld == Withheld.No)
                        Assert.False(SmallNumbers.IsSmall(counts[wider].Item1 - counts[narrower].Item1), $"round {round}: {full.Key} gives a difference under 5");
                }
                Assert.Equal(shown.Applications.Withheld == Withheld.No, shown.Asked.IsShown);
                Assert.Equal(shown.Funded.Withheld == Withheld.No, shown.Awarded.IsShown);
                Assert.Equal(shown.Funded.Withheld == Withheld.No, shown.ShareOfBudget.IsShown);
            }
            foreach (var dimension in published.Dimensions)
            {
                foreach (var column in new Func<PublishedGroup, PublishedCount>[] { g => g.Applications, g => g.Eligible, g => g.Funded })
                {
                    if (column(published.Total).Withheld != Withheld.No) continue;
                    Assert.NotEqual(1, dimension.Groups.Count(g => column(g).Withheld != Withheld.No));
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void For_ScenarioAllocation_TotalsAreTheAllocationsOwn(string scenario)
    {
        var file = RoundFileReader.Read(File.ReadAllText(Path.Combine(ScenarioTests.ScenarioFolder, scenario + ".round.json"))).File!;
        var allocation = file.Allocate();

        var report = EquityReport.For(file.Round.Budget, [.. file.Round.IncomeBands.Bands.Select(band => band.Key)], [.. allocation.Applications.Select(application => ApplicationFacts.From(application))]);

        Assert.Equal(allocation.Applications.Count, report.Total.Applications);
        Assert.Equal(allocation.Count(Decision.Award), report.Total.Funded);
        Assert.Equal(allocation.Applications.Count(application => application.Reason != DeclineReason.Ineligible), report.Total.Eligible);
        Assert.Equal(allocation.Allocated, report.Total.Awarded);
        Assert.All(report.Dimensions, dimension => Assert.Equal(allocation.Allocated, dimension.Groups.Sum(group => group.Awarded)));
        foreach (var band in report.Dimensions.Single(d => d.Key == EquityReport.IncomeBandDimension).Groups)
            Assert.Equal(allocation.Applications.Where(application => application.Band == band.Key).Sum(application => application.Amount), band.Awarded);
    }

    public static TheoryData<string> Scenarios() => ScenarioTests.Scenarios();

    [Theory]
    [InlineData("band", "applications[1] (B).band: \"huge\" is not one of the round's income bands")]
    [InlineData("decile", "applications[1] (B).deprivationDecile: 11 must be from 1 to 10")]
    [InlineData("awarded", "applications[1] (B).awarded: 500 was awarded to an application that is NotFunded")]
    [InlineData("twice", "applications[1] (A).reference: listed twice")]
    public void For_InconsistentFacts_RefusedNamingTheApplicationAndField(string mistake, string message)
    {
        var second = mistake switch
        {
            "band" => Facts("B", "huge"),
            "decile" => Facts("B", decile: 11),
            "awarded" => Facts("B", awarded: 500m),
            _ => Facts("A"),
        };

        var error = Assert.Throws<ArgumentException>(() => EquityReport.For(10_000m, Bands, [Facts("A"), second]));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }
}
