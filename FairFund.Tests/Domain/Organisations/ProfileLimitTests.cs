using FairFund.Domain.Organisations;
using FairFund.Domain.Validation;

namespace FairFund.Tests.Domain.Organisations;

/// <summary>Every text a group enters about itself has a character limit, and every number a range; names are cleaned of hidden characters.</summary>
public sealed class ProfileLimitTests
{
    private static readonly DateOnly Today = new(2027, 3, 1);

    private static readonly ProfileDetails Valid = new(
        "Hillfields Community Kitchen", OrganisationType.RegisteredCharity, CharityRegulator.EnglandAndWales, "1234567", null,
        45_000m, new DateOnly(2026, 3, 31), "CV1 1AA", "Hillfields, Coventry", 5, 1, 1,
        [new Contact("Asha Patel", "Secretary", "asha@example.org", "024 7600 0000")]);

    private static string Long(int characters) => new('x', characters);

    public static TheoryData<ProfileDetails, Problem> OverLimit => new()
    {
        { Valid with { Name = Long(201) }, new("name", "Your group's name must be 200 characters or fewer (it has 201)") },
        { Valid with { AreaServed = Long(501) }, new("areaServed", "The area your group serves must be 500 characters or fewer (it has 501)") },
        { Valid with { Contacts = [new Contact(Long(201), "Secretary", "asha@example.org")] }, new("contacts[0].name", "The contact's name must be 200 characters or fewer (it has 201)") },
        { Valid with { Contacts = [new Contact("Asha", Long(300), "asha@example.org")] }, new("contacts[0].role", "The contact's role must be 200 characters or fewer (it has 300)") },
        { Valid with { Contacts = [new Contact("Asha", "Secretary", Long(250) + "@example.org")] }, new("contacts[0].email", "The contact's email address must be 254 characters or fewer (it has 262)") },
        { Valid with { Contacts = [new Contact("Asha", "Secretary", "asha@example.org", "0" + Long(40))] }, new("contacts[0].phone", "The contact's phone number must be 30 characters or fewer (it has 41)") },
        { Valid with { AnnualIncome = 79228162514264337593543950335m }, new("annualIncome", "Enter your annual income as £1,000,000,000 or less") },
        { Valid with { PeopleRunningTheGroup = 2_000_000_000 }, new("peopleRunningTheGroup", "Enter how many people run your group, as 10,000 or fewer") },
    };

    [Theory]
    [MemberData(nameof(OverLimit))]
    public void Check_ATextOrNumberBeyondItsLimit_IsLocatedAtItsField(ProfileDetails details, Problem problem) =>
        Assert.Equal([problem], new OrganisationProfile(Guid.NewGuid(), details).Check(Today));

    [Fact]
    public void Update_ANameWithDirectionAndZeroWidthCharacters_IsKeptCleaned()
    {
        var profile = new OrganisationProfile(Guid.NewGuid(), Valid with { Name = "Hillfields\u200B \u202ECommunity\u202C\r\nKitchen\0" });

        Assert.Equal("Hillfields Community Kitchen", profile.Name);
        Assert.Empty(profile.Check(Today));
    }
}
