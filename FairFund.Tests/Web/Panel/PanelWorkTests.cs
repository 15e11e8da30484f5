using System.Net;
using FairFund.Domain.Rounds;
using FairFund.Web.Data;
using FairFund.Web.Email;
using FairFund.Web.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static FairFund.Tests.Web.Panel.PanelInvitePages;

namespace FairFund.Tests.Web.Panel;

/// <summary>
/// The panel's work (issue 18): members are emailed when given applications, one email per batch; the fund manager
/// sets a scoring deadline, shown to the panel, with a reminder before it sent once to each member with work left;
/// members read the supporting documents of the applications they may read, and nobody else's; and the fund manager
/// sees who is behind.
/// </summary>
public sealed class PanelWorkTests : IDisposable
{
    private readonly FairFundFactory _factory = new()
    {
        // The test asks for reminders at the instants it chooses, rather than the hourly clock.
        WithServices = services =>
        {
            foreach (var clock in services.Where(service => service.ImplementationType == typeof(ScoringReminderClock)).ToList()) services.Remove(clock);
        },
    };

    public void Dispose() => _factory.Dispose();

    private static string AssignedSubject(int count) => count == 1 ? $"You have 1 application to score for {RoundName}" : $"You have {count} applications to score for {RoundName}";

    private IReadOnlyList<MimeKit.MimeMessage> AssignedMail(string member) =>
        [.. Mailbox.To(_factory, member).Where(message => message.Subject?.StartsWith("You have ", StringComparison.Ordinal) == true)];

    [Fact]
    public async Task AssignAutomatically_SeveralApplicationsEach_OneEmailPerMemberSayingHowMany()
    {
        var seed = await PanelRounds.SeedAsync(_factory, applications: 4, members: 2);
        using var manager = await SignedInClient.As(_factory, SignedInClient.Manager);

        using (var assigned = await manager.PostFormAsync($"{PanelPage}?handler=AssignAutomatically", [], PanelPage))
            Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        using (var again = await manager.PostFormAsync($"{PanelPage}?handler=AssignAutomatically", [], PanelPage))
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);

        foreach (var member in seed.Members)
        {
            var given = await _factory.WithScopeAsync(services => services.GetRequiredService<FairFundDbContext>().PanelReviews.CountAsync(review => review.ReviewerId == member));
            Assert.True(given > 1, $"{member} was given {given} applications; the test needs several");
            var mail = Assert.Single(AssignedMail(member));
            Assert.Equal(AssignedSubject(given), mail.Subject);
            Assert.Contains($"/panel/rounds/{PanelRounds.Round}", mail.TextBody);
        }
        Assert.Equal(seed.Members.Count, await _factory.WithScopeAsync(services => services.GetRequiredService<FairFundDbContext>().OutboxMessages.CountAsync(m => m.Kind == MailKind.PanelAssigned)));
    }

    [Fact]
    public async Task AssignByHand_OneApplication_OneEmailToThatMemberOnly()
    {
        var seed = await PanelRounds.SeedAsync(_factory, applications: 2, members: 2);
        using var manager = await SignedInClient.As(_factory, SignedInClient.Manager);

        using var assigned = await manager.PostFormAsync($"{PanelPage}?handler=Assign",
            new() { ["Assign.Member"] = seed.Members[0], ["Assign.Application"] = seed.Applications[1] }, PanelPage);

        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        Assert.Equal(AssignedSubject(1), Assert.Single(AssignedMail(seed.Members[0])).Subject);
        Assert.Empty(AssignedMail(seed.Members[1]));
    }

    [Fact]
    public async Task ScoringDeadline_SetThroughThePanelPage_IsRecordedShownToThePanelAndInTheAssignmentEmail()
    {
        var seed = await PanelRounds.SeedAsync(_factory, applications: 2, members: 1);
        using var manager = await SignedInClient.As(_factory, SignedInClient.Manager);
        var due = _factory.Clock.GetUtcNow().AddDays(20);
        var ukDue = FairFund.Web.UkTime.From(due);

        using (var saved = await manager.PostFormAsync($"{PanelPage}?handler=ScoringDeadline", DeadlineFields(ukDue.Day, ukDue.Month, ukDue.Year, "17:00"), PanelPage))
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        using (var assigned = await manager.PostFormAsync($"{PanelPage}?handler=AssignAutomatically", [], PanelPage))
            Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);

        var round = await StoredRoundAsync();
        var expected = FairFund.Web.UkTime.ToUtc(DateOnly.FromDateTime(ukDue.DateTime), new TimeOnly(17, 0));
        Assert.Equal(expected, round.ScoringDeadline);
        Assert.Equal((SignedInClient.Manager, _factory.Clock.GetUtcNow()), (round.ScoringDeadlineSetBy, round.ScoringDeadlineSetAt!.Value));
        Assert.Equal(Round.ScoringDeadlineChanged, round.History[^1].Trigger);
        var shown = FairFund.Web.UkTime.Format(expected);
        Assert.Contains($"Scores are due by {shown} (UK time)", await manager.GetStringAsync(new Uri(PanelPage, UriKind.Relative)));
        using var member = await SignedInClient.As(_factory, seed.Members[0]);
        Assert.Contains($"Please submit your scores by <strong>{shown}</strong>", await member.GetStringAsync(new Uri(PanelPages.RoundPath, UriKind.Relative)));
        Assert.Contains($"Scores are due by <strong>{shown}</strong>", await member.GetStringAsync(new Uri("/panel", UriKind.Relative)));
        Assert.Contains($"Please submit your scores by {shown}", Assert.Single(AssignedMail(seed.Members[0])).TextBody);
    }

    [Fact]
    public async Task ScoringDeadline_InThePast_IsRefusedAtTheFieldAndNothingIsSet()
    {
        await PanelRounds.SeedAsync(_factory, applications: 1, members: 1);
        using var manager = await SignedInClient.As(_factory, SignedInClient.Manager);
        var yesterday = FairFund.Web.UkTime.From(_factory.Clock.GetUtcNow().AddDays(-1));

        using var refused = await manager.PostFormAsync($"{PanelPage}?handler=ScoringDeadline", DeadlineFields(yesterday.Day, yesterday.Month, yesterday.Year, "12:00"), PanelPage);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("<a href=\"#scoring-deadline-day\">The scoring deadline must be in the future.</a>", await refused.Content.ReadAsStringAsync());
        Assert.Null((await StoredRoundAsync()).ScoringDeadline);
    }

    [Fact]
    public async Task Reminder_TwoDaysBeforeTheDeadline_GoesOnceToEachMemberWithApplicationsLeftAndToNobodyElse()
    {
        var seed = await PanelRounds.SeedAsync(_factory, applications: 3, members: 3);
        foreach (var application in seed.Applications) await PanelRounds.AssignAsync(_factory, application, seed.Members[0]);
        await PanelRounds.AssignAsync(_factory, seed.Applications[0], seed.Members[1]);
        await PanelRounds.AssignAsync(_factory, seed.Applications[1], seed.Members[2]);
        using (var done = await SignedInClient.As(_factory, seed.Members[2]))
            await done.SubmitAsync(seed.Applications[1], PanelPages.Scores(3, 3, 3, 3), "A clear plan");
        using var manager = await SignedInClient.As(_factory, SignedInClient.Manager);
        var deadline = _factory.Clock.GetUtcNow().AddDays(10);
        var ukDeadline = FairFund.Web.UkTime.From(deadline);
        using (var saved = await manager.PostFormAsync($"{PanelPage}?handler=ScoringDeadline", DeadlineFields(ukDeadline.Day, ukDeadline.Month, ukDeadline.Year, "17:00"), PanelPage))
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var due = (await StoredRoundAsync()).ScoringDeadline!.Value;

        _factory.Clock.SetUtcNow(due - Round.ScoringReminderBefore - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await QueueRemindersAsync());
        _factory.Clock.SetUtcNow(due - Round.ScoringReminderBefore);
        Assert.Equal(2, await QueueRemindersAsync());
        _factory.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await QueueRemindersAsync());

        var subject = $"Reminder: scores for {RoundName} are due by {FairFund.Web.UkTime.Format(due)}";
        Assert.Contains("You have 3 applications still to score", Mailbox.Message(_factory, seed.Members[0], subject).TextBody);
        Assert.Contains("You have 1 application still to score", Mailbox.Message(_factory, seed.Members[1], subject).TextBody);
        Assert.DoesNotContain(Mailbox.To(_factory, seed.Members[2]), message => message.Subject == subject);
    }

    [Fact]
    public async Task Document_AssignedMemberWithoutAConflict_DownloadsItAndTheReviewPageLinksIt()
    {
        var seed = await PanelRounds.SeedAsync(_factory, applications: 2, members: 1, withDocuments: true);
        await PanelRounds.AssignAsync(_factory, seed.Applications[0], seed.Members[0]);
        using var member = await SignedInClient.As(_factory, seed.Members[0]);
        await member.DeclareNoConflictAsync(seed.Applications[0]);

        var review = await member.GetStringAsync(new Uri(PanelPages.ReviewPath(seed.Applications[0]), UriKind.Relative));
        var link = DocumentPath(seed.Applications[0], await DocumentIdAsync(seed.Applications[0]));
        Assert.Contains($"href=\"{link}\" download>plan-1.pdf</a>", review);
        using var download = await member.GetAsync(new Uri(link, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Builders.DocumentBytes.Pdf(2_001), await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Fact]
    public async Task Document_MemberWithAConflictNotYetDeclaredOrNotAssigned_IsNotFound()
    {
        var seed = await PanelRounds.SeedAsync(_factory, applications: 3, members: 1, withDocuments: true);
        foreach (var application in seed.Applications.Take(2)) await PanelRounds.AssignAsync(_factory, application, seed.Members[0]);
        using var member = await SignedInClient.As(_factory, seed.Members[0]);
        using (var declared = await member.DeclareConflictAsync(seed.Applications[0], "FamilyOrFriend"))
            Assert.Equal(HttpStatusCode.Redirect, declared.StatusCode);

        foreach (var application in seed.Applications)
        {
            // Conflicted (0), assigned but no conflict declared yet (1), not assigned (2).
            using var download = await member.GetAsync(new Uri(DocumentPath(application, await DocumentIdAsync(application)), UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
        }
    }

    [Fact]
    public async Task PanelPage_WhileScoring_ShowsWhoIsBehindWithScoredAgainstAssigned()
    {
        var seed = await PanelRounds.SeedAsync(_factory, applications: 3, members: 2);
        foreach (var application in seed.Applications) await PanelRounds.AssignAsync(_factory, application, seed.Members[0]);
        await PanelRounds.AssignAsync(_factory, seed.Applications[0], seed.Members[1]);
        using (var first = await SignedInClient.As(_factory, seed.Members[0]))
            await first.SubmitAsync(seed.Applications[2], PanelPages.Scores(2, 2, 2, 2), "Needs more detail on outcomes");
        using (var second = await SignedInClient.As(_factory, seed.Members[1]))
            await second.SubmitAsync(seed.Applications[0], PanelPages.Scores(3, 3, 3, 3), "A clear plan");
        using var manager = await SignedInClient.As(_factory, SignedInClient.Manager);

        var page = await manager.GetStringAsync(new Uri(PanelPage, UriKind.Relative));

        // Each list item's words, without the markup that lets a long address break on a phone.
        var items = System.Text.RegularExpressions.Regex.Matches(page, "<li>(.*?)</li>")
            .Select(item => System.Text.RegularExpressions.Regex.Replace(item.Groups[1].Value, "<[^>]+>", "")).ToList();
        Assert.Contains($"{seed.Members[0]}: 1 of 3 scored, 2 still to do", items);
        Assert.DoesNotContain(items, item => item.StartsWith($"{seed.Members[1]}:", StringComparison.Ordinal));
        Assert.Contains($"data-still-to-score=\"{seed.Members[0]}\">2<", page);
        Assert.Contains($"data-still-to-score=\"{seed.Members[1]}\">0<", page);
    }

    private static Dictionary<string, string> DeadlineFields(int day, int month, int year, string time) => new()
    {
        ["Deadline.Day"] = day.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Deadline.Month"] = month.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Deadline.Year"] = year.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Deadline.Time"] = time,
    };

    private static string DocumentPath(string application, Guid id) => $"{PanelPages.ReviewPath(application)}/documents/{id}";

    private Task<Guid> DocumentIdAsync(string application) =>
        _factory.WithScopeAsync(async services => (await services.GetRequiredService<FairFundDbContext>().Applications.AsNoTracking().SingleAsync(a => a.Reference == application)).Documents.Single().Id);

    private Task<Round> StoredRoundAsync() =>
        _factory.WithScopeAsync(services => services.GetRequiredService<FairFundDbContext>().Rounds.AsNoTracking().SingleAsync(r => r.Reference == PanelRounds.Round));

    private Task<int> QueueRemindersAsync() =>
        _factory.WithScopeAsync(services => ScoringReminderClock.QueueDueAsync(services, _factory.Clock.GetUtcNow(), CancellationToken.None));
}
