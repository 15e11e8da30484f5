using FairFund.Domain.Applications;
using FairFund.Tests.Builders;
using FairFund.Tests.Web.Apply;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Data;

/// <summary>
/// A change to an aggregate's owned rows alone (budget lines, partners) renews the owner's version in the same
/// save, so two people changing the same application's lists cannot both win (docs/edit-conflicts.md).
/// </summary>
public sealed class OwnedRowVersionTests(SharedFairFundApp app) : IClassFixture<SharedFairFundApp>
{
    private readonly FairFundFactory factory = app.StartedForNextTest();

    [Fact]
    public async Task SaveChanges_OnlyBudgetLinesChanged_RenewsTheApplicationsVersion()
    {
        var reference = await factory.StartAsync(complete: true);
        var (_, before) = await factory.LoadAsync(reference);

        await factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var application = await db.Applications.SingleAsync(a => a.Reference == reference);
            application.AnswerBudget([new BudgetLine("Walk leader expenses", 3000m), new BudgetLine("Training", 1200m)]);
            await db.SaveChangesAsync();
        });

        var (saved, after) = await factory.LoadAsync(reference);
        Assert.Equal(1200m, saved.Budget[1].Cost);
        Assert.NotEqual(before, after);
    }

    [Fact]
    public async Task SaveChanges_OnlyOwnedRowsAddedInTwoContexts_TheSecondIsRefusedAndTheFirstStands()
    {
        var reference = await factory.StartAsync(complete: true);
        using var firstScope = factory.Services.CreateScope();
        using var secondScope = factory.Services.CreateScope();
        var first = firstScope.ServiceProvider.GetRequiredService<FairFundDbContext>();
        var second = secondScope.ServiceProvider.GetRequiredService<FairFundDbContext>();
        var mine = await first.Applications.SingleAsync(a => a.Reference == reference);
        var theirs = await second.Applications.SingleAsync(a => a.Reference == reference);

        // Each adds a document: only rows of its documents' tables are new, the application's own row is untouched.
        var pdf = DocumentBytes.Pdf();
        var header = pdf[..Math.Min(pdf.Length, DocumentKinds.HeaderBytes)];
        var now = factory.Clock.GetUtcNow();
        mine.AddDocument(Guid.NewGuid(), "mine.pdf", pdf.Length, header, now, "first@demo.fairfund.test");
        theirs.AddDocument(Guid.NewGuid(), "theirs.pdf", pdf.Length, header, now, "second@demo.fairfund.test");
        await first.SaveChangesAsync();

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        var (saved, _) = await factory.LoadAsync(reference);
        Assert.Equal("mine.pdf", Assert.Single(saved.Documents).FileName);
    }
}
