using FairFund.Domain.Applications;
using FairFund.Domain.Rounds;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Apply;

/// <summary>Applications to the demo round put straight into a test's database, and read back from it.</summary>
internal static class Drafts
{
    public const string DemoRound = "CW-MH-2027-R1";
    public const string DemoGroup = "Foleshill Peer Support";
    public const string OtherGroup = "Southam Befriending Network";

    /// <summary>A draft for a demo group, with every question answered when <paramref name="complete"/>.</summary>
    public static Task<string> StartAsync(this FairFundFactory factory, string group = DemoGroup, bool complete = false, string number = "0001") =>
        factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var round = await db.Rounds.SingleAsync(round => round.Reference == DemoRound);
            var organisation = await db.Organisations.SingleAsync(organisation => organisation.Name == group);
            var application = new Application(Guid.NewGuid(), round.Id, organisation.Id, $"{DemoRound}-{number}");
            if (complete) AnswerEverything(application);
            db.Applications.Add(application);
            await db.SaveChangesAsync();
            return application.Reference;
        });

    public static void AnswerEverything(Application application)
    {
        application.AnswerProject(new ProjectAnswers("Peer support walks", "Weekly walks in the park led by peer supporters.", new DateOnly(2027, 6, 1), new DateOnly(2028, 5, 31)));
        application.AnswerWhoBenefits("Adults in Foleshill who feel isolated.");
        application.AnswerOutcomes("People feel less alone; we ask them before and after.");
        application.AnswerLivedExperience("Our walk leaders have lived experience and plan the routes.");
        application.AnswerBudget([new BudgetLine("Walk leader expenses", 3000m), new BudgetLine("Training", 1500m)]);
        application.AnswerPartners(false, []);
    }

    /// <summary>The application as saved, with its version.</summary>
    public static Task<(Application Application, Guid Version)> LoadAsync(this FairFundFactory factory, string reference) =>
        factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var application = await db.Applications.AsNoTracking().SingleAsync(application => application.Reference == reference);
            var version = await db.Applications.Where(a => a.Reference == reference).Select(a => EF.Property<Guid>(a, FairFundDbContext.VersionColumn)).SingleAsync();
            return (application, version);
        });

    public static Task<Round> RoundAsync(this FairFundFactory factory) =>
        factory.WithScopeAsync(services => services.GetRequiredService<FairFundDbContext>().Rounds.AsNoTracking().SingleAsync(round => round.Reference == DemoRound));

    /// <summary>Changes a saved application as another tab or person would.</summary>
    public static Task ChangeAsync(this FairFundFactory factory, string reference, Action<Application> change) =>
        factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var application = await db.Applications.SingleAsync(application => application.Reference == reference);
            change(application);
            db.Entry(application).Property(FairFundDbContext.VersionColumn).CurrentValue = Guid.NewGuid();
            await db.SaveChangesAsync();
        });
}
