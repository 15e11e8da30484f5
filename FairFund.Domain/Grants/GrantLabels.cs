namespace FairFund.Domain.Grants;

/// <summary>
/// Each grant state has a label for staff and one for the group, in words a volunteer understands, as applications
/// have (<see cref="Applications.Labels"/>).
/// </summary>
public static class GrantLabels
{
    public static string ForStaff(GrantState state) => state switch
    {
        GrantState.Offered => "Offered",
        GrantState.Accepted => "Accepted: to check",
        GrantState.DeclinedByGroup => "Declined by the group",
        GrantState.Active => "Active",
        GrantState.Closed => "Closed",
        _ => "Withdrawn",
    };

    public static string ForGroup(GrantState state) => state switch
    {
        GrantState.Offered => "Offered: read the agreement and accept it",
        GrantState.Accepted => "Accepted: the fund is checking your acceptance",
        GrantState.DeclinedByGroup => "You declined the grant",
        GrantState.Active => "Your grant is under way",
        GrantState.Closed => "Closed: the grant is finished",
        _ => "Withdrawn by the fund",
    };
}
