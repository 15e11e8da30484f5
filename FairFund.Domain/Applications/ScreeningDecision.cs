namespace FairFund.Domain.Applications;

/// <summary>What a fund manager decides when screening a sent application (<see cref="Application.Screen"/>).</summary>
public enum ScreeningDecision
{
    /// <summary>It meets the fund's rules and goes to the panel.</summary>
    Eligible,

    /// <summary>It does not, for a reason the group is given.</summary>
    NotEligible,
}
