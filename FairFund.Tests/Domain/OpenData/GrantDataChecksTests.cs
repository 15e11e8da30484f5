using FairFund.Domain.OpenData;

namespace FairFund.Tests.Domain.OpenData;

/// <summary>
/// The checks 360Giving's data quality tool makes, made before export: a clean grant passes, and each
/// check catches a grant with that one thing wrong, naming the grant, the column and what is wrong.
/// </summary>
public sealed class GrantDataChecksTests
{
    private static readonly DateOnly Today = new(2027, 4, 1);

    /// <summary>A grant with nothing wrong; each test changes what it is about.</summary>
    private static readonly GrantRecord Clean = new(
        Identifier: "360G-cwmha-CW-MH-2027-R1-0001",
        Title: "Peer support walks",
        Description: "Weekly walks in the park led by peer supporters.",
        Currency: "GBP",
        AmountAppliedFor: 4500m,
        AmountAwarded: 4500m,
        AwardDate: new DateOnly(2027, 3, 20),
        PlannedStartDate: new DateOnly(2027, 6, 1),
        PlannedEndDate: new DateOnly(2028, 5, 31),
        PlannedDurationMonths: 12,
        RecipientOrgIdentifier: "GB-COH-01234567",
        RecipientOrgName: "Hillfields Community Kitchen",
        RecipientOrgCharityNumber: "1234567",
        RecipientOrgCompanyNumber: "01234567",
        RecipientOrgPostalCode: "CV1 1AA",
        BeneficiaryLocationName: "Hillfields, Coventry",
        FundingOrgIdentifier: "GB-CHC-1000001",
        FundingOrgName: "Coventry Fund",
        GrantProgrammeCode: "CW-MH-2027-R1",
        GrantProgrammeTitle: "Mental health grants 2027",
        FromAnOpenCall: true,
        LastModified: new DateOnly(2027, 3, 20),
        DataSource: "https://fund.example/rounds/CW-MH-2027-R1/results");

    private static GrantDataProblem Only(GrantRecord grant) => Assert.Single(GrantDataChecks.Check([grant], Today));

    [Fact]
    public void Check_CleanGrant_FindsNoProblems()
    {
        Assert.Empty(GrantDataChecks.Check([Clean], Today));
    }

    [Fact]
    public void Check_ZeroAmountAwarded_IsReportedAtAmountAwarded()
    {
        var problem = Only(Clean with { AmountAwarded = 0m });

        Assert.Equal(Clean.Identifier, problem.Grant);
        Assert.Equal("Amount Awarded", problem.Column);
        Assert.Contains("£0.00", problem.Message);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("12345678")]
    [InlineData("SC01234X")]
    [InlineData("ABC123456")]
    public void Check_MalformedCharityNumber_IsReportedAtCharityNumber(string number)
    {
        var problem = Only(Clean with { RecipientOrgCharityNumber = number });

        Assert.Equal("Recipient Org:Charity Number", problem.Column);
        Assert.Contains(number, problem.Message);
    }

    [Theory]
    [InlineData("1234567")]
    [InlineData("123456789")]
    [InlineData("SC12345")]
    public void Check_CompanyNumberNotEightCharacters_IsReportedAtCompanyNumber(string number)
    {
        var problem = Only(Clean with { RecipientOrgCompanyNumber = number });

        Assert.Equal("Recipient Org:Company Number", problem.Column);
        Assert.Contains("8 characters", problem.Message);
    }

    [Fact]
    public void Check_LineBreakInAnIdentifier_IsReportedAtThatIdentifier()
    {
        var problem = Only(Clean with { RecipientOrgIdentifier = "GB-COH-\r\n01234567" });

        Assert.Equal("Recipient Org:Identifier", problem.Column);
        Assert.Contains("line break", problem.Message);
    }

    [Theory]
    [InlineData("Title")]
    [InlineData("Description")]
    [InlineData("Recipient Org:Name")]
    [InlineData("Beneficiary Location:Name")]
    public void Check_EmailAddressInText_IsReportedAtThatColumn(string column)
    {
        const string text = "Ask sam.patel@example.org for details";
        var grant = column switch
        {
            "Title" => Clean with { Title = text },
            "Description" => Clean with { Description = text },
            "Recipient Org:Name" => Clean with { RecipientOrgName = text },
            _ => Clean with { BeneficiaryLocationName = text },
        };

        var problem = Only(grant);

        Assert.Equal(column, problem.Column);
        Assert.Contains("sam.patel@example.org", problem.Message);
    }

    [Fact]
    public void Check_SocialMediaHandle_IsNotAnEmailAddress()
    {
        Assert.Empty(GrantDataChecks.Check([Clean with { Description = "Follow us at @hillfieldskitchen for dates." }], Today));
    }

    [Fact]
    public void Check_AwardDateAfterToday_IsReportedAtAwardDate()
    {
        var problem = Only(Clean with { AwardDate = Today.AddDays(1), LastModified = Today });

        Assert.Equal("Award Date", problem.Column);
        Assert.Contains("2 April 2027", problem.Message);
        Assert.Contains("future", problem.Message);
    }

    [Fact]
    public void Check_StartDateAfterEndDate_IsReportedAtStartDate()
    {
        var problem = Only(Clean with { PlannedStartDate = new DateOnly(2028, 6, 1), PlannedEndDate = new DateOnly(2028, 5, 31) });

        Assert.Equal("Planned Dates:Start Date", problem.Column);
        Assert.Contains("after the end date", problem.Message);
    }

    [Fact]
    public void Check_TitleSameAsDescription_IsReportedAtTitle()
    {
        var problem = Only(Clean with { Title = "Weekly walks", Description = " weekly walks " });

        Assert.Equal("Title", problem.Column);
        Assert.Contains("same as the description", problem.Message);
    }

    [Fact]
    public void Check_TitleOver140Characters_IsReportedAtTitle()
    {
        Assert.Empty(GrantDataChecks.Check([Clean with { Title = new string('a', 140) }], Today));

        var problem = Only(Clean with { Title = new string('a', 141) });

        Assert.Equal("Title", problem.Column);
        Assert.Contains("141 characters", problem.Message);
    }

    [Fact]
    public void Problem_ReadsAsGrantColumnAndMessage()
    {
        var problem = Only(Clean with { AmountAwarded = 0m });

        Assert.StartsWith($"{Clean.Identifier}, Amount Awarded: ", problem.ToString(), StringComparison.Ordinal);
    }
}
