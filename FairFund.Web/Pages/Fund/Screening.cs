using FairFund.Domain.Applications;
using FairFund.Domain.Organisations;
using FairFund.Domain.Rounds;
using FairFund.Web.Pages.Shared;

namespace FairFund.Web.Pages.Fund;

/// <summary>
/// What the screening pages share: the automatic checks run with the round's grant range and the funder's area,
/// and how checks and decisions look, so both pages show them alike. Which applications screening is about and
/// when it is open are the domain's (<see cref="Application.ScreeningStates"/>, <see cref="Round.WhyScreeningIsClosed"/>).
/// </summary>
public static class Screening
{
    public static IReadOnlyList<EligibilityCheck> ChecksFor(Application application, OrganisationProfile group, Round round, AreaOfBenefit area, DateTimeOffset now) =>
        EligibilityChecks.Run(application, group, new GrantRange(round.Rules.GrantMin, round.Rules.GrantMax), area, DateOnly.FromDateTime(UkTime.From(now).DateTime));

    public static StatusTag Tag(EligibilityCheck check) => check.Outcome switch
    {
        CheckOutcome.Passed => new("Passed", TagColour.Green),
        CheckOutcome.Failed => new("Failed", TagColour.Red),
        _ => new("Not set", TagColour.Grey),
    };

    /// <summary>The screening decision as it stands; an application sent and not yet screened is "To screen".</summary>
    public static StatusTag Decision(ApplicationState state) => state switch
    {
        ApplicationState.Submitted => new("To screen", TagColour.Blue),
        ApplicationState.Eligible => new("Eligible", TagColour.Green),
        ApplicationState.Ineligible => new("Not eligible", TagColour.Red),
        _ => new(Labels.ForStaff(state), TagColour.Grey),
    };
}
