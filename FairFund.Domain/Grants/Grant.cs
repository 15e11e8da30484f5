using FairFund.Domain.Applications;
using FairFund.Domain.Auditing;
using FairFund.Domain.Scoring;
using FairFund.Domain.Validation;
using GrantLifecycle = FairFund.Domain.Lifecycles.Lifecycle<FairFund.Domain.Grants.GrantState, FairFund.Domain.Grants.GrantTrigger, FairFund.Domain.Grants.GrantAsk>;

namespace FairFund.Domain.Grants;

public enum GrantState { Offered, Accepted, DeclinedByGroup, Active, Closed, Withdrawn }

public enum GrantTrigger { Accept, Decline, Activate, Close, Withdraw }

/// <summary>
/// What a page gives <see cref="Grant.WhyNot"/>: the reason typed, which Withdraw weighs, and the time asked at, which
/// Close weighs (the payments released by then must be paid).
/// </summary>
internal sealed record GrantAsk(string Reason, DateTimeOffset? Now);

/// <summary>What happened to the bank details, for the record: only ever the masked account.</summary>
public enum BankEventKind { Given, ChangeAsked, ChangeConfirmed, ChangeChecked }

/// <summary>One event in the bank details' history, with who and when; the account only masked.</summary>
public sealed record BankEvent(DateTimeOffset At, string Actor, BankEventKind Kind, string MaskedAccount);

/// <summary>
/// A change of bank details asked for and not yet confirmed by the email link. <paramref name="LinkHash"/> is the
/// SHA-256 (lower-case hex) of the secret the emailed link carries: only the hash is kept, so whoever reads the
/// stored grant cannot confirm the change.
/// </summary>
public sealed record PendingBankChange(BankDetails Details, DateTimeOffset AskedAt, string AskedBy, string LinkHash)
{
    /// <summary>The instant the link stops working: <see cref="Grant.BankChangeLinkLifetime"/> after the request.</summary>
    public DateTimeOffset LinkExpiresAt => AskedAt + Grant.BankChangeLinkLifetime;
}

/// <summary>
/// A change of bank details the fund manager must check before paying: one waiting for its email link, or one
/// confirmed and not yet checked. Who asked and when, who confirmed and when, and the account before and after,
/// both only masked.
/// </summary>
public sealed record BankChangeFlag(bool Confirmed, string AskedBy, DateTimeOffset AskedAt, string? ConfirmedBy, DateTimeOffset? ConfirmedAt, string MaskedOld, string MaskedNew);

/// <summary>What closing the grant recorded: the final report, the money paid and any returned.</summary>
public sealed record GrantClosure(string FinalReport, decimal Paid, decimal Returned, string Note, DateTimeOffset At, string By);

/// <summary>
/// A grant: what an awarded application becomes when the decisions are sent, with the round's terms, and its
/// lifecycle (docs/state-diagrams.md): Offered, then Accepted by a named person for the group (or DeclinedByGroup),
/// Active once the fund has checked the acceptance, then Closed with the final report; Withdrawn by the fund, with
/// a reason, at any point before closing. Every state change is recorded with who and when; every refusal says why.
/// It holds the payments (the schedule's instalments, pence-exact), the reports owed, the bank details (changes
/// confirmed by email link and flagged to the fund manager) and every change asked for during the grant.
/// </summary>
public sealed class Grant
{
    private readonly List<StateChange> _history = [];
    private readonly List<Payment> _payments = [];
    private readonly List<GrantReport> _reports = [];
    private readonly List<ChangeRequest> _changes = [];
    private readonly List<BankEvent> _bankEvents = [];
    private readonly List<BudgetLine> _budget = [];
    private readonly List<Outcome> _outcomes = [];
    private readonly GrantLifecycle _lifecycle;
    private readonly GrantLifecycle.Intent<string> _withdraw;
    private readonly GrantLifecycle.Intent<DateTimeOffset?> _close;

    private Grant()
    {
        _lifecycle = new GrantLifecycle(() => State, state => State = state, () => _history, "The grant", Verb, Describe, Configure);
        _withdraw = _lifecycle.Declare(GrantTrigger.Withdraw, ask => ask.Reason);
        _close = _lifecycle.Declare(GrantTrigger.Close, ask => ask.Now, now => OutstandingAtClosing(now));
    }

    /// <summary>
    /// Offers a grant for an awarded application: its amount from the decision, the round's terms and the grant's
    /// conditions, its payments from the schedule. Refused when the application is not awarded, the terms have
    /// a problem (<see cref="GrantTerms.Check"/>), or the conditions are over <see cref="ConditionsLimit"/>.
    /// </summary>
    public static Grant Offer(Guid id, Application application, GrantTerms terms, string? conditions, DateTimeOffset now, string actor)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(terms);
        if (application.State != ApplicationState.Awarded || application.Decision is not { Amount: > 0 } decision)
            throw new DomainRuleException($"A grant can be offered only for an awarded application: {application.Reference} is {Labels.ForStaff(application.State).ToLowerInvariant()}.");
        if (terms.Check() is [var problem, ..])
            throw new DomainRuleException($"A grant cannot be offered on these terms: {problem}.");
        if (FreeText.Check("conditions", "The grant's conditions", FreeText.Clean(conditions), ConditionsLimit) is { } tooLong)
            throw new DomainRuleException($"A grant cannot be offered with these conditions: {tooLong.Message}.");
        var grant = new Grant
        {
            Id = id,
            ApplicationId = application.Id,
            RoundId = application.RoundId,
            OrganisationId = application.OrganisationId,
            Reference = application.Reference,
            Amount = decision.Amount,
            Conditions = FreeText.Clean(conditions),
            Terms = terms,
            OfferedAt = now,
            OfferedBy = actor,
            StartDate = application.StartDate,
            EndDate = application.EndDate,
            ApplicationOutcomes = application.Outcomes,
        };
        grant._budget.AddRange(application.Budget);
        grant._payments.AddRange(terms.InstalmentsFor(decision.Amount).Select((part, index) => new Payment(index + 1, part.Amount, part.Instalment)));
        return grant;
    }

    /// <summary>The limit on a grant's conditions: the same as a round's (<see cref="Rounds.Round.GrantConditionsLimit"/>), from which they come.</summary>
    public static TextLimit ConditionsLimit { get; } = new(4_000, 600);

    public Guid Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    public Guid RoundId { get; private set; }
    public Guid OrganisationId { get; private set; }

    /// <summary>The application's reference, which the grant keeps.</summary>
    public string Reference { get; private set; } = "";

    /// <summary>The amount awarded, to the penny: what the payments add up to.</summary>
    public decimal Amount { get; private set; }

    /// <summary>The grant's conditions, as the decision letter gave them.</summary>
    public string Conditions { get; private set; } = "";

    /// <summary>The round's terms when the grant was offered: later changes to the round's terms do not change it.</summary>
    public GrantTerms Terms { get; private set; } = null!;

    public DateTimeOffset OfferedAt { get; private set; }
    public string OfferedBy { get; private set; } = "";
    public GrantState State { get; private set; } = GrantState.Offered;
    public IReadOnlyList<StateChange> History => _history.AsReadOnly();

    public DateOnly? StartDate { get; private set; }
    public DateOnly? EndDate { get; private set; }

    /// <summary>What the application said about outcomes: where the acceptance form starts (<see cref="GrantLimits.StartingFrom"/>).</summary>
    public string ApplicationOutcomes { get; private set; } = "";

    /// <summary>The budget lines, from the application, as agreed changes leave them.</summary>
    public IReadOnlyList<BudgetLine> Budget => _budget.AsReadOnly();

    /// <summary>The outcomes confirmed at acceptance, as agreed changes leave them; empty until accepted.</summary>
    public IReadOnlyList<Outcome> Outcomes => _outcomes.AsReadOnly();

    /// <summary>Who accepted for the group; null until accepted.</summary>
    public Signatory? Signatory { get; private set; }

    /// <summary>The day the grant was accepted (UK), from which report due dates count; null until then.</summary>
    public DateOnly? AcceptedOn { get; private set; }

    /// <summary>The account payments go to; null until accepted. Shown only masked (<see cref="BankDetails.Masked"/>).</summary>
    public BankDetails? Bank { get; private set; }

    /// <summary>A change of bank details asked for and waiting for its email link; null when none is.</summary>
    public PendingBankChange? PendingBankChange { get; private set; }

    /// <summary>
    /// When the bank details were last changed, if the fund manager has not yet checked that change; null otherwise.
    /// While set, no payment is due: payment diversion is the most common grant fraud.
    /// </summary>
    public DateTimeOffset? BankChangeUncheckedSince { get; private set; }

    /// <summary>Every event in the bank details' history, oldest first, masked.</summary>
    public IReadOnlyList<BankEvent> BankEvents => _bankEvents.AsReadOnly();

    /// <summary>The payments, in schedule order; they add up to <see cref="Amount"/> exactly.</summary>
    public IReadOnlyList<Payment> Payments => _payments.AsReadOnly();

    /// <summary>The reports owed, in schedule order; none until accepted.</summary>
    public IReadOnlyList<GrantReport> Reports => _reports.AsReadOnly();

    /// <summary>Every change asked for, in order, decided or not.</summary>
    public IReadOnlyList<ChangeRequest> Changes => _changes.AsReadOnly();

    /// <summary>What closing recorded; null until closed.</summary>
    public GrantClosure? Closure { get; private set; }

    /// <summary>Why the fund withdrew the grant; null unless it did.</summary>
    public string? WithdrawnReason => State == GrantState.Withdrawn ? _lifecycle.LastBy(GrantTrigger.Withdraw)?.Reason : null;

    /// <summary>The last instant the group can accept: the end of the day <see cref="GrantTerms.DaysToAccept"/> days after the offer (UK).</summary>
    public DateTimeOffset AcceptBy => UkCalendar.EndOf(UkCalendar.DateOf(OfferedAt).AddDays(Terms.DaysToAccept));

    /// <summary>
    /// Whether the offer is still waiting for the group after its acceptance date, at <paramref name="now"/>: flagged
    /// to the fund manager, who may chase or withdraw it. A late acceptance is still taken.
    /// </summary>
    public bool IsPastAcceptanceDate(DateTimeOffset now) => State == GrantState.Offered && now >= AcceptBy;

    /// <summary>Whether a grant of this amount asks only a short end report.</summary>
    public bool IsProportionate => Terms.IsProportionate(Amount);

    /// <summary>The reports the offer asks for, before they are made at acceptance.</summary>
    public IReadOnlyList<ExpectedReport> ExpectedReports => Terms.ReportsFor(Amount);

    /// <summary>The money paid so far.</summary>
    public decimal AmountPaid => _payments.Where(payment => payment.IsPaid).Sum(payment => payment.Amount);

    /// <summary>Whether the bank details are flagged to the fund manager: a change is waiting for its link, or made and not yet checked.</summary>
    public bool IsBankChangeFlagged => PendingBankChange is not null || BankChangeUncheckedSince is not null;

    // ---- Lifecycle ----

    /// <summary>
    /// The group accepts the offer: the signatory, the outcomes and the bank details. Refused, changing nothing,
    /// unless the grant is offered and <see cref="Acceptance.Check"/> finds nothing wrong. The reports are then
    /// set, their due dates counted from today (UK).
    /// </summary>
    public void Accept(Acceptance acceptance, DateTimeOffset now, string actor)
    {
        ArgumentNullException.ThrowIfNull(acceptance);
        _lifecycle.EnsureCan(GrantTrigger.Accept, Ask());
        var today = UkCalendar.DateOf(now);
        if (acceptance.Check(UkCalendar.DateOf(OfferedAt), today) is { Count: > 0 } problems)
            throw new DomainRuleException($"The grant cannot be accepted: {string.Join("; ", problems)}.");
        _lifecycle.Fire(GrantTrigger.Accept, now, actor);
        var kept = acceptance.Cleaned();
        (Signatory, Bank, AcceptedOn) = (kept.Signatory, kept.Bank, today);
        _outcomes.AddRange(kept.Outcomes);
        _bankEvents.Add(new BankEvent(now, actor, BankEventKind.Given, kept.Bank.Masked));
        var owed = ExpectedReports;
        _reports.AddRange(owed.Select((report, index) => new GrantReport(index + 1, report.Name, report.IsFinal, IsProportionate, report.DueFor(today))));
    }

    /// <summary>The limit on the group's optional reason for declining.</summary>
    public static TextLimit DeclineReasonLimit { get; } = GrantLimits.Reason;

    /// <summary>The group declines the offer, with its reason if it gives one.</summary>
    public void Decline(DateTimeOffset now, string actor, string? reason = null)
    {
        var clean = FreeText.Clean(reason);
        if (FreeText.Check("reason", "Your reason", clean, DeclineReasonLimit) is { } problem) throw new DomainRuleException(problem.Message + ".");
        _lifecycle.Fire(GrantTrigger.Decline, now, actor, clean.Length == 0 ? null : clean);
    }

    /// <summary>
    /// The fund manager has checked the acceptance and starts the grant: from now payments can be made and reports
    /// written. Refused while a change of bank details waits for its email link.
    /// </summary>
    public void Activate(DateTimeOffset now, string actor) => _lifecycle.Fire(GrantTrigger.Activate, now, actor);

    /// <summary>What is wrong with the fund's reason for withdrawing, at <c>reason</c>; null when it can be given.</summary>
    public static Problem? CheckWithdrawalReason(string? reason) => GrantLimits.CheckReason("reason", reason, "Enter why the fund is withdrawing the grant");

    /// <summary>The fund withdraws the grant, with the reason the group will read; refused without one.</summary>
    public void Withdraw(DateTimeOffset now, string actor, string reason)
    {
        var clean = FreeText.Clean(reason);
        if (clean.Length > 0 && CheckWithdrawalReason(clean) is { } problem) throw new DomainRuleException(problem.Message + ".");
        _lifecycle.Fire(_withdraw, clean, now, actor, clean);
    }

    /// <summary>
    /// Closes the grant once nothing is outstanding (<see cref="OutstandingAtClosing"/>): every report accepted,
    /// every payment released by <paramref name="now"/> paid, every change asked for decided. Records
    /// the final report, the money paid and any returned (from £0 to what was paid). A payment not yet released (one on
    /// a date still to come) is never made. A closed grant changes no more.
    /// </summary>
    public void Close(decimal returned, string? note, DateTimeOffset now, string actor)
    {
        _lifecycle.EnsureCan(GrantTrigger.Close, new GrantAsk("", now));
        if (CheckClosure(returned, note) is [var problem, ..]) throw new DomainRuleException($"The grant cannot be closed: {problem}.");
        _lifecycle.Fire(_close, now, now, actor);
        Closure = new GrantClosure(FinalReport?.Name ?? "", AmountPaid, returned, FreeText.Clean(note), now, actor);
    }

    /// <summary>
    /// What must happen before the grant can close, at <paramref name="now"/>, each in words after "it needs": a report
    /// not accepted, a payment released and not paid, a change not decided. Empty when it can close. Without a time,
    /// every payment on a date counts as released, so nothing is missed.
    /// </summary>
    public IReadOnlyList<string> OutstandingAtClosing(DateTimeOffset? now)
    {
        var at = now ?? DateTimeOffset.MaxValue;
        return
        [
            .. _reports.Where(report => report.State != ReportState.Accepted)
                .Select(report => $"the {report.Name} accepted (it is {GrantReport.Describe(report.State)}, due by {DecisionLetter.LongDate(report.DueOn)})"),
            .. _payments.Where(payment => !payment.IsPaid && IsReleased(payment, at))
                .Select(payment => $"payment {payment.Number} ({Money.Pounds(payment.Amount)}) paid: it was released {payment.Release.ReleaseInWords()}"),
            .. _changes.Where(change => change.Status == ChangeStatus.Asked)
                .Select(change => $"change {change.Number} agreed or refused: {FirstLower(change.Proposed.InWords())}"),
        ];
    }

    /// <summary>What is wrong with a closure's figures, at <c>returned</c> and <c>note</c>; empty when it can be recorded.</summary>
    public IReadOnlyList<Problem> CheckClosure(decimal returned, string? note)
    {
        var problems = new List<Problem>();
        if (returned < 0 || returned > AmountPaid)
            problems.Add(new Problem("returned", $"The money returned must be from £0 to {Money.Pounds(AmountPaid)}, the money paid"));
        else if (!Money.HasAtMostTwoDecimals(returned))
            problems.Add(new Problem("returned", "The money returned must be in pounds and pence, like 150 or 150.50"));
        if (FreeText.Check("note", "The note", FreeText.Clean(note), TextLimit.Note) is { } tooLong) problems.Add(tooLong);
        return problems;
    }

    /// <summary>
    /// Whether a trigger can fire now, and if not, each reason in words; <paramref name="reason"/> is for Withdraw,
    /// <paramref name="now"/> for Close (see <see cref="OutstandingAtClosing"/>).
    /// </summary>
    public IReadOnlyList<string> WhyNot(GrantTrigger trigger, string? reason = null, DateTimeOffset? now = null) =>
        _lifecycle.WhyNot(trigger, new GrantAsk(FreeText.Clean(reason), now));

    /// <summary>The triggers the grant's state takes, allowed now or not: the buttons a page shows.</summary>
    public IReadOnlyList<GrantTrigger> TriggersFromHere() => _lifecycle.TriggersFromHere();

    // ---- Bank details ----

    /// <summary>
    /// How long the emailed link that confirms a change of bank details works: long enough to reach an inbox and be
    /// opened the same day, short enough that a link found later in a mailbox is no use.
    /// </summary>
    public static TimeSpan BankChangeLinkLifetime { get; } = TimeSpan.FromHours(24);

    /// <summary>
    /// The group asks to change the bank details. Nothing changes until the change is confirmed by the email link,
    /// whose secret's hash is <paramref name="linkHash"/> (<see cref="ConfirmBankChange"/>); meanwhile it is flagged to
    /// the fund manager. A second request replaces the first, and the first one's link no longer works. Refused
    /// unless the grant is accepted or active, or when the details are the ones payments already go to.
    /// </summary>
    public void AskToChangeBank(BankDetails details, string linkHash, DateTimeOffset now, string actor)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (string.IsNullOrWhiteSpace(linkHash)) throw new ArgumentException("A change of bank details needs the hash of its link's secret.", nameof(linkHash));
        if (WhyBankCannotChange() is { } why) throw new DomainRuleException(why);
        if (details == Bank)
            throw new DomainRuleException("The bank details cannot be changed: these are the details payments already go to.");
        PendingBankChange = new PendingBankChange(details, now, actor, linkHash);
        _bankEvents.Add(new BankEvent(now, actor, BankEventKind.ChangeAsked, details.Masked));
    }

    /// <summary>Why the group cannot ask to change the bank details now, in words; null while the grant is accepted or active.</summary>
    public string? WhyBankCannotChange() =>
        State is GrantState.Accepted or GrantState.Active ? null : $"The bank details cannot be changed: the grant is {Describe(State)}.";

    /// <summary>
    /// Why the link whose secret hashes to <paramref name="linkHash"/> cannot confirm a change of bank details at
    /// <paramref name="now"/>, in words; null when it can: no change is waiting, the link is not the latest request's,
    /// or it has expired (<see cref="BankChangeLinkLifetime"/>).
    /// </summary>
    public string? WhyNotConfirmBankChange(string? linkHash, DateTimeOffset now)
    {
        if (WhyBankCannotChange() is { } why) return why;
        if (PendingBankChange is not { } pending) return "There is no change of bank details waiting to be confirmed.";
        if (!SameHash(pending.LinkHash, linkHash))
            return "This link is not for the change of bank details now waiting: a newer request may have replaced it. Use the link in the latest email.";
        if (now >= pending.LinkExpiresAt)
            return $"This link has expired: it worked for {BankChangeLinkLifetime.TotalHours:0} hours after the change was asked for. Ask to change the bank details again.";
        return null;
    }

    /// <summary>
    /// The change is confirmed by the link sent to the group: the new details replace the old, and stay flagged until
    /// the fund manager checks them (<see cref="CheckBankChange"/>). Refused, changing nothing, for a reason
    /// <see cref="WhyNotConfirmBankChange"/> gives.
    /// </summary>
    public void ConfirmBankChange(string? linkHash, DateTimeOffset now, string actor)
    {
        if (WhyNotConfirmBankChange(linkHash, now) is { } why) throw new DomainRuleException(why);
        var pending = PendingBankChange!;
        (Bank, PendingBankChange, BankChangeUncheckedSince) = (pending.Details, null, now);
        _bankEvents.Add(new BankEvent(now, actor, BankEventKind.ChangeConfirmed, pending.Details.Masked));
    }

    /// <summary>
    /// The fund manager has checked a confirmed change of bank details (by phoning the group, say): payments are due
    /// again. Refused when there is none to check, or the grant is no longer accepted or active.
    /// </summary>
    public void CheckBankChange(DateTimeOffset now, string actor)
    {
        if (State is not (GrantState.Accepted or GrantState.Active)) throw new DomainRuleException($"The bank details cannot be checked: the grant is {Describe(State)}.");
        if (BankChangeUncheckedSince is null || Bank is null) throw new DomainRuleException("There is no change of bank details to check.");
        BankChangeUncheckedSince = null;
        _bankEvents.Add(new BankEvent(now, actor, BankEventKind.ChangeChecked, Bank.Masked));
    }

    /// <summary>
    /// The changes of bank details the fund manager must check before paying, oldest first: the one confirmed and not
    /// yet checked, and the one waiting for its link, each with who and when and the account before and after (masked).
    /// </summary>
    public IReadOnlyList<BankChangeFlag> BankChangesToCheck
    {
        get
        {
            var flags = new List<BankChangeFlag>();
            if (BankChangeUncheckedSince is not null && _bankEvents.FindLastIndex(e => e.Kind == BankEventKind.ChangeConfirmed) is var confirmedAt and >= 0)
            {
                var confirmed = _bankEvents[confirmedAt];
                var asked = _bankEvents.Take(confirmedAt).LastOrDefault(e => e.Kind == BankEventKind.ChangeAsked);
                var before = _bankEvents.Take(confirmedAt).LastOrDefault(e => e.Kind is BankEventKind.Given or BankEventKind.ChangeConfirmed);
                flags.Add(new BankChangeFlag(true, asked?.Actor ?? confirmed.Actor, asked?.At ?? confirmed.At, confirmed.Actor, confirmed.At,
                    before?.MaskedAccount ?? "", confirmed.MaskedAccount));
            }
            if (PendingBankChange is { } pending)
                flags.Add(new BankChangeFlag(false, pending.AskedBy, pending.AskedAt, null, null, Bank?.Masked ?? "", pending.Details.Masked));
            return flags;
        }
    }

    private static bool SameHash(string stored, string? given) =>
        stored.Length > 0 && given is not null && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(stored), System.Text.Encoding.UTF8.GetBytes(given));

    // ---- Payments ----

    /// <summary>
    /// Whether <paramref name="payment"/>'s release rule is met at <paramref name="now"/>: on acceptance, once the
    /// group has accepted; on a date, from the start of that day (UK); on a report, once that report is accepted.
    /// Never for an offer not accepted, declined or withdrawn.
    /// </summary>
    public bool IsReleased(Payment payment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(payment);
        if (State is not (GrantState.Accepted or GrantState.Active or GrantState.Closed)) return false;
        return payment.Release.Rule switch
        {
            ReleaseRule.OnAcceptance => true,
            ReleaseRule.OnDate => now >= UkCalendar.StartOf(payment.Release.On ?? DateOnly.MaxValue),
            _ => _reports.Any(report => report.Name == payment.Release.ReportName && report.State == ReportState.Accepted),
        };
    }

    /// <summary>
    /// The payments due at <paramref name="now"/>: released and not paid, while the grant is active and its bank
    /// details are not flagged as changed and unchecked. What the finance view lists and the bank file holds.
    /// </summary>
    public IReadOnlyList<Payment> PaymentsDue(DateTimeOffset now) =>
        State != GrantState.Active || BankChangeUncheckedSince is not null
            ? []
            : [.. _payments.Where(payment => !payment.IsPaid && IsReleased(payment, now))];

    /// <summary>Why payment <paramref name="number"/> cannot be marked paid at <paramref name="now"/>, in words; null when it can.</summary>
    public string? WhyPaymentNotDue(int number, DateTimeOffset now)
    {
        if (PaymentNumbered(number) is not { } payment) return $"The grant has no payment {number}";
        if (payment.IsPaid) return $"Payment {number} was paid on {DecisionLetter.LongDate(payment.PaidOn!.Value)}";
        if (State != GrantState.Active) return $"Payments can be made only while the grant is active; it is {Describe(State)}";
        if (BankChangeUncheckedSince is { } since) return $"The bank details changed on {DecisionLetter.LongDate(UkCalendar.DateOf(since))} and the change has not been checked yet";
        if (!IsReleased(payment, now)) return $"Payment {number} is released {payment.Release.ReleaseInWords()}, which has not happened yet";
        return null;
    }

    /// <summary>
    /// Records a payment as paid: the day the money left (not in the future, not before acceptance), the bank's
    /// reference, who recorded it and when. Refused, changing nothing, unless it is due (<see cref="WhyPaymentNotDue"/>).
    /// </summary>
    public void MarkPaid(int number, DateOnly paidOn, string reference, DateTimeOffset now, string actor)
    {
        if (WhyPaymentNotDue(number, now) is { } why) throw new DomainRuleException($"The payment cannot be marked paid: {FirstLower(why)}.");
        if (CheckPaid(paidOn, reference, now) is [var problem, ..]) throw new DomainRuleException(problem.Message + ".");
        PaymentNumbered(number)!.RecordPaid(paidOn, FreeText.CleanLine(reference), now, actor);
    }

    /// <summary>
    /// What is wrong with recording a payment as paid on <paramref name="paidOn"/> with <paramref name="reference"/>,
    /// at <c>paidOn</c> and <c>reference</c>: the day not in the future nor before acceptance, the reference given
    /// and within <see cref="GrantLimits.PaymentReference"/>. Empty when it can be recorded.
    /// </summary>
    public IReadOnlyList<Problem> CheckPaid(DateOnly paidOn, string? reference, DateTimeOffset now)
    {
        var problems = new List<Problem>();
        if (paidOn > UkCalendar.DateOf(now)) problems.Add(new Problem("paidOn", "The day paid must be today or in the past"));
        else if (paidOn < AcceptedOn) problems.Add(new Problem("paidOn", "The day paid must be on or after the day the grant was accepted"));
        var clean = FreeText.CleanLine(reference);
        if (clean.Length == 0) problems.Add(new Problem("reference", "Enter the bank's reference for the payment"));
        else if (FreeText.Check("reference", "The reference", clean, GrantLimits.PaymentReference) is { } tooLong) problems.Add(tooLong);
        return problems;
    }

    /// <summary>
    /// The reference the bank's payments file gives payment <paramref name="number"/>, which the group sees on its
    /// statement: the grant's reference in capital letters and digits only, ending "P" and the payment's number,
    /// cut from the front to fit <see cref="GrantLimits.PaymentReference"/> (Bacs takes 18 characters), so the
    /// end that tells grants apart is kept: "CWMH2027R10001P1".
    /// </summary>
    public string BankReference(int number)
    {
        var kept = new string([.. Reference.Where(char.IsAsciiLetterOrDigit)]).ToUpperInvariant();
        var suffix = $"P{number}";
        var room = GrantLimits.PaymentReference.Characters - suffix.Length;
        return (kept.Length > room ? kept[^room..] : kept) + suffix;
    }

    // ---- Reports ----

    /// <summary>The final report; null until accepted.</summary>
    public GrantReport? FinalReport => _reports.FirstOrDefault(report => report.IsFinal);

    /// <summary>Reports overdue at <paramref name="now"/> on an active grant: for the fund manager's page.</summary>
    public IReadOnlyList<GrantReport> OverdueReports(DateTimeOffset now) =>
        State == GrantState.Active ? [.. _reports.Where(report => report.IsOverdue(now))] : [];

    /// <summary>Saves report <paramref name="number"/> as a draft, complete or not; refused only for text over its character limit.</summary>
    public void SaveReport(int number, ReportContent content, DateTimeOffset now, string actor)
    {
        ArgumentNullException.ThrowIfNull(content);
        ReportToWrite(number).SaveDraft(content, now, actor);
    }

    /// <summary>Sends report <paramref name="number"/> to the fund; refused, keeping the draft, while <see cref="GrantReport.Check"/> finds a problem.</summary>
    public void SendReport(int number, ReportContent content, DateTimeOffset now, string actor)
    {
        ArgumentNullException.ThrowIfNull(content);
        ReportToWrite(number).Send(content, _outcomes, _budget, now, actor);
    }

    /// <summary>The fund manager sends report <paramref name="number"/> back, asking for more, with the reason the group reads.</summary>
    public void AskForMore(int number, string reason, DateTimeOffset now, string actor) => ReportToWrite(number).AskForMore(reason, now, actor);

    /// <summary>The fund manager accepts report <paramref name="number"/>; returns the payments its acceptance released.</summary>
    public IReadOnlyList<Payment> AcceptReport(int number, DateTimeOffset now, string actor)
    {
        var report = ReportToWrite(number);
        var before = _payments.Where(payment => IsReleased(payment, now)).ToList();
        report.Accept(now, actor);
        return [.. _payments.Where(payment => IsReleased(payment, now)).Except(before)];
    }

    /// <summary>
    /// The reminders due at <paramref name="now"/> for this grant's reports, leaving out those in
    /// <paramref name="alreadySent"/>: each goes exactly once (<see cref="ReportReminders"/>). None unless active.
    /// </summary>
    public IReadOnlyList<ReportReminder> RemindersDue(DateTimeOffset now, IReadOnlyCollection<ReminderKey> alreadySent)
    {
        ArgumentNullException.ThrowIfNull(alreadySent);
        if (State != GrantState.Active) return [];
        var due = new List<ReportReminder>();
        foreach (var report in _reports)
        {
            var sent = alreadySent.Where(key => key.GrantId == Id && key.ReportNumber == report.Number).Select(key => key.Kind).ToList();
            if (ReportReminders.DueFor(report.DueAt, Terms.ReminderDaysBefore, report.HasBeenSent, now, sent) is { } kind)
                due.Add(new ReportReminder(new ReminderKey(Id, report.Number, kind), report.Name, report.DueOn));
        }
        return due;
    }

    // ---- Changes ----

    /// <summary>
    /// Everything wrong with asking for <paramref name="proposed"/> with <paramref name="reason"/>, at <c>reason</c>
    /// and the change's own fields; empty when it can be asked.
    /// </summary>
    public IReadOnlyList<Problem> CheckChange(ProposedChange proposed, string? reason)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        var problems = new List<Problem>();
        if (GrantLimits.CheckReason("reason", reason, "Say why you are asking for the change") is { } why) problems.Add(why);
        switch (proposed)
        {
            case ProjectDatesChange dates when dates.End < dates.Start:
                problems.Add(new Problem("end", "The end date must be the same as or after the start date"));
                break;
            case ReportDueChange due when _reports.FirstOrDefault(report => report.Number == due.ReportNumber) is not { } report:
                problems.Add(new Problem("reportNumber", "Choose one of the grant's reports"));
                break;
            case ReportDueChange due when _reports.Single(report => report.Number == due.ReportNumber).HasBeenSent:
                problems.Add(new Problem("reportNumber", "That report has been sent, so its due date cannot change"));
                break;
            case ReportDueChange due when due.DueOn < AcceptedOn:
                problems.Add(new Problem("dueOn", "The new due date must be on or after the day the grant was accepted"));
                break;
            case BudgetChange budget:
                problems.AddRange(CheckBudget(budget.Lines));
                break;
            case OutcomesChange outcomes:
                problems.AddRange(GrantLimits.CheckOutcomes("outcomes", outcomes.Outcomes ?? []));
                break;
        }
        return problems;
    }

    /// <summary>The group asks for a change during the grant, with its reason; refused unless the grant is active and <see cref="CheckChange"/> finds nothing.</summary>
    public ChangeRequest AskForChange(ProposedChange proposed, string reason, DateTimeOffset now, string actor)
    {
        if (State != GrantState.Active) throw new DomainRuleException($"A change cannot be asked for: the grant is {Describe(State)}.");
        if (CheckChange(proposed, reason) is { Count: > 0 } problems) throw new DomainRuleException($"The change cannot be asked for: {string.Join("; ", problems)}.");
        var kept = proposed switch
        {
            BudgetChange budget => new BudgetChange([.. budget.Lines.Select(line => line with { Item = FreeText.CleanLine(line.Item) })]),
            OutcomesChange outcomes => new OutcomesChange(GrantLimits.Cleaned(outcomes.Outcomes)),
            _ => proposed,
        };
        var change = new ChangeRequest(_changes.Count + 1, kept, FreeText.Clean(reason), now, actor);
        _changes.Add(change);
        return change;
    }

    /// <summary>The fund manager agrees change <paramref name="number"/>, with a reason if they give one: the grant changes as asked.</summary>
    public void AgreeChange(int number, string? reason, DateTimeOffset now, string actor)
    {
        var change = ChangeToDecide(number, reason, required: false);
        // Checked again: the grant may have moved on since it was asked (the report sent, say).
        if (CheckChange(change.Proposed, change.Reason) is [var problem, ..]) throw new DomainRuleException($"The change can no longer be made: {problem}.");
        switch (change.Proposed)
        {
            case ProjectDatesChange dates: (StartDate, EndDate) = (dates.Start, dates.End); break;
            case ReportDueChange due: _reports.Single(report => report.Number == due.ReportNumber).MoveDueDate(due.DueOn); break;
            case BudgetChange budget: _budget.Clear(); _budget.AddRange(budget.Lines); break;
            case OutcomesChange outcomes: _outcomes.Clear(); _outcomes.AddRange(outcomes.Outcomes); break;
        }
        change.Decide(agreed: true, NullIfBlank(reason), now, actor);
    }

    /// <summary>The fund manager refuses change <paramref name="number"/>, with the reason the group reads; the grant does not change.</summary>
    public void RefuseChange(int number, string reason, DateTimeOffset now, string actor) =>
        ChangeToDecide(number, reason, required: true).Decide(agreed: false, FreeText.Clean(reason), now, actor);

    // ---- Describing ----

    /// <summary>The lifecycle as a Mermaid state diagram, drawn from the machine itself.</summary>
    public static string StateDiagram() => new Grant()._lifecycle.Diagram();

    /// <summary>The state in words, as it ends "it is …" in a refusal.</summary>
    public static string Describe(GrantState state) => state switch
    {
        GrantState.Offered => "offered and not yet accepted",
        GrantState.Accepted => "accepted and waiting for the fund to check the acceptance",
        GrantState.DeclinedByGroup => "declined by the group",
        GrantState.Active => "active",
        GrantState.Closed => "closed",
        _ => "withdrawn by the fund",
    };

    public static string Verb(GrantTrigger trigger) => trigger switch
    {
        GrantTrigger.Accept => "be accepted",
        GrantTrigger.Decline => "be declined",
        GrantTrigger.Activate => "be started",
        GrantTrigger.Close => "be closed",
        _ => "be withdrawn",
    };

    private static GrantAsk Ask() => new("", null);

    private Payment? PaymentNumbered(int number) => _payments.FirstOrDefault(payment => payment.Number == number);

    private GrantReport ReportToWrite(int number)
    {
        var report = _reports.FirstOrDefault(report => report.Number == number)
            ?? throw new DomainRuleException($"The grant has no report {number}.");
        if (State != GrantState.Active) throw new DomainRuleException($"The report cannot change: the grant is {Describe(State)}.");
        return report;
    }

    private ChangeRequest ChangeToDecide(int number, string? reason, bool required)
    {
        var change = _changes.FirstOrDefault(change => change.Number == number)
            ?? throw new DomainRuleException($"The grant has no change {number}.");
        if (change.Status != ChangeStatus.Asked) throw new DomainRuleException($"Change {number} has been decided already.");
        if (State != GrantState.Active) throw new DomainRuleException($"The change cannot be decided: the grant is {Describe(State)}.");
        var clean = FreeText.Clean(reason);
        if ((required || clean.Length > 0) && GrantLimits.CheckReason("reason", clean, "Enter the reason the group will read") is { } problem)
            throw new DomainRuleException(problem.Message + ".");
        return change;
    }

    private IEnumerable<Problem> CheckBudget(IReadOnlyList<BudgetLine> lines)
    {
        if (lines is not { Count: > 0 }) { yield return new Problem("budget", "Enter at least one budget line"); yield break; }
        if (lines.Count > AnswerLimits.BudgetLines) yield return new Problem("budget", $"A budget can have up to {AnswerLimits.BudgetLines} lines");
        for (var index = 0; index < lines.Count; index++)
        {
            var at = Location.Item("budget", index);
            var item = FreeText.CleanLine(lines[index].Item);
            if (item.Length == 0) yield return new Problem(Location.Field(at, "item"), $"Enter what line {index + 1} of the budget is for");
            else if (FreeText.Check(Location.Field(at, "item"), $"What line {index + 1} of the budget is for", item, AnswerLimits.BudgetItem) is { } tooLong) yield return tooLong;
            if (lines[index].Cost < 0 || lines[index].Cost > MoneyLimits.Largest) yield return new Problem(Location.Field(at, "cost"), $"The cost of line {index + 1} must be from £0 to {MoneyLimits.LargestInWords}");
            else if (!Money.HasAtMostTwoDecimals(lines[index].Cost)) yield return new Problem(Location.Field(at, "cost"), $"The cost of line {index + 1} must be in pounds and pence");
        }
        var (now, was) = (MoneyLimits.SafeSum(lines.Select(line => line.Cost)), MoneyLimits.SafeSum(_budget.Select(line => line.Cost)));
        if (now != was) yield return new Problem("budget", $"The lines must add up to {Money.Pounds(was)}, as the budget does now (they add up to {Money.Pounds(now)}): a change moves money between lines");
    }

    private static string? NullIfBlank(string? text) => FreeText.Clean(text) is { Length: > 0 } clean ? clean : null;

    private static string FirstLower(string text) => char.ToLowerInvariant(text[0]) + text[1..];

    private void Configure()
    {
        _lifecycle.Configure(GrantState.Offered)
            .Permit(GrantTrigger.Accept, GrantState.Accepted)
            .Permit(GrantTrigger.Decline, GrantState.DeclinedByGroup)
            .PermitIf(_withdraw.Trigger, GrantState.Withdrawn, HasReason, WithdrawNeeds);
        _lifecycle.Configure(GrantState.Accepted)
            .PermitIf(GrantTrigger.Activate, GrantState.Active, () => PendingBankChange is null, "no change of bank details waiting for its email link")
            .PermitIf(_withdraw.Trigger, GrantState.Withdrawn, HasReason, WithdrawNeeds);
        _lifecycle.Configure(GrantState.Active)
            .PermitIf(_close.Trigger, GrantState.Closed, now => OutstandingAtClosing(now).Count == 0,
                "every report accepted, every payment released paid and every change asked for decided")
            .PermitIf(_withdraw.Trigger, GrantState.Withdrawn, HasReason, WithdrawNeeds);
        _lifecycle.Configure(GrantState.DeclinedByGroup);
        _lifecycle.Configure(GrantState.Closed);
        _lifecycle.Configure(GrantState.Withdrawn);
    }

    private const string WithdrawNeeds = "a reason for withdrawing";

    private static bool HasReason(string reason) => !string.IsNullOrWhiteSpace(reason);
}
