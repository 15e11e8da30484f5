using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web;

/// <summary>Each test of a class sharing one app must find it as a new app would be: nothing left of the test before.</summary>
public sealed class SharedFairFundAppTests
{
    [Fact]
    public async Task ForNextTest_AfterATestChangedDataAndSentMail_FindsTheTemplateAndAnEmptyMailbox()
    {
        using var shared = new SharedFairFundApp(appPerTest: false);
        var first = shared.ForNextTest();
        var template = await RowsAsync(first);
        await first.WithScopeAsync(services => services.GetRequiredService<FairFundDbContext>().Database
            .ExecuteSqlRawAsync("UPDATE \"AspNetUsers\" SET \"Email\" = 'changed@fairfund.test'"));
        Directory.CreateDirectory(first.MailFolder);
        await File.WriteAllTextAsync(Path.Combine(first.MailFolder, "left-over.eml"), "Subject: left over\r\n\r\n");

        var next = shared.ForNextTest();

        Assert.Same(first, next);
        Assert.Equal(template, await RowsAsync(next));
        Assert.Empty(Mailbox.All(next));
        var journal = await next.WithScopeAsync(services => services.GetRequiredService<FairFundDbContext>().Database
            .SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync());
        Assert.Equal("wal", Assert.Single(journal));
    }

    [Fact]
    public void ForNextTest_AfterATestMovedTheClock_IsANewAppAtTheStart()
    {
        using var shared = new SharedFairFundApp(appPerTest: false);
        var first = shared.ForNextTest();
        _ = first.Services;
        first.Clock.Advance(TimeSpan.FromDays(1));

        var next = shared.ForNextTest();

        Assert.NotSame(first, next);
        Assert.Equal(FairFundFactory.Start, next.Clock.GetUtcNow());
    }

    private static Task<string> RowsAsync(FairFundFactory app) => app.WithScopeAsync(async services =>
    {
        var db = services.GetRequiredService<FairFundDbContext>();
        var emails = await db.Users.Select(user => user.Email).OrderBy(email => email).ToListAsync();
        var rounds = await db.Rounds.CountAsync();
        return $"{rounds} rounds; users {string.Join(", ", emails)}";
    });
}
