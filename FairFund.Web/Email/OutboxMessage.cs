namespace FairFund.Web.Email;

/// <summary>What an email is for; the fund manager's mail page and the "once only" keys are told apart by it.</summary>
public enum MailKind
{
    ConfirmEmail,
    AlreadyRegistered,
    PasswordReset,
    PanelInvite,
    ApplicationReceived,
    Award,
    Waitlist,
    Decline,
    ReportReminder,
    ReportOverdue,
    PanelAssigned,
    ScoringReminder,
    Ineligible,
    DeadlineExtended,
    DeadlineReminder,
    FundMessage,
    InformationRequest,
    BankChangeConfirm,
}

/// <summary>
/// One email waiting to go, or gone. It is written in the same database transaction as the change that
/// causes it, so a change is never saved without its email nor an email sent for a change that was not saved.
/// The whole message (headers, HTML and plain-text parts) is kept as MIME text with a fixed Message-Id, so
/// a resend after a crash is the same message, byte for byte, and the recipient's mail program can tell.
/// </summary>
public sealed class OutboxMessage
{
    private OutboxMessage()
    {
    }

    public OutboxMessage(Guid id, string messageId, MailKind kind, string to, string subject, string mime, string? relatedReference, string? dedupKey, DateTimeOffset now)
    {
        Id = id;
        MessageId = messageId;
        Kind = kind;
        To = to;
        Subject = subject;
        Mime = mime;
        RelatedReference = relatedReference;
        DedupKey = dedupKey;
        CreatedAt = now;
        NextAttemptAt = now;
    }

    public Guid Id { get; private set; }

    /// <summary>The Message-Id header, without its angle brackets, as MimeKit gives it.</summary>
    public string MessageId { get; private set; } = "";

    public MailKind Kind { get; private set; }

    public string To { get; private set; } = "";

    public string Subject { get; private set; } = "";

    public string Mime { get; private set; } = "";

    /// <summary>What the email is about, such as an application's reference, so it can be found from there.</summary>
    public string? RelatedReference { get; private set; }

    /// <summary>Set for an email that must be queued once only (one decision per application); unique when set.</summary>
    public string? DedupKey { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Tries made so far, counted when a try starts, so a crash mid-send still counts as one.</summary>
    public int Attempts { get; private set; }

    /// <summary>When the next try is due; while a try is under way, when it may be made again if that one never finishes.</summary>
    public DateTimeOffset NextAttemptAt { get; private set; }

    public DateTimeOffset? LastAttemptAt { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>When the mail server accepted the message.</summary>
    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>When the last allowed try failed; the dispatcher leaves the message alone until someone asks to try again.</summary>
    public DateTimeOffset? FailedAt { get; private set; }

    public bool IsPending => SentAt is null && FailedAt is null;

    /// <summary>
    /// The fund manager's "Try again": the message is due now with a fresh count of tries. The last error is
    /// kept until a try replaces it, so the page can still say what went wrong.
    /// </summary>
    public void TryAgain(DateTimeOffset now)
    {
        if (FailedAt is null) throw new InvalidOperationException("Only a message that failed can be tried again.");
        FailedAt = null;
        Attempts = 0;
        NextAttemptAt = now;
    }
}
