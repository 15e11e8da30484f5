using FairFund.Domain.Forms;
using FairFund.Domain.Organisations;
using FairFund.Domain.Scoring;

namespace FairFund.Domain.Allocation;

/// <summary>
/// One application as the allocation sees it: who applied, how much they asked for, the
/// screener's verdict and the panel's reviews.
/// </summary>
public sealed record ApplicationEntry(
    string Reference,
    Organisation Organisation,
    decimal Requested,
    bool Eligible,
    string? IneligibleReason,
    IReadOnlyList<Review> Reviews)
{
    /// <summary>
    /// What the group answered, by question key: the answers that count on the round's form
    /// (<see cref="ApplicationForm.AnswersThatCount"/>). The allocation never reads them; the round file carries them
    /// so anyone re-running the round sees what was asked and answered. Empty in a file made without a form.
    /// </summary>
    public FormAnswers Answers { get; init; } = FormAnswers.Empty;
}
