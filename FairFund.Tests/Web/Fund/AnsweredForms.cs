using FairFund.Domain.Applications;
using FairFund.Domain.Forms;
using FairFund.Domain.Organisations;
using FairFund.Domain.Rounds;
using FairFund.Tests.Web.Panel;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Fund;

/// <summary>
/// The demo round asking its proportionate form with a partners table added to the section only asks over £10,000
/// answer, and two applications sent to it: one asking £12,000, which answers that section, and one asking £4,500,
/// which keeps an answer it saved to a question of that section, now hidden. The round is then closed for screening.
/// </summary>
internal static class AnsweredForms
{
    public const string LargerAsk = PanelRounds.Round + "-0901";
    public const string SmallerAsk = PanelRounds.Round + "-0902";
    public const string CoFunders = "coFunders";
    public const string CoFunder = "Foleshill Community Trust";
    public const string LargerGrantPlan = "Our treasurer keeps the books, and a second signatory checks every payment.";
    public const string HiddenPlan = "A plan written before we cut our budget.";

    /// <summary>The demo form with a partners table in its larger-grant section.</summary>
    public static ApplicationForm Form()
    {
        var edit = ApplicationForm.DemoForm.AddQuestion(DefaultForm.LargerGrantSection,
            new Question(CoFunders, QuestionKind.PartnerTable, "Who else is funding the project?") { MaxRows = 3, Required = false });
        Assert.True(edit.Succeeded, string.Join("; ", edit.Problems.Select(problem => problem.Message)));
        return edit.Form;
    }

    /// <summary>Opens the demo round on <see cref="Form"/>, sends the two applications and closes the round for screening, with <paramref name="members"/> panel members seated.</summary>
    public static async Task<PanelRoundSeed> SeedAsync(FairFundFactory factory, int members = 0)
    {
        var form = Form();
        await Rounds.PublishedForms.PublishAsync(factory, PanelRounds.Round, form);
        await factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var round = await db.Rounds.AsNoTracking().SingleAsync(r => r.Reference == PanelRounds.Round);
            var now = factory.Clock.GetUtcNow();
            var grants = new GrantRange(round.Rules.GrantMin, round.Rules.GrantMax);
            var window = new SubmissionWindow(RoundIsOpen: true, round.ClosesAt, now);

            var larger = Draft(db, round, LargerAsk, "Larger Ask Group");
            Apply.Drafts.AnswerEverything(larger);
            larger.AnswerBudget([new BudgetLine("Hall hire and sessions", 12_000m)]);
            Assert.Empty(larger.SaveAnswers(round.Form,
            [
                ("managedLargerGrant", new Answer.YesNo(true)),
                ("largerGrantPlan", new Answer.Text(LargerGrantPlan)),
                (CoFunders, new Answer.PartnerRows([new Partner(CoFunder, "Pays for the hall")])),
            ]));
            larger.Submit(now, "contact@larger.fairfund.test", window, round.Form, grants);

            var smaller = Draft(db, round, SmallerAsk, "Smaller Ask Group");
            Apply.Drafts.AnswerEverything(smaller);
            Assert.Empty(smaller.SaveAnswers(round.Form, [("largerGrantPlan", new Answer.Text(HiddenPlan))]));
            smaller.Submit(now, "contact@smaller.fairfund.test", window, round.Form, grants);
            await db.SaveChangesAsync();
        });
        return await PanelRounds.SeedAsync(factory, applications: 0, members, PanelRoundStage.Screening);
    }

    /// <summary>Marks both applications eligible and starts scoring, as the fund manager would once screening is done.</summary>
    public static Task StartScoringAsync(FairFundFactory factory) =>
        factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var now = factory.Clock.GetUtcNow();
            foreach (var application in await db.Applications.Where(a => a.Reference == LargerAsk || a.Reference == SmallerAsk).ToListAsync())
                application.MarkEligible(now, SignedInClient.Manager);
            var round = await db.Rounds.SingleAsync(r => r.Reference == PanelRounds.Round);
            round.StartScoring(now, SignedInClient.Manager, RoundProgress.None);
            await db.SaveChangesAsync();
        });

    private static Application Draft(FairFundDbContext db, Round round, string reference, string groupName)
    {
        var group = new OrganisationProfile(Guid.NewGuid(), new ProfileDetails(
            groupName, OrganisationType.UnregisteredGroup, null, null, null, 8_000m, new DateOnly(2026, 3, 31), "CV1 1AA", "Coventry", 5, 3, 2,
            [new Contact("Sam Contact", "Coordinator", $"contact@{groupName.Split(' ')[0].ToLowerInvariant()}.fairfund.test")]));
        db.Organisations.Add(group);
        var application = new Application(Guid.NewGuid(), round.Id, group.Id, reference);
        db.Applications.Add(application);
        return application;
    }
}
