using FairFund.Domain.Auditing;
using FairFund.Domain.Rounds;

namespace FairFund.Domain.Reviews;

/// <summary>
/// A person's seat on one round's panel (docs/panel.md). The fund manager invites an email address; the
/// invite link carries a secret whose SHA-256 is kept here (never the secret itself), and whoever opens
/// it signs in or creates an account with that address and joins. Reviews name the member by
/// <see cref="UserName"/>, the account's user name, which is its email address.
/// </summary>
public sealed class PanelMember
{
    private PanelMember()
    {
    }

    public PanelMember(Guid id, Guid roundId, string email, string inviteTokenHash, DateTimeOffset invitedAt, string invitedBy)
    {
        if (string.IsNullOrWhiteSpace(email)) throw new ArgumentException("An invite needs an email address.", nameof(email));
        if (string.IsNullOrWhiteSpace(inviteTokenHash)) throw new ArgumentException("An invite needs its token's hash.", nameof(inviteTokenHash));
        if (string.IsNullOrWhiteSpace(invitedBy)) throw new ArgumentException("An invite needs the person who sent it.", nameof(invitedBy));
        Id = id;
        RoundId = roundId;
        Email = NormaliseEmail(email);
        InviteTokenHash = inviteTokenHash;
        InvitedAt = invitedAt;
        InvitedBy = invitedBy;
    }

    public Guid Id { get; private set; }
    public Guid RoundId { get; private set; }

    /// <summary>The address the invite was sent to, in lower case so one address has one seat; only an account with this address can accept it.</summary>
    public string Email { get; private set; } = "";

    public string InviteTokenHash { get; private set; } = "";
    public DateTimeOffset InvitedAt { get; private set; }
    public string InvitedBy { get; private set; } = "";

    /// <summary>The account that accepted the invite, or null while it is waiting.</summary>
    public string? UserName { get; private set; }

    public DateTimeOffset? JoinedAt { get; private set; }

    public bool HasJoined => UserName is not null;

    /// <summary>How addresses are compared: trimmed and in lower case, as people type them either way.</summary>
    public static string NormaliseEmail(string email) => email.Trim().ToLowerInvariant();

    /// <summary>Accepts the invite for the signed-in account; accepting twice with the same account changes nothing.</summary>
    /// <remarks>
    /// A round that no longer takes invites (<see cref="Round.WhyPanelInvitesAreClosed"/>, <paramref name="roundState"/>)
    /// no longer takes a seat from an old link either; a member who joined before still opens theirs.
    /// </remarks>
    public void Join(string userName, DateTimeOffset now, RoundState roundState)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        if (UserName is { } joined)
        {
            if (string.Equals(joined, userName, StringComparison.OrdinalIgnoreCase)) return;
            throw new DomainRuleException("This invite has already been accepted by another account.");
        }
        if (WhyItCannotBeAccepted(roundState) is { } closed) throw new DomainRuleException(closed);
        if (NormaliseEmail(userName) != Email)
            throw new DomainRuleException($"This invite was sent to {Email}. Sign in with that address to accept it.");
        (UserName, JoinedAt) = (userName.Trim(), now);
    }

    /// <summary>
    /// Why the invite can no longer be accepted, for a round in <paramref name="roundState"/>; null while it can, and
    /// always null once accepted (the member's link still signs them in).
    /// </summary>
    public string? WhyItCannotBeAccepted(RoundState roundState) =>
        UserName is null && Round.WhyPanelInvitesAreClosed(roundState) is not null
            ? $"This invite can no longer be accepted: the round is {Round.Describe(roundState)}."
            : null;

    /// <summary>Sends a fresh link, replacing the old one (which stops working), for an invite not yet accepted.</summary>
    public void Reissue(string inviteTokenHash, DateTimeOffset now, string invitedBy)
    {
        if (HasJoined) throw new DomainRuleException($"{Email} has already joined the panel.");
        ArgumentException.ThrowIfNullOrWhiteSpace(inviteTokenHash);
        (InviteTokenHash, InvitedAt, InvitedBy) = (inviteTokenHash, now, invitedBy);
    }
}
