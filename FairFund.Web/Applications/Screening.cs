using FairFund.Domain.Applications;
using FairFund.Domain.Organisations;
using FairFund.Domain.Rounds;
using FairFund.Web.Pages;

namespace FairFund.Web.Applications;

/// <summary>
/// What the screening pages share: which applications screening is about, the automatic checks run with the
/// round's grant range and the funder's area, and how checks and decisions look, so both pages show them alike.
/// </summary>
public static class Screening
{
    /// <summary>Sent and not yet past screening: the applications a screening decision is made on.</summary>
    public static IReadOnlyList<ApplicationState> States { get; } = [ApplicationState.Submitted, ApplicationState.Eligible, ApplicationState.Ineligible];

    /// <summary>Screening decisions are made while the round is in screening, and only then: scoring starts from them.</summary>
    public static bool IsOpen(Round round) => round.State == RoundState.Screening;

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
