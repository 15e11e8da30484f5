using System.Text.RegularExpressions;
using FairFund.Domain.Allocation;
using FairFund.Domain.Applications;
using FairFund.Domain.Auditing;
using FairFund.Domain.Rounds;
using FairFund.Web.Data;
using FairFund.Web.Email;
using FairFund.Web.Forms;
using FairFund.Web.Rounds;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Fund;

/// <summary>
/// Sending a decided round's decisions: the fund manager sets what the letters say about the grant's
/// conditions and the waiting list, reads the email each kind of group will get (or any one group's), made
/// from the real applications, and then sends them all at once. Afterwards the page shows how many have gone.
/// </summary>
public sealed partial class DecisionsModel(FairFundDbContext db, DecisionMailing mailing, RoundOperations operations, MailTemplates templates, MailLinks links, TimeProvider time) : PageModel
{
    public const string DoneKey = "DecisionsDone";

    [BindProperty]
    public AfterInput Input { get; set; } = new();

    public FormErrors Errors { get; } = new();

    public DecisionsView View { get; private set; } = null!;

    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, string? preview, CancellationToken cancellationToken)
    {
        var round = await DecidedRoundAsync(reference, cancellationToken);
        if (round is null) return NotFound();
        Done = TempData[DoneKey] as string;
        Input = AfterInput.From(round);
        View = await ViewOf(round, preview, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string reference, CancellationToken cancellationToken)
    {
        var round = await DecidedRoundAsync(reference, cancellationToken);
        if (round is null) return NotFound();
        if (round.State != RoundState.Decided)
        {
            TempData[DoneKey] = "Nothing was changed: the decisions have already been sent, with the words shown below.";
            return RedirectToPage(new { reference });
        }
        var waitingListUntil = UkDateInput.ReadOptionalDate(Input.WaitingListUntil, "waiting-list-until", "date the waiting list closes", Errors);
        var conditions = Input.GrantConditions ?? "";
        foreach (var problem in Round.CheckAfterTheDecision(conditions, waitingListUntil, time.GetUtcNow()))
            Errors.Add(problem.Location == nameof(Round.WaitingListUntil) ? "waiting-list-until-day" : "grant-conditions", problem.Message);
        if (!Errors.Any)
        {
            round.SetAfterTheDecision(conditions, waitingListUntil, time.GetUtcNow(), Actor);
            await db.SaveChangesAsync(cancellationToken);
            TempData[DoneKey] = "Saved. The previews below show the emails with these words.";
            return RedirectToPage(new { reference });
        }
        // The round as it is saved, with what was entered kept in the form.
        View = await ViewOf(round, preview: null, cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostSendAsync(string reference, CancellationToken cancellationToken)
    {
        var round = await DecidedRoundAsync(reference, cancellationToken);
        if (round is null) return NotFound();
        if (round.State != RoundState.Decided)
        {
            TempData[DoneKey] = "The decisions have already been sent.";
            return RedirectToPage(new { reference });
        }
        try
        {
            var queued = await operations.NotifyAsync(round, time.GetUtcNow(), Actor, StatusLink, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            TempData[DoneKey] = $"The decisions are being sent: {queued} {(queued == 1 ? "email" : "emails")}.";
        }
        catch (DomainRuleException refused)
        {
            Errors.Add("send", refused.Message);
            db.ChangeTracker.Clear();
            var saved = (await DecidedRoundAsync(reference, cancellationToken))!;
            Input = AfterInput.From(saved);
            View = await ViewOf(saved, preview: null, cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        catch (DbUpdateException)
        {
            // Someone else sent them a moment before (a second press, or another manager): theirs stands, with nothing queued twice.
            TempData[DoneKey] = "The decisions have already been sent.";
        }
        return RedirectToPage(new { reference });
    }

    private string Actor => User.Identity?.Name ?? "unknown";

    private string StatusLink(string reference) => links.StatusPage(Url, reference);

    private async Task<Round?> DecidedRoundAsync(string reference, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken);
        return round is not null && Round.IsDecided(round.State) ? round : null;
    }

    private async Task<DecisionsView> ViewOf(Round round, string? preview, CancellationToken cancellationToken)
    {
        var letters = await mailing.LettersAsync(round, StatusLink, cancellationToken);
        int Count(Decision decision) => letters.Count(letter => letter.Mail.Letter.Decision == decision);

        // One of each kind, the first in reference order, unless the manager asked for a particular application's.
        var chosen = letters.FirstOrDefault(letter => letter.Mail.Reference == preview);
        var shown = chosen is not null
            ? [chosen]
            : letters.GroupBy(letter => letter.Mail.Letter.Decision).OrderBy(kind => kind.Key).Select(kind => kind.First()).ToList();
        var previews = new List<EmailPreview>();
        foreach (var letter in shown)
        {
            var rendered = await templates.RenderAsync<Email.Templates.DecisionEmail, DecisionMail>(letter.Mail);
            var body = Body().Match(rendered.Html);
            previews.Add(new EmailPreview(KindInWords(letter.Mail.Letter.Decision), letter.Mail.Reference, letter.To, letter.Mail.Subject,
                body.Groups["style"].Value, body.Groups["content"].Value, rendered.Text));
        }

        var keys = letters.Select(letter => letter.DedupKey).ToList();
        var queued = await db.OutboxMessages.AsNoTracking()
            .Where(message => message.DedupKey != null && keys.Contains(message.DedupKey))
            .Select(message => new { message.SentAt, message.FailedAt })
            .ToListAsync(cancellationToken);
        var sending = new SendingProgress(queued.Count, queued.Count(m => m.SentAt != null), queued.Count(m => m.FailedAt != null));

        var whyNotSend = round.State == RoundState.Decided
            && await operations.WhyNotAsync(round, RoundTrigger.Notify, reason: null, time.GetUtcNow(), cancellationToken) is { Count: > 0 } whyNot
            ? $"Not yet: {string.Join("; ", whyNot)}."
            : null;
        return new DecisionsView(round.Reference, round.Name, round.State, letters.Count, Count(Decision.Award), Count(Decision.Waitlist), Count(Decision.Decline),
            round.State == RoundState.Decided, whyNotSend,
            round.NotifiedAt is { } notifiedAt ? UkTime.Format(notifiedAt) : null, sending,
            round.AfterTheDecisionSetAt is { } setAt ? $"{UkTime.Format(setAt)} by {round.AfterTheDecisionSetBy}" : null,
            round.WaitingListUntil is { } until ? DecisionLetter.LongDate(until) : null,
            [.. letters.Select(letter => new Choice(letter.Mail.Reference, $"{letter.Mail.Reference}: {KindInWords(letter.Mail.Letter.Decision).ToLowerInvariant()}"))],
            chosen?.Mail.Reference, previews);
    }

    private static string KindInWords(Decision decision) => decision switch
    {
        Decision.Award => "Funded",
        Decision.Waitlist => "Waiting list",
        _ => "Not funded",
    };

    [GeneratedRegex("<body style=\"(?<style>[^\"]*)\">(?<content>.*)</body>", RegexOptions.Singleline)]
    private static partial Regex Body();

    public sealed class AfterInput
    {
        public string? GrantConditions { get; set; }

        public DateInput WaitingListUntil { get; set; } = new();

        public static AfterInput From(Round round) => new()
        {
            GrantConditions = round.GrantConditions,
            WaitingListUntil = round.WaitingListUntil is { } until ? DateInput.From(until) : new DateInput(),
        };
    }

    /// <param name="BodyStyle">The style of the email's body (its font and colours), for the frame the page shows it in.</param>
    /// <param name="Body">The email's HTML inside its body: made by the templates, which encode every value.</param>
    public sealed record EmailPreview(string Kind, string Reference, string To, string Subject, string BodyStyle, string Body, string Text);

    /// <summary>The round's decision emails in the outbox: queued, sent, and failed after every try.</summary>
    public sealed record SendingProgress(int Queued, int Sent, int Failed)
    {
        public int Waiting => Queued - Sent - Failed;
    }

    public sealed record DecisionsView(
        string Reference, string Name, RoundState State, int Emails, int Awards, int Waitlisted, int Declines,
        bool CanChange, string? WhyNotSend, string? SentAt, SendingProgress Sending, string? AfterSetBy, string? WaitingListCloses,
        IReadOnlyList<Choice> Applications, string? Previewing, IReadOnlyList<EmailPreview> Previews);
}
