using FairFund.Web.Data;
using FairFund.Web.Email;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Fund;

/// <summary>
/// Mail that has not gone: messages that failed every try, with the last error and a way to try again, and
/// messages still waiting or being retried. Sent mail is not listed; it is in the outbox table for the record.
/// </summary>
public sealed class MailModel(FairFundDbContext db, OutboxSignal signal, TimeProvider time) : PageModel
{
    public const string DoneKey = "MailDone";

    public IReadOnlyList<MessageRow> Failed { get; private set; } = [];

    public IReadOnlyList<MessageRow> Pending { get; private set; } = [];

    public string? Done { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Done = TempData[DoneKey] as string;
        // Few rows are unsent at any time; the times are sorted here, as the query could only sort by ticks.
        var unsent = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.SentAt == null)
            .Select(m => new { m.Id, m.To, m.Subject, m.Kind, m.RelatedReference, m.Attempts, m.LastError, m.CreatedAt, m.NextAttemptAt, m.LastAttemptAt, m.FailedAt })
            .ToListAsync(cancellationToken);
        Failed = unsent.Where(m => m.FailedAt is not null).OrderByDescending(m => m.FailedAt)
            .Select(m => new MessageRow(m.Id, m.To, m.Subject, m.RelatedReference, m.Attempts, m.LastError, UkTime.Format(m.CreatedAt), UkTime.Format(m.FailedAt!.Value)))
            .ToList();
        Pending = unsent.Where(m => m.FailedAt is null).OrderBy(m => m.CreatedAt)
            .Select(m => new MessageRow(m.Id, m.To, m.Subject, m.RelatedReference, m.Attempts, m.LastError, UkTime.Format(m.CreatedAt), m.Attempts == 0 ? "Now" : UkTime.Format(m.NextAttemptAt)))
            .ToList();
    }

    public async Task<IActionResult> OnPostTryAgainAsync(Guid id, CancellationToken cancellationToken)
    {
        var message = await db.OutboxMessages.SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (message is null) return NotFound();
        if (message.FailedAt is null)
        {
            // Already sent or already waiting (another manager pressed it first): nothing to do.
            TempData[DoneKey] = $"The email to {message.To} is not waiting for a retry: it has been sent or is already queued";
            return RedirectToPage();
        }
        message.TryAgain(time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        signal.Wake();
        TempData[DoneKey] = $"The email to {message.To} will be tried again now";
        return RedirectToPage();
    }

    /// <summary>One message as the table shows it; <c>When</c> is when it failed, or when it is next tried.</summary>
    public sealed record MessageRow(Guid Id, string To, string Subject, string? RelatedReference, int Attempts, string? LastError, string Queued, string When);
}
