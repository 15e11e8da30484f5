namespace FairFund.Domain.Grants;

/// <summary>
/// A payment of the grant: one instalment of the round's schedule, its amount to the penny and its release rule,
/// and, once paid, the day, the bank's reference and who recorded it when. Changed only by <see cref="Grant.MarkPaid"/>.
/// </summary>
public sealed class Payment
{
    private Payment() { }

    internal Payment(int number, decimal amount, Instalment release) => (Number, Amount, Release) = (number, amount, release);

    /// <summary>Its place in the schedule, from 1.</summary>
    public int Number { get; private set; }

    /// <summary>The amount, exact to the penny; the grant's payments add up to the grant.</summary>
    public decimal Amount { get; private set; }

    /// <summary>The instalment it comes from: its percentage and when it is released.</summary>
    public Instalment Release { get; private set; } = null!;

    /// <summary>The day the money left the fund's account; null until paid.</summary>
    public DateOnly? PaidOn { get; private set; }

    /// <summary>The bank's reference for the payment; null until paid.</summary>
    public string? Reference { get; private set; }

    /// <summary>Who recorded it as paid; null until then.</summary>
    public string? PaidBy { get; private set; }

    /// <summary>When it was recorded as paid; null until then.</summary>
    public DateTimeOffset? RecordedAt { get; private set; }

    public bool IsPaid => PaidOn is not null;

    internal void RecordPaid(DateOnly paidOn, string reference, DateTimeOffset now, string actor) =>
        (PaidOn, Reference, PaidBy, RecordedAt) = (paidOn, reference, actor, now);
}
