using FairFund.Domain.Organisations;

namespace FairFund.Domain.Applications;

/// <summary>
/// What the allocation is told about an applying group, gathered from where each fact is known, so that
/// no flag is ever self-declared: the profile's own facts (who runs the group, its legal form), the
/// application (whether it names partners), the funder's records (whether it has funded the group before)
/// and the funder's published rural postcodes (where the group is).
/// </summary>
public static class AllocationFacts
{
    /// <summary>
    /// A first-time applicant is a group this funder has never awarded a grant to. A group that applied
    /// before and was not funded is still a first-time applicant: the flag exists to help groups in.
    /// </summary>
    public static bool IsFirstTimeApplicant(IEnumerable<ApplicationState> earlierApplications) =>
        !earlierApplications.Contains(ApplicationState.Awarded);

    /// <summary>The group as the allocation sees it for this application.</summary>
    public static Organisation OrganisationFor(OrganisationProfile profile, Application application, bool fundedBefore, RuralAreas? rural = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(application);
        var known = new List<string>();
        if (!fundedBefore) known.Add(KnownFlags.FirstTimeApplicant);
        if (application.IsPartnershipBid) known.Add(KnownFlags.PartnershipBid);
        if ((rural ?? RuralAreas.None).Contains(profile.Postcode)) known.Add(KnownFlags.Rural);
        return profile.ForAllocation(known);
    }
}
