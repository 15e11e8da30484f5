using FairFund.Domain.Auditing;

namespace FairFund.Domain.Applications;

/// <summary>
/// An application as its group may see it now (<see cref="Application.AsTheGroupSees"/>): while the round holds its
/// decisions back, a decided application reads as scored, with no decision and no decision in its history.
/// </summary>
/// <param name="State">The state the group is shown.</param>
/// <param name="Decision">The decision the group may read, or null while there is none or it is held.</param>
/// <param name="History">The changes the group may see, oldest first.</param>
public sealed record WhatTheGroupSees(ApplicationState State, DecisionNotice? Decision, IReadOnlyList<StateChange> History);
