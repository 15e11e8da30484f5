using FairFund.Domain.Applications;
using FairFund.Domain.Forms;
using FairFund.Domain.OpenData;
using FairFund.Domain.Organisations;
using FairFund.Domain.Rounds;
using FairFund.Tests.Domain.Applications;
using FairFund.Tests.Domain.Rounds;

namespace FairFund.Tests.Domain.OpenData;

/// <summary>The 360Giving columns, identifiers and the row an awarded application makes.</summary>
public sealed class ThreeSixtyGivingTests
{
    private static readonly Publisher Funder = new("cwmha", "GB-CHC-1000001", "Coventry Fund");

    private static readonly ProfileDetails Kitchen = new(
        "Hillfields Community Kitchen", OrganisationType.RegisteredCharity, CharityRegulator.EnglandAndWales, "1234567", null,
        45_000m, new DateOnly(2026, 3, 31), "CV1 1AA", "Hillfields, Coventry", 5, 1, 1, [new Contact("Asha Patel", "Secretary", "asha@example.org")]);

    [Fact]
    public void Columns_AreTheStandardsTitles_InTheStandardsOrder()
    {
        string[] expected =
        [
            "Identifier", "Title", "Description", "Currency", "Amount Applied For", "Amount Awarded", "Award Date",
            "Planned Dates:Start Date", "Planned Dates:End Date", "Planned Dates:Duration (months)",
            "Recipient Org:Identifier", "Recipient Org:Name", "Recipient Org:Charity Number", "Recipient Org:Company Number",
            "Recipient Org:Postal Code", "Beneficiary Location:Name", "Funding Org:Identifier", "Funding Org:Name",
            "Grant Programme:Code", "Grant Programme:Title", "From An Open Call?", "Last Modified", "Data Source",
        ];

        Assert.Equal(expected, ThreeSixtyGiving.Columns);
    }

    [Theory]
    [InlineData("cwmha", "CW-MH-2027-R1", "CW-MH-2027-R1-0001", "360G-cwmha-CW-MH-2027-R1-0001")]
    [InlineData("cwmha", "R1", "0001", "360G-cwmha-R1-0001")]
    [InlineData("cwmha", "CW/MH 2027", "A/12 3", "360G-cwmha-CW_MH_2027-A_12_3")]
    [InlineData(" cwmha ", "R1", "line\r\nbreak", "360G-cwmha-R1-line__break")]
    public void GrantIdentifier_HasNoSlashesSpacesOrLineBreaks(string prefix, string round, string reference, string expected)
    {
        Assert.Equal(expected, ThreeSixtyGiving.GrantIdentifier(prefix, round, reference));
    }

    [Theory]
    [InlineData(OrganisationType.RegisteredCharity, CharityRegulator.EnglandAndWales, "1164883", null, "GB-CHC-1164883")]
    [InlineData(OrganisationType.RegisteredCharity, CharityRegulator.Scotland, "SC042386", null, "GB-SC-SC042386")]
    [InlineData(OrganisationType.RegisteredCharity, CharityRegulator.NorthernIreland, "100019", null, "GB-NIC-100019")]
    [InlineData(OrganisationType.CommunityInterestCompany, null, null, "09506232", "GB-COH-09506232")]
    public void RecipientIdentifier_RegisteredGroup_IsItsOrgId(OrganisationType type, CharityRegulator? regulator, string? charity, string? company, string expected)
    {
        var group = new OrganisationProfile(Guid.NewGuid(), Kitchen with { Type = type, CharityRegulator = regulator, CharityNumber = charity, CompanyNumber = company });

        Assert.Equal(expected, Grant(group).RecipientOrgIdentifier);
    }

    [Fact]
    public void RecipientIdentifier_UnregisteredGroup_IsTheFundersOwn()
    {
        var id = new Guid("6f1c2a4e-0000-4000-8000-000000000001");
        var group = new OrganisationProfile(id, Kitchen with { Type = OrganisationType.UnregisteredGroup, CharityRegulator = null, CharityNumber = null });

        var grant = Grant(group);

        Assert.Equal($"360G-cwmha-org-{id}", grant.RecipientOrgIdentifier);
        Assert.Null(grant.RecipientOrgCharityNumber);
    }

    [Fact]
    public void For_AwardedApplication_FillsEveryColumnFromTheApplicationGroupAndRound()
    {
        var round = RoundInState.In(RoundState.Decided);
        var application = ApplicationInState.In(ApplicationState.Awarded);
        var group = new OrganisationProfile(Guid.NewGuid(), Kitchen);

        var grant = GrantRecord.For(Funder, round, application, ApplicationForm.Default, group, new DateOnly(2027, 3, 5), new DateOnly(2027, 3, 6), "https://fund.example/rounds/CW-2027/results");

        Assert.Equal("360G-cwmha-CW-2027-0001", grant.Identifier);
        Assert.Equal("Peer support walks", grant.Title);
        Assert.Equal(application.WhatYouWillDo, grant.Description);
        Assert.Equal("GBP", grant.Currency);
        Assert.Equal(1500m, grant.AmountAppliedFor);
        Assert.Equal(ApplicationInState.Funded.Amount, grant.AmountAwarded);
        Assert.Equal(12, grant.PlannedDurationMonths);
        Assert.Equal("1234567", grant.RecipientOrgCharityNumber);
        Assert.Equal("CV1 1AA", grant.RecipientOrgPostalCode);
        Assert.Equal("Hillfields, Coventry", grant.BeneficiaryLocationName);
        Assert.Equal(("GB-CHC-1000001", "Coventry Fund"), (grant.FundingOrgIdentifier, grant.FundingOrgName));
        Assert.Equal(("CW-2027", "Community fund"), (grant.GrantProgrammeCode, grant.GrantProgrammeTitle));
        Assert.Equal(ThreeSixtyGiving.Columns.Count, grant.Values.Count);
        Assert.Equal("Yes", grant.Values[ThreeSixtyGiving.Columns.ToList().IndexOf("From An Open Call?")]);
    }

    [Fact]
    public void For_GroupWhosePostcodeIsAHomeAddress_LeavesThePostcodeOut()
    {
        var group = new OrganisationProfile(Guid.NewGuid(), Kitchen with { PostcodeIsHomeAddress = true });

        Assert.Null(Grant(group).RecipientOrgPostalCode);
    }

    [Fact]
    public void For_ApplicationNotAwarded_IsRefused()
    {
        var round = RoundInState.In(RoundState.Decided);
        var declined = ApplicationInState.In(ApplicationState.Declined);

        Assert.Throws<ArgumentException>(() => GrantRecord.For(Funder, round, declined, ApplicationForm.Default, new OrganisationProfile(Guid.NewGuid(), Kitchen), default, default, ""));
    }

    [Fact]
    public void AwardedAt_IsTheApplicationsAwardNotTheRoundsApproval()
    {
        var round = RoundInState.In(RoundState.Decided);
        var application = ApplicationInState.In(ApplicationState.Awarded);

        Assert.Equal(ApplicationInState.Monday.AddDays(3), ThreeSixtyGiving.AwardedAt(round, application));
    }

    [Theory]
    [InlineData("2027-06-01", "2028-05-31", 12)]
    [InlineData("2027-06-01", "2027-06-14", 1)]
    [InlineData("2027-06-15", "2027-08-14", 2)]
    [InlineData("2027-06-15", "2027-08-20", 3)]
    [InlineData("2027-01-31", "2027-02-27", 1)]
    [InlineData("2027-06-01", "2027-06-01", 1)]
    public void DurationInMonths_CountsAPartMonthAsOne(string start, string end, int months)
    {
        Assert.Equal(months, ThreeSixtyGiving.DurationInMonths(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void DurationInMonths_StartAfterEndOrMissing_IsNull()
    {
        Assert.Null(ThreeSixtyGiving.DurationInMonths(new DateOnly(2027, 6, 2), new DateOnly(2027, 6, 1)));
        Assert.Null(ThreeSixtyGiving.DurationInMonths(null, new DateOnly(2027, 6, 1)));
    }

    private static GrantRecord Grant(OrganisationProfile group) =>
        GrantRecord.For(Funder, RoundInState.In(RoundState.Decided), ApplicationInState.In(ApplicationState.Awarded), ApplicationForm.Default, group, default, default, "");
}
