using FairFund.Domain.Applications;
using FairFund.Domain.Organisations;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Fund;

/// <summary>What one seeded application is, so a test can say which ones a filter should find without asking the app.</summary>
internal sealed record SeededListApplication(
    string Reference, string GroupName, OrganisationType Type, decimal Income, string Postcode, int People, int LivedExperience, decimal Amount, ApplicationState State, bool Complete)
{
    public bool LivedExperienceLed => LivedExperience * 2 > People;
}

/// <summary>
/// Applications of every kind an open round has, put straight into the demo round: drafts just begun and drafts
/// ready to send, sent ones, and withdrawn ones, from groups of varied types, incomes, postcodes and make-up.
/// </summary>
internal static class ApplicationListSeed
{
    public const string Round = Apply.Drafts.DemoRound;
    public const string ListPage = $"/fund/rounds/{Round}/applications";

    public static readonly string[] Postcodes = ["CV1 1AA", "B1 1AA", "BA1 1AA", "CV47 0AB"];

    public static Task<IReadOnlyList<SeededListApplication>> SeedAsync(FairFundFactory factory, int count) =>
        factory.WithScopeAsync<IReadOnlyList<SeededListApplication>>(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var round = await db.Rounds.SingleAsync(r => r.Reference == Round);
            var now = factory.Clock.GetUtcNow();
            var grants = new GrantRange(round.Rules.GrantMin, round.Rules.GrantMax);
            var window = new SubmissionWindow(RoundIsOpen: true, round.ClosesAt, now);
            var seeded = new List<SeededListApplication>();
            for (var number = 1; number <= count; number++)
            {
                var unregistered = number % 3 == 0;
                var spec = new SeededListApplication(
                    $"{Round}-{9000 + number}",
                    number == 7 ? "Hillfields 50% Food Bank" : $"Listed group {number:00}",
                    unregistered ? OrganisationType.UnregisteredGroup : OrganisationType.CharitableIncorporatedOrganisation,
                    9_000m * number,
                    Postcodes[number % 4],
                    5,
                    number % 2 == 0 ? 3 : 1,
                    grants.Min + 100m * number + 0.5m,
                    (number % 5) switch { 0 or 1 => ApplicationState.Draft, 4 => ApplicationState.Withdrawn, _ => ApplicationState.Submitted },
                    number % 5 != 0);
                var profile = new OrganisationProfile(Guid.NewGuid(), new ProfileDetails(
                    spec.GroupName, spec.Type, unregistered ? null : CharityRegulator.EnglandAndWales, unregistered ? null : $"{1_100_000 + number}", null,
                    spec.Income, new DateOnly(2026, 3, 31), spec.Postcode, "Coventry", spec.People, spec.LivedExperience, 0,
                    [new Contact($"Contact {number}", "Coordinator", $"contact{number}@listed.fairfund.test")]));
                db.Organisations.Add(profile);
                var application = new Application(Guid.NewGuid(), round.Id, profile.Id, spec.Reference);
                if (spec.Complete) Apply.Drafts.AnswerEverything(application);
                else application.AnswerProject(new ProjectAnswers($"Begun by group {number}", "", null, null));
                application.AnswerBudget([new BudgetLine("Sessions", spec.Amount)]);
                if (spec.State is ApplicationState.Submitted or ApplicationState.Withdrawn) application.Submit(now, $"contact{number}@listed.fairfund.test", window, grants);
                if (spec.State == ApplicationState.Withdrawn) application.Withdraw(now, $"contact{number}@listed.fairfund.test");
                db.Applications.Add(application);
                seeded.Add(spec);
            }
            await db.SaveChangesAsync();
            return seeded;
        });
}
