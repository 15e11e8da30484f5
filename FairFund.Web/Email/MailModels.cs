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
/// Tells a panel member they have been given applications to score: one email for each batch of assignments (all
/// those made by one press of a button), never one per application, with the scoring deadline when there is one.
/// </summary>
/// <param name="Deadline">The scoring deadline in UK time as GOV.UK writes it, or null when none is set.</param>
public sealed record PanelAssignedMail(string? Name, string RoundName, int Count, string? Deadline, string RoundLink) : IMailModel
{
    public MailKind Kind => MailKind.PanelAssigned;
    public string Subject => Count == 1 ? $"You have 1 application to score for {RoundName}" : $"You have {Count} applications to score for {RoundName}";
}

/// <summary>A panel member's reminder, before the scoring deadline, of the applications they have still to score.</summary>
/// <param name="Deadline">The scoring deadline in UK time as GOV.UK writes it.</param>
public sealed record ScoringReminderMail(string? Name, string RoundName, int StillToDo, string Deadline, string RoundLink) : IMailModel
{
    public MailKind Kind => MailKind.ScoringReminder;
    public string Subject => $"Reminder: scores for {RoundName} are due by {Deadline}";
}

/// <summary>
/// Tells a group its application was found not eligible, when the fund chose to tell such groups as screening
/// finishes rather than with the decisions: the reason the fund gave, and where to read it again.
/// </summary>
public sealed record IneligibleMail(string? Name, string GroupName, string RoundName, string Reference, string Reason, string StatusLink) : IMailModel
{
    public MailKind Kind => MailKind.Ineligible;
    public string Subject => $"Your application {Reference} cannot be considered in this round";
}

/// <summary>The round's closing time has moved later: sent once to each group with an unsent draft, with the reason.</summary>
/// <param name="Deadline">The group's deadline now, in UK time as GOV.UK writes it.</param>
public sealed record DeadlineExtendedMail(string? Name, string GroupName, string RoundName, string Reference, string Deadline, string Reason, string TaskListLink) : IMailModel
{
    public MailKind Kind => MailKind.DeadlineExtended;
    public string Subject => $"More time to send your application to {RoundName}";
}

/// <summary>A group's draft is not sent and its deadline is near: sent once, a set number of hours before it.</summary>
public sealed record DeadlineReminderMail(string? Name, string GroupName, string RoundName, string Reference, string Deadline, string TimeLeft, string TaskListLink) : IMailModel
{
    public MailKind Kind => MailKind.DeadlineReminder;
    public string Subject => $"Your application {Reference} is not sent yet: send it by {Deadline}";
}

/// <summary>
/// A message the fund manager wrote, to a group or to the panel: the words as typed, one paragraph for each block of
/// lines; replies go to the funder's reply-to address, as every email's do.
/// </summary>
/// <param name="About">What the message is about, for the opening line: "your application CW-…-0001" or "the panel for …".</param>
public sealed record FundMessageMail(string? Name, string Heading, string About, string Body, string Link, string LinkText) : IMailModel
{
    public MailKind Kind => MailKind.FundMessage;
    public string Subject => Heading;

    /// <summary>The message's paragraphs: blocks of lines split at blank lines.</summary>
    public IReadOnlyList<string> Paragraphs => [.. System.Text.RegularExpressions.Regex.Split(Body.Replace("\r\n", "\n", StringComparison.Ordinal), "\n\\s*\n")
        .Select(paragraph => paragraph.Trim()).Where(paragraph => paragraph.Length > 0)];
}

/// <summary>The fund asks a group for more information while it checks the application; the group answers on its status page.</summary>
public sealed record InformationRequestMail(string? Name, string Reference, string Question, string StatusLink) : IMailModel
{
    public MailKind Kind => MailKind.InformationRequest;
    public string Subject => $"We need more information about your application {Reference}";
}

/// The link that confirms a change of a grant's bank details, sent to the person who sent the application (the
/// address the fund already holds), never to an address the request gives. The accounts only masked.
/// </summary>
public sealed record BankChangeConfirmMail(string? Name, string GroupName, string Reference, string AskedBy, string AskedAt, string MaskedOld, string MaskedNew,
    string ConfirmLink, string LinkLifetime) : IMailModel
{
    public MailKind Kind => MailKind.BankChangeConfirm;
    public string Subject => $"Confirm the new bank details for grant {Reference}";
}
