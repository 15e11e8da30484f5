using FairFund.Domain.Allocation;
using FairFund.Domain.Applications;

namespace FairFund.Web.Email;

/// <summary>Who an email is from, as its frame shows them: the funder's name, postal address and reply-to address.</summary>
public sealed record MailSender(string Name, string Address, string ReplyTo);

/// <summary>The words a template needs, besides its sender: each model names its email's kind and subject.</summary>
public interface IMailModel
{
    MailKind Kind { get; }

    string Subject { get; }
}

public sealed record ConfirmEmailMail(string ConfirmLink, string ResendLink, string LinkLifetime) : IMailModel
{
    public MailKind Kind => MailKind.ConfirmEmail;
    public string Subject => "Confirm your email address for FairFund";
}

public sealed record AlreadyRegisteredMail(string SignInLink, string ForgotPasswordLink) : IMailModel
{
    public MailKind Kind => MailKind.AlreadyRegistered;
    public string Subject => "You already have a FairFund account";
}

public sealed record ResetPasswordMail(string ResetLink, string LinkLifetime) : IMailModel
{
    public MailKind Kind => MailKind.PasswordReset;
    public string Subject => "Reset your FairFund password";
}

public sealed record PanelInviteMail(string To, string RoundName, string RoundReference, string InvitedBy, string JoinLink) : IMailModel
{
    public MailKind Kind => MailKind.PanelInvite;
    public string Subject => $"You are invited to join the panel for {RoundName}";
}

/// <param name="SentAt">When the application reached us, in UK time as GOV.UK writes it.</param>
public sealed record ApplicationReceivedMail(string? Name, string GroupName, string RoundName, string Reference, string SentAt, string StatusLink) : IMailModel
{
    public MailKind Kind => MailKind.ApplicationReceived;
    public string Subject => $"We received your application {Reference}";
}

public static class Greeting
{
    /// <summary>"Hello Sam," when the person gave a name, otherwise "Hello,".</summary>
    public static string For(string? name) => string.IsNullOrWhiteSpace(name) ? "Hello," : $"Hello {name.Trim()},";
}

/// <summary>
/// A decision email: award, waiting list or decline, in the words of its <see cref="DecisionLetter"/>, which
/// the application's status page shows too.
/// </summary>
public sealed record DecisionMail(string? Name, string Reference, DecisionLetter Letter, string StatusLink) : IMailModel
{
    public MailKind Kind => Letter.Decision switch
    {
        Decision.Award => MailKind.Award,
        Decision.Waitlist => MailKind.Waitlist,
        _ => MailKind.Decline,
    };

    public string Subject => Letter.Decision switch
    {
        Decision.Award => $"Your application {Reference} is funded",
        Decision.Waitlist => $"Your application {Reference} is on the waiting list",
        _ => $"Your application {Reference} has not been funded",
    };
}

/// <summary>
/// A reminder about one of a grant's reports: a set number of days before it is due, or once it is overdue. Only the
/// report's name, its due day and a link: never the bank details or anything the report says.
/// </summary>
public sealed record ReportReminderMail(string? Name, string GroupName, string Reference, string ReportName, string DueOn, bool Overdue, string ReportLink) : IMailModel
{
    public MailKind Kind => Overdue ? MailKind.ReportOverdue : MailKind.ReportReminder;
    public string Subject => Overdue ? $"Your {ReportName} for grant {Reference} is overdue" : $"Your {ReportName} for grant {Reference} is due by {DueOn}";
}

/// <summary>
/// The link that confirms a change of a grant's bank details, sent to the person who sent the application (the
/// address the fund already holds), never to an address the request gives. The accounts only masked.
/// </summary>
public sealed record BankChangeConfirmMail(string? Name, string GroupName, string Reference, string AskedBy, string AskedAt, string MaskedOld, string MaskedNew,
    string ConfirmLink, string LinkLifetime) : IMailModel
{
    public MailKind Kind => MailKind.BankChangeConfirm;
    public string Subject => $"Confirm the new bank details for grant {Reference}";
}
