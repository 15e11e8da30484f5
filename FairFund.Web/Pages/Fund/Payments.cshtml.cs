using System.Globalization;
using System.Text;
using FairFund.Domain.Applications;
using FairFund.Domain.Auditing;
using FairFund.Domain.Grants;
using FairFund.Domain.Scoring;
using FairFund.Web.Data;
using FairFund.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Fund;

/// <summary>
/// The finance view of a round's grants: the payments due now (released and not paid, on active grants whose bank
/// details are not waiting for a check), each marked paid with the day and the bank's reference, recorded with who
/// and when; the payments held because the bank details changed; the payments made. The bank account is shown only
/// masked. The payments file (<see cref="OnGetCsvAsync"/>) is the one place the full account appears: a download for
/// the bank's bulk upload, for fund managers only, each download logged with who (never what it holds).
/// </summary>
public sealed partial class PaymentsModel(FairFundDbContext db, TimeProvider time, ILogger<PaymentsModel> logger) : PageModel
{
    public const string DoneKey = "PaymentsDone";

    [BindProperty]
    public PaidInput Input { get; set; } = new();

    public FormErrors Errors { get; } = new();

    public PaymentsView View { get; private set; } = null!;

    public string? Done { get; private set; }

    /// <summary>Why this press changed nothing, in words; null when it did.</summary>
    public string? Refusal { get; private set; }

    /// <summary>The payment whose form was posted and came back with problems: its fields keep what was typed.</summary>
    public string? PostedKey { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        var round = await RoundAsync(reference, cancellationToken);
        if (round is null) return NotFound();
        Done = TempData[DoneKey] as string;
        await ShowAsync(round.Value, cancellationToken);
        return Page();
    }

    /// <summary>
    /// The payments due now as the bank's bulk upload takes them: account name, sort code, account number, amount and
    /// reference, one payment a line. The one place full bank details leave FairFund; not kept by any cache.
    /// </summary>
    public async Task<IActionResult> OnGetCsvAsync(string reference, CancellationToken cancellationToken)
    {
        var round = await RoundAsync(reference, cancellationToken);
        if (round is null) return NotFound();
        var now = time.GetUtcNow();
        var grants = await db.Grants.AsNoTracking().Where(grant => grant.RoundId == round.Value.Id).OrderBy(grant => grant.Reference).ToListAsync(cancellationToken);
        var file = new StringBuilder("Account name,Sort code,Account number,Amount,Reference\r\n");
        var count = 0;
        foreach (var grant in grants)
        {
            foreach (var payment in grant.PaymentsDue(now))
            {
                var bank = grant.Bank!;
                file.Append(Cell(bank.AccountName)).Append(',').Append(bank.SortCode).Append(',').Append(bank.AccountNumber).Append(',')
                    .Append(payment.Amount.ToString("0.00", CultureInfo.InvariantCulture)).Append(',').Append(Cell(grant.BankReference(payment.Number))).Append("\r\n");
                count++;
            }
        }
        var actor = Apply.GrantRecords.ActorOf(User);
        LogPaymentsFile(logger, round.Value.Reference, count, actor);
        Response.Headers.CacheControl = "no-store";
        var day = UkCalendar.DateOf(now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return File(Encoding.UTF8.GetBytes(file.ToString()), "text/csv; charset=utf-8", $"payments-due-{round.Value.Reference}-{day}.csv");
    }

    /// <summary>Marks one payment paid, with the day the money left and the bank's reference.</summary>
    public async Task<IActionResult> OnPostPaidAsync(string reference, CancellationToken cancellationToken)
    {
        var round = await RoundAsync(reference, cancellationToken);
        if (round is null) return NotFound();
        var grant = await db.Grants.SingleOrDefaultAsync(g => g.RoundId == round.Value.Id && g.Reference == Input.Grant, cancellationToken);
        if (grant is null || grant.Payments.All(payment => payment.Number != Input.Number)) return NotFound();
        PostedKey = KeyOf(grant.Reference, Input.Number);
        if (!db.IsStillAt(grant, Input.Version))
        {
            Refusal = "The grant changed while you were on this page, so the payment has not been marked paid. Check it below, then mark it paid again.";
            return await AgainAsync(round.Value, StatusCodes.Status409Conflict, cancellationToken);
        }
        var now = time.GetUtcNow();
        var dateErrors = new FormErrors();
        var paidOn = UkDateInput.ReadDate(Input.PaidOn, PaidOnId(PostedKey), "day paid", dateErrors);
        foreach (var error in dateErrors.All) Errors.Add(error);
        if (grant.WhyPaymentNotDue(Input.Number, now) is { } why)
        {
            Refusal = $"The payment cannot be marked paid: {char.ToLowerInvariant(why[0])}{why[1..]}.";
            return await AgainAsync(round.Value, StatusCodes.Status400BadRequest, cancellationToken);
        }
        foreach (var problem in grant.CheckPaid(paidOn ?? UkCalendar.DateOf(now), Input.Reference, now).Where(problem => paidOn is not null || problem.Location != "paidOn"))
            Errors.Add(problem.Location == "paidOn" ? PaidOnId(PostedKey) + "-day" : ReferenceId(PostedKey), problem.Message);
        if (Errors.Any) return await AgainAsync(round.Value, StatusCodes.Status400BadRequest, cancellationToken);
        try
        {
            grant.MarkPaid(Input.Number, paidOn!.Value, Input.Reference ?? "", now, Apply.GrantRecords.ActorOf(User));
            if (await db.SaveOverAsync(grant, Input.Version, cancellationToken) == EditSave.ChangedMeanwhile)
            {
                db.ChangeTracker.Clear();
                Refusal = "The grant changed while you were on this page, so the payment has not been marked paid. Check it below, then mark it paid again.";
                return await AgainAsync(round.Value, StatusCodes.Status409Conflict, cancellationToken);
            }
        }
        catch (DomainRuleException refused)
        {
            db.ChangeTracker.Clear();
            Refusal = refused.Message;
            return await AgainAsync(round.Value, StatusCodes.Status400BadRequest, cancellationToken);
        }
        TempData[DoneKey] = $"Payment {Input.Number} of grant {grant.Reference} is marked paid.";
        return RedirectToPage(new { reference });
    }

    private async Task<IActionResult> AgainAsync((Guid Id, string Reference, string Name) round, int status, CancellationToken cancellationToken)
    {
        await ShowAsync(round, cancellationToken);
        Response.StatusCode = status;
        return Page();
    }

    private async Task<(Guid Id, string Reference, string Name)?> RoundAsync(string reference, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.AsNoTracking().Where(r => r.Reference == reference).Select(r => new { r.Id, r.Reference, r.Name }).SingleOrDefaultAsync(cancellationToken);
        return round is null ? null : (round.Id, round.Reference, round.Name);
    }

    private async Task ShowAsync((Guid Id, string Reference, string Name) round, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = UkCalendar.DateOf(now);
        db.ChangeTracker.Clear();
        var grants = await db.Grants.Where(grant => grant.RoundId == round.Id).OrderBy(grant => grant.Reference).ToListAsync(cancellationToken);
        var groupIds = grants.Select(grant => grant.OrganisationId).Distinct().ToList();
        var groups = await db.Organisations.AsNoTracking().Where(group => groupIds.Contains(group.Id)).ToDictionaryAsync(group => group.Id, group => group.Name, cancellationToken);
        var due = new List<DueRow>();
        var held = new List<HeldRow>();
        var paid = new List<PaidRow>();
        foreach (var grant in grants)
        {
            var group = groups.GetValueOrDefault(grant.OrganisationId, "");
            var version = db.VersionOf(grant);
            foreach (var payment in grant.PaymentsDue(now))
            {
                var key = KeyOf(grant.Reference, payment.Number);
                var posted = key == PostedKey;
                due.Add(new DueRow(key, grant.Reference, group, payment.Number, Money.Pounds(payment.Amount), payment.Amount, payment.Release.ReleaseInWords(), grant.Bank!.Masked, version,
                    posted ? Input.PaidOn : DateInput.From(today), posted ? Input.Reference : grant.BankReference(payment.Number), BankChangeWords(grant)));
            }
            if (grant.State == GrantState.Active && grant.BankChangeUncheckedSince is not null)
                held.AddRange(grant.Payments.Where(payment => !payment.IsPaid && grant.IsReleased(payment, now))
                    .Select(payment => new HeldRow(grant.Reference, group, payment.Number, Money.Pounds(payment.Amount), grant.WhyPaymentNotDue(payment.Number, now) ?? "", BankChangeWords(grant))));
            paid.AddRange(grant.Payments.Where(payment => payment.IsPaid).Select(payment => new PaidRow(grant.Reference, group, payment.Number, Money.Pounds(payment.Amount),
                DecisionLetter.LongDate(payment.PaidOn!.Value), payment.Reference!, payment.PaidBy!, UkTime.Format(payment.RecordedAt!.Value))));
        }
        View = new PaymentsView(round.Reference, round.Name, due, held, paid,
            Money.Pounds(MoneyLimits.SafeSum(due.Select(row => row.AmountValue))),
            Money.Pounds(MoneyLimits.SafeSum(grants.Select(grant => grant.AmountPaid))));
    }

    /// <summary>Each change of the grant's bank details still to check, in words: the account before and after (masked), who and when.</summary>
    private static IReadOnlyList<string> BankChangeWords(Grant grant) =>
        [.. grant.BankChangesToCheck.Select(flag => (flag.Confirmed ? "Changed" : "Change waiting for the group's emailed link")
            + $" from {flag.MaskedOld} to {flag.MaskedNew}: asked at {UkTime.Format(flag.AskedAt)} (UK time) by {flag.AskedBy}"
            + (flag.ConfirmedAt is { } at ? $", confirmed at {UkTime.Format(at)} by {flag.ConfirmedBy}" : ""))];

    public static string KeyOf(string grant, int number) => $"{FieldIds.Of(grant)}-{number}";

    public static string PaidOnId(string key) => $"paid-on-{key}";

    public static string ReferenceId(string key) => $"reference-{key}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Payments file for round {Round} downloaded by {Actor}: {Count} payments")]
    private static partial void LogPaymentsFile(ILogger logger, string round, int count, string actor);

    /// <summary>A CSV cell: quoted when it holds a comma, quote or line break; a leading =, +, - or @ made plain text, so no spreadsheet runs it.</summary>
    private static string Cell(string text)
    {
        var safe = text.Length > 0 && text[0] is '=' or '+' or '-' or '@' ? "'" + text : text;
        return safe.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }

    public sealed class PaidInput
    {
        public string? Grant { get; set; }
        public int Number { get; set; }
        public DateInput PaidOn { get; set; } = new();
        public string? Reference { get; set; }
        public Guid Version { get; set; }
    }

    public sealed record DueRow(string Key, string Grant, string Group, int Number, string Amount, decimal AmountValue, string Release, string MaskedBank, Guid Version, DateInput PaidOn, string? Reference, IReadOnlyList<string> BankChanges);

    public sealed record HeldRow(string Grant, string Group, int Number, string Amount, string Why, IReadOnlyList<string> BankChanges);

    public sealed record PaidRow(string Grant, string Group, int Number, string Amount, string PaidOn, string Reference, string PaidBy, string RecordedAt);

    public sealed record PaymentsView(string Reference, string Name, IReadOnlyList<DueRow> Due, IReadOnlyList<HeldRow> Held, IReadOnlyList<PaidRow> Paid, string TotalDue, string TotalPaid);
}
