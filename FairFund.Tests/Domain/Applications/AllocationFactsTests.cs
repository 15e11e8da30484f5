using FairFund.Domain.Applications;
using FairFund.Domain.Organisations;

namespace FairFund.Tests.Domain.Applications;

public sealed class AllocationFactsTests
{
    [Theory]
    [InlineData(new ApplicationState[0], true)]
    [InlineData(new[] { ApplicationState.Declined, ApplicationState.Withdrawn, ApplicationState.Waitlisted }, true)]
    [InlineData(new[] { ApplicationState.Declined, ApplicationState.Awarded }, false)]
    public void IsFirstTimeApplicant_OnlyUntilTheFunderHasAwardedAGrant(ApplicationState[] earlier, bool firstTime) =>
        Assert.Equal(firstTime, AllocationFacts.IsFirstTimeApplicant(earlier));

    [Fact]
    public void OrganisationFor_APartnershipFromANewGroup_CarriesBothFlagsBesideTheProfiles()
    {
        var profile = new OrganisationProfile(Guid.NewGuid(), new ProfileDetails("Foleshill Peer Support", OrganisationType.UnregisteredGroup, null, null, null,
            8400m, new DateOnly(2026, 3, 31), "CV6 5AA", "Foleshill", 5, 4, 1, [new Contact("Amina", "Coordinator", "amina@example.org")]));
        var application = ApplicationInState.Draft();
        application.AnswerPartners(true, [new Partner("Coventry Mind", "Training")]);

        var organisation = AllocationFacts.OrganisationFor(profile, application, fundedBefore: false);

        Assert.Equal([KnownFlags.Unregistered, KnownFlags.LivedExperienceLed, KnownFlags.FirstTimeApplicant, KnownFlags.PartnershipBid], organisation.Flags);
        Assert.Equal(8400m, organisation.AnnualIncome);
    }

    [Fact]
    public void OrganisationFor_AGroupFundedBeforeWorkingAlone_HasNeitherFlag()
    {
        var profile = new OrganisationProfile(Guid.NewGuid(), new ProfileDetails("Southam Befriending", OrganisationType.UnregisteredGroup, null, null, null,
            20000m, new DateOnly(2026, 3, 31), "CV47 0AA", "Southam", 4, 1, 1, [new Contact("Jo", "Chair", "jo@example.org")]));

        var organisation = AllocationFacts.OrganisationFor(profile, ApplicationInState.Draft(), fundedBefore: true);
        var inARuralArea = AllocationFacts.OrganisationFor(profile, ApplicationInState.Draft(), fundedBefore: true, new RuralAreas(["CV47"]));

        Assert.Equal([KnownFlags.Unregistered], organisation.Flags);
        Assert.Equal([KnownFlags.Unregistered, KnownFlags.Rural], inARuralArea.Flags);
    }
}
