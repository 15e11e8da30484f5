namespace FairFund.Domain.Reviews;

/// <summary>
/// The people an application is known to come from, by the email addresses they sign in or are reached with:
/// the accounts that act for its group, the account that sent it, and the contacts its group gave. Any of them
/// on the panel has a conflict of interest with it, whatever they declare: nobody scores their own group's
/// application (docs/panel.md, conflicts of interest). Addresses are compared trimmed and in lower case, as people type them either way.
/// </summary>
/// <param name="GroupMembers">The addresses of the accounts that act for the group.</param>
/// <param name="SentBy">The address of the account that sent the application; null while it is a draft.</param>
/// <param name="Contacts">The addresses of the group's contacts.</param>
public sealed record ApplicantPeople(IReadOnlyCollection<string> GroupMembers, string? SentBy, IReadOnlyCollection<string> Contacts)
{
    /// <summary>An application whose people are not known to include anyone: for reviews made outside a real group (seeded data).</summary>
    public static ApplicantPeople NoneKnown { get; } = new([], null, []);

    /// <summary>
    /// Why this panel member has a conflict of interest with the application, in a sentence, or null when nothing
    /// known ties them to it. A member can be tied more than one way; the closest tie is given.
    /// </summary>
    /// <param name="panelMember">The member's account name, which is their email address.</param>
    public string? ConflictOf(string? panelMember)
    {
        if (string.IsNullOrWhiteSpace(panelMember)) return null;
        var member = PanelMember.NormaliseEmail(panelMember);
        if (GroupMembers.Any(address => Same(address, member))) return $"{member} acts for the group that made this application";
        if (SentBy is { } sender && Same(sender, member)) return $"{member} sent this application";
        if (Contacts.Any(address => Same(address, member))) return $"{member} is one of the contacts of the group that made this application";
        return null;
    }

    private static bool Same(string? address, string member) =>
        !string.IsNullOrWhiteSpace(address) && PanelMember.NormaliseEmail(address) == member;
}
