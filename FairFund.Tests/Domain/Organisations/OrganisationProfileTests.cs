using FairFund.Domain.Organisations;
using FairFund.Domain.Validation;

namespace FairFund.Tests.Domain.Organisations;

/// <summary>
/// The profile a group enters once: every rule in <see cref="OrganisationProfile.Check"/> located by
/// field, the 360Giving org-id for each type and regulator, and the flags derived from who runs the group.
/// </summary>
public sealed class OrganisationProfileTests
{
    private static readonly DateOnly Today = new(2027, 3, 1);

    private static readonly Contact Asha = new("Asha Patel", "Secretary", "asha@example.org", "024 7600 0000");

    private static readonly ProfileDetails Valid = new(
        Name: "Hillfields Community Kitchen",
        Type: OrganisationType.RegisteredCharity,
        CharityRegulator: CharityRegulator.EnglandAndWales,
        CharityNumber: "1234567",
        CompanyNumber: null,
        AnnualIncome: 45_000m,
        IncomeYearEnd: new DateOnly(2026, 3, 31),
        Postcode: "CV1 1AA",
        AreaServed: "Hillfields, Coventry",
        PeopleRunningTheGroup: 5,
        OfThemWithLivedExperience: 1,
        OfThemWhoUseTheServices: 1,
        Contacts: [Asha]);

    private static readonly Guid Id = new("6f1c2a4e-0000-4000-8000-000000000001");

    private static OrganisationProfile Profile(ProfileDetails details) => new(Id, details);

    private static IReadOnlyList<Problem> Problems(ProfileDetails details) => Profile(details).Check(Today);

    private static Problem Only(ProfileDetails details) => Assert.Single(Problems(details));

    [Fact]
    public void Check_ValidProfile_HasNoProblems()
    {
        Assert.Empty(Problems(Valid));
    }

    [Theory]
    [InlineData("1234567", CharityRegulator.EnglandAndWales, "1234567")]
    [InlineData("123456", CharityRegulator.EnglandAndWales, "123456")]
    [InlineData(" 1234567 ", CharityRegulator.EnglandAndWales, "1234567")]
    [InlineData("SC012345", CharityRegulator.Scotland, "SC012345")]
    [InlineData("sc 012345", CharityRegulator.Scotland, "SC012345")]
    [InlineData("100019", CharityRegulator.NorthernIreland, "100019")]
    public void Check_WellFormedCharityNumber_IsNormalisedAndAccepted(string entered, CharityRegulator regulator, string stored)
    {
        var profile = Profile(Valid with { CharityNumber = entered, CharityRegulator = regulator });

        Assert.Equal(stored, profile.CharityNumber);
        Assert.Empty(profile.Check(Today));
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("12345678")]
    [InlineData("ABC123456")]
    [InlineData("SC12345")]
    [InlineData("12-34567")]
    public void Check_MalformedCharityNumber_IsRefusedWithAnExample(string entered)
    {
        var problem = Only(Valid with { CharityNumber = entered });

        Assert.Equal(new Problem("charityNumber", "Enter a charity number like 1234567 or SC012345"), problem);
    }

    [Fact]
    public void Check_ScottishRegulatorWithoutScPrefix_IsRefusedOnTheNumber()
    {
        var problem = Only(Valid with { CharityRegulator = CharityRegulator.Scotland, CharityNumber = "012345" });

        Assert.Equal("charityNumber", problem.Location);
        Assert.Equal("A Scottish charity number starts with SC, like SC012345", problem.Message);
    }

    [Fact]
    public void Check_ScNumberWithEnglandAndWalesRegulator_IsRefusedOnTheRegulator()
    {
        var problem = Only(Valid with { CharityNumber = "SC012345" });

        Assert.Equal("charityRegulator", problem.Location);
    }

    [Fact]
    public void Check_CharityNumberWithoutRegulator_AsksWhereItIsRegistered()
    {
        var problem = Only(Valid with { CharityRegulator = null });

        Assert.Equal("charityRegulator", problem.Location);
        Assert.StartsWith("Choose where your charity is registered", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("01234567", "01234567")]
    [InlineData("SC123456", "SC123456")]
    [InlineData("sc123456", "SC123456")]
    [InlineData(" 0123 4567 ", "01234567")]
    [InlineData("NI123456", "NI123456")]
    [InlineData("R0000123", "R0000123")]
    public void Check_WellFormedCompanyNumber_IsNormalisedAndAccepted(string entered, string stored)
    {
        var profile = Profile(Valid with { Type = OrganisationType.CommunityInterestCompany, CharityRegulator = null, CharityNumber = null, CompanyNumber = entered });

        Assert.Equal(stored, profile.CompanyNumber);
        Assert.Empty(profile.Check(Today));
    }

    [Theory]
    [InlineData("1234567", "A company number has 8 characters: copy it as Companies House shows it, which may start with 0, like 01234567")]
    [InlineData("123456789", "Enter a company number of 8 characters, like 01234567 or SC123456")]
    [InlineData("ABC12345", "Enter a company number of 8 characters, like 01234567 or SC123456")]
    [InlineData("1234567A", "Enter a company number of 8 characters, like 01234567 or SC123456")]
    public void Check_MalformedCompanyNumber_IsRefused(string entered, string message)
    {
        var problem = Only(Valid with { Type = OrganisationType.OtherNonProfit, CharityRegulator = null, CharityNumber = null, CompanyNumber = entered });

        Assert.Equal(new Problem("companyNumber", message), problem);
    }

    [Theory]
    [InlineData(OrganisationType.RegisteredCharity, null, null, "charityNumber")]
    [InlineData(OrganisationType.CharitableIncorporatedOrganisation, null, null, "charityNumber")]
    [InlineData(OrganisationType.CharitableCompany, null, "01234567", "charityNumber")]
    [InlineData(OrganisationType.CharitableCompany, "1234567", null, "companyNumber")]
    [InlineData(OrganisationType.CommunityInterestCompany, null, null, "companyNumber")]
    public void Check_RegisteredTypeWithoutItsNumber_IsRefused(OrganisationType type, string? charity, string? company, string location)
    {
        var problem = Only(Valid with { Type = type, CharityNumber = charity, CompanyNumber = company });

        Assert.Equal(location, problem.Location);
        Assert.StartsWith("Enter your", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OrganisationType.CommunityBenefitSociety)]
    [InlineData(OrganisationType.OtherNonProfit)]
    public void Check_TypeWhoseNumbersAreOptional_AcceptsNone(OrganisationType type)
    {
        Assert.Empty(Problems(Valid with { Type = type, CharityRegulator = null, CharityNumber = null }));
    }

    [Theory]
    [InlineData("1234567", null, "charityNumber")]
    [InlineData(null, "01234567", "companyNumber")]
    public void Check_UnregisteredGroupWithANumber_IsRefused(string? charity, string? company, string location)
    {
        var problem = Only(Valid with { Type = OrganisationType.UnregisteredGroup, CharityNumber = charity, CompanyNumber = company });

        Assert.Equal(location, problem.Location);
        Assert.StartsWith("An unregistered group does not have", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_CommunityInterestCompanyWithCharityNumber_IsRefused()
    {
        var problem = Only(Valid with { Type = OrganisationType.CommunityInterestCompany, CompanyNumber = "01234567" });

        Assert.Equal("charityNumber", problem.Location);
    }

    [Theory]
    [InlineData("-0.01", "Enter your annual income as £0 or more")]
    [InlineData("100.005", "Enter your annual income in pounds and pence, with no more than 2 decimal places")]
    public void Check_InvalidIncome_IsRefused(string income, string message)
    {
        var problem = Only(Valid with { AnnualIncome = decimal.Parse(income, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(new Problem("annualIncome", message), problem);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1234.56")]
    public void Check_IncomeOfZeroOrInPence_IsAccepted(string income)
    {
        Assert.Empty(Problems(Valid with { AnnualIncome = decimal.Parse(income, System.Globalization.CultureInfo.InvariantCulture) }));
    }

    [Theory]
    [InlineData("2027-03-01", true)]
    [InlineData("2027-03-02", false)]
    [InlineData("2024-03-01", true)]
    [InlineData("2024-02-29", false)]
    public void Check_IncomeYearEnd_MustBeFromTheLastThreeYearsAndNotFuture(string yearEnd, bool accepted)
    {
        var problems = Problems(Valid with { IncomeYearEnd = DateOnly.Parse(yearEnd, System.Globalization.CultureInfo.InvariantCulture) });

        if (accepted) Assert.Empty(problems);
        else Assert.Equal("incomeYearEnd", Assert.Single(problems).Location);
    }

    [Theory]
    [InlineData("cv11aa", "CV1 1AA")]
    [InlineData(" cv1  1aa ", "CV1 1AA")]
    [InlineData("B338TH", "B33 8TH")]
    [InlineData("ec1a1bb", "EC1A 1BB")]
    [InlineData("W1A 0AX", "W1A 0AX")]
    [InlineData("M1 1AE", "M1 1AE")]
    public void Check_Postcode_IsNormalisedAndAccepted(string entered, string stored)
    {
        var profile = Profile(Valid with { Postcode = entered });

        Assert.Equal(stored, profile.Postcode);
        Assert.Empty(profile.Check(Today));
    }

    [Theory]
    [InlineData("", "Enter your group's postcode")]
    [InlineData("CV1", "Enter a full UK postcode, like CV1 1AA")]
    [InlineData("12345", "Enter a full UK postcode, like CV1 1AA")]
    [InlineData("CV1 1A1", "Enter a full UK postcode, like CV1 1AA")]
    public void Check_MalformedPostcode_IsRefused(string entered, string message)
    {
        Assert.Equal(new Problem("postcode", message), Only(Valid with { Postcode = entered }));
    }

    [Theory]
    [InlineData(-1, 0, 0, "peopleRunningTheGroup")]
    [InlineData(4, -1, 0, "ofThemWithLivedExperience")]
    [InlineData(4, 5, 0, "ofThemWithLivedExperience")]
    [InlineData(4, 0, -1, "ofThemWhoUseTheServices")]
    [InlineData(4, 0, 5, "ofThemWhoUseTheServices")]
    public void Check_CountsNegativeOrPartsOverTheWhole_AreRefused(int people, int livedExperience, int users, string location)
    {
        var problem = Only(Valid with { PeopleRunningTheGroup = people, OfThemWithLivedExperience = livedExperience, OfThemWhoUseTheServices = users });

        Assert.Equal(location, problem.Location);
    }

    [Theory]
    [InlineData("asha@example.org", true)]
    [InlineData("asha.patel+fund@mail.example.co.uk", true)]
    [InlineData("asha@example", false)]
    [InlineData("asha example.org", false)]
    [InlineData("asha@@example.org", false)]
    [InlineData("@example.org", false)]
    [InlineData("asha@example.", false)]
    public void Check_ContactEmail_MustBeWellFormed(string email, bool accepted)
    {
        var problems = Problems(Valid with { Contacts = [Asha, Asha with { Email = email }] });

        if (accepted) Assert.Empty(problems);
        else Assert.Equal(new Problem("contacts[1].email", "Enter an email address in the correct format, like name@example.org"), Assert.Single(problems));
    }

    [Fact]
    public void Check_NoContacts_AsksForOne()
    {
        Assert.Equal("contacts", Only(Valid with { Contacts = [] }).Location);
    }

    [Fact]
    public void Check_EverythingWrong_LocatesEachProblemByField()
    {
        var everythingWrong = new ProfileDetails(
            Name: " ",
            Type: OrganisationType.CharitableCompany,
            CharityRegulator: CharityRegulator.EnglandAndWales,
            CharityNumber: "12345",
            CompanyNumber: "1234567",
            AnnualIncome: -5m,
            IncomeYearEnd: new DateOnly(2028, 1, 1),
            Postcode: "nowhere",
            AreaServed: "",
            PeopleRunningTheGroup: 3,
            OfThemWithLivedExperience: 4,
            OfThemWhoUseTheServices: -1,
            Contacts: [Asha, new Contact("", "", "not an email", "call me")]);

        var locations = Problems(everythingWrong).Select(problem => problem.Location);

        Assert.Equal(
            ["name", "charityNumber", "companyNumber", "annualIncome", "incomeYearEnd", "postcode", "areaServed",
             "ofThemWithLivedExperience", "ofThemWhoUseTheServices",
             "contacts[1].name", "contacts[1].role", "contacts[1].email", "contacts[1].phone"],
            locations);
    }

    [Fact]
    public void Check_EveryMessage_IsASentenceForAVolunteer()
    {
        var problems = Problems(Valid with { Name = "", Postcode = "", AreaServed = "", Contacts = [] });

        Assert.All(problems, problem => Assert.True(char.IsUpper(problem.Message[0]), problem.Message));
    }

    [Theory]
    [InlineData(OrganisationType.RegisteredCharity, CharityRegulator.EnglandAndWales, "1234567", null, "GB-CHC-1234567")]
    [InlineData(OrganisationType.CharitableIncorporatedOrganisation, CharityRegulator.EnglandAndWales, "1164883", null, "GB-CHC-1164883")]
    [InlineData(OrganisationType.CharitableCompany, CharityRegulator.EnglandAndWales, "1164883", "09506232", "GB-CHC-1164883")]
    [InlineData(OrganisationType.RegisteredCharity, CharityRegulator.Scotland, "sc042386", null, "GB-SC-SC042386")]
    [InlineData(OrganisationType.CharitableCompany, CharityRegulator.Scotland, "SC042386", "SC123456", "GB-SC-SC042386")]
    [InlineData(OrganisationType.RegisteredCharity, CharityRegulator.NorthernIreland, "100019", null, "GB-NIC-100019")]
    [InlineData(OrganisationType.CharitableIncorporatedOrganisation, CharityRegulator.NorthernIreland, "NI100019", null, "GB-NIC-100019")]
    [InlineData(OrganisationType.CommunityInterestCompany, null, null, "09506232", "GB-COH-09506232")]
    [InlineData(OrganisationType.OtherNonProfit, null, null, "sc123456", "GB-COH-SC123456")]
    [InlineData(OrganisationType.CommunityBenefitSociety, null, null, null, null)]
    [InlineData(OrganisationType.UnregisteredGroup, null, null, null, null)]
    public void OrgId_ForEachTypeAndRegulator_Follows360Giving(OrganisationType type, CharityRegulator? regulator, string? charity, string? company, string? orgId)
    {
        var profile = Profile(Valid with { Type = type, CharityRegulator = regulator, CharityNumber = charity, CompanyNumber = company });

        Assert.Empty(profile.Check(Today));
        Assert.Equal(orgId, profile.OrgId);
    }

    [Theory]
    [InlineData("12345", null)]
    [InlineData("12345", "01234567")]
    public void OrgId_WithMalformedCharityNumber_FallsBackToACheckedCompanyNumberOrNothing(string charity, string? company)
    {
        var profile = Profile(Valid with { Type = OrganisationType.CharitableCompany, CharityNumber = charity, CompanyNumber = company });

        Assert.Equal(company is null ? null : $"GB-COH-{company}", profile.OrgId);
    }

    [Fact]
    public void OrgId_UnregisteredGroupWithANumber_IsStillNull()
    {
        Assert.Null(Profile(Valid with { Type = OrganisationType.UnregisteredGroup }).OrgId);
    }

    [Fact]
    public void Identifier360Giving_UnregisteredGroup_UsesTheFundersPrefixAndTheProfileId()
    {
        var profile = Profile(Valid with { Type = OrganisationType.UnregisteredGroup, CharityRegulator = null, CharityNumber = null });

        Assert.Equal($"360G-cvfund-org-{Id}", profile.Identifier360Giving("cvfund"));
    }

    [Fact]
    public void Identifier360Giving_RegisteredCharity_IsItsOrgId()
    {
        Assert.Equal("GB-CHC-1234567", Profile(Valid).Identifier360Giving("cvfund"));
    }

    [Theory]
    [InlineData(4, 2, false)]
    [InlineData(4, 3, true)]
    [InlineData(5, 2, false)]
    [InlineData(5, 3, true)]
    [InlineData(1, 1, true)]
    [InlineData(0, 0, false)]
    [InlineData(3, 4, false)]
    public void Flags_MoreThanHalfRunningTheGroup_IsAMajority(int people, int ofThem, bool majority)
    {
        var livedExperience = Profile(Valid with { PeopleRunningTheGroup = people, OfThemWithLivedExperience = ofThem, OfThemWhoUseTheServices = 0 });
        var users = Profile(Valid with { PeopleRunningTheGroup = people, OfThemWithLivedExperience = 0, OfThemWhoUseTheServices = ofThem });

        Assert.Equal(majority, livedExperience.Flags.Contains(KnownFlags.LivedExperienceLed));
        Assert.Equal(majority, users.Flags.Contains(KnownFlags.UserLed));
        Assert.DoesNotContain(KnownFlags.UserLed, livedExperience.Flags);
        Assert.DoesNotContain(KnownFlags.LivedExperienceLed, users.Flags);
    }

    [Theory]
    [InlineData(4, 2, false)]
    [InlineData(5, 3, true)]
    [InlineData(0, 0, false)]
    [InlineData(3, 4, false)]
    public void Flags_MostOfThoseRunningItFromRacialisedCommunities_IsLedByAndForThem(int people, int ofThem, bool led)
    {
        var profile = Profile(Valid with { PeopleRunningTheGroup = people, OfThemWithLivedExperience = 0, OfThemWhoUseTheServices = 0, OfThemFromRacialisedCommunities = ofThem });

        Assert.Equal(led, profile.Flags.Contains(KnownFlags.RacialisedCommunitiesLed));
        Assert.Equal(led, profile.ForAllocation([]).HasFlag(KnownFlags.RacialisedCommunitiesLed));
        Assert.Throws<ArgumentException>(() => profile.ForAllocation([KnownFlags.RacialisedCommunitiesLed]));
        Assert.Equal(ofThem > people, profile.Check(new DateOnly(2026, 12, 6)).Any(problem => problem.Location == "ofThemFromRacialisedCommunities"));
    }

    [Theory]
    [InlineData(OrganisationType.UnregisteredGroup, true)]
    [InlineData(OrganisationType.RegisteredCharity, false)]
    [InlineData(OrganisationType.CommunityBenefitSociety, false)]
    public void Flags_UnregisteredGroup_IsFlaggedUnregistered(OrganisationType type, bool flagged)
    {
        Assert.Equal(flagged, Profile(Valid with { Type = type }).Flags.Contains(KnownFlags.Unregistered));
    }

    [Fact]
    public void ForAllocation_WithFlagsKnownElsewhere_GivesTheUnionWithIncomeAndName()
    {
        var profile = Profile(Valid with
        {
            Type = OrganisationType.UnregisteredGroup, CharityRegulator = null, CharityNumber = null,
            PeopleRunningTheGroup = 5, OfThemWithLivedExperience = 3, OfThemWhoUseTheServices = 3,
        });

        var organisation = profile.ForAllocation([KnownFlags.FirstTimeApplicant, KnownFlags.Rural, KnownFlags.Rural, "faithBased"]);

        Assert.Equal("Hillfields Community Kitchen", organisation.Name);
        Assert.Equal(45_000m, organisation.AnnualIncome);
        Assert.Equal(
            [KnownFlags.Unregistered, KnownFlags.LivedExperienceLed, KnownFlags.UserLed, KnownFlags.FirstTimeApplicant, KnownFlags.Rural, "faithBased"],
            organisation.Flags);
    }

    [Theory]
    [InlineData(KnownFlags.LivedExperienceLed)]
    [InlineData(KnownFlags.UserLed)]
    [InlineData(KnownFlags.Unregistered)]
    public void ForAllocation_WithAFlagDerivedHere_IsRefused(string flag)
    {
        var refused = Assert.Throws<ArgumentException>(() => Profile(Valid).ForAllocation([flag]));

        Assert.Contains(flag, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Update_NewDetails_ReplacesTheProfileKeepingItsId()
    {
        var profile = Profile(Valid);
        var changed = Valid with { Name = "Hillfields Kitchen", AnnualIncome = 52_000m, Contacts = [Asha, new Contact("Tom Reid", "Treasurer", "tom@example.org")] };

        profile.Update(changed);

        Assert.Equal(Id, profile.Id);
        Assert.Equal("Hillfields Kitchen", profile.Name);
        Assert.Equal(52_000m, profile.AnnualIncome);
        Assert.Equal(2, profile.Contacts.Count);
        Assert.Equal(changed.Contacts, profile.Details.Contacts);
    }

    [Fact]
    public void Contacts_AreReadOnlyAndNotTheCallersList()
    {
        var entered = new List<Contact> { Asha };
        var profile = Profile(Valid with { Contacts = entered });

        entered.Add(Asha with { Name = "Someone else" });

        Assert.Single(profile.Contacts);
        Assert.IsNotType<List<Contact>>(profile.Contacts, exactMatch: true);
    }
}
