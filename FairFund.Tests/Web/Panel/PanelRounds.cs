using FairFund.Domain.Applications;
using FairFund.Domain.Organisations;
using FairFund.Domain.Reviews;
using FairFund.Web.Accounts;
using FairFund.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Panel;

/// <summary>What <see cref="PanelRounds.SeedAsync"/> made: the applications' references in order, and the members' addresses.</summary>
internal sealed record PanelRoundSeed(string Round, IReadOnlyList<string> Applications, IReadOnlyList<string> Members);

/// <summary>How far <see cref="PanelRounds.SeedAsync"/> takes the demo round.</summary>
internal enum PanelRoundStage
{
    /// <summary>Closed to applications; every application submitted and none screened.</summary>
    Screening,
    /// <summary>Every application marked eligible and scoring started.</summary>
    Scoring,
}

/// <summary>
/// The demo round with many groups' submitted applications and a panel of joined members, put straight into a
/// test's database through the real intent methods, so panel and moderation tests start where they are about.
/// Members sign in with <see cref="SignedInClient.As"/> and the password <see cref="MemberPassword"/>.
/// </summary>
internal static class PanelRounds
{
    public const string Round = "CW-MH-2027-R1";
    public const string MemberPassword = "panel-member-test-2027";

    /// <summary>The address of seeded panel member <paramref name="number"/> (from 1).</summary>
    public static string Member(int number) => $"member{number}@panel.fairfund.test";

    /// <summary>
    /// <paramref name="applications"/> groups (incomes, sizes and postcodes varied so the equity rules have
    /// something to do), each with one complete submitted application asking for an amount in the round's grant
    /// range, and <paramref name="members"/> panel members who have joined the round's panel. With <paramref name="form"/>,
    /// each application answers that form instead, with what <paramref name="answers"/> gives for its number and amount.
    /// </summary>
    /// <param name="withDocuments">Whether each application has a supporting document, <c>plan-{number}.pdf</c>, its bytes in the document store.</param>
    public static Task<PanelRoundSeed> SeedAsync(FairFundFactory factory, int applications, int members, PanelRoundStage stage = PanelRoundStage.Scoring,
        FairFund.Domain.Forms.ApplicationForm? form = null, Func<int, decimal, IEnumerable<(string Key, FairFund.Domain.Forms.Answer? Answer)>>? answers = null,
        bool withDocuments = false) =>
        factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var store = services.GetRequiredService<FairFund.Web.Documents.DocumentStore>();
            var users = services.GetRequiredService<UserManager<IdentityUser>>();
            var round = await db.Rounds.SingleAsync(r => r.Reference == Round);
            var now = factory.Clock.GetUtcNow();
            var grants = new GrantRange(round.Rules.GrantMin, round.Rules.GrantMax);
            var window = new SubmissionWindow(RoundIsOpen: true, round.ClosesAt, now);

            var references = new List<string>();
            for (var number = 1; number <= applications; number++)
            {
                var profile = new OrganisationProfile(Guid.NewGuid(), GroupDetails(number));
                db.Organisations.Add(profile);
                var application = new Application(Guid.NewGuid(), round.Id, profile.Id, $"{Round}-{number:0000}");
                if (form is not null && answers is not null)
                    Assert.Empty(application.SaveAnswers(form, answers(number, AmountFor(number, grants))));
                else
                {
                    Apply.Drafts.AnswerEverything(application);
                    application.AnswerProject(application.Project with { Title = $"Project {number} of group {number}" });
                    application.AnswerBudget([new BudgetLine("Sessions", AmountFor(number, grants))]);
                }
                if (withDocuments)
                {
                    var pdf = Builders.DocumentBytes.Pdf(2_000 + number);
                    var document = application.AddDocument(Guid.NewGuid(), $"plan-{number}.pdf", pdf.Length, pdf, now, $"contact{number}@group.fairfund.test");
                    using var content = new MemoryStream(pdf);
                    await store.SaveAsync(application.Id, document.Id, content, CancellationToken.None);
                }
                application.Submit(now, $"contact{number}@group.fairfund.test", window, form ?? FairFund.Domain.Forms.ApplicationForm.Default, grants);
                db.Applications.Add(application);
                references.Add(application.Reference);
            }
            round.Close(now, SignedInClient.Manager);
            if (stage == PanelRoundStage.Scoring)
            {
                foreach (var application in db.Applications.Local) application.MarkEligible(now, SignedInClient.Manager);
                round.StartScoring(now, SignedInClient.Manager, FairFund.Domain.Rounds.RoundProgress.None);
            }

            // The panel is exactly the members seeded here: the demo panel's seats are taken away.
            db.PanelMembers.RemoveRange(await db.PanelMembers.Where(seat => seat.RoundId == round.Id).ToListAsync());
            var addresses = new List<string>();
            for (var number = 1; number <= members; number++)
            {
                var email = Member(number);
                var user = new IdentityUser(email) { Email = email, EmailConfirmed = true };
                Check(await users.CreateAsync(user, MemberPassword));
                Check(await users.AddToRoleAsync(user, Roles.PanelMember));
                var seat = new PanelMember(Guid.NewGuid(), round.Id, email, $"seeded-invite-{number}-{Guid.NewGuid():N}", now, SignedInClient.Manager);
                seat.Join(email, now, round.State);
                db.PanelMembers.Add(seat);
                addresses.Add(email);
            }
            await db.SaveChangesAsync();
            return new PanelRoundSeed(Round, references, addresses);
        });

    /// <summary>Assigns an application to a member, as the fund manager would by hand.</summary>
    public static Task AssignAsync(FairFundFactory factory, string application, string member) =>
        factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var id = await db.Applications.Where(a => a.Reference == application).Select(a => a.Id).SingleAsync();
            db.PanelReviews.Add(new PanelReview(Guid.NewGuid(), id, member, factory.Clock.GetUtcNow(), SignedInClient.Manager));
            await db.SaveChangesAsync();
        });

    /// <summary>
    /// Reviews put straight into the database as members would make them: assigned, declared free of conflicts,
    /// drafted and submitted. <paramref name="scores"/> gives, for an application's and a member's places in the
    /// seed (from 0), the score per criterion in the round's order, or null for no review.
    /// </summary>
    public static Task ReviewAllAsync(FairFundFactory factory, PanelRoundSeed seed, Func<int, int, int[]?> scores) =>
        factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var round = await db.Rounds.SingleAsync(r => r.Reference == seed.Round);
            var criteria = round.Rules.Criteria;
            var ids = await db.Applications.Where(a => a.RoundId == round.Id).ToDictionaryAsync(a => a.Reference, a => a.Id);
            var now = factory.Clock.GetUtcNow();
            for (var application = 0; application < seed.Applications.Count; application++)
            {
                for (var member = 0; member < seed.Members.Count; member++)
                {
                    if (scores(application, member) is not { } given) continue;
                    var reviewer = seed.Members[member];
                    var review = new PanelReview(Guid.NewGuid(), ids[seed.Applications[application]], reviewer, now, SignedInClient.Manager);
                    review.DeclareNoConflict(now, reviewer, FairFund.Domain.Reviews.ApplicantPeople.NoneKnown);
                    var sheet = new ScoreSheet(
                        criteria.Select((criterion, index) => (criterion.Key, Score: given[index])).ToDictionary(pair => pair.Key, pair => pair.Score).AsReadOnly(),
                        $"Comment from {reviewer} on {seed.Applications[application]}", "");
                    review.SaveDraft(sheet, criteria, now);
                    review.Submit(criteria, now, scoringOpen: true);
                    db.PanelReviews.Add(review);
                }
            }
            await db.SaveChangesAsync();
        });

    /// <summary>A member's review of an application, as saved.</summary>
    public static Task<PanelReview> ReviewAsync(FairFundFactory factory, string application, string member) =>
        factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var id = await db.Applications.Where(a => a.Reference == application).Select(a => a.Id).SingleAsync();
            return await db.PanelReviews.AsNoTracking().SingleAsync(r => r.ApplicationId == id && r.ReviewerId == member);
        });

    private static ProfileDetails GroupDetails(int number)
    {
        // Every third group is a small unregistered group run by people with lived experience; the rest are charities of growing size.
        var small = number % 3 == 0;
        var income = small ? 4_000m + 500m * number : 20_000m + 7_500m * number;
        return new ProfileDetails(
            $"Group {number}",
            small ? OrganisationType.UnregisteredGroup : OrganisationType.CharitableIncorporatedOrganisation,
            small ? null : CharityRegulator.EnglandAndWales,
            small ? null : $"{1_100_000 + number}",
            null,
            income,
            new DateOnly(2026, 3, 31),
            number % 4 == 0 ? "CV47 0AB" : "CV1 1AA",
            "Coventry",
            5,
            small ? 4 : 1,
            small ? 3 : 0,
            [new Contact($"Contact {number}", "Coordinator", $"contact{number}@group.fairfund.test")]);
    }

    /// <summary>Amounts spread across the grant range in whole pounds, so some rounds run out of money.</summary>
    private static decimal AmountFor(int number, GrantRange grants) =>
        decimal.Round(grants.Min + (grants.Max - grants.Min) * ((number * 37) % 100) / 100m, 0);

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(error => error.Description)));
    }
}
