using FairFund.Domain.Applications;
using FairFund.Domain.Forms;
using FairFund.Domain.Organisations;
using FairFund.Domain.Rounds;
using FairFund.Domain.Validation;

namespace FairFund.Domain.OpenData;

/// <summary>The funder as 360Giving names it: its publisher prefix (without <c>360G-</c>), its own org-id and its name.</summary>
public sealed record Publisher(string Prefix, string OrgId, string Name);

/// <summary>
/// One awarded grant as a row of 360Giving's "grants" sheet: one field for each of
/// <see cref="ThreeSixtyGiving.Columns"/>, typed (amounts as decimals, dates as dates), in the same order.
/// </summary>
public sealed record GrantRecord(
    string Identifier,
    string Title,
    string Description,
    string Currency,
    decimal AmountAppliedFor,
    decimal AmountAwarded,
    DateOnly AwardDate,
    DateOnly? PlannedStartDate,
    DateOnly? PlannedEndDate,
    int? PlannedDurationMonths,
    string RecipientOrgIdentifier,
    string RecipientOrgName,
    string? RecipientOrgCharityNumber,
    string? RecipientOrgCompanyNumber,
    string? RecipientOrgPostalCode,
    string BeneficiaryLocationName,
    string FundingOrgIdentifier,
    string FundingOrgName,
    string GrantProgrammeCode,
    string GrantProgrammeTitle,
    bool FromAnOpenCall,
    DateOnly LastModified,
    string DataSource)
{
    /// <summary>
    /// The grant an awarded application makes. Times come in as UK dates, turned by the caller, which knows
    /// the time zone. The postcode is left out when the group said it is a home address.
    /// </summary>
    /// <param name="publisher">The funder.</param>
    /// <param name="round">The round the application was made to; it is the grant programme.</param>
    /// <param name="application">An awarded application, whose decision gives the amount.</param>
    /// <param name="form">The form the round asked, as published: the title, description and dates are its answers (<see cref="ApplicationForm.ProjectOf"/>).</param>
    /// <param name="group">The group that made it.</param>
    /// <param name="awardDate">The UK date of <see cref="ThreeSixtyGiving.AwardedAt"/>.</param>
    /// <param name="lastModified">The UK date of <see cref="ThreeSixtyGiving.LastModified"/>.</param>
    /// <param name="dataSource">The public page the data comes from: the round's results.</param>
    /// <exception cref="ArgumentException">When the application is not awarded.</exception>
    public static GrantRecord For(Publisher publisher, Round round, Application application, ApplicationForm form, OrganisationProfile group,
        DateOnly awardDate, DateOnly lastModified, string dataSource)
    {
        if (application.State != ApplicationState.Awarded || application.Decision is not { } decision)
            throw new ArgumentException($"{application.Reference} is not awarded, so it is not a grant.", nameof(application));
        ArgumentNullException.ThrowIfNull(form);
        var project = form.ProjectOf(application.Answers);
        return new GrantRecord(
            ThreeSixtyGiving.GrantIdentifier(publisher.Prefix, round.Reference, application.Reference),
            // Cleaned again on the way out: text stored before cleaning came in must not publish a direction override.
            FreeText.CleanLine(project.Title),
            FreeText.Clean(project.Description),
            round.Rules.Currency,
            application.AmountRequested,
            decision.Amount,
            awardDate,
            project.StartDate,
            project.EndDate,
            ThreeSixtyGiving.DurationInMonths(project.StartDate, project.EndDate),
            group.Identifier360Giving(publisher.Prefix),
            FreeText.CleanLine(group.Name),
            group.CharityNumber,
            group.CompanyNumber,
            group.PostcodeIsHomeAddress ? null : group.Postcode,
            FreeText.Clean(group.AreaServed),
            publisher.OrgId,
            publisher.Name,
            round.Reference,
            FreeText.CleanLine(round.Name),
            FromAnOpenCall: true,
            lastModified,
            dataSource);
    }

    /// <summary>The fields in the order of <see cref="ThreeSixtyGiving.Columns"/>: text, decimals, whole numbers and dates, null where empty.</summary>
    public IReadOnlyList<object?> Values =>
    [
        Identifier, Title, Description, Currency, AmountAppliedFor, AmountAwarded, AwardDate,
        PlannedStartDate, PlannedEndDate, PlannedDurationMonths,
        RecipientOrgIdentifier, RecipientOrgName, RecipientOrgCharityNumber, RecipientOrgCompanyNumber, RecipientOrgPostalCode,
        BeneficiaryLocationName, FundingOrgIdentifier, FundingOrgName, GrantProgrammeCode, GrantProgrammeTitle,
        FromAnOpenCall ? "Yes" : "No", LastModified, DataSource,
    ];
}
