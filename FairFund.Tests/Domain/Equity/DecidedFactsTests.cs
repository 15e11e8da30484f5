using FairFund.Domain.Allocation;
using FairFund.Domain.Equity;
using FairFund.Domain.Moderation;
using FairFund.Domain.Organisations;
using FairFund.Domain.RoundFiles;
using FairFund.Tests.Domain.Allocation;

namespace FairFund.Tests.Domain.Equity;

/// <summary>The facts an equity report takes from decisions as moderation left them, and the district it groups by.</summary>
public sealed class DecidedFactsTests
{
    private static RoundFile Coventry() =>
        RoundFileReader.Read(File.ReadAllText(Path.Combine(ScenarioTests.ScenarioFolder, "coventry-warwickshire-2027.round.json"))).File!;

    [Fact]
    public void From_ModeratedApplications_CountTheDecisionAndAmountModerationLeft()
    {
        var computed = Coventry().Allocate();
        var funded = computed.Applications.First(application => application.Decision == Decision.Award);
        var waiting = computed.Applications.First(application => application.Decision == Decision.Waitlist);
        AllocationOverride Made(ApplicationResult application, OverrideKind kind, decimal amount, string? pot) =>
            new(Guid.NewGuid(), Guid.Empty, application.Reference, kind, amount, pot, "A reason.", "manager@example.org", DateTimeOffset.UnixEpoch);
        var moderated = FairFund.Domain.Moderation.Moderation.Apply(computed, [Made(funded, OverrideKind.Decline, 0m, null), Made(waiting, OverrideKind.Fund, 1_000m, RoundSettings.GeneralPotKey)], 25m, 12.5m);

        var declinedFacts = ApplicationFacts.From(moderated.Find(funded.Reference)!, "CV1", 3);
        var fundedFacts = ApplicationFacts.From(moderated.Find(waiting.Reference)!);

        Assert.Equal((ApplicationOutcome.NotFunded, 0m, "CV1", (int?)3), (declinedFacts.Outcome, declinedFacts.Awarded, declinedFacts.District, declinedFacts.DeprivationDecile));
        Assert.Equal((ApplicationOutcome.Funded, 1_000m, waiting.Requested), (fundedFacts.Outcome, fundedFacts.Awarded, fundedFacts.Asked));
        var ineligible = computed.Applications.FirstOrDefault(application => application.Reason == DeclineReason.Ineligible);
        if (ineligible is not null) Assert.Equal(ApplicationOutcome.Ineligible, ApplicationFacts.From(moderated.Find(ineligible.Reference)!).Outcome);
    }

    [Theory]
    [InlineData("CV1 1AA", "CV1")]
    [InlineData("cv47 0ab", "CV47")]
    [InlineData("EC1A1BB", "EC1A")]
    [InlineData("not a postcode", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void District_OfAPostcode_IsItsOutwardCode(string? postcode, string? district) =>
        Assert.Equal(district, Postcodes.District(postcode));
}
