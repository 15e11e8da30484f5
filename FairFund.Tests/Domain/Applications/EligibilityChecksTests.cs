using FairFund.Domain.Applications;
using FairFund.Domain.Organisations;
using FairFund.Domain.Validation;

namespace FairFund.Tests.Domain.Applications;

public sealed class EligibilityChecksTests
{
    private static readonly DateOnly Today = new(2027, 3, 15);
    private static readonly GrantRange Grants = new(1000m, 10000m);
    private static readonly AreaOfBenefit Coventry = new(["CV"]);

    private static readonly ProfileDetails Group = new(
        "Foleshill Peer Support", OrganisationType.UnregisteredGroup, null, null, null, 12_000m, new DateOnly(2026, 3, 31),
        "CV6 5AA", "Foleshill, Coventry", 5, 3, 2, [new Contact("Asha Patel", "Secretary", "asha@example.org")]);

    [Theory]
    [InlineData(1000, CheckOutcome.Passed, "£1,000 is within the grants this round gives (£1,000 to £10,000).")]
    [InlineData(10000, CheckOutcome.Passed, "£10,000 is within the grants this round gives (£1,000 to £10,000).")]
    [InlineData(999.99, CheckOutcome.Failed, "£999.99 is less than the smallest grant this round gives (£1,000 to £10,000).")]
    [InlineData(12500, CheckOutcome.Failed, "£12,500 is more than the largest grant this round gives (£1,000 to £10,000).")]
    public void AmountWithinRange_BothEndsIncluded_SaysWhyInPounds(decimal amount, CheckOutcome outcome, string sentence)
    {
        var check = EligibilityChecks.AmountWithinRange(amount, Grants);

        Assert.Equal((EligibilityChecks.Amount, outcome, sentence), (check.Key, check.Outcome, check.Sentence));
    }

    [Theory]
    [InlineData("CV47 0AB", CheckOutcome.Passed, "The group's postcode, CV47 0AB, is in CV, part of the funder's area (CV).")]
    [InlineData("b1 1aa", CheckOutcome.Failed, "The group's postcode, B1 1AA, is outside the funder's area (CV).")]
    [InlineData("CV1", CheckOutcome.Failed, "The group's postcode, CV1, is not a full UK postcode, so it cannot be placed in the funder's area (CV).")]
    [InlineData("", CheckOutcome.Failed, "The group has not given a postcode, so it cannot be placed in the funder's area (CV).")]
    public void PostcodeInArea_WithAnArea_PassesOnlyPostcodesInIt(string postcode, CheckOutcome outcome, string sentence)
    {
        var check = EligibilityChecks.PostcodeInArea(postcode, Coventry);

        Assert.Equal((EligibilityChecks.Area, outcome, sentence), (check.Key, check.Outcome, check.Sentence));
    }

    [Fact]
    public void PostcodeInArea_FunderHasNoArea_IsNotSetRatherThanFailed()
    {
        var check = EligibilityChecks.PostcodeInArea("B1 1AA", AreaOfBenefit.None);

        Assert.Equal(CheckOutcome.NotSet, check.Outcome);
        Assert.False(check.Failed);
        Assert.StartsWith("The funder has not set an area", check.Sentence, StringComparison.Ordinal);
    }

    [Fact]
    public void DetailsComplete_ListsEachProblemInItsSentence()
    {
        Assert.Equal(CheckOutcome.Passed, EligibilityChecks.DetailsComplete([]).Outcome);

        var check = EligibilityChecks.DetailsComplete([new Problem("postcode", "Enter your group's postcode"), new Problem("contacts", "Add a contact")]);

        Assert.Equal(CheckOutcome.Failed, check.Outcome);
        Assert.Equal("The group's details have 2 problems: Enter your group's postcode; Add a contact.", check.Sentence);
    }

    [Theory]
    [InlineData("2027-06-01", "2028-05-31", CheckOutcome.Passed, "The project runs from 1 June 2027 to 31 May 2028.")]
    [InlineData("2027-06-01", "2027-06-01", CheckOutcome.Passed, "The project runs from 1 June 2027 to 1 June 2027.")]
    [InlineData("2027-06-01", "2027-05-31", CheckOutcome.Failed, "The project ends on 31 May 2027, before it starts on 1 June 2027.")]
    [InlineData(null, "2027-05-31", CheckOutcome.Failed, "The project has no start date.")]
    [InlineData(null, null, CheckOutcome.Failed, "The project has no start or end date.")]
    public void DatesPlausible_EndOnOrAfterStart(string? start, string? end, CheckOutcome outcome, string sentence)
    {
        var check = EligibilityChecks.DatesPlausible(start is null ? null : DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture),
            end is null ? null : DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal((EligibilityChecks.ProjectDates, outcome, sentence), (check.Key, check.Outcome, check.Sentence));
    }

    [Fact]
    public void Run_ACompleteApplicationInTheArea_PassesEveryCheckInOrder()
    {
        var checks = EligibilityChecks.Run(ApplicationInState.Draft(), new OrganisationProfile(Guid.NewGuid(), Group), Grants, Coventry, Today);

        Assert.Equal([EligibilityChecks.Amount, EligibilityChecks.Area, EligibilityChecks.GroupDetails, EligibilityChecks.ProjectDates], checks.Select(check => check.Key));
        Assert.All(checks, check => Assert.Equal(CheckOutcome.Passed, check.Outcome));
    }

    [Fact]
    public void Run_OutOfRangeOutOfAreaAndIncomplete_FailsThoseChecksOnly()
    {
        var application = ApplicationInState.Draft();
        application.AnswerBudget([new BudgetLine("Minibus", 15_000m)]);
        var group = new OrganisationProfile(Guid.NewGuid(), Group with { Postcode = "LE1 1AA", Contacts = [] });

        var checks = EligibilityChecks.Run(application, group, Grants, Coventry, Today);

        Assert.Equal([EligibilityChecks.Amount, EligibilityChecks.Area, EligibilityChecks.GroupDetails], checks.Where(check => check.Failed).Select(check => check.Key));
        Assert.Contains("Add at least one person we can contact", checks.Single(check => check.Key == EligibilityChecks.GroupDetails).Sentence, StringComparison.Ordinal);
    }
}
