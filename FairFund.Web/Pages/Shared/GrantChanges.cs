using FairFund.Domain.Applications;
using FairFund.Domain.Grants;
using FairFund.Domain.Scoring;

namespace FairFund.Web.Pages.Shared;

/// <summary>One change asked for during a grant, as the agreement lists it: what, why, who asked and when, and the decision with who, when and why.</summary>
public sealed record GrantChangeRow(int Number, string What, string Reason, string AskedBy, string AskedAt, ChangeStatus Status, string? DecisionReason, string? DecidedBy, string? DecidedAt);

/// <summary>
/// Every change asked for during a grant, for the <c>_GrantChanges</c> partial, which the group's and the fund's
/// agreement pages both show; with the round and grant references on the fund's page, each waiting change links to
/// where it is decided. What closing recorded, once closed.
/// </summary>
public sealed record GrantChanges(IReadOnlyList<GrantChangeRow> Rows, string? Closure, string? FundRound = null, string? FundGrant = null)
{
    public static GrantChanges Of(Grant grant, string? fundRound = null)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return new GrantChanges(
            [.. grant.Changes.Select(change => new GrantChangeRow(change.Number, change.Proposed.InWords(), change.Reason, change.AskedBy, UkTime.Format(change.AskedAt),
                change.Status, change.DecisionReason, change.DecidedBy, change.DecidedAt is { } at ? UkTime.Format(at) : null))],
            grant.Closure is { } closure
                ? $"Closed at {UkTime.Format(closure.At)} (UK time) by {closure.By}, after the {closure.FinalReport}: {Money.Pounds(closure.Paid)} paid, {Money.Pounds(closure.Returned)} returned."
                  + (closure.Note.Length > 0 ? $" {closure.Note}" : "")
                : null,
            fundRound,
            fundRound is null ? null : grant.Reference);
    }

    /// <summary>The decision in words, as the list shows it.</summary>
    public static string Words(ChangeStatus status) => status switch
    {
        ChangeStatus.Asked => "Waiting for the fund's decision",
        ChangeStatus.Agreed => "Agreed",
        _ => "Refused",
    };
}
