using FairFund.Domain.Applications;
using FairFund.Tests.Domain.Applications;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Apply;

/// <summary>An application as the database holds it, to show that a refused request changed nothing.</summary>
internal sealed record StoredApplication(ApplicationState State, int Changes, Guid Version, string? DecisionReason);

/// <summary>
/// Applications put straight into the demo round, in any state, through the real intent methods
/// (<see cref="ApplicationInState"/>), for the demo applicant's group or another.
/// </summary>
internal static class SeededApplications
{
    public const string DemoRound = "CW-MH-2027-R1";
    public const string OwnGroup = "Foleshill Peer Support";
    public const string OtherGroup = "Southam Befriending Network";

    /// <summary>The group's application to the demo round in <paramref name="state"/>; its reference is returned.</summary>
    public static Task<string> SeedAsync(FairFundFactory factory, ApplicationState state, DecisionNotice? notice = null, string group = OwnGroup) =>
        factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var round = await db.Rounds.SingleAsync(round => round.Reference == DemoRound);
            var organisation = await db.Organisations.SingleAsync(organisation => organisation.Name == group);
            var reference = $"{DemoRound}-{(group == OwnGroup ? "0001" : "0002")}";
            var applicant = group == OwnGroup ? SignedInClient.Applicant : "chair@southam-befriending.demo.fairfund.test";
            var application = ApplicationInState.In(state, ApplicationInState.Draft(round.Id, organisation.Id, reference), notice, applicant);
            db.Applications.Add(application);
            await db.SaveChangesAsync();
            return reference;
        });

    /// <summary>Changes the application as the fund team would, in a request of its own.</summary>
    public static Task ChangeAsync(FairFundFactory factory, string reference, Action<Application> change) =>
        factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            change(await db.Applications.SingleAsync(application => application.Reference == reference));
            await db.SaveChangesAsync();
        });

    public static Task<Application> LoadAsync(FairFundFactory factory, string reference) =>
        factory.WithScopeAsync(services => services.GetRequiredService<FairFundDbContext>().Applications.AsNoTracking()
            .SingleAsync(application => application.Reference == reference));

    public static Task<StoredApplication> StoredAsync(FairFundFactory factory, string reference) =>
        factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var application = await db.Applications.SingleAsync(application => application.Reference == reference);
            var version = (Guid)db.Entry(application).Property(FairFundDbContext.VersionColumn).CurrentValue!;
            return new StoredApplication(application.State, application.History.Count, version, application.Decision?.Reason);
        });
}
