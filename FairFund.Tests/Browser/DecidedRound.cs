using FairFund.Domain.Allocation;
using FairFund.Domain.Moderation;
using FairFund.Tests.Web;
using FairFund.Tests.Web.Panel;
using FairFund.Web.Data;
using FairFund.Web.Allocation;
using FairFund.Web.Rounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Browser;

/// <summary>The demo round decided, for pages that show a decided round: 24 applications, scored apart, with one change the panel made.</summary>
internal static class DecidedRound
{
    public static async Task<PanelRoundSeed> DecideAsync(FairFundFactory app)
    {
        var seed = await PanelRounds.SeedAsync(app, applications: 24, members: 3);
        await PanelRounds.ReviewAllAsync(app, seed, (application, member) =>
            member == 2 ? null : [(application + member) % 5, (application * 3) % 5, 4 - application % 5, application % 2 == 0 ? 0 : 4]);
        await app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var allocation = services.GetRequiredService<RoundAllocation>();
            var operations = services.GetRequiredService<RoundOperations>();
            var now = app.Clock.GetUtcNow();
            var round = await db.Rounds.SingleAsync(r => r.Reference == PanelRounds.Round);
            await operations.CloseScoringAsync(round, now, SignedInClient.Manager, reason: null, default);
            await db.SaveChangesAsync();

            var first = (await allocation.ModeratedAsync(round, default)).Ranked.First(application => application.Decision == Decision.Award);
            db.AllocationOverrides.Add(new AllocationOverride(Guid.NewGuid(), round.Id, first.Reference, OverrideKind.ChangeAmount, 1000m, first.PotKey,
                "Only the first year of the project is ready to start, so the panel funded that year.", SignedInClient.Manager, now));
            await db.SaveChangesAsync();

            await operations.ApproveAsync(round, now, SignedInClient.Manager, default);
            await db.SaveChangesAsync();
        });
        return seed;
    }
}
