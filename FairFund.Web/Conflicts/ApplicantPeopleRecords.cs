using FairFund.Domain.Applications;
using FairFund.Domain.Reviews;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Conflicts;

/// <summary>
/// Gathers, for the domain's conflict rule (<see cref="ApplicantPeople"/>), the people each application is known
/// to come from: the accounts that act for its group, the account that sent it (from its history) and its group's
/// contacts. The rule itself is the domain's; this only reads the facts.
/// </summary>
public static class ApplicantPeopleRecords
{
    /// <summary>The people of each of these applications, by application id; an id with no application is left out.</summary>
    public static async Task<IReadOnlyDictionary<Guid, ApplicantPeople>> OfAsync(FairFundDbContext db, IReadOnlyCollection<Guid> applicationIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (applicationIds.Count == 0) return new Dictionary<Guid, ApplicantPeople>();
        var applications = await db.Applications.AsNoTracking().Where(application => applicationIds.Contains(application.Id)).ToListAsync(cancellationToken);
        var groupIds = applications.Select(application => application.OrganisationId).Distinct().ToList();
        var accounts = await (
                from member in db.OrganisationMembers
                join user in db.Users on member.UserId equals user.Id
                where groupIds.Contains(member.OrganisationId)
                select new { member.OrganisationId, user.UserName, user.Email })
            .ToListAsync(cancellationToken);
        var contacts = (await db.Organisations.AsNoTracking().Where(group => groupIds.Contains(group.Id)).ToListAsync(cancellationToken))
            .ToDictionary(group => group.Id, group => group.Contacts.Select(contact => contact.Email).ToList());

        return applications.ToDictionary(application => application.Id, application => new ApplicantPeople(
            [.. accounts.Where(account => account.OrganisationId == application.OrganisationId)
                .SelectMany(account => new[] { account.UserName, account.Email }).OfType<string>()],
            application.SubmittedBy,
            contacts.GetValueOrDefault(application.OrganisationId) ?? []));
    }

    /// <summary>The people of one application; nobody known when it does not exist.</summary>
    public static async Task<ApplicantPeople> OfAsync(FairFundDbContext db, Guid applicationId, CancellationToken cancellationToken) =>
        (await OfAsync(db, [applicationId], cancellationToken)).GetValueOrDefault(applicationId) ?? ApplicantPeople.NoneKnown;
}
