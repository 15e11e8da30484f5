using FairFund.Domain.Applications;
using FairFund.Domain.Auditing;
using FairFund.Domain.Deadlines;
using FairFund.Domain.Rounds;
using FairFund.Web.Data;
using FairFund.Web.Deadlines;
using FairFund.Web.Email;
using FairFund.Web.Email.Templates;
using FairFund.Web.Forms;
using FairFund.Web.Rounds;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Fund;

/// <summary>
/// A round's deadlines: give every group more time (an open round's closing time moved later, with a reason that the
/// public round page shows; every group with an unsent draft is emailed once), see each group given its own later
/// deadline, go to one group's application to give it more time, and set how long before its deadline a group with
/// an unsent draft is reminded. The domain decides what may move and to when.
/// </summary>
public sealed class DeadlinesModel(FairFundDbContext db, Mailer mailer, MailLinks links, TimeProvider time) : PageModel
{
    public const string DoneKey = "DeadlinesDone";

    [BindProperty]
    public ExtendInput Input { get; set; } = new();

    [BindProperty]
    public string? ReminderHours { get; set; }

    public FormErrors Errors { get; } = new();

    public DeadlinesView View { get; private set; } = null!;

    public string? Done { get; private set; }

    /// <summary>Why this press changed nothing, when it is not about one field.</summary>
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        await RoundClock.CloseDueRoundsAsync(db, time.GetUtcNow(), cancellationToken);
        if (await db.Rounds.SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken) is not { } round) return NotFound();
        Done = TempData[DoneKey] as string;
        ReminderHours = round.DeadlineReminderHours.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await ShowAsync(round, cancellationToken);
        return Page();
    }

    /// <summary>Moves the round's closing time later and tells every group with an unsent draft, once, in the same save.</summary>
    public async Task<IActionResult> OnPostExtendAsync(string reference, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await RoundClock.CloseDueRoundsAsync(db, now, cancellationToken);
        if (await db.Rounds.SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken) is not { } round) return NotFound();
        ReminderHours = round.DeadlineReminderHours.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var closesAt = UkDateInput.Read(Input.Closes, "closesAt", "new closing date", Errors);
        var problems = round.CheckClosingTimeExtension(closesAt, Input.Reason, now);
        // The date's own errors say more than "enter the new closing date"; the domain's stand for a readable date.
        foreach (var problem in problems.Where(problem => closesAt is not null || problem.Location != "closesAt"))
            Errors.Add(problem.Location == "closesAt" ? "closesAt-day" : "reason", problem.Message);
        if (Errors.Any || closesAt is null) return await AgainAsync(round, cancellationToken);
        try
        {
            round.ExtendClosingTime(closesAt.Value, Input.Reason ?? "", now, Apply.GrantRecords.ActorOf(User));
        }
        catch (DomainRuleException refused)
        {
            Refusal = refused.Message;
            return await AgainAsync(round, cancellationToken);
        }
        var told = await TellDraftsAsync(round, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            Refusal = "The round was changed by someone else while you were on this page, so the closing time was not moved. Check it below, then try again.";
            return await AgainAsync(await db.Rounds.SingleAsync(r => r.Reference == reference, cancellationToken), cancellationToken);
        }
        TempData[DoneKey] = $"The round now closes at {UkTime.Format(round.ClosesAt)} (UK time). {told} {(told == 1 ? "group with an unsent application is" : "groups with unsent applications are")} being emailed.";
        return RedirectToPage(new { reference });
    }

    /// <summary>Sets how many hours before its deadline a group with an unsent draft is reminded.</summary>
    public async Task<IActionResult> OnPostReminderAsync(string reference, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (await db.Rounds.SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken) is not { } round) return NotFound();
        int? hours = FormNumbers.TryWhole(ReminderHours, out var whole) ? whole : null;
        if (hours is null && !FormNumbers.IsBlank(ReminderHours)) Errors.Add("reminderHours", "Enter the hours as a whole number, like 72");
        else if (DeadlineRules.CheckReminderHours(hours) is { } problem) Errors.Add(problem.Location, problem.Message);
        if (Errors.Any) return await AgainAsync(round, cancellationToken);
        try
        {
            round.SetDeadlineReminder(hours!.Value, now, Apply.GrantRecords.ActorOf(User));
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainRuleException refused)
        {
            Refusal = refused.Message;
            return await AgainAsync(round, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            Refusal = "The round was changed by someone else while you were on this page, so the reminder was not changed. Try again.";
            return await AgainAsync(await db.Rounds.SingleAsync(r => r.Reference == reference, cancellationToken), cancellationToken);
        }
        TempData[DoneKey] = $"Groups with unsent applications will be reminded {hours} hours before their deadline.";
        return RedirectToPage(new { reference });
    }

    /// <summary>Goes to one application's page for giving its group more time, by its reference.</summary>
    public async Task<IActionResult> OnGetGroupAsync(string reference, string? application, CancellationToken cancellationToken)
    {
        if (await db.Rounds.SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken) is not { } round) return NotFound();
        var typed = (application ?? "").Trim();
        var found = typed.Length == 0 ? null : await db.Applications.AsNoTracking()
            .Where(a => a.RoundId == round.Id && a.Reference == typed).Select(a => a.Reference).SingleOrDefaultAsync(cancellationToken);
        if (found is not null) return RedirectToPage("/Fund/GroupDeadline", new { reference, applicationReference = found });
        ReminderHours = round.DeadlineReminderHours.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Errors.Add("application", typed.Length == 0 ? "Enter the application's reference" : $"There is no application {typed} in this round");
        return await AgainAsync(round, cancellationToken);
    }

    /// <summary>Queues the news of the new closing time to everyone in each group with an unsent draft; returns how many groups.</summary>
    private async Task<int> TellDraftsAsync(Round round, CancellationToken cancellationToken)
    {
        var drafts = await db.Applications.AsNoTracking().Where(a => a.RoundId == round.Id && a.State == ApplicationState.Draft)
            .Select(a => new { a.Id, a.Reference, a.OrganisationId, a.ExtendedUntil }).ToListAsync(cancellationToken);
        var groupIds = drafts.Select(draft => draft.OrganisationId).Distinct().ToList();
        var people = await GroupAddresses.OfAsync(db, groupIds, cancellationToken);
        var names = await db.Organisations.AsNoTracking().Where(group => groupIds.Contains(group.Id)).ToDictionaryAsync(group => group.Id, group => group.Name, cancellationToken);
        var extension = round.ClosingTimeExtensions.Count;
        var reason = round.ClosingTimeExtensions[^1].Reason;
        foreach (var draft in drafts)
        {
            var deadline = draft.ExtendedUntil is { } until && until > round.ClosesAt ? until : round.ClosesAt;
            foreach (var person in people[draft.OrganisationId])
            {
                var mail = new DeadlineExtendedMail(person.Name, names.GetValueOrDefault(draft.OrganisationId, "your group"), round.Name, draft.Reference, UkTime.Format(deadline), reason,
                    links.To(Url, "/Apply/TaskList", new { reference = draft.Reference }));
                await mailer.QueueAsync<DeadlineExtendedEmail, DeadlineExtendedMail>(person.Email, mail, draft.Reference,
                    $"deadline-extended:{draft.Id:N}:{extension}:{person.Email.ToLowerInvariant()}", cancellationToken);
            }
        }
        return drafts.Count;
    }

    private async Task<PageResult> AgainAsync(Round round, CancellationToken cancellationToken)
    {
        await ShowAsync(round, cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task ShowAsync(Round round, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var extended = await db.Applications.AsNoTracking().Where(a => a.RoundId == round.Id && a.ExtendedUntil != null)
            .Join(db.Organisations, a => a.OrganisationId, group => group.Id, (a, group) => new { Application = a, Group = group.Name })
            .ToListAsync(cancellationToken);
        View = new DeadlinesView(
            round.Reference,
            round.Name,
            Round.Describe(round.State),
            UkTime.Format(round.ClosesAt),
            round.State == RoundState.Open,
            round.CanSetDeadlineReminder,
            round.State is RoundState.Open or RoundState.Screening,
            [.. round.ClosingTimeExtensions.Select(e => new ExtensionRow(UkTime.Format(e.From), UkTime.Format(e.To), e.Reason, e.By, UkTime.Format(e.At)))],
            [.. extended.OrderBy(row => row.Application.Reference, StringComparer.Ordinal).Select(row => new GroupExtensionRow(
                row.Application.Reference, row.Group, UkTime.Format(row.Application.ExtendedUntil!.Value), row.Application.ExtensionReason ?? "",
                row.Application.ExtendedBy ?? "", row.Application.ExtendedAt is { } at ? UkTime.Format(at) : "",
                row.Application.State == ApplicationState.Draft ? (row.Application.HasExtensionRunning(round.ClosesAt, now) ? "Not sent yet" : "Not sent") : "Sent"))]);
        if (Input.Closes.Day is null && Input.Closes.Time is null) Input.Closes = DateTimeInput.From(round.ClosesAt);
    }

    public sealed class ExtendInput
    {
        public DateTimeInput Closes { get; set; } = new();
        public string? Reason { get; set; }
    }

    public sealed record DeadlinesView(string Reference, string Name, string StateInWords, string Closes, bool CanExtend, bool CanSetReminder, bool CanGiveGroupsTime,
        IReadOnlyList<ExtensionRow> Extensions, IReadOnlyList<GroupExtensionRow> Groups);

    public sealed record ExtensionRow(string From, string To, string Reason, string By, string At);

    public sealed record GroupExtensionRow(string Reference, string Group, string Until, string Reason, string By, string At, string Sent);
}
