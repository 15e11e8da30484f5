using System.Net;
using System.Text.RegularExpressions;
using FairFund.Domain.Applications;
using FairFund.Domain.Rounds;
using FairFund.Tests.Web.Fund;
using FairFund.Tests.Web.Panel;
using FairFund.Web.Accounts;
using FairFund.Web.Data;
using FairFund.Web.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace FairFund.Tests.Web.Email;

/// <summary>
/// Sending a decided round's decisions through the decisions page, to a real SMTP server on 127.0.0.1: one
/// email to whoever sent each application, once, in the words its status page then shows.
/// </summary>
public sealed partial class SendingDecisionsTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const string DecisionsPage = $"/fund/rounds/{PanelRounds.Round}/decisions";
    private const int Applications = 24;
    private const string Conditions = "Spend the grant on the project you described.\nSend us a short report within a year.";

    /// <summary>The application found ineligible while the panel scored: its group hears too.</summary>
    private static readonly string Ineligible = $"{PanelRounds.Round}-0024";

    /// <summary>
    /// The demo round decided: <see cref="Applications"/> applications spread out by the panel's scores so some
    /// are funded, some wait and some are declined, and the last one found ineligible during scoring.
    /// </summary>
    private static async Task<(PanelRoundSeed Seed, HttpClient Manager)> DecidedAsync(FairFundFactory app)
    {
        var seed = await PanelRounds.SeedAsync(app, Applications, members: 2);
        await PanelRounds.ReviewAllAsync(app, seed, (application, member) => application == Applications - 1 ? null : Moderating.SpreadScores(application, member));
        await app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var application = await db.Applications.SingleAsync(a => a.Reference == Ineligible);
            application.MarkIneligible(app.Clock.GetUtcNow(), SignedInClient.Manager, "The group is based outside Coventry and Warwickshire.");
            await db.SaveChangesAsync();
        });
        var manager = await SignedInClient.As(app, SignedInClient.Manager);
        await Moderating.CloseScoringAsync(manager);
        await Moderating.ApproveAsync(manager);
        return (seed, manager);
    }

    /// <summary>The round decided, with the grant's <see cref="Conditions"/> and the waiting list closing on 30 September 2027 saved.</summary>
    private static async Task<(PanelRoundSeed Seed, HttpClient Manager)> DecidedWithConditionsAsync(FairFundFactory app)
    {
        var (seed, manager) = await DecidedAsync(app);
        using var saved = await SaveAfterTheDecisionAsync(manager, Conditions, "30", "9", "2027");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        return (seed, manager);
    }

    private static Task<HttpResponseMessage> SaveAfterTheDecisionAsync(HttpClient manager, string conditions, string day, string month, string year) =>
        manager.PostFormAsync(DecisionsPage + "?handler=Save", new()
        {
            ["Input.GrantConditions"] = conditions,
            ["Input.WaitingListUntil.Day"] = day,
            ["Input.WaitingListUntil.Month"] = month,
            ["Input.WaitingListUntil.Year"] = year,
        }, DecisionsPage);

    [Fact]
    public async Task Save_ConditionsOverTheirWordLimit_AreRefusedAtTheFieldAndNothingIsSaved()
    {
        using var app = new FairFundFactory();
        var (_, manager) = await DecidedAsync(app);
        var html = await manager.GetStringAsync(new Uri(DecisionsPage, UriKind.Relative));
        var form = PageForms.Find(html, DecisionsPage, "handler=Save");

        using var response = await form.SubmitAsync(manager, new Dictionary<string, string> { ["Input.GrantConditions"] = string.Join(' ', Enumerable.Repeat("word", 601)) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        const string error = "The grant's conditions must be 600 words or fewer (they have 601).";
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains($"<a href=\"#grant-conditions\">{error}</a>", page);
        Assert.Contains($"<span class=\"govuk-visually-hidden\">Error:</span> {error}</p>", page);
        var round = await app.WithScopeAsync(services => services.GetRequiredService<FairFundDbContext>().Rounds.AsNoTracking().SingleAsync(r => r.Reference == PanelRounds.Round));
        Assert.Equal("", round.GrantConditions);
        Assert.Null(round.AfterTheDecisionSetAt);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient manager) => manager.PostFormAsync(DecisionsPage + "?handler=Send", [], DecisionsPage);

    private static Task<Dictionary<string, ApplicationState>> StatesAsync(FairFundFactory app) =>
        app.WithScopeAsync(services => services.GetRequiredService<FairFundDbContext>().Applications.AsNoTracking()
            .ToDictionaryAsync(a => a.Reference, a => a.State));

    [Fact]
    public async Task Send_DecidedRound_EmailsWhoeverSentEachApplicationItsDecisionOnce()
    {
        using var smtp = SmtpLoopback.Start();
        using var app = smtp.App();
        var (seed, manager) = await DecidedWithConditionsAsync(app);

        using (var sent = await SendAsync(manager)) Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal(Applications, app.DeliverMail());

        var states = await StatesAsync(app);
        Assert.Contains(ApplicationState.Awarded, states.Values);
        Assert.Contains(ApplicationState.Waitlisted, states.Values);
        Assert.Contains(ApplicationState.Declined, states.Values);
        var received = smtp.Received();
        Assert.Equal(Applications, received.Select(mail => mail.MessageId).Distinct().Count());
        for (var number = 1; number <= Applications; number++)
        {
            var reference = seed.Applications[number - 1];
            var mail = Assert.Single(received, mail => mail.To.Mailboxes.Single().Address == $"contact{number}@group.fairfund.test");
            Assert.Equal(states[reference] switch
            {
                ApplicationState.Awarded => $"Your application {reference} is funded",
                ApplicationState.Waitlisted => $"Your application {reference} is on the waiting list",
                _ => $"Your application {reference} has not been funded",
            }, mail.Subject);
            Assert.NotNull(mail.HtmlBody);
            Assert.Contains("How this decision was worked out", mail.TextBody, StringComparison.Ordinal);
            Assert.Contains($"/apply/applications/{reference}/status", mail.TextBody, StringComparison.Ordinal);
            Assert.Equal(states[reference] == ApplicationState.Awarded, mail.TextBody!.Contains("The grant's conditions\n\nSpend the grant on the project you described.\n\nSend us a short report within a year.", StringComparison.Ordinal));
            Assert.Equal(states[reference] == ApplicationState.Waitlisted, mail.TextBody.Contains("The waiting list stays open until 30 September 2027.", StringComparison.Ordinal));
        }
        var ineligible = Assert.Single(received, mail => mail.Subject!.Contains(Ineligible, StringComparison.Ordinal));
        Assert.Contains("does not meet the fund's rules: The group is based outside Coventry and Warwickshire.", ineligible.TextBody, StringComparison.Ordinal);
        Assert.Contains("What the panel said\n\nThe panel did not score your application, as it could not be considered.", ineligible.TextBody, StringComparison.Ordinal);

        var notices = await app.WithScopeAsync(services => services.GetRequiredService<FairFundDbContext>().Applications.AsNoTracking()
            .Where(a => a.State == ApplicationState.Awarded).ToListAsync());
        Assert.All(notices, awarded => Assert.Contains(
            $"Grant: {FairFund.Domain.Scoring.Money.Pounds(awarded.Decision!.Amount)}",
            received.Single(mail => mail.Subject == $"Your application {awarded.Reference} is funded").TextBody, StringComparison.Ordinal));
        var round = await app.WithScopeAsync(services => services.GetRequiredService<FairFundDbContext>().Rounds.AsNoTracking().SingleAsync(r => r.Reference == PanelRounds.Round));
        Assert.Equal(RoundState.Notified, round.State);
        Assert.Equal(SignedInClient.Manager, round.History[^1].Actor);
    }

    [Fact]
    public async Task Send_EachKindOfDecision_EmailOpensWithThePlainSentenceThenCommentsThenWhatHappensNextAndEndsWithEveryStepOfTheWorking()
    {
        using var smtp = SmtpLoopback.Start();
        using var app = smtp.App();
        var (_, manager) = await DecidedWithConditionsAsync(app);
        using (var sent = await SendAsync(manager)) Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        app.DeliverMail();
        var decided = await app.WithScopeAsync(services => services.GetRequiredService<FairFundDbContext>().Applications.AsNoTracking()
            .Where(a => a.Decision != null).OrderBy(a => a.Reference).ToListAsync());
        var received = smtp.Received();

        // One application of each kind: funded, on the waiting list, not funded, and found ineligible.
        foreach (var state in new[] { ApplicationState.Awarded, ApplicationState.Waitlisted, ApplicationState.Declined, ApplicationState.Ineligible })
        {
            var application = decided.First(a => a.State == state);
            var notice = application.Decision!;
            var text = received.Single(mail => mail.Subject!.Contains(application.Reference, StringComparison.Ordinal)).TextBody!;
            output.WriteLine($"--- {state}: {application.Reference}\n{text}");
            var paragraphs = text.Split("\n\n");

            // The funder's name, the greeting, then the decision in the domain's words.
            Assert.Equal(DecisionLetter.OpeningFor(notice, new DateOnly(2027, 9, 30)), paragraphs[2]);
            var comments = text.IndexOf(DecisionLetter.CommentsHeading + "\n", StringComparison.Ordinal);
            var next = text.IndexOf(DecisionLetter.NextHeading + "\n", StringComparison.Ordinal);
            var working = text.IndexOf(DecisionLetter.TrailHeading + "\n", StringComparison.Ordinal);
            Assert.True(0 < comments && comments < next && next < working, $"{application.Reference}'s email is not in the order decision, comments, what happens next, working");
            // Every step of the working, numbered, in order, and nothing of the letter after its last step.
            var steps = string.Join("\n", notice.Trail.Select(line => $"{line.Number}. {line.Text}"));
            var at = text.IndexOf(steps, working, StringComparison.Ordinal);
            Assert.True(at > working, $"{application.Reference}'s email does not end with every step of its working");
            Assert.StartsWith("\n\nSee your application's page, which shows this decision:", text[(at + steps.Length)..], StringComparison.Ordinal);
            if (state != ApplicationState.Ineligible) Assert.Contains("out of 100", steps, StringComparison.Ordinal);
        }
        manager.Dispose();
    }

    [Fact]
    public async Task Send_PressedTwiceAndQueuedAgain_QueuesEachDecisionOnce()
    {
        using var smtp = SmtpLoopback.Start();
        using var app = smtp.App();
        var (_, manager) = await DecidedAsync(app);
        using (var saved = await SaveAfterTheDecisionAsync(manager, "", "30", "9", "2027")) Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        // Both presses come from the same page, as a double click or a second tab would send them.
        var send = await manager.FormAsync(DecisionsPage + "?handler=Send", []);
        var save = await manager.FormAsync(DecisionsPage + "?handler=Save", []);

        using (var first = await send.SubmitAsync(manager)) Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        using (var second = await send.SubmitAsync(manager)) Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        // Forged on purpose: the round page links to the decisions page for Notify and has no form that sends it.
        using (var third = await manager.PostComposedAsync(Moderating.RoundPage,
            new() { ["Input.Trigger"] = nameof(RoundTrigger.Notify), ["Input.Version"] = FairFund.Tests.Web.Fund.RoundForms.Version(await manager.GetStringAsync(new Uri(Moderating.RoundPage, UriKind.Relative))) },
            Moderating.RoundPage)) Assert.Equal(HttpStatusCode.BadRequest, third.StatusCode);
        var queuedAgain = await app.WithScopeAsync(async services =>
        {
            // A retry of the queueing itself, as after a crash between Notify and the last email queued.
            var db = services.GetRequiredService<FairFundDbContext>();
            var mailing = services.GetRequiredService<DecisionMailing>();
            var round = await db.Rounds.SingleAsync(r => r.Reference == PanelRounds.Round);
            var count = await mailing.QueueAsync(await mailing.LettersAsync(round, reference => $"https://fund.example/{reference}", CancellationToken.None), CancellationToken.None);
            await db.SaveChangesAsync();
            return count;
        });

        Assert.Equal(0, queuedAgain);
        Assert.Equal(Applications, app.DeliverMail());
        Assert.Equal(0, app.DeliverMail());
        Assert.Equal(Applications, smtp.Received().Select(mail => mail.MessageId).Distinct().Count());
        Assert.Equal(Applications, smtp.Count);
        Assert.Contains("The decisions have already been sent.", await manager.GetStringAsync(new Uri(DecisionsPage, UriKind.Relative)), StringComparison.Ordinal);

        // A save from a page opened before the decisions went changes nothing the groups were sent.
        using var lateSave = await save.SubmitAsync(manager);
        Assert.Equal(HttpStatusCode.Redirect, lateSave.StatusCode);
        Assert.Equal(new DateOnly(2027, 9, 30), (await app.WithScopeAsync(services => services.GetRequiredService<FairFundDbContext>().Rounds.AsNoTracking().SingleAsync(r => r.Reference == PanelRounds.Round))).WaitingListUntil);
    }

    [Fact]
    public async Task StatusPage_HoldsTheDecisionUntilSentThenShowsTheEmailsWordsExactly()
    {
        using var smtp = SmtpLoopback.Start();
        using var app = smtp.App();
        var (seed, manager) = await DecidedWithConditionsAsync(app);
        var states = await StatesAsync(app);
        // One group of each kind signs in as the person who sent its application.
        var groups = new[] { ApplicationState.Awarded, ApplicationState.Waitlisted, ApplicationState.Declined, ApplicationState.Ineligible }
            .Select(state => seed.Applications.Select((reference, index) => (reference, number: index + 1)).First(application => states[application.reference] == state))
            .ToList();
        var applicants = new Dictionary<string, HttpClient>();
        foreach (var (reference, number) in groups) applicants[reference] = await ApplicantAsync(app, reference, $"contact{number}@group.fairfund.test");

        foreach (var (reference, _) in groups.Where(group => states[group.reference] != ApplicationState.Ineligible))
        {
            var before = await applicants[reference].GetStringAsync(new Uri($"/apply/applications/{reference}/status", UriKind.Relative));
            Assert.DoesNotContain("decision-letter", before, StringComparison.Ordinal);
            Assert.Contains("The panel has finished scoring your application.", before, StringComparison.Ordinal);
        }
        using (var sent = await SendAsync(manager)) Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        app.DeliverMail();

        var received = smtp.Received();
        foreach (var (reference, _) in groups)
        {
            var page = await applicants[reference].GetStringAsync(new Uri($"/apply/applications/{reference}/status", UriKind.Relative));
            var email = received.Single(mail => mail.Subject!.Contains(reference, StringComparison.Ordinal));
            var onThePage = LetterLines(page);
            Assert.True(onThePage.Count > 10, $"{reference}'s page shows only {onThePage.Count} lines of its letter");
            Assert.Equal(LetterLines(email.HtmlBody!), onThePage);
        }
        foreach (var client in applicants.Values) client.Dispose();
    }

    [Fact]
    public async Task Send_ForgedWhileTheWaitingListHasNoClosingDate_IsRefusedAndQueuesNothing()
    {
        using var smtp = SmtpLoopback.Start();
        using var app = smtp.App();
        var (_, manager) = await DecidedAsync(app);

        var page = await manager.GetStringAsync(new Uri(DecisionsPage, UriKind.Relative));
        Assert.Contains("Not yet: it needs the date the waiting list closes, as", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        // Forged on purpose: the page's send button is disabled, so only a forged request can ask; it must be refused.
        using var refused = await manager.PostComposedAsync(DecisionsPage + "?handler=Send", [], DecisionsPage);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("The round cannot send its decisions: it needs the date the waiting list closes", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithScopeAsync(services => services.GetRequiredService<FairFundDbContext>().OutboxMessages.CountAsync(m => m.DedupKey!.StartsWith("decision:"))));
        Assert.Equal(RoundState.Decided, (await app.WithScopeAsync(services => services.GetRequiredService<FairFundDbContext>().Rounds.AsNoTracking().SingleAsync(r => r.Reference == PanelRounds.Round))).State);
    }

    [Theory]
    [InlineData("31", "2", "2027", "The date the waiting list closes must be a real date, like 27 3 2027")]
    [InlineData("28", "2", "2027", "The date the waiting list closes must be after today.")]
    [InlineData("", "10", "", "The date the waiting list closes must include a day and year")]
    public async Task Save_WrongClosingDate_SaysWhatIsWrongAndKeepsWhatWasSaved(string day, string month, string year, string error)
    {
        using var smtp = SmtpLoopback.Start();
        using var app = smtp.App();
        var (_, manager) = await DecidedAsync(app);
        using (var saved = await SaveAfterTheDecisionAsync(manager, "Report within a year.", "30", "9", "2027")) Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        using var wrong = await SaveAfterTheDecisionAsync(manager, "Something else", day, month, year);

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var html = WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync());
        Assert.Contains($"<a href=\"#waiting-list-until-day\">{error}</a>", html, StringComparison.Ordinal);
        Assert.Contains("Something else", html, StringComparison.Ordinal);
        var round = await app.WithScopeAsync(services => services.GetRequiredService<FairFundDbContext>().Rounds.AsNoTracking().SingleAsync(r => r.Reference == PanelRounds.Round));
        Assert.Equal("Report within a year.", round.GrantConditions);
        Assert.Equal(new DateOnly(2027, 9, 30), round.WaitingListUntil);
        Assert.Equal(SignedInClient.Manager, round.AfterTheDecisionSetBy);
    }

    [Fact]
    public async Task Preview_ShowsOneRealEmailOfEachKindAndAnyApplicationsOnRequest()
    {
        using var smtp = SmtpLoopback.Start();
        using var app = smtp.App();
        var (seed, manager) = await DecidedWithConditionsAsync(app);
        var states = await StatesAsync(app);
        var firstAward = seed.Applications.First(reference => states[reference] == ApplicationState.Awarded);
        var awarded = await app.WithScopeAsync(services => services.GetRequiredService<FairFundDbContext>().Applications.AsNoTracking().SingleAsync(a => a.Reference == firstAward));

        var page = WebUtility.HtmlDecode(await manager.GetStringAsync(new Uri(DecisionsPage, UriKind.Relative)));

        Assert.Contains($"Funded: {firstAward}", page, StringComparison.Ordinal);
        Assert.Contains("Waiting list: ", page, StringComparison.Ordinal);
        Assert.Contains("Not funded: ", page, StringComparison.Ordinal);
        Assert.Contains($"Grant: {FairFund.Domain.Scoring.Money.Pounds(awarded.Decision!.Amount)}", page, StringComparison.Ordinal);
        Assert.Contains("Spend the grant on the project you described.", page, StringComparison.Ordinal);
        Assert.Contains($"{Applications} groups hear by email", page, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithScopeAsync(services => services.GetRequiredService<FairFundDbContext>().OutboxMessages.CountAsync(m => m.DedupKey!.StartsWith("decision:"))));

        var one = WebUtility.HtmlDecode(await manager.GetStringAsync(new Uri($"{DecisionsPage}?preview={Ineligible}", UriKind.Relative)));
        Assert.Contains($"Not funded: {Ineligible}", one, StringComparison.Ordinal);
        Assert.Contains("contact24@group.fairfund.test", one, StringComparison.Ordinal);
        Assert.Contains("The group is based outside Coventry and Warwickshire.", one, StringComparison.Ordinal);
        Assert.DoesNotContain($"Funded: {firstAward}", one, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decisions_BeforeDecisionOrForAnyoneButTheFundManager_IsNotShown()
    {
        using var smtp = SmtpLoopback.Start();
        using var app = smtp.App();
        var (_, manager) = await Moderating.InModerationAsync(app, 4, 2, Moderating.SpreadScores);
        using var applicant = await SignedInClient.As(app, SignedInClient.Applicant);

        using var inModeration = await manager.GetAsync(new Uri(DecisionsPage, UriKind.Relative));
        await Moderating.ApproveAsync(manager);
        using var forAnApplicant = await applicant.GetAsync(new Uri(DecisionsPage, UriKind.Relative));
        using var nobody = SignedInClient.Anonymous(app);
        using var forNobody = await nobody.GetAsync(new Uri(DecisionsPage, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, inModeration.StatusCode);
        Assert.Equal("/account/access-denied", forAnApplicant.Headers.Location!.AbsolutePath);
        Assert.Equal("/account/sign-in", forNobody.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Send_ApplicationChangedTwiceInModeration_EmailAndStatusPageTellEachChangeInOrderAndEndWithTheFinalDecision()
    {
        using var smtp = SmtpLoopback.Start();
        using var app = smtp.App();
        var seed = await PanelRounds.SeedAsync(app, Applications, members: 2);
        await PanelRounds.ReviewAllAsync(app, seed, Moderating.SpreadScores);
        var manager = await SignedInClient.As(app, SignedInClient.Manager);
        await Moderating.CloseScoringAsync(manager);
        var ranked = Moderating.RankedRows(await manager.GetStringAsync(new Uri(Moderating.ModerationPage, UriKind.Relative)));
        var waiting = ranked.First(row => row.Decision == "Waitlist");
        // Money for the change: the lowest award is stopped first, through the same form.
        var stopped = ranked.Last(row => row.Decision == "Award");
        using (var stop = await ModerationChangeForm.SubmitAsync(manager, stopped.Reference, "Decline", null, null, "The group has since closed."))
            Assert.Equal(HttpStatusCode.Redirect, stop.StatusCode);
        var (application, _) = await Apply.Drafts.LoadAsync(app, waiting.Reference);
        var left = (await app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            return await services.GetRequiredService<FairFund.Web.Allocation.RoundAllocation>().ModeratedAsync(await db.Rounds.AsNoTracking().SingleAsync(r => r.Reference == PanelRounds.Round), CancellationToken.None);
        })).Remaining;
        var funded = decimal.Truncate(Math.Min(application.AmountRequested, left));
        var lowered = decimal.Truncate(funded * 0.8m);
        Assert.True(lowered > 0, $"only {left} is left");
        const string ReasonA = "A: the group reaches families no one else does.";
        const string ReasonB = "B: the second year of the project is not ready.";

        var firstDay = FairFund.Web.Allocation.RoundAllocation.UkDay(app.Clock.GetUtcNow());
        using (var fund = await ModerationChangeForm.SubmitAsync(manager, waiting.Reference, "Fund", funded.ToString(System.Globalization.CultureInfo.InvariantCulture), "general", ReasonA))
            Assert.Equal(HttpStatusCode.Redirect, fund.StatusCode);
        app.Clock.Advance(TimeSpan.FromDays(1));
        var secondDay = FairFund.Web.Allocation.RoundAllocation.UkDay(app.Clock.GetUtcNow());
        using (var lower = await ModerationChangeForm.SubmitAsync(manager, waiting.Reference, "ChangeAmount", lowered.ToString(System.Globalization.CultureInfo.InvariantCulture), null, ReasonB))
            Assert.Equal(HttpStatusCode.Redirect, lower.StatusCode);
        await Moderating.ApproveAsync(manager);
        using (var saved = await SaveAfterTheDecisionAsync(manager, Conditions, "30", "9", "2027")) Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        using (var sent = await SendAsync(manager)) Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        app.DeliverMail();

        var email = Assert.Single(smtp.Received(), mail => mail.Subject == $"Your application {waiting.Reference} is funded");
        using var applicant = await ApplicantAsync(app, waiting.Reference, $"contact{seed.Applications.ToList().IndexOf(waiting.Reference) + 1}@group.fairfund.test");
        var status = await applicant.GetStringAsync(new Uri($"/apply/applications/{waiting.Reference}/status", UriKind.Relative));
        var letter = LetterLines(email.HtmlBody!);
        Assert.Equal(letter, LetterLines(status));

        // The decision first, then the panel's comments, then the working: the rules' decision, each change with its
        // reason and the final decision in words, then every numbered step, ending with the final decision.
        var story = new[]
        {
            $"You have been awarded {Pounds(lowered)} of the {Pounds(application.AmountRequested)} you asked for. The panel changed the decision the fund's rules gave, for the reasons under \"{DecisionLetter.TrailHeading}\".",
            $"Grant: {Pounds(lowered)} (part of what you asked for)",
            DecisionLetter.CommentsHeading,
            DecisionLetter.NextHeading,
            DecisionLetter.TrailHeading,
            "By the fund's published rules, your application scored well enough to be funded, but the money ran out before it was reached",
            $"On {DecisionLetter.LongDate(firstDay)} the panel decided to fund your application with {Pounds(funded)} from the General pot. Their reason: {ReasonA}",
            $"On {DecisionLetter.LongDate(secondDay)} the panel changed your grant from {Pounds(funded)} to {Pounds(lowered)}. Their reason: {ReasonB}",
            $"So the final decision is that your application is funded: {Pounds(lowered)}, part of what you asked for, from the General pot.",
            DecisionLetter.TrailIntroduction,
            $"Moderation on {DecisionLetter.LongDate(firstDay)}: the panel changed the decision from the waiting list to an award of {Money(funded)} from the General pot, because: {ReasonA}",
            $"Moderation on {DecisionLetter.LongDate(secondDay)}: the panel changed the award from {Money(funded)} to {Money(lowered)}, because: {ReasonB}",
            $"Final decision, after moderation: an award of {Money(lowered)} from the General pot (part of what you asked for)",
        };
        var at = story.Select(part => letter.FindIndex(line => line.StartsWith(part, StringComparison.Ordinal))).ToList();
        Assert.All(at.Select((index, part) => (index, part)), found => Assert.True(found.index >= 0, $"the letter does not say: {story[found.part]}"));
        Assert.Equal(at.Order(), at);
        Assert.Equal(0, at[0]);
        // The working ends with the final decision: the last line of the letter.
        Assert.Equal(letter.Count - 1, at[^1]);
        Assert.Contains(ReasonA, email.TextBody, StringComparison.Ordinal);
        Assert.True(email.TextBody!.IndexOf(ReasonA, StringComparison.Ordinal) < email.TextBody.IndexOf(ReasonB, StringComparison.Ordinal));
        manager.Dispose();
    }

    private static string Pounds(decimal amount) => FairFund.Domain.Scoring.Money.Pounds(amount);

    private static string Money(decimal amount) => FairFund.Domain.Scoring.Money.PoundsAndPence(amount);

    /// <summary>An account for the person who sent the application, a member of its group, signed in.</summary>
    private static async Task<HttpClient> ApplicantAsync(FairFundFactory app, string reference, string email)
    {
        const string password = "a-group-member-2027";
        await app.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<IdentityUser>>();
            var db = services.GetRequiredService<FairFundDbContext>();
            var user = new IdentityUser(email) { Email = email, EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Applicant)).Succeeded);
            var organisation = await db.Applications.Where(a => a.Reference == reference).Select(a => a.OrganisationId).SingleAsync();
            db.OrganisationMembers.Add(new OrganisationMember { OrganisationId = organisation, UserId = user.Id });
            await db.SaveChangesAsync();
        });
        var client = SignedInClient.Anonymous(app);
        using var signedIn = await client.PostFormAsync("/account/sign-in", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }

    /// <summary>
    /// The words inside <c>id="decision-letter"</c>, a line for each paragraph, heading, list item or line break,
    /// whatever the markup around them: what a reader reads, to compare a page with an email.
    /// </summary>
    private static List<string> LetterLines(string html)
    {
        var start = html.IndexOf("id=\"decision-letter\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "no decision letter");
        var open = html.LastIndexOf("<div", start, StringComparison.Ordinal);
        var depth = 0;
        var end = open;
        foreach (Match tag in Divs().Matches(html, open))
        {
            depth += tag.Value.StartsWith("</", StringComparison.Ordinal) ? -1 : 1;
            if (depth == 0) { end = tag.Index; break; }
        }
        var letter = Blocks().Replace(html[open..end], "\n");
        return [.. WebUtility.HtmlDecode(Tags().Replace(letter, "")).Split('\n')
            .Select(line => Spaces().Replace(line, " ").Trim()).Where(line => line.Length > 0)];
    }

    [GeneratedRegex("</?div\\b[^>]*>")]
    private static partial Regex Divs();

    [GeneratedRegex("</?(p|div|li|ol|ul|h2|h3|br)\\b[^>]*>")]
    private static partial Regex Blocks();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex("\\s+")]
    private static partial Regex Spaces();
}
